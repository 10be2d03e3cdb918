package dev.spawn.monitoring.rules;

import dev.spawn.monitoring.model.decl.Key;
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

    /**
     * One metric: name, {@code counter} or {@code gauge}, its own labels, its meaning and the range its values
     * stay in (a percentage 0-100; a counter from 0). The same keys describe metrics.yaml's entries and the
     * spec's {@code metrics:} section, which extends the catalog for {@code spawn:lint}.
     */
    public record Metric(
            @Key(value = "name", doc = "The metric name.", required = true, pattern = "[a-zA-Z_:][a-zA-Z0-9_:]*",
                    expected = "a metric name such as node_cpu_seconds_total") String name,
            @Key(value = "type", doc = "counter or gauge.", byDefault = "gauge", oneOf = {"counter", "gauge"}) String type,
            @Key(value = "labels", doc = "The labels the metric itself carries (target labels come from discovery).",
                    byDefault = "[]") List<String> labels,
            @Key(value = "help", doc = "What it measures.") String help,
            @Key(value = "min", doc = "The smallest value it takes (a counter: 0); comparisons below it never fire.")
            Double min,
            @Key(value = "max", doc = "The largest value it takes (a percentage: 100); comparisons above it never fire.")
            Double max) {
        public Metric {
            Objects.requireNonNull(name, "name");
            type = type == null ? "gauge" : type;
            if (!type.equals("counter") && !type.equals("gauge")) {
                throw new IllegalArgumentException("metric " + name + " has type '" + type + "'; expected counter or gauge");
            }
            labels = labels == null ? List.of() : List.copyOf(labels);
            help = help == null ? "" : help;
            if (min == null && type.equals("counter")) {
                min = 0.0;
            }
            if (min != null && max != null && min > max) {
                throw new IllegalArgumentException("metric " + name + " has min " + min + " above max " + max);
            }
        }

        public Metric(String name, String type, List<String> labels, String help) {
            this(name, type, labels, help, null, null);
        }

        public boolean isCounter() {
            return type.equals("counter");
        }

        /** A builder with the required {@code name}; every other part is unset (null, or empty). */
        public static Builder builder(String name) {
            Builder b = new Builder();
            b.name = name;
            return b;
        }

        /** A builder holding this Metric's parts, to change some of them. */
        public Builder toBuilder() {
            Builder b = new Builder();
            b.name = name;
            b.type = type;
            b.labels = labels;
            b.help = help;
            b.min = min;
            b.max = max;
            return b;
        }

        /** Fluent construction of a {@link Metric}; {@link #build()} checks the record's invariants. */
        public static final class Builder {
            private String name;
            private String type;
            private List<String> labels;
            private String help;
            private Double min;
            private Double max;

            private Builder() {
            }

            public Builder name(String value) {
                this.name = value;
                return this;
            }

            public Builder type(String value) {
                this.type = value;
                return this;
            }

            public Builder labels(List<String> value) {
                this.labels = value;
                return this;
            }

            public Builder help(String value) {
                this.help = value;
                return this;
            }

            public Builder min(Double value) {
                this.min = value;
                return this;
            }

            public Builder max(Double value) {
                this.max = value;
                return this;
            }

            public Metric build() {
                return new Metric(name, type, labels, help, min, max);
            }
        }
    }

    public MetricCatalog {
        metrics = List.copyOf(metrics);
        targetLabels = List.copyOf(targetLabels);
    }

    /** This catalog with {@code more} metrics (the spec's {@code metrics:}); one of a catalogued name replaces it. */
    public MetricCatalog with(List<Metric> more) {
        Map<String, Metric> all = byName();
        more.forEach(m -> all.put(m.name(), m));
        return new MetricCatalog(List.copyOf(all.values()), targetLabels);
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
