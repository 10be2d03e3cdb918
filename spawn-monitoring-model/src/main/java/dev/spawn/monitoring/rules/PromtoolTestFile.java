package dev.spawn.monitoring.rules;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.rules.AlertingRule;
import dev.spawn.monitoring.render.YamlOutput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns rendered test cases into a {@code promtool test rules} file: one test group per case, the
 * {@code copies} of input series expanded, and {@code exp_labels}/{@code exp_annotations} derived
 * from the rule itself (promtool compares them exactly), the annotations predicted by
 * {@link AlertTemplate} from the case's labels and value.
 */
final class PromtoolTestFile {

    /** An effective alerting rule and its test cases with every template already rendered. */
    record TestedRule(AlertingRule rule, List<RuleTestCase> tests) {
    }

    /**
     * The step between input values: test cases in rule-definitions/ (and specs) are written with one
     * value a minute, whatever the group's evaluation interval is.
     */
    static final Duration INPUT_STEP = Duration.ofMinutes(1);

    private PromtoolTestFile() {
    }

    /**
     * The test file tree; {@code ruleFile} is relative to the test file ({@code ../alerts/x.yaml}).
     * Rules are evaluated every {@code evaluationInterval} (the group's), inputs keep {@link #INPUT_STEP}.
     */
    static ObjectNode tree(String ruleFile, Duration evaluationInterval, List<TestedRule> rules) {
        ObjectNode root = YamlOutput.object();
        root.putArray("rule_files").add(ruleFile);
        YamlOutput.put(root, "evaluation_interval", evaluationInterval);
        ArrayNode tests = root.putArray("tests");
        for (TestedRule tested : rules) {
            for (RuleTestCase test : tested.tests()) {
                tests.add(group(tested.rule(), test));
            }
        }
        return root;
    }

    private static ObjectNode group(AlertingRule rule, RuleTestCase test) {
        String where = "test '" + test.name() + "' of rule " + rule.alert();
        ObjectNode group = YamlOutput.object();
        YamlOutput.put(group, "interval", INPUT_STEP);
        ArrayNode input = group.putArray("input_series");
        for (RuleTestCase.InputSeries series : test.input()) {
            int copies = copies(series, where);
            for (int i = 1; i <= copies; i++) {
                ObjectNode s = input.addObject();
                s.put("series", series.copies() == null ? series.series() : series.series().replace("${i}", Integer.toString(i)));
                s.put("values", series.values());
            }
        }
        group.put("name", rule.alert() + ": " + test.name());
        ObjectNode check = group.putArray("alert_rule_test").addObject();
        check.put("eval_time", test.at());
        check.put("alertname", rule.alert());
        ArrayNode expected = check.putArray("exp_alerts");
        for (RuleTestCase.ExpectedAlert alert : test.alerts()) {
            ObjectNode a = expected.addObject();
            Map<String, String> labels = new LinkedHashMap<>(alert.labels());
            labels.putAll(rule.labels());
            YamlOutput.putMap(a, "exp_labels", new java.util.TreeMap<>(labels));
            YamlOutput.putMap(a, "exp_annotations", annotations(rule, alert, where));
        }
        return group;
    }

    private static Map<String, String> annotations(AlertingRule rule, RuleTestCase.ExpectedAlert alert, String where) {
        Double value = null;
        if (alert.value() != null) {
            try {
                value = Double.parseDouble(alert.value());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": expected value '" + alert.value() + "' is not a number");
            }
        }
        Map<String, String> expanded = new java.util.TreeMap<>();
        for (Map.Entry<String, String> annotation : rule.annotations().entrySet()) {
            try {
                expanded.put(annotation.getKey(), AlertTemplate.expand(annotation.getValue(), alert.labels(), value));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ", annotation " + annotation.getKey() + ": " + e.getMessage());
            }
        }
        return expanded;
    }

    private static int copies(RuleTestCase.InputSeries series, String where) {
        if (series.copies() == null) {
            return 1;
        }
        double copies;
        try {
            copies = Double.parseDouble(series.copies());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": copies '" + series.copies() + "' is not a number");
        }
        if (copies != Math.rint(copies) || copies > 100_000) {
            throw new IllegalArgumentException(where + ": copies must be a whole number up to 100000, not " + series.copies());
        }
        if (copies > 1 && !series.series().contains("${i}")) {
            throw new IllegalArgumentException(where + ": series " + series.series() + " has copies but no ${i} to tell them apart");
        }
        return (int) Math.max(0, copies);
    }
}
