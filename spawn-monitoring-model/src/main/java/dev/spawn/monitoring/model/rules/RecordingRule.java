package dev.spawn.monitoring.model.rules;

import dev.spawn.monitoring.model.LabelName;
import java.util.Map;
import java.util.Objects;

/** A recording rule: {@code record}, {@code expr} and optional labels. */
public record RecordingRule(String record, String expr, Map<String, String> labels) implements Rule {

    public RecordingRule {
        Objects.requireNonNull(expr, "expr");
        if (!LabelName.isLegalMetricName(record)) {
            throw new IllegalArgumentException("recording rule name '" + record + "' is not a legal metric name;"
                    + " expected [a-zA-Z_:][a-zA-Z0-9_:]*");
        }
        labels = AlertingRule.sorted(LabelName.requireAll(labels == null ? Map.of() : labels, "labels of recording rule " + record));
    }

    @Override
    public String name() {
        return record;
    }
}
