package dev.spawn.monitoring.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.model.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateMatchTest {

    private static final RuleCatalog CATALOG = RuleCatalog.defaults();

    @Test
    void everyDefaultRuleMatchesItsOwnDefaultExpressionAtItsDefaults() {
        for (RuleDefinition d : CATALOG.rules()) {
            Map<String, String> found = TemplateMatch.match(d, RuleCatalog.defaultExpr(d)).orElseThrow(
                    () -> new AssertionError(d.name() + " does not match its own default expression"));
            found.forEach((name, value) -> assertThat(value).as(d.name() + "." + name)
                    .isEqualTo(d.parameter(name).orElseThrow().normalise(d.defaults().get(name))));
        }
    }

    @Test
    void findsEveryParameterOfEveryDefaultRuleAtOtherValues() {
        int checked = 0;
        for (RuleDefinition d : CATALOG.rules()) {
            Map<String, String> values = new LinkedHashMap<>(d.defaults());
            for (Parameter p : d.parameters()) {
                values.put(p.name(), other(p));
            }
            String expr = new RuleTemplates(d.parameters(), values).render(d.exprTemplate(), d.name());
            Map<String, String> found = TemplateMatch.match(d, expr).orElseThrow(
                    () -> new AssertionError(d.name() + " does not match " + expr));
            for (String name : RuleTemplates.names(d.exprTemplate())) {
                assertThat(found.get(name)).as(d.name() + "." + name + " in " + expr).isEqualTo(values.get(name));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(26);
    }

    @Test
    void findsADurationWrittenAsSecondsInsideCalc() {
        RuleDefinition forecast = CATALOG.rule("CostForecastExceeded").orElseThrow();
        assertThat(TemplateMatch.match(forecast, "sum(predict_linear(spawn_estimated_cost_dollars[1h], 43200)) > 350"))
                .hasValue(Map.of("horizon", "12h", "budget", "350"));
    }

    @Test
    void ignoresWhitespaceAsPromqlDoes() {
        RuleDefinition cost = CATALOG.rule("HighCostInstance").orElseThrow();
        assertThat(TemplateMatch.match(cost, "spawn_cost_per_hour_dollars>7.5")).hasValue(Map.of("threshold", "7.5"));
        assertThat(TemplateMatch.match(cost, "  spawn_cost_per_hour_dollars   >\n 10 ")).hasValue(Map.of("threshold", "10"));
    }

    @Test
    void anotherExpressionDoesNotMatch() {
        RuleDefinition cost = CATALOG.rule("HighCostInstance").orElseThrow();
        assertThat(TemplateMatch.match(cost, "spawn_cost_per_hour_dollars >= 10")).isEmpty();
        assertThat(TemplateMatch.match(cost, "spawn_cost_per_hour_dollars{region=\"eu\"} > 10")).isEmpty();
        assertThat(TemplateMatch.match(cost, "spawn_cost_per_hour_dollars > 10 and on() vector(1)")).isEmpty();
    }

    @Test
    void aValueOutsideTheParameterRangeDoesNotMatch() {
        RuleDefinition cost = CATALOG.rule("HighCostInstance").orElseThrow(); // threshold minimum 0.01
        assertThat(TemplateMatch.match(cost, "spawn_cost_per_hour_dollars > 0")).isEmpty();
    }

    @Test
    void aParameterUsedTwiceMustHaveOneValue() {
        RuleDefinition trend = CATALOG.rule("CostTrendingUp").orElseThrow();
        assertThat(TemplateMatch.match(trend,
                "sum(spawn_cost_per_hour_dollars) / (sum(spawn_cost_per_hour_dollars offset 12h) > 0) >= 2"))
                .hasValue(Map.of("window", "12h", "threshold", "2"));
    }

    /** A value other than the default within the parameter's range. */
    private static String other(Parameter p) {
        if (p.isDuration()) {
            long seconds = Duration.parse(p.defaultValue()).seconds();
            long doubled = seconds * 2;
            String candidate = Duration.ofSeconds(doubled).toString();
            return inRange(p, candidate) ? candidate : Duration.ofSeconds(seconds / 2).toString();
        }
        double d = Double.parseDouble(p.defaultValue());
        String candidate = Arithmetic.format(d * 1.5);
        return inRange(p, candidate) ? candidate : Arithmetic.format(d * 0.75);
    }

    private static boolean inRange(Parameter p, String value) {
        try {
            p.checkRange(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
