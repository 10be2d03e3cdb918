package dev.spawn.monitoring.rules;

import dev.spawn.monitoring.promql.LabelFlow;
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

    /** The target labels Prometheus itself gives every scraped series; the others depend on discovery and relabelling. */
    public static final Set<String> SCRAPE_LABELS = Set.of("job", "instance");

    /**
     * The catalog as {@link LabelFlow} reads selectors: each metric with its own labels and job/instance for
     * certain, the discovery target labels (region, instance_type, spot, ...) possibly.
     */
    public LabelFlow.Metrics labelFlow() {
        Map<String, Set<String>> own = new LinkedHashMap<>();
        metrics.forEach(m -> own.put(m.name(), Set.copyOf(m.labels())));
        Set<String> discovered = new TreeSet<>(targetLabels);
        discovered.removeAll(SCRAPE_LABELS);
        return LabelFlow.Metrics.of(own, SCRAPE_LABELS, discovered);
    }

    /** Every label a rule may match or group on: the metrics' own labels and the target labels. */
    public Set<String> allLabels() {
        Set<String> labels = new TreeSet<>(targetLabels);
        metrics.forEach(m -> labels.addAll(m.labels()));
        return labels;
    }
}
