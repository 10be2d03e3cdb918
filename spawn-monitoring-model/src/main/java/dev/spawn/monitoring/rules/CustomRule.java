package dev.spawn.monitoring.rules;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.LabelName;
import dev.spawn.monitoring.model.rules.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An alert the user adds to the defaults. Its expression and annotations are used as given (no
 * {@code [[ ]]} parameters); its test cases are generated into {@code tests/custom-alerts-test.yaml}
 * like the defaults' cases. A custom rule without test cases is allowed but reported as a warning.
 * Immutable: the {@code with...} methods return changed copies.
 */
public record CustomRule(String name, String expr, Duration forDuration, Severity severity,
        Map<String, String> labels, Map<String, String> annotations, List<RuleTestCase> tests) {

    public CustomRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(severity, "severity");
        if (!LabelName.isLegalMetricName(name)) {
            throw new IllegalArgumentException("alert name '" + name + "' is not a legal name; expected [a-zA-Z_:][a-zA-Z0-9_:]*");
        }
        forDuration = forDuration == null ? Duration.ZERO : forDuration;
        labels = RuleDefinition.ordered(LabelName.requireAll(labels == null ? Map.of() : labels, "labels of custom rule " + name));
        annotations = RuleDefinition.ordered(annotations);
        tests = List.copyOf(tests == null ? List.of() : tests);
    }

    /** A custom alert with a summary annotation; add the rest with the {@code with...} methods. */
    public static CustomRule of(String name, String expr, Duration forDuration, Severity severity, String summary) {
        return new CustomRule(name, expr, forDuration, severity, Map.of(), Map.of("summary", summary), List.of());
    }

    public CustomRule withLabel(String label, String value) {
        Map<String, String> copy = new LinkedHashMap<>(labels);
        copy.put(label, value);
        return new CustomRule(name, expr, forDuration, severity, copy, annotations, tests);
    }

    public CustomRule withAnnotation(String annotation, String value) {
        Map<String, String> copy = new LinkedHashMap<>(annotations);
        copy.put(annotation, value);
        return new CustomRule(name, expr, forDuration, severity, labels, copy, tests);
    }

    public CustomRule withTest(RuleTestCase test) {
        List<RuleTestCase> copy = new ArrayList<>(tests);
        copy.add(test);
        return new CustomRule(name, expr, forDuration, severity, labels, annotations, copy);
    }
}
