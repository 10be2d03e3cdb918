package dev.spawn.monitoring.rules;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.decl.Internal;
import dev.spawn.monitoring.model.rules.AlertingRule;
import dev.spawn.monitoring.model.rules.RuleFile;
import dev.spawn.monitoring.model.rules.RuleGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The promtool test file of a rule file of the user's own ({@code rules.groups} in the spec): the cases given on
 * its alerts, written as the defaults' cases are ({@code tests/<name>/<Alert>-test.yaml}, each loading a copy of the
 * rule file with only its alert), so that promtool, the coverage report and mutation testing treat them alike.
 */
@Internal
public final class RuleFileTests {

    private RuleFileTests() {
    }

    /**
     * The test files (and the rule copies they load) by path; empty when no alert of {@code file} has a case. {@code tests}
     * holds each alert's cases under its name, the second and later alerts of a name under {@link RuleSet#testKey}.
     */
    /**
     * What keeps the cases of {@code file}'s alerts from being generated (an annotation that prints {@code $value} with
     * no expected value, copies without {@code ${i}}, ...), each at its alert ({@code custom rule X}, the second of a
     * name at {@link RuleSet#testKey}); empty when {@link #of} can write them.
     */
    public static List<Problem> problems(RuleFile file, Map<String, List<RuleTestCase>> tests) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (RuleGroup group : file.groups()) {
            group.rules().stream().filter(AlertingRule.class::isInstance).map(AlertingRule.class::cast).forEach(a -> {
                String key = RuleSet.testKey(a.alert(), seen.merge(a.alert(), 1, Integer::sum));
                List<RuleTestCase> cases = tests.getOrDefault(key, List.of());
                try {
                    new PromtoolTestFile.TestedRule(a, cases).generated();
                } catch (IllegalArgumentException e) {
                    problems.add(Problem.error("custom rule " + key, e.getMessage()));
                }
            });
        }
        return problems;
    }

    public static SortedMap<String, byte[]> of(RuleFile file, Map<String, List<RuleTestCase>> tests,
            Duration evaluationInterval, String source) {
        List<PromtoolTestFile.TestedRule> tested = new ArrayList<>();
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (RuleGroup group : file.groups()) {
            group.rules().stream().filter(AlertingRule.class::isInstance).map(AlertingRule.class::cast).forEach(a -> {
                String key = RuleSet.testKey(a.alert(), seen.merge(a.alert(), 1, Integer::sum));
                tested.add(new PromtoolTestFile.TestedRule(a, tests.getOrDefault(key, List.of())));
            });
        }
        return PromtoolTestFile.perAlert(file, tested, evaluationInterval, source);
    }
}
