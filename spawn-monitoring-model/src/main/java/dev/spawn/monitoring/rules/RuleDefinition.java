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
 */
public record RuleDefinition(String name, Category category, Severity severity, Duration forDuration,
        String exprTemplate, Map<String, String> labels, Map<String, String> annotations,
        List<Parameter> parameters, List<RuleTestCase> tests, String meaning, String action, String source) {

    public RuleDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(exprTemplate, "exprTemplate");
        forDuration = forDuration == null ? Duration.ZERO : forDuration;
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
