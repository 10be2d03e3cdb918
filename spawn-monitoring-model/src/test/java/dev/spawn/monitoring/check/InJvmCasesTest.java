package dev.spawn.monitoring.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.rules.AlertingRule;
import dev.spawn.monitoring.model.rules.RuleFile;
import dev.spawn.monitoring.model.rules.RuleGroup;
import dev.spawn.monitoring.render.RuleRenderer;
import dev.spawn.monitoring.render.YamlOutput;
import dev.spawn.monitoring.testing.RealTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert states of the in-JVM runner ({@code for}, {@code keep_firing_for}, resolved alerts, scalars, evaluation
 * errors, the check at or just before an eval_time): each case states the verdict it expects, and promtool, run on the
 * same rule and case, gives the same verdict.
 */
class InJvmCasesTest {

    /** A rule, a case (one promtool test group) and the verdict both runners must give. */
    private record Case(String name, AlertingRule rule, String group, boolean passes) {
    }

    private static final List<Case> CASES = new ArrayList<>();

    private static AlertingRule rule(String expr, String forDuration) {
        return AlertingRule.builder("A", expr).forDuration(Duration.parse(forDuration))
                .labels(Map.of("severity", "warning")).annotations(Map.of("summary", "at {{ $value }}")).build();
    }

    private static void add(String name, AlertingRule rule, String group, boolean passes) {
        CASES.add(new Case(name, rule, group, passes));
    }

    private static String group(String values, String evalTime, String... firing) {
        StringBuilder g = new StringBuilder("""
                interval: 1m
                input_series:
                  - series: 'm{i="1"}'
                    values: '%s'
                alert_rule_test:
                  - eval_time: %s
                    alertname: A
                    exp_alerts:
                """.formatted(values, evalTime));
        if (firing.length == 0) {
            g.append("      []\n");
        }
        for (String value : firing) {
            g.append("      - exp_labels: {i: \"1\", severity: warning}\n        exp_annotations: {summary: \"at ").append(value)
                    .append("\"}\n");
        }
        return g.toString();
    }

    static {
        add("pending before its for", rule("m > 1", "3m"), group("5x10", "2m"), true);
        add("firing at its for", rule("m > 1", "3m"), group("5x10", "3m", "5"), true);
        add("not firing at its for", rule("m > 1", "3m"), group("5x10", "3m"), false);
        add("the check uses the evaluation at or just before eval_time", rule("m > 1", "3m"), group("5x10", "3m59s", "5"), true);
        add("the value is the latest", rule("m > 1", "0s"), group("2+1x10", "4m", "6"), true);
        add("a gap ends the pending state", rule("m > 1", "3m"), group("5 5 0 5 5 5", "4m"), true);
        add("a resolved alert is no longer firing", rule("m > 1", "0s"), group("5 5 0 0", "3m"), true);
        add("the lookback keeps a series for 5m", rule("m > 1", "0s"), group("5 _x10", "5m", "5"), true);
        add("and not one millisecond more", rule("m > 1", "0s"), group("5 _x10", "6m"), true);
        add("a stale marker ends it at once", rule("m > 1", "0s"), group("5 stale _x10", "1m"), true);
        add("a scalar result is one alert without labels", rule("scalar(m)", "0s"), """
                interval: 1m
                input_series:
                  - series: 'm{i="1"}'
                    values: '5x10'
                alert_rule_test:
                  - eval_time: 2m
                    alertname: A
                    exp_alerts:
                      - exp_labels: {severity: warning}
                        exp_annotations: {summary: "at 5"}
                """, true);
        add("keep_firing_for holds a firing alert", AlertingRule.builder("A", "m > 1").forDuration(Duration.ZERO)
                .keepFiringFor(Duration.parse("3m")).labels(Map.of("severity", "warning")).build(), """
                interval: 1m
                input_series:
                  - series: 'm{i="1"}'
                    values: '5 5 0 0 0 0 0'
                alert_rule_test:
                  - eval_time: 4m
                    alertname: A
                    exp_alerts:
                      - exp_labels: {i: "1", severity: warning}
                  - eval_time: 5m
                    alertname: A
                    exp_alerts: []
                """, true);
        add("two series, two alerts", rule("m > 1", "0s"), """
                interval: 1m
                input_series:
                  - series: 'm{i="1"}'
                    values: '5x3'
                  - series: 'm{i="2"}'
                    values: '7x3'
                alert_rule_test:
                  - eval_time: 2m
                    alertname: A
                    exp_alerts:
                      - exp_labels: {i: "2", severity: warning}
                        exp_annotations: {summary: "at 7"}
                      - exp_labels: {i: "1", severity: warning}
                        exp_annotations: {summary: "at 5"}
                """, true);
        add("an evaluation error fails the case", AlertingRule.builder("A", "m / on() n").labels(Map.of("severity", "warning")).build(), """
                interval: 1m
                input_series:
                  - series: 'm{i="1"}'
                    values: '5x3'
                  - series: 'm{i="2"}'
                    values: '5x3'
                  - series: 'n'
                    values: '1x3'
                alert_rule_test:
                  - eval_time: 2m
                    alertname: A
                    exp_alerts: []
                """, false);
    }

    private static Map<String, Boolean> promtool = new java.util.HashMap<>();

    @BeforeAll
    static void runPromtool(@TempDir Path dir) throws Exception {
        RealTools.require(Tool.PROMTOOL);
        List<String> args = new ArrayList<>(List.of("test", "rules"));
        for (int i = 0; i < CASES.size(); i++) {
            Case c = CASES.get(i);
            Files.write(dir.resolve("r" + i + ".yaml"), RuleRenderer.toBytes(new RuleFile("r" + i + ".yaml",
                    List.of(new RuleGroup("g", null, List.of(c.rule())))), "test"));
            String test = "rule_files: [r" + i + ".yaml]\nevaluation_interval: 1m\ntests:\n  - "
                    + c.group().replace("\n", "\n    ").strip() + "\n";
            Files.writeString(dir.resolve("t" + i + ".yaml"), test, StandardCharsets.UTF_8);
            args.add("t" + i + ".yaml");
        }
        String output = Tool.PROMTOOL.run(dir, 60, args.toArray(String[]::new)).output();
        String current = null;
        for (String line : output.lines().toList()) {
            if (line.startsWith("Unit Testing:")) {
                current = line.substring("Unit Testing:".length()).strip();
                promtool.put(current, true);
            } else if (current != null && line.contains("FAILED")) {
                promtool.put(current, false);
            }
        }
    }

    @Test
    void eachCaseGivesTheVerdictItStatesInTheJvmAndInPromtool() {
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < CASES.size(); i++) {
            Case c = CASES.get(i);
            JsonNode group = YamlOutput.parse(c.group().getBytes(StandardCharsets.UTF_8));
            boolean jvm = InJvmCases.passes(group, Duration.ofMinutes(1), InJvmCases.Alert.of(c.rule()), "A", a -> true);
            Boolean tool = promtool.get("t" + i + ".yaml");
            if (jvm != c.passes() || tool == null || tool != c.passes()) {
                wrong.add(c.name() + ": expected " + c.passes() + ", JVM " + jvm + ", promtool " + tool);
            }
        }
        assertThat(wrong).isEmpty();
    }
}
