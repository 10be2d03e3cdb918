package dev.spawn.monitoring.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One promtool case for one rule: input series, an evaluation time and the alerts expected then
 * (none = the rule must stay silent). Every string may hold {@code [[parameter]]} templates, so a
 * case written for the default threshold still proves the rule at an overridden one.
 */
public record RuleTestCase(String name, String at, List<InputSeries> input, List<ExpectedAlert> alerts) {

    public RuleTestCase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(at, "at");
        input = List.copyOf(input == null ? List.of() : input);
        alerts = List.copyOf(alerts == null ? List.of() : alerts);
    }

    /** Whether the case expects the rule to fire. */
    public boolean fires() {
        return !alerts.isEmpty();
    }

    /** The same case with every template string passed through {@code render}. */
    public RuleTestCase map(UnaryOperator<String> render) {
        return new RuleTestCase(render.apply(name), render.apply(at),
                input.stream().map(s -> new InputSeries(render.apply(s.series()), render.apply(s.values()),
                        s.copies() == null ? null : render.apply(s.copies()))).toList(),
                alerts.stream().map(a -> {
                    Map<String, String> labels = new LinkedHashMap<>();
                    a.labels().forEach((k, v) -> labels.put(k, render.apply(v)));
                    return new ExpectedAlert(labels, a.value() == null ? null : render.apply(a.value()));
                }).toList());
    }

    /**
     * A promtool input series. With {@code copies: N} it stands for N series, {@code ${i}} in the
     * selector replaced by 1..N (a fleet of N instances without writing N lines).
     */
    public record InputSeries(String series, String values, String copies) {
        public InputSeries {
            Objects.requireNonNull(series, "series");
            Objects.requireNonNull(values, "values");
        }

        public static InputSeries of(String series, String values) {
            return new InputSeries(series, values, null);
        }
    }

    /**
     * An alert expected at the evaluation time: the labels of the sample (the rule's own labels are
     * added when the test is generated) and its value, needed when annotations print {@code $value}.
     */
    public record ExpectedAlert(Map<String, String> labels, String value) {
        public ExpectedAlert {
            labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels == null ? Map.of() : labels));
        }
    }
}
