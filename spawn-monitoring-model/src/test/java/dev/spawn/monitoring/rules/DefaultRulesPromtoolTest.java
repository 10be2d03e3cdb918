package dev.spawn.monitoring.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.model.rules.Category;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The promise of the default rules: promtool proves each one fires when it should and stays silent just below. */
class DefaultRulesPromtoolTest {

    @Test
    void everyDefaultRulePassesCheckAndItsFireAndSilentCases(@TempDir Path dir) {
        RuleSet rules = RuleSet.defaults();

        PromtoolGate.Outcome outcome = PromtoolGate.run(rules, dir);

        assertThat(outcome.ok()).as("%s", outcome).isTrue();
        assertThat(outcome.check().output()).contains("SUCCESS: 26 rules found".substring(0, 9));
        assertThat(rules.ruleNames()).hasSize(26);
        // one test file per rule, each loading a copy of its rule file with only that rule
        assertThat(rules.testFiles().keySet()).filteredOn(RuleSet::isTestFile).hasSize(26);
        assertThat(rules.testFiles().keySet()).contains("tests/cost-alerts/CostTrendingUp-test.yaml",
                "tests/cost-alerts/rules/CostTrendingUp.yaml", "tests/lifecycle-alerts/InstanceHighIdleTime-test.yaml");
        assertThat(PromtoolGate.caseCount(rules)).isGreaterThanOrEqualTo(52);
    }

    @Test
    void everyDefaultRuleHasAFiringAndASilentCase() {
        for (RuleDefinition rule : RuleCatalog.defaults().rules()) {
            assertThat(rule.tests()).as(rule.name()).anyMatch(RuleTestCase::fires).anyMatch(t -> !t.fires());
        }
    }

    @Test
    void rendersOneRuleFilePerCategoryWithTheSharedLabels() {
        RuleSet rules = RuleSet.defaults();

        assertThat(rules.ruleFiles()).extracting(f -> f.path())
                .containsExactly(Category.LIFECYCLE.ruleFile(), Category.COST.ruleFile(), Category.CAPACITY.ruleFile(),
                        Category.PERFORMANCE.ruleFile());
        rules.ruleFiles().forEach(file -> file.groups().forEach(group -> {
            assertThat(group.interval()).hasToString("1m");
            group.rules().forEach(rule -> assertThat(((dev.spawn.monitoring.model.rules.AlertingRule) rule).labels())
                    .containsEntry("component", "spawn").containsKeys("severity", "category"));
        }));
    }
}
