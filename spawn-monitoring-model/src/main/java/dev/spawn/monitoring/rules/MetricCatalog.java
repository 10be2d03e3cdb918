package dev.spawn.monitoring.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metrics spored serves (rule-definitions/metrics.yaml) and the target labels every series
 * carries (from Prometheus and from discovery relabelling). Rule expressions may use nothing else.
 */
public record MetricCatalog(List<Metric> metrics, List<String> targetLabels) {

    /** One metric: name, {@code counter} or {@code gauge}, its own labels and its meaning. */
    public record Metric(String name, String type, List<String> labels, String help) {
        public Metric {
            Objects.requireNonNull(name, "name");
            if (!type.equals("counter") && !type.equals("gauge")) {
                throw new IllegalArgumentException("metric " + name + " has type '" + type + "'; expected counter or gauge");
            }
            labels = List.copyOf(labels);
            help = help == null ? "" : help;
        }

        public boolean isCounter() {
            return type.equals("counter");
        }
    }

    public MetricCatalog {
        metrics = List.copyOf(metrics);
        targetLabels = List.copyOf(targetLabels);
    }

    public Optional<Metric> metric(String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public Map<String, Metric> byName() {
        Map<String, Metric> map = new LinkedHashMap<>();
        metrics.forEach(m -> map.put(m.name(), m));
        return map;
    }

    /** Every label a rule may match or group on: the metrics' own labels and the target labels. */
    public Set<String> allLabels() {
        Set<String> labels = new TreeSet<>(targetLabels);
        metrics.forEach(m -> labels.addAll(m.labels()));
        return labels;
    }
}
