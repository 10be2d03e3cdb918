package dev.spawn.monitoring.rules;

import dev.spawn.monitoring.model.DidYouMean;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.LabelName;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.model.rules.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The changes a user makes to one default rule, collected by {@link RuleSet#rule}. Each call checks
 * its argument against the rule's definition at once and throws {@link ValidationException} naming
 * the rule (with a did-you-mean for unknown parameters); the changes are applied when the rule
 * set renders, so overridden thresholds reach the expression, the annotations and the tests alike.
 */
public final class RuleOverride {

    private final RuleDefinition definition;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private Duration forDuration;
    private Severity severity;

    RuleOverride(RuleDefinition definition) {
        this.definition = definition;
    }

    RuleOverride copy() {
        RuleOverride copy = new RuleOverride(definition);
        copy.parameters.putAll(parameters);
        copy.labels.putAll(labels);
        copy.annotations.putAll(annotations);
        copy.forDuration = forDuration;
        copy.severity = severity;
        return copy;
    }

    /** Sets the parameter {@code threshold}; an error for rules without one (their parameters are named). */
    public RuleOverride threshold(double value) {
        return parameter("threshold", value);
    }

    public RuleOverride parameter(String name, double value) {
        return parameter(name, Double.toString(value));
    }

    /**
     * Sets a parameter; durations as Prometheus durations ({@code 12h}), numbers as decimals. A value
     * outside the parameter's {@code minimum}/{@code maximum} throws, naming the rule, the parameter,
     * the value and the allowed range ({@code rule HighCostInstance: parameter threshold = -1 is out of
     * range; allowed: 0 or more}).
     */
    public RuleOverride parameter(String name, String value) {
        Objects.requireNonNull(value, "value");
        Parameter parameter = definition.parameter(name).orElseThrow(() -> fail(definition.parameters().isEmpty()
                ? "no parameter '" + name + "'; this rule has no parameters"
                : "no parameter '" + name + "'"
                        + DidYouMean.hint(name, definition.parameters().stream().map(Parameter::name).toList())));
        String normalised;
        try {
            normalised = parameter.normalise(value);
        } catch (IllegalArgumentException e) {
            throw fail("parameter " + name + ": " + e.getMessage());
        }
        try {
            parameter.checkRange(normalised);
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
        }
        parameters.put(name, normalised);
        return this;
    }

    /**
     * Sets how long the condition must hold before the alert fires. A value outside the rule's
     * {@code for_minimum}/{@code for_maximum} throws ({@code rule InstanceTTLExpiringSoon: for = 2d is out
     * of range; allowed: 0s to 1d}): within it, the generated test cases still prove the rule.
     */
    public RuleOverride forDuration(Duration value) {
        Objects.requireNonNull(value, "forDuration");
        try {
            definition.checkFor(value);
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
        }
        this.forDuration = value;
        return this;
    }

    public RuleOverride severity(Severity value) {
        this.severity = Objects.requireNonNull(value, "severity");
        return this;
    }

    /** Adds or replaces a label; {@code severity}, {@code component} and {@code category} are set by the rule set. */
    public RuleOverride label(String name, String value) {
        if (!LabelName.isLegal(name)) {
            throw fail(LabelName.describeIllegal(name, "rule " + definition.name()));
        }
        if (RuleSet.RESERVED_LABELS.contains(name)) {
            throw fail("label '" + name + "' is set by spawn-monitoring"
                    + (name.equals("severity") ? "; use severity(...)" : ""));
        }
        labels.put(name, Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Adds or replaces an annotation; the text is used as given (Prometheus templates allowed). */
    public RuleOverride annotation(String name, String value) {
        if (!LabelName.isLegal(name)) {
            throw fail(LabelName.describeIllegal(name, "annotations of rule " + definition.name()));
        }
        annotations.put(name, Objects.requireNonNull(value, "value"));
        return this;
    }

    public RuleOverride runbookUrl(String url) {
        return annotation("runbook_url", url);
    }

    Map<String, String> parameterValues() {
        Map<String, String> values = definition.defaults();
        values.putAll(parameters);
        return values;
    }

    Map<String, String> labels() {
        return labels;
    }

    Map<String, String> annotations() {
        return annotations;
    }

    Duration forDurationOr(Duration fallback) {
        return forDuration == null ? fallback : forDuration;
    }

    Severity severityOr(Severity fallback) {
        return severity == null ? fallback : severity;
    }

    private ValidationException fail(String message) {
        return new ValidationException(List.of(Problem.error("rule " + definition.name(), message)));
    }
}
