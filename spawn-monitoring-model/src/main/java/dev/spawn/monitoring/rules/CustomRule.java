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

    /** A builder with the required {@code name} and {@code expr}; every other part is unset (null, or empty). */
    public static Builder builder(String name, String expr) {
        Builder b = new Builder();
        b.name = name;
        b.expr = expr;
        return b;
    }

    /** A builder holding this CustomRule's parts, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.expr = expr;
        b.forDuration = forDuration;
        b.severity = severity;
        b.labels = labels;
        b.annotations = annotations;
        b.tests = tests;
        return b;
    }

    /** Fluent construction of a {@link CustomRule}; {@link #build()} checks the record's invariants. */
    public static final class Builder {
        private String name;
        private String expr;
        private Duration forDuration;
        private Severity severity;
        private Map<String, String> labels;
        private Map<String, String> annotations;
        private List<RuleTestCase> tests;

        private Builder() {
        }

        public Builder name(String value) {
            this.name = value;
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

        public Builder severity(Severity value) {
            this.severity = value;
            return this;
        }

        public Builder labels(Map<String, String> value) {
            this.labels = value;
            return this;
        }

        /** Adds one entry to {@code labels}. */
        public Builder label(String name, String value) {
            Map<String, String> copy = new LinkedHashMap<>(labels == null ? Map.of() : labels);
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
            Map<String, String> copy = new LinkedHashMap<>(annotations == null ? Map.of() : annotations);
            copy.put(name, value);
            this.annotations = copy;
            return this;
        }

        public Builder tests(List<RuleTestCase> value) {
            this.tests = value;
            return this;
        }

        /** Adds one promtool case to {@code tests}. */
        public Builder test(RuleTestCase value) {
            List<RuleTestCase> copy = new ArrayList<>(tests == null ? List.of() : tests);
            copy.add(value);
            this.tests = copy;
            return this;
        }

        public CustomRule build() {
            return new CustomRule(name, expr, forDuration, severity, labels, annotations, tests);
        }
    }
}
