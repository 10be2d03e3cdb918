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
}
