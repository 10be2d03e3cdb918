package dev.spawn.monitoring.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.rules.AlertingRule;
import dev.spawn.monitoring.model.rules.Category;
import dev.spawn.monitoring.model.rules.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overrides and custom rules stay proven: the generated tests follow them and promtool still passes. */
@Order(2) // among the longest classes: started first (junit-platform.properties)
class RuleSetPromtoolTest {

    @Test
    void changedThresholdChangesTheRuleAndItsTestsAndStillPasses(@TempDir Path dir) {
        RuleSet rules = RuleSet.defaults()
                .rule("HighCostInstance", r -> r.threshold(10))
                .rule("LowSpotAvailability", r -> r.threshold(0.35))
                .rule("RegionalCapacityImbalance", r -> r.threshold(2.5))
                .rule("HighFleetSize", r -> r.threshold(7))
                .rule("CostTrendingUp", r -> r.threshold(2).parameter("window", "12h"))
                .rule("DailyCostBudgetExceeded", r -> r.parameter("budget", 1000))
                .rule("HighNetworkThroughput", r -> r.threshold(123456789));

        assertThat(expr(rules, "HighCostInstance")).isEqualTo("spawn_cost_per_hour_dollars > 10");
        assertThat(expr(rules, "CostTrendingUp")).contains("offset 12h) > 0)").endsWith(">= 2");
        String costTests = PromtoolGate.testsIn(rules, "tests/cost-alerts/");
        assertThat(costTests).contains("values: 10.1x10").contains("values: 10x10").doesNotContain("values: 5.05x10")
                .contains("eval_time: 12h12m");

        PromtoolGate.Outcome outcome = PromtoolGate.run(rules, dir);

        assertThat(outcome.ok()).as("%s", outcome).isTrue();
    }

    /** Shares and factors whose products are not exact in floating point (0.07 * 100 is 7.000000000000001). */
    @Test
    void thresholdsInexactInFloatingPointKeepTheCasesPassing(@TempDir Path dir) {
        RuleSet rules = RuleSet.defaults().disableCategory(dev.spawn.monitoring.model.rules.Category.COST)
                .disableCategory(dev.spawn.monitoring.model.rules.Category.PERFORMANCE)
                .disableCategory(dev.spawn.monitoring.model.rules.Category.LIFECYCLE)
                .rule("LowSpotAvailability", r -> r.threshold(0.07))
                .rule("FleetGrowthAnomaly", r -> r.threshold(1.15));

        PromtoolGate.Outcome outcome = PromtoolGate.run(rules, dir);

        assertThat(outcome.ok()).as("%s", outcome).isTrue();
    }

    @Test
    void theGeneratedTestsPassWithEveryParameterAtItsMaximum(@TempDir Path dir) {
        assertGeneratedTestsPassAt(Parameter::maximum, dir);
    }

    @Test
    void theGeneratedTestsPassWithEveryParameterAtItsMinimum(@TempDir Path dir) {
        // any value a user may set is still proven: the bounds keep out values the cases cannot test
        assertGeneratedTestsPassAt(Parameter::minimum, dir);
    }

    private static void assertGeneratedTestsPassAt(java.util.function.Function<Parameter, String> bound, Path dir) {
        RuleSet rules = RuleSet.defaults();
        for (RuleDefinition definition : RuleCatalog.defaults().rules()) {
            for (Parameter parameter : definition.parameters()) {
                String value = bound.apply(parameter);
                if (value != null) {
                    rules = rules.rule(definition.name(), r -> r.parameter(parameter.name(), value));
                }
            }
        }
        assertThat(rules.problems()).isEmpty();

        PromtoolGate.Outcome outcome = PromtoolGate.run(rules, dir);

        assertThat(outcome.ok()).as("%s", outcome).isTrue();
    }

    @Test
    void theGeneratedTestsPassWithEveryRulesForAtItsMinimumAndAtItsMaximum(@TempDir Path dir) {
        RuleSet shortest = RuleSet.defaults();
        RuleSet longest = RuleSet.defaults();
        for (RuleDefinition definition : RuleCatalog.defaults().rules()) {
            shortest = shortest.rule(definition.name(), r -> r.forDuration(definition.forMinimum()));
            longest = longest.rule(definition.name(), r -> r.forDuration(definition.forMaximum()));
        }
        assertThat(shortest.problems()).isEmpty();
        assertThat(longest.problems()).isEmpty();
        assertThat(PromtoolGate.testsIn(longest, "tests/cost-alerts/"))
                .as("the cases follow the rule's for").contains("eval_time: 6h");

        PromtoolGate.Outcome atMinimum = PromtoolGate.run(shortest, dir.resolve("minimum"));
        PromtoolGate.Outcome atMaximum = PromtoolGate.run(longest, dir.resolve("maximum"));

        assertThat(atMinimum.ok()).as("%s", atMinimum).isTrue();
        assertThat(atMaximum.ok()).as("%s", atMaximum).isTrue();
    }

    @Test
    void slowerEvaluationIntervalsKeepTheGeneratedTestsPassing(@TempDir Path dir) {
        RuleSet rules = everyCategoryEvaluatedEvery("3m");

        PromtoolGate.Outcome outcome = PromtoolGate.run(rules, dir);

        assertThat(outcome.ok()).as("%s", outcome).isTrue();
    }

    @Test
    void fasterEvaluationIntervalsKeepTheGeneratedTestsPassing(@TempDir Path dir) {
        RuleSet rules = everyCategoryEvaluatedEvery("15s");
        String lifecycle = PromtoolGate.testsIn(rules, "tests/lifecycle-alerts/");
        assertThat(lifecycle).contains("evaluation_interval: 15s").contains("interval: 1m");

        PromtoolGate.Outcome outcome = PromtoolGate.run(rules, dir);

        assertThat(outcome.ok()).as("%s", outcome).isTrue();
    }

    private static RuleSet everyCategoryEvaluatedEvery(String interval) {
        RuleSet rules = RuleSet.defaults();
        for (Category category : Category.values()) {
            rules = rules.evaluationInterval(category, Duration.parse(interval));
        }
        return rules;
    }

    @Test
    void promtoolRejectsTheTwoBrokenSeedRules(@TempDir Path dir) throws IOException {
        RuleGroupDefinition broken;
        try (InputStream in = getClass().getResourceAsStream("/rules/broken-capacity.yaml")) {
            broken = RuleDefinitionReader.readCategory("broken-capacity.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    Category.CAPACITY);
        }
        // the fixture has only the firing cases that catch the broken rules
        RuleSet rules = RuleSet.of(new RuleCatalog(List.of(broken), RuleCatalog.defaults().metrics())).coverage(Coverage.FIRE);

        PromtoolGate.Outcome outcome = PromtoolGate.run(rules, dir);

        assertThat(outcome.check().ok()).as("the broken rules are valid PromQL; only their tests catch them").isTrue();
        assertThat(outcome.test().exitCode()).isNotZero();
        assertThat(outcome.test().output())
                .contains("LowSpotAvailability: fires when the fleet has no spot instances at all")
                .contains("RegionalCapacityImbalance: fires for one big region among four small ones");
    }

    @Test
    void customRuleWithTestsIsGeneratedAndPasses(@TempDir Path dir) {
        CustomRule custom = CustomRule.of("ManyLoggedInUsers", "spawn_logged_in_users > 3", Duration.ofMinutes(5),
                        Severity.INFO, "Instance {{ $labels.instance_id }} has {{ $value }} users")
                .withLabel("team", "research")
                .withTest(new RuleTestCase("fires above three users", "10m",
                        List.of(RuleTestCase.InputSeries.of("spawn_logged_in_users{instance_id=\"i-1\"}", "4x15")),
                        List.of(new RuleTestCase.ExpectedAlert(Map.of("instance_id", "i-1"), "4"))))
                .withTest(new RuleTestCase("silent at three users", "10m",
                        List.of(RuleTestCase.InputSeries.of("spawn_logged_in_users{instance_id=\"i-1\"}", "3x15")), List.of()));
        RuleSet rules = RuleSet.defaults().disableCategory(Category.COST).custom(custom);

        assertThat(rules.problems()).isEmpty();
        assertThat(rules.ruleFiles()).extracting(f -> f.path()).contains(RuleSet.CUSTOM_RULE_FILE)
                .doesNotContain(Category.COST.ruleFile());
        assertThat(rules.testFiles().keySet()).noneMatch(k -> k.startsWith("tests/cost-alerts/"))
                .contains("tests/custom-alerts/ManyLoggedInUsers-test.yaml", "tests/custom-alerts/rules/ManyLoggedInUsers.yaml");

        PromtoolGate.Outcome outcome = PromtoolGate.run(rules, dir);

        assertThat(outcome.ok()).as("%s", outcome).isTrue();
        assertThat(outcome.test().output()).contains("custom-alerts/ManyLoggedInUsers-test.yaml");
    }

    static String expr(RuleSet rules, String name) {
        return rules.ruleFiles().stream().flatMap(f -> f.groups().stream()).flatMap(g -> g.rules().stream())
                .filter(r -> r.name().equals(name)).map(r -> ((AlertingRule) r).expr()).findFirst().orElseThrow();
    }
}
