package dev.spawn.monitoring.rules;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.rules.AlertingRule;
import dev.spawn.monitoring.model.rules.RuleFile;
import dev.spawn.monitoring.model.rules.RuleGroup;
import dev.spawn.monitoring.render.YamlOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The promtool test file of a rule file of the user's own ({@code rules.groups} in the spec): the cases given on
 * its alerts, written as the defaults' cases are ({@code tests/<name>-test.yaml}, naming the rule file relative to
 * itself), so that promtool, the coverage report and mutation testing treat them alike.
 */
public final class RuleFileTests {

    private RuleFileTests() {
    }

    /** The test file's path and bytes, or empty when no alert of {@code file} has a case. */
    public static Optional<Map.Entry<String, byte[]>> of(RuleFile file, Map<String, List<RuleTestCase>> tests,
            Duration evaluationInterval, String source) {
        List<PromtoolTestFile.TestedRule> tested = new ArrayList<>();
        for (RuleGroup group : file.groups()) {
            group.rules().stream().filter(AlertingRule.class::isInstance).map(AlertingRule.class::cast)
                    .filter(a -> !tests.getOrDefault(a.alert(), List.of()).isEmpty())
                    .forEach(a -> tested.add(new PromtoolTestFile.TestedRule(a, tests.get(a.alert()))));
        }
        if (tested.isEmpty()) {
            return Optional.empty();
        }
        String name = file.path().substring(file.path().lastIndexOf('/') + 1).replaceFirst("\\.ya?ml$", "");
        return Optional.of(Map.entry("tests/" + name + "-test.yaml",
                YamlOutput.toBytes(PromtoolTestFile.tree("../" + file.path(), evaluationInterval, tested), source)));
    }
}
