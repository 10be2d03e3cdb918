package dev.spawn.monitoring.model.rules;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.LabelName;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An alerting rule as Prometheus' {@code <rule>} documents it. Labels and annotations are kept
 * sorted so rendering is deterministic.
 */
public record AlertingRule(String alert, String expr, Duration forDuration, Duration keepFiringFor,
        Map<String, String> labels, Map<String, String> annotations) implements Rule {

    public AlertingRule {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(expr, "expr");
        if (!LabelName.isLegalMetricName(alert)) {
            throw new IllegalArgumentException("alert name '" + alert + "' is not a legal name; expected [a-zA-Z_:][a-zA-Z0-9_:]*");
        }
        if (expr.isBlank()) {
            throw new IllegalArgumentException("alert " + alert + " has an empty expr");
        }
        forDuration = forDuration == null ? Duration.ZERO : forDuration;
        labels = sorted(LabelName.requireAll(labels == null ? Map.of() : labels, "labels of alert " + alert));
        annotations = sorted(LabelName.requireAll(annotations == null ? Map.of() : annotations, "annotations of alert " + alert));
    }

    @Override
    public String name() {
        return alert;
    }

    public String severity() {
        return labels.get("severity");
    }

    static Map<String, String> sorted(Map<String, String> map) {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(map));
    }

    /** A builder with the required {@code alert} and {@code expr}; every other part is unset (null, or empty). */
    public static Builder builder(String alert, String expr) {
        Builder b = new Builder();
        b.alert = alert;
        b.expr = expr;
        return b;
    }

    /** A builder holding this AlertingRule's parts, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.alert = alert;
        b.expr = expr;
        b.forDuration = forDuration;
        b.keepFiringFor = keepFiringFor;
        b.labels = labels;
        b.annotations = annotations;
        return b;
    }

    /** Fluent construction of a {@link AlertingRule}; {@link #build()} checks the record's invariants. */
    public static final class Builder {
        private String alert;
        private String expr;
        private Duration forDuration;
        private Duration keepFiringFor;
        private Map<String, String> labels;
        private Map<String, String> annotations;

        private Builder() {
        }

        public Builder alert(String value) {
            this.alert = value;
            return this;
        }

        public Builder expr(String value) {
            this.expr = value;
            return this;
        }

        public Builder forDuration(Duration value) {
            this.forDuration = value;
            return this;
        }

        public Builder keepFiringFor(Duration value) {
            this.keepFiringFor = value;
            return this;
        }

        public Builder labels(Map<String, String> value) {
            this.labels = value;
            return this;
        }

        /** Adds one entry to {@code labels}. */
        public Builder label(String name, String value) {
            Map<String, String> copy = new java.util.LinkedHashMap<>(labels == null ? Map.of() : labels);
            copy.put(name, value);
            this.labels = copy;
            return this;
        }

        public Builder annotations(Map<String, String> value) {
            this.annotations = value;
            return this;
        }

        /** Adds one entry to {@code annotations}. */
        public Builder annotation(String name, String value) {
            Map<String, String> copy = new java.util.LinkedHashMap<>(annotations == null ? Map.of() : annotations);
            copy.put(name, value);
            this.annotations = copy;
            return this;
        }

        public AlertingRule build() {
            return new AlertingRule(alert, expr, forDuration, keepFiringFor, labels, annotations);
        }
    }
}
