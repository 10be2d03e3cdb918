package dev.spawn.monitoring.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.model.rules.AlertingRule;
import dev.spawn.monitoring.model.rules.Category;
import dev.spawn.monitoring.model.rules.Severity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rule set API without promtool: names, overrides, disabling, custom rules, problems. */
class RuleSetTest {

    @Test
    void unknownRuleNameSuggestsTheClosestOne() {
        assertThatThrownBy(() -> RuleSet.defaults().rule("HighCPUUsag", r -> r.threshold(90)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("unknown rule 'HighCPUUsag'; did you mean 'HighCPUUsage'?");
        assertThatThrownBy(() -> RuleSet.defaults().disable("LowSpotAvailabilty"))
                .hasMessageContaining("did you mean 'LowSpotAvailability'?");
    }

    @Test
    void unknownParameterSuggestsTheClosestOne() {
        assertThatThrownBy(() -> RuleSet.defaults().rule("CostTrendingUp", r -> r.parameter("windw", "12h")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("rule CostTrendingUp: no parameter 'windw'; did you mean 'window'?");
        assertThatThrownBy(() -> RuleSet.defaults().rule("DailyCostBudgetExceeded", r -> r.threshold(300)))
                .hasMessageContaining("rule DailyCostBudgetExceeded: no parameter 'threshold'; expected one of budget");
        assertThatThrownBy(() -> RuleSet.defaults().rule("SpotInstanceInterruptionWarning", r -> r.threshold(1)))
                .hasMessageContaining("this rule has no parameters");
    }

    @Test
    void rejectsAParameterValueOfTheWrongKind() {
        assertThatThrownBy(() -> RuleSet.defaults().rule("CostTrendingUp", r -> r.parameter("window", "a day")))
                .hasMessageContaining("rule CostTrendingUp: parameter window: 'a day' is not a Prometheus duration");
        assertThatThrownBy(() -> RuleSet.defaults().rule("HighCPUUsage", r -> r.parameter("threshold", "high")))
                .hasMessageContaining("'high' is not a number");
    }

    @Test
    void rejectsAnOverrideOutsideTheParameterRange() {
        assertThatThrownBy(() -> RuleSet.defaults().rule("HighCostInstance", r -> r.threshold(-1)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("rule HighCostInstance: parameter threshold = -1 is out of range; allowed: 0.01 or more");
        assertThatThrownBy(() -> RuleSet.defaults().rule("LowSpotAvailability", r -> r.threshold(1.5)))
                .hasMessageContaining("rule LowSpotAvailability: parameter threshold = 1.5 is out of range; allowed: 0.01 to 1");
        assertThatThrownBy(() -> RuleSet.defaults().rule("HighCPUUsage", r -> r.parameter("threshold", "100.5")))
                .hasMessageContaining("rule HighCPUUsage: parameter threshold = 100.5 is out of range; allowed: 0 to 99");
        assertThatThrownBy(() -> RuleSet.defaults().rule("CostTrendingUp", r -> r.parameter("window", "30s")))
                .hasMessageContaining("rule CostTrendingUp: parameter window = 30s is out of range; allowed: 20m or more");
        assertThatThrownBy(() -> RuleSet.defaults().rule("CostTrendingUp", r -> r.threshold(0.5)))
                .hasMessageContaining("rule CostTrendingUp: parameter threshold = 0.5 is out of range; allowed: 1 or more");
    }

    @Test
    void acceptsOverridesOnTheBoundsOfTheRange() {
        RuleSet rules = RuleSet.defaults()
                .rule("HighCostInstance", r -> r.threshold(0.01))
                .rule("LowSpotAvailability", r -> r.threshold(1))
                .rule("HighCPUUsage", r -> r.threshold(99))
                .rule("CostTrendingUp", r -> r.threshold(1).parameter("window", "20m"));

        assertThat(rule(rules, "HighCostInstance").expr()).isEqualTo("spawn_cost_per_hour_dollars > 0.01");
        assertThat(rule(rules, "LowSpotAvailability").expr()).endsWith("< 1");
        assertThat(rule(rules, "HighCPUUsage").expr()).isEqualTo("spawn_cpu_usage_percent > 99");
        assertThat(rule(rules, "CostTrendingUp").expr()).contains("offset 20m").endsWith(">= 1");
    }

    @Test
    void theBuilderCollectsAnOutOfRangeOverrideAsAProblem() {
        assertThatThrownBy(() -> dev.spawn.monitoring.SpawnMonitoring.defaults()
                        .rule("HighCostInstance", r -> r.threshold(-1))
                        .rule("LowSpotAvailability", r -> r.threshold(2))
                        .build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).extracting(Problem::message)
                        .contains("parameter threshold = -1 is out of range; allowed: 0.01 or more",
                                "parameter threshold = 2 is out of range; allowed: 0.01 to 1"));
    }

    @Test
    void everyDefaultParameterHasARange() {
        RuleCatalog.defaults().rules().forEach(r -> r.parameters().forEach(p -> assertThat(p.minimum())
                .as("%s.%s", r.name(), p.name()).isNotNull()));
    }

    @Test
    void overridesReachForSeverityLabelsAndAnnotations() {
        RuleSet rules = RuleSet.defaults().rule("HighCostInstance", r -> r.threshold(10).severity(Severity.CRITICAL)
                .forDuration(Duration.ofMinutes(15)).label("team", "finance").runbookUrl("https://wiki/cost"));

        AlertingRule rule = rule(rules, "HighCostInstance");

        assertThat(rule.expr()).isEqualTo("spawn_cost_per_hour_dollars > 10");
        assertThat(rule.forDuration()).hasToString("15m");
        assertThat(rule.labels()).containsEntry("severity", "critical").containsEntry("team", "finance")
                .containsEntry("category", "cost").containsEntry("component", "spawn");
        assertThat(rule.annotations()).containsEntry("runbook_url", "https://wiki/cost")
                .containsEntry("summary", "Instance {{ $labels.instance_id }} costs more than $10 per hour");
        String tests = new String(rules.testFiles().get("tests/cost-alerts/HighCostInstance-test.yaml"), StandardCharsets.UTF_8);
        assertThat(tests).contains("team: finance").contains("runbook_url: https://wiki/cost");
    }

    @Test
    void theDefaultsAreNotChangedByAnOverride() {
        RuleSet defaults = RuleSet.defaults();
        defaults.rule("HighCPUUsage", r -> r.threshold(50));

        assertThat(rule(defaults, "HighCPUUsage").expr()).isEqualTo("spawn_cpu_usage_percent > 95");
    }

    @Test
    void reservedLabelsAreSetThroughTheirOwnMethods() {
        assertThatThrownBy(() -> RuleSet.defaults().rule("HighCPUUsage", r -> r.label("severity", "page")))
                .hasMessageContaining("use severity(...)");
    }

    @Test
    void disablingARuleRemovesItAndItsTests() {
        RuleSet rules = RuleSet.defaults().disable("HighCostInstance");

        assertThat(rules.ruleNames()).hasSize(25).doesNotContain("HighCostInstance");
        assertThat(rules.testFiles().keySet()).doesNotContain("tests/cost-alerts/HighCostInstance-test.yaml",
                "tests/cost-alerts/rules/HighCostInstance.yaml").contains("tests/cost-alerts/DailyCostBudgetExceeded-test.yaml");
        assertThat(rules.testFiles().values()).noneSatisfy(t -> assertThat(new String(t, StandardCharsets.UTF_8)).containsAnyOf("alertname: HighCostInstance\n", "alert: HighCostInstance\n"));
    }

    @Test
    void disablingACategoryRemovesItsRuleFileAndTestFile() {
        RuleSet rules = RuleSet.defaults().disableCategory(Category.PERFORMANCE);

        assertThat(rules.ruleFiles()).extracting(f -> f.path()).doesNotContain(Category.PERFORMANCE.ruleFile()).hasSize(3);
        assertThat(rules.testFiles().keySet()).noneMatch(k -> k.startsWith("tests/performance-alerts/"))
                .anyMatch(k -> k.startsWith("tests/cost-alerts/")).hasSize(2 * 18);
        assertThat(rules.ruleNames()).hasSize(18);
    }

    @Test
    void disablingEveryRuleOfACategoryDropsItsFiles() {
        RuleSet rules = RuleSet.defaults();
        for (RuleDefinition d : RuleCatalog.defaults().rules()) {
            if (d.category() == Category.COST) {
                rules = rules.disable(d.name());
            }
        }

        assertThat(rules.ruleFiles()).extracting(f -> f.path()).doesNotContain(Category.COST.ruleFile());
        assertThat(rules.testFiles().keySet()).noneMatch(k -> k.startsWith("tests/cost-alerts/")).isNotEmpty();
    }

    @Test
    void customRuleWithoutTestsIsAWarning() {
        RuleSet rules = RuleSet.defaults().custom(CustomRule.of("ManyUsers", "spawn_logged_in_users > 3",
                Duration.ofMinutes(5), Severity.INFO, "many users"));

        assertThat(rules.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.WARNING);
            assertThat(p.toString()).contains("custom rule ManyUsers").contains("has no test cases");
        });
        assertThat(rules.ruleFiles()).extracting(f -> f.path()).contains(RuleSet.CUSTOM_RULE_FILE);
        assertThat(rule(rules, "ManyUsers").labels()).containsEntry("category", "custom");
        assertThat(rules.testFiles().keySet()).noneMatch(k -> k.startsWith("tests/custom-alerts/"));
    }

    @Test
    void customRuleCannotTakeADefaultNameAtTheSameSeverity() {
        assertThatThrownBy(() -> RuleSet.defaults().custom(CustomRule.of("HighCPUUsage", "up == 0", Duration.ZERO,
                Severity.WARNING, "x"))).hasMessageContaining("HighCPUUsage with severity warning already exists");
    }

    @Test
    void aSwitchedOffDefaultLeavesItsNameToACustomRule() {
        CustomRule own = CustomRule.of("HighCPUUsage", "avg by (instance_id) (spawn_cpu_usage_percent) > 97", Duration.ZERO,
                Severity.WARNING, "x");
        RuleSet byRule = RuleSet.defaults().disable("HighCPUUsage").custom(own);
        RuleSet byCategory = RuleSet.defaults().disableCategory(Category.PERFORMANCE).custom(own);
        for (RuleSet rules : List.of(byRule, byCategory)) {
            assertThat(rules.ruleNames()).containsOnlyOnce("HighCPUUsage");
            assertThat(rule(rules, "HighCPUUsage").expr()).isEqualTo(own.expr());
        }
    }

    @Test
    void customRuleMayAddASeverityTierToADefault() {
        RuleSet rules = RuleSet.defaults().custom(CustomRule.of("HighCPUUsage", "spawn_cpu_usage_percent > 99",
                Duration.ofMinutes(5), Severity.CRITICAL, "CPU pegged"));
        assertThat(rules.ruleFiles().stream().flatMap(f -> f.groups().stream()).flatMap(g -> g.rules().stream())
                .filter(r -> r.name().equals("HighCPUUsage"))).hasSize(2);
    }

    @Test
    void customRuleWhoseAnnotationsCannotBePredictedIsAnError() {
        CustomRule custom = CustomRule.of("Odd", "spawn_logged_in_users > 3", Duration.ZERO, Severity.INFO,
                "{{ with query \"up\" }}{{ . | first | value }}{{ end }}").withTest(new RuleTestCase("fires", "1m",
                List.of(RuleTestCase.InputSeries.of("spawn_logged_in_users{instance_id=\"i-1\"}", "4x5")),
                List.of(new RuleTestCase.ExpectedAlert(Map.of("instance_id", "i-1"), "4"))));
        RuleSet rules = RuleSet.defaults().custom(custom);

        assertThat(rules.problems()).anySatisfy(p -> assertThat(p.toString()).contains("cannot predict the template: ")
                .contains("query"));
        assertThatThrownBy(rules::testFiles).isInstanceOf(ValidationException.class);
    }

    @Test
    void customRuleAnnotationsArePredictedAsPrometheusExpandsThem() {
        CustomRule custom = CustomRule.of("Odd", "spawn_logged_in_users > 3", Duration.ZERO, Severity.INFO,
                "{{ printf \"%.1f\" $value }} users on {{ $labels.instance_id | toUpper }}{{ with $labels.none }} never{{ end }}")
                .withTest(new RuleTestCase("fires", "1m",
                        List.of(RuleTestCase.InputSeries.of("spawn_logged_in_users{instance_id=\"i-1\"}", "4x5")),
                        List.of(new RuleTestCase.ExpectedAlert(Map.of("instance_id", "i-1"), "4"))));
        RuleSet rules = RuleSet.defaults().custom(custom);

        assertThat(rules.problems()).noneMatch(p -> p.toString().contains("predict"));
        assertThat(new String(rules.coverage(Coverage.NONE).testFiles().get(RuleSet.testFile(RuleSet.CUSTOM_RULE_FILE, "Odd")),
                java.nio.charset.StandardCharsets.UTF_8)).contains("summary: 4.0 users on I-1\n");
    }

    @Test
    void anOverrideThatBreaksATestTemplateIsReportedNotThrownFromProblems() {
        // the test derives its series count from the threshold; 1e6 regions is more than a test may generate
        RuleSet rules = RuleSet.defaults().rule("HighFleetSize", r -> r.threshold(1e6));

        assertThat(rules.problems()).anySatisfy(p -> assertThat(p.toString()).contains("rule HighFleetSize")
                .contains("copies must be a whole number up to 100000"));
    }

    @Test
    void evaluationIntervalIsSetPerCategoryAndUsedByItsTests() {
        RuleSet rules = RuleSet.defaults().evaluationInterval(Category.COST, Duration.ofSeconds(30));

        assertThat(rules.ruleFiles().get(1).groups().get(0).interval()).hasToString("30s");
        assertThat(new String(rules.testFiles().get("tests/cost-alerts/HighCostInstance-test.yaml"), StandardCharsets.UTF_8))
                .contains("evaluation_interval: 30s");
        assertThat(new String(rules.testFiles().get("tests/cost-alerts/rules/HighCostInstance.yaml"), StandardCharsets.UTF_8))
                .contains("interval: 30s");
    }

    static AlertingRule rule(RuleSet rules, String name) {
        return rules.ruleFiles().stream().flatMap(f -> f.groups().stream()).flatMap(g -> g.rules().stream())
                .filter(r -> r.name().equals(name)).map(AlertingRule.class::cast).findFirst().orElseThrow();
    }

    private static CustomRule users(String name, Severity severity) {
        return CustomRule.of(name, "spawn_logged_in_users > 3", Duration.ZERO, severity, "many users");
    }

    /** Rule sets share their custom rules' storage to add in constant time; each still sees only its own. */
    @Test
    void ruleSetsThatExtendOneRuleSetKeepTheirCustomRulesApart() {
        RuleSet base = RuleSet.defaults().custom(users("A", Severity.INFO));
        RuleSet left = base.custom(users("B", Severity.INFO)).custom(users("C", Severity.INFO));
        RuleSet right = base.custom(users("C", Severity.WARNING));
        RuleSet leftAgain = left.custom(users("D", Severity.INFO));

        assertThat(base.ruleNames()).endsWith("A").doesNotContain("B", "C");
        assertThat(left.ruleNames()).endsWith("A", "B", "C").doesNotContain("D");
        assertThat(right.ruleNames()).endsWith("A", "C").doesNotContain("B");
        assertThat(leftAgain.ruleNames()).endsWith("A", "B", "C", "D");
        // taken is judged on each rule set's own rules: B is free on the right, taken on the left
        assertThat(right.custom(users("B", Severity.INFO)).ruleNames()).endsWith("A", "C", "B");
        assertThatThrownBy(() -> left.custom(users("B", Severity.INFO))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("an alert named B with severity info already exists");
        assertThatThrownBy(() -> right.custom(users("C", Severity.WARNING))).isInstanceOf(ValidationException.class);
        assertThat(base.custom(users("C", Severity.WARNING)).ruleNames()).endsWith("A", "C");
    }
}
