package dev.spawn.monitoring.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.check.CheckFailedException;
import dev.spawn.monitoring.check.Tool;
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
        assertThat(out).doesNotExist();
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
