package dev.spawn.monitoring.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.decl.Internal;
import dev.spawn.monitoring.render.YamlOutput;
import dev.spawn.monitoring.rules.RuleSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The cases of the generated promtool test files, one per test group ({@code name: "Rule: case"}), and
 * what {@code promtool test rules} said about each: its failure block (expected and got alerts) or
 * nothing when it passed. Read back from the files promtool ran, so that reports name what really ran.
 */
@Internal
public final class RuleTestCases {

    /**
     * One case: the test file, the alert it tests, the case's name, whether it expects the alert to
     * fire, and promtool's failure text ({@code null} when it passed or did not run).
     */
    public record Case(String file, String rule, String name, boolean fires, String failure) {
        public boolean failed() {
            return failure != null;
        }

        /** The failure's first line, short enough for a message attribute ({@code alertname: X, time: 5m}). */
        public String failureSummary() {
            return failure == null ? "" : failure.lines().skip(1).findFirst().orElse("").strip().replaceAll(",\\s*$", "");
        }
    }

    private static final String UNIT_TESTING = "Unit Testing:";
    private static final String NAME = "name: ";

    private RuleTestCases() {
    }

    /** Every case of the test files, none failed. */
    public static List<Case> of(SortedMap<String, byte[]> testFiles) {
        return of(testFiles, "");
    }

    /** Every case of the test files, with the failures in promtool's {@code output} (one run over all the files). */
    public static List<Case> of(SortedMap<String, byte[]> testFiles, String output) {
        Map<String, Map<String, String>> failures = failures(output);
        List<Case> cases = new ArrayList<>();
        testFiles.forEach((file, bytes) -> {
            Map<String, String> failed = failures.getOrDefault(file, Map.of());
            for (JsonNode test : tree(bytes).path("tests")) {
                String group = test.path("name").asText();
                JsonNode check = test.path("alert_rule_test").path(0);
                String rule = check.path("alertname").asText();
                String name = group.startsWith(rule + ": ") ? group.substring(rule.length() + 2) : group;
                cases.add(new Case(file, rule, name, !check.path("exp_alerts").isEmpty(), failed.get(group)));
            }
        });
        return List.copyOf(cases);
    }

    private static final Map<byte[], JsonNode> TREES = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /**
     * A generated test file read as a tree, read once per file: the coverage report, the test run's batches, the
     * result cache and the mutants all read the same bytes (the array itself is the key, held weakly). The tree is
     * shared: callers must not change it.
     */
    static JsonNode tree(byte[] testFile) {
        JsonNode tree = TREES.get(testFile);
        if (tree == null) {
            tree = YamlOutput.parse(testFile);
            TREES.put(testFile, tree);
        }
        return tree;
    }

    /**
     * What a case costs promtool besides its evaluations, in evaluations: each test group opens its own storage, about
     * 7 ms, where an evaluation of one rule takes about 0.06 ms (promtool 2.42 on the reference machine).
     */
    static final long CASE_COST = 120;

    /**
     * What a test file costs promtool, in rule evaluations: each case's eval_time over the interval, plus one, plus
     * {@link #CASE_COST}; the weight by which the files are spread over the processes.
     */
    static long cost(byte[] testFile) {
        JsonNode tree = tree(testFile);
        Duration interval = interval(tree);
        long sum = 0;
        for (JsonNode c : tree.path("tests")) {
            sum += evaluations(c, interval) + CASE_COST;
        }
        return sum;
    }

    /** A test file's {@code evaluation_interval} (promtool's default, 1m, without one). */
    static Duration interval(JsonNode testFile) {
        String text = testFile.path("evaluation_interval").asText("");
        return text.isEmpty() ? RuleSet.DEFAULT_INTERVAL : Duration.parse(text);
    }

    /** How many evaluations a case steps through: its eval_time over the interval. */
    static long evaluations(JsonNode c, Duration interval) {
        String at = c.path("alert_rule_test").path(0).path("eval_time").asText("0s");
        return Duration.isValid(at) ? Duration.parse(at).millis() / Math.max(1, interval.millis()) + 1 : 1;
    }

    /**
     * promtool's failures by test file and test group name: after {@code Unit Testing:  <file>}, each failed
     * group is a block that starts with {@code name: <group>,} and runs to the next such line.
     */
    static Map<String, Map<String, String>> failures(String output) {
        Map<String, Map<String, String>> failures = new LinkedHashMap<>();
        Map<String, String> current = null;
        String group = null;
        StringBuilder block = new StringBuilder();
        for (String line : output.lines().toList()) {
            String stripped = line.strip();
            if (stripped.startsWith(UNIT_TESTING)) {
                flush(current, group, block);
                group = null;
                current = failures.computeIfAbsent(stripped.substring(UNIT_TESTING.length()).strip(), f -> new LinkedHashMap<>());
            } else if (current != null && stripped.startsWith(NAME) && stripped.endsWith(",")) {
                flush(current, group, block);
                group = stripped.substring(NAME.length(), stripped.length() - 1);
                block.append(stripped).append('\n');
            } else if (group != null) {
                block.append(line.startsWith("    ") ? line.substring(4) : line).append('\n');
            }
        }
        flush(current, group, block);
        return failures;
    }

    private static void flush(Map<String, String> failures, String group, StringBuilder block) {
        if (failures != null && group != null) {
            failures.merge(group, block.toString().strip(), (a, b) -> a + "\n" + b);
        }
        block.setLength(0);
    }
}
