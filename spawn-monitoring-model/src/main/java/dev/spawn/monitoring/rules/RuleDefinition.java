package dev.spawn.monitoring.rules;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.rules.Category;
import dev.spawn.monitoring.model.rules.Severity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One default alert as rule-definitions/ describes it: templates for the expression and the
 * annotations, the parameters they use (in file order) and the promtool cases that prove it.
 * {@code meaning} and {@code action} feed docs/alerts.md; {@code source} is {@code file:line:col}.
 * {@code forMinimum}..{@code forMaximum} bound the {@code for} a user may set (default
 * {@value #FOR_MINIMUM}..{@value #FOR_MAXIMUM}): every value in it keeps the test cases provable.
 */
public record RuleDefinition(String name, Category category, Severity severity, Duration forDuration,
        Duration forMinimum, Duration forMaximum, String exprTemplate, Map<String, String> labels, Map<String, String> annotations,
        List<Parameter> parameters, List<RuleTestCase> tests, String meaning, String action, String source) {

    public static final String FOR_MINIMUM = "0s";
    public static final String FOR_MAXIMUM = "6h";

    public RuleDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(exprTemplate, "exprTemplate");
        forDuration = forDuration == null ? Duration.ZERO : forDuration;
        forMinimum = forMinimum == null ? Duration.parse(FOR_MINIMUM) : forMinimum;
        forMaximum = forMaximum == null ? Duration.parse(FOR_MAXIMUM) : forMaximum;
        if (forMinimum.compareTo(forMaximum) > 0) {
            throw new IllegalArgumentException("rule " + name + ": for_minimum " + forMinimum + " is above for_maximum " + forMaximum);
        }
        if (!allowsFor(forDuration, forMinimum, forMaximum)) {
            throw new IllegalArgumentException("rule " + name + ": for " + forDuration + " is outside its allowed range "
                    + forMinimum + " to " + forMaximum);
        }
        for (Parameter p : parameters == null ? List.<Parameter>of() : parameters) {
            if (RuleTemplates.TIMING.contains(p.name())) {
                throw new IllegalArgumentException("rule " + name + ": a parameter cannot be named '" + p.name()
                        + "'; test cases use [[" + p.name() + "]] for the rule's timing");
            }
        }
        labels = ordered(labels);
        annotations = ordered(annotations);
        parameters = List.copyOf(parameters == null ? List.of() : parameters);
        tests = List.copyOf(tests == null ? List.of() : tests);
        meaning = meaning == null ? "" : meaning;
        action = action == null ? "" : action;
        source = source == null ? "" : source;
    }

    public Optional<Parameter> parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
    }

    /**
     * Throws {@link IllegalArgumentException} naming the value and the allowed range when a {@code for}
     * lies outside {@link #forMinimum()}..{@link #forMaximum()}.
     */
    void checkFor(Duration value) {
        if (!allowsFor(value, forMinimum, forMaximum)) {
            throw new IllegalArgumentException("for = " + value + " is out of range; allowed: " + forRange());
        }
    }

    /** The allowed {@code for} in words: {@code 1m to 1d}. */
    String forRange() {
        return forMinimum + " to " + forMaximum;
    }

    private static boolean allowsFor(Duration value, Duration minimum, Duration maximum) {
        return value.compareTo(minimum) >= 0 && value.compareTo(maximum) <= 0;
    }

    /** Each parameter's default value, in order. */
    public Map<String, String> defaults() {
        Map<String, String> values = new LinkedHashMap<>();
        parameters.forEach(p -> values.put(p.name(), p.defaultValue()));
        return values;
    }

    static Map<String, String> ordered(Map<String, String> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map == null ? Map.of() : map));
    }
}
