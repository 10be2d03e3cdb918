package dev.spawn.monitoring.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.check.CheckFailedException;
import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.io.OutputLock;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.testing.RealTools;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** promtool's verdict on a spec's rules, traced back to the spec line that wrote them (real promtool). */
class SpecPromtoolTest {

    private static final String SPEC = """
            apiVersion: spawn.dev/v1
            rules:
              custom:
                - name: Fine
                  expr: up == 0
                - name: CpuRising
                  expr: rate(spawn_cpu_usage_percent[5m]
                  annotations:
                    summary: cpu rising
            """;

    @TempDir
    Path dir;

    @Test
    void placesPromtoolsParseErrorAtTheCustomRulesExpr() throws Exception {
        RealTools.require(Tool.PROMTOOL);
        SpecReader.Spec spec = SpecReader.parse("spawn-monitoring.yaml", SPEC);
        MonitoringBundle bundle = spec.build();
        Path out = dir.resolve("out");

        CheckFailedException failure = catchThrowableOfType(
                () -> bundle.writeChecked(out, BundleCheck.MissingTool.SKIP), CheckFailedException.class);

        List<String> placed = failure.outcomes().stream().map(spec::place).flatMap(o -> o.problems().stream())
                .map(Problem::toString).toList();
        assertThat(placed).singleElement().asString()
                .startsWith("spawn-monitoring.yaml:7:13: custom rule 'CpuRising': promtool: could not parse expression: ")
                .contains("unclosed left parenthesis")
                .endsWith("(alerts/custom-alerts.yaml:" + exprLine(bundle) + ":15)");
        // nothing written: the folder holds only the writer's lock file
        assertThat(out).isDirectoryNotContaining(p -> !p.getFileName().toString().equals(OutputLock.FILE));
        // the tests of rules that do not load would only repeat the load errors
        assertThat(failure.outcomes()).filteredOn(o -> o.name().startsWith("promtool test rules"))
                .singleElement().extracting(BundleCheck.Outcome::status).isEqualTo(BundleCheck.Outcome.Status.SKIPPED);
    }

    @Test
    void keepsTheModelElementWhenThereIsNoSpec() {
        RealTools.require(Tool.PROMTOOL);
        MonitoringBundle bundle = SpecReader.parse("spawn-monitoring.yaml", SPEC).monitoring().source("code").build();

        CheckFailedException failure = catchThrowableOfType(
                () -> bundle.writeChecked(dir.resolve("out"), BundleCheck.MissingTool.SKIP), CheckFailedException.class);

        assertThat(failure.outcomes()).flatExtracting(BundleCheck.Outcome::problems).extracting(Problem::location)
                .containsExactly("custom rule CpuRising.expr");
        assertThat(failure.getMessage()).contains("custom rule 'CpuRising': promtool: could not parse expression");
    }

    @Test
    void provesACustomRuleWithTheSpecsTestCases() {
        RealTools.require(Tool.PROMTOOL);
        SpecReader.Spec spec = SpecReader.parse("spawn-monitoring.yaml", TESTED);
        MonitoringBundle bundle = spec.build();

        MonitoringBundle.CheckedWrite written = bundle.writeChecked(dir.resolve("out"), BundleCheck.MissingTool.SKIP);

        assertThat(written.checks()).filteredOn(o -> o.name().startsWith("promtool test rules")).singleElement()
                .extracting(BundleCheck.Outcome::status).isEqualTo(BundleCheck.Outcome.Status.PASSED);
        assertThat(bundle.warnings()).extracting(Problem::message).noneMatch(m -> m.contains("has no test cases"));
        assertThat(new String(bundle.files().get("tests/custom-alerts/SporedDown-test.yaml"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("fires when spored is down", "stays silent while spored answers", "0x15");
    }

    @Test
    void aWrongExpectationFailsPromtoolTestRules() {
        RealTools.require(Tool.PROMTOOL);
        MonitoringBundle bundle = SpecReader.parse("spawn-monitoring.yaml", TESTED.replace("values: '1x15'", "values: '0x15'")).build();

        CheckFailedException failure = catchThrowableOfType(
                () -> bundle.writeChecked(dir.resolve("out"), BundleCheck.MissingTool.SKIP), CheckFailedException.class);

        assertThat(failure.getMessage()).contains("promtool test rules", "stays silent while spored answers");
    }

    private static final String TESTED = """
            apiVersion: spawn.dev/v1
            rules:
              custom:
                - name: SporedDown
                  expr: up{job="spawn-ec2"} == 0
                  for: 5m
                  severity: critical
                  annotations:
                    summary: "spored on {{ $labels.instance_id }} is not answering"
                  tests:
                    - name: fires when spored is down
                      at: 10m
                      input:
                        - series: 'up{job="spawn-ec2", instance="10.0.0.1:9100", instance_id="i-1"}'
                          values: '0x15'
                      alerts:
                        - labels: {job: spawn-ec2, instance: "10.0.0.1:9100", instance_id: i-1}
                    - name: stays silent while spored answers
                      at: 10m
                      input:
                        - series: 'up{job="spawn-ec2", instance="10.0.0.1:9100", instance_id="i-1"}'
                          values: '1x15'
            """;

    private static int exprLine(MonitoringBundle bundle) {
        List<String> lines = new String(bundle.files().get("alerts/custom-alerts.yaml"), java.nio.charset.StandardCharsets.UTF_8)
                .lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("rate(spawn_cpu_usage_percent[5m]")) {
                return i + 1;
            }
        }
        throw new AssertionError("no expression in the rule file");
    }
}
