package dev.spawn.monitoring.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.spec.SpecReader;
import dev.spawn.monitoring.testing.RealTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warning and a critical alert of one name, as Prometheus allows and rule sets often have: each is tested with its own
 * cases and only itself loaded, its mutants judged by its own cases, and a failing case placed at its own rule.
 */
class SameNamedAlertsTest {

    /** Two HighCpu alerts with cases each, {@code %s} the second's threshold (95 holds its cases, 97 does not). */
    private static final String CUSTOM = """
            apiVersion: spawn.dev/v1
            rules:
              custom:
                - name: HighCpu
                  expr: spawn_cpu_usage_percent > 80
                  for: 5m
                  severity: warning
                  annotations: {summary: "CPU of {{ $labels.instance_id }} above 80%%", description: "{{ $value }}%%"}
                  tests:
                    - name: fires at 85
                      at: 5m
                      input:
                        - series: 'spawn_cpu_usage_percent{instance_id="i-1"}'
                          values: '85x10'
                      alerts:
                        - labels: {instance_id: i-1}
                          value: 85
                    - name: silent at 80
                      at: 5m
                      input:
                        - series: 'spawn_cpu_usage_percent{instance_id="i-1"}'
                          values: '80x10'
                - name: HighCpu
                  expr: spawn_cpu_usage_percent > %s
                  for: 5m
                  severity: critical
                  annotations: {summary: "CPU of {{ $labels.instance_id }} above 95%%", description: "{{ $value }}%%"}
                  tests:
                    - name: fires at 96
                      at: 5m
                      input:
                        - series: 'spawn_cpu_usage_percent{instance_id="i-1"}'
                          values: '96x10'
                      alerts:
                        - labels: {instance_id: i-1}
                          value: 96
                    - name: silent at 95
                      at: 5m
                      input:
                        - series: 'spawn_cpu_usage_percent{instance_id="i-1"}'
                          values: '95x10'
            """;

    private static final String GROUPS = """
            apiVersion: spawn.dev/v1
            rules:
              groups:
                - name: cpu
                  rules:
                    - alert: HighCpu
                      expr: spawn_cpu_usage_percent > 80
                      for: 5m
                      labels: {severity: warning}
                      tests:
                        - name: fires at 85
                          at: 5m
                          input:
                            - series: 'spawn_cpu_usage_percent{instance_id="i-1"}'
                              values: '85x10'
                          alerts:
                            - labels: {instance_id: i-1}
                        - name: silent at 80
                          at: 5m
                          input:
                            - series: 'spawn_cpu_usage_percent{instance_id="i-1"}'
                              values: '80x10'
                    - alert: HighCpu
                      expr: spawn_cpu_usage_percent > 95
                      for: 5m
                      labels: {severity: critical}
                      tests:
                        - name: fires at 96
                          at: 5m
                          input:
                            - series: 'spawn_cpu_usage_percent{instance_id="i-1"}'
                              values: '96x10'
                          alerts:
                            - labels: {instance_id: i-1}
                        - name: silent at 95
                          at: 5m
                          input:
                            - series: 'spawn_cpu_usage_percent{instance_id="i-1"}'
                              values: '95x10'
            """;

    @TempDir
    Path dir;

    @Test
    void eachCustomAlertOfANameIsTestedOnItsOwnAndItsMutantsByItsOwnCases() {
        MonitoringBundle bundle = SpecReader.parse("spawn-monitoring.yaml", CUSTOM.formatted("95")).build();

        assertThat(bundle.ruleTests()).containsKeys("tests/custom-alerts/HighCpu-test.yaml", "tests/custom-alerts/HighCpu.2-test.yaml");
        String first = text(bundle, "tests/custom-alerts/rules/HighCpu.yaml");
        String second = text(bundle, "tests/custom-alerts/rules/HighCpu.2.yaml");
        assertThat(first).contains("> 80").contains("severity: warning").doesNotContain("> 95");
        assertThat(second).contains("> 95").contains("severity: critical").doesNotContain("> 80");
        assertThat(text(bundle, "tests/custom-alerts/HighCpu.2-test.yaml")).contains("rules/HighCpu.2.yaml")
                .contains("fires at 96").doesNotContain("fires at 85");

        RealTools.require(Tool.PROMTOOL);
        assertThat(bundle.check(BundleCheck.MissingTool.FAIL)).allSatisfy(o -> assertThat(o.status())
                .as(o.name() + ": " + o.output()).isEqualTo(BundleCheck.Outcome.Status.PASSED));

        bundle.writeTo(dir.resolve("bundle"));
        List<MutationCheck.Verdict> verdicts = MutationCheckTest.inJvmAgreesWithPromtool(bundle, dir.resolve("bundle")).stream()
                .filter(MutationCheck.Verdict::custom).toList();
        // each alert's comparison turned to >= is killed by its own "silent at" case; "for" halved survives both (no
        // case waits for the for), which a mix of the two alerts' cases would not show
        for (String threshold : List.of("80", "95")) {
            assertThat(verdicts).filteredOn(v -> v.expr().contains(">= " + threshold)).singleElement()
                    .extracting(MutationCheck.Verdict::killed).isEqualTo(true);
            assertThat(verdicts).filteredOn(v -> v.expr().contains("> " + threshold) && v.change().contains("for"))
                    .filteredOn(v -> v.expr().endsWith("for 2m30s")).singleElement()
                    .extracting(MutationCheck.Verdict::killed).isEqualTo(false);
        }
    }

    @Test
    void aFailingCaseOfTheSecondAlertOfANameIsPlacedAtThatAlert() {
        // the second alert at 97 does not fire at 96: its case fails, and is placed at its own name (line 23, the first is at 4)
        SpecReader.Spec spec = SpecReader.parse("spawn-monitoring.yaml", CUSTOM.formatted("97"));
        MonitoringBundle bundle = spec.build();
        RealTools.require(Tool.PROMTOOL);

        CheckFailedException failure = catchThrowableOfType(
                () -> bundle.writeChecked(dir.resolve("out"), BundleCheck.MissingTool.SKIP), CheckFailedException.class);

        List<String> placed = failure.outcomes().stream().map(spec::place).flatMap(o -> o.problems().stream())
                .map(Problem::toString).toList();
        assertThat(placed).singleElement().asString()
                .startsWith("spawn-monitoring.yaml:23:13: custom rule 'HighCpu': promtool test 'fires at 96' failed")
                .contains("HighCpu.2-test.yaml");
    }

    @Test
    void eachGroupAlertOfANameIsTestedOnItsOwn() {
        MonitoringBundle bundle = SpecReader.parse("spawn-monitoring.yaml", GROUPS).build();

        assertThat(bundle.ruleTests()).containsKeys("tests/groups/HighCpu-test.yaml", "tests/groups/HighCpu.2-test.yaml");
        assertThat(text(bundle, "tests/groups/rules/HighCpu.2.yaml")).contains("> 95").doesNotContain("> 80");
        assertThat(text(bundle, "tests/groups/HighCpu-test.yaml")).contains("fires at 85").doesNotContain("fires at 96");

        RealTools.require(Tool.PROMTOOL);
        assertThat(bundle.check(BundleCheck.MissingTool.FAIL)).allSatisfy(o -> assertThat(o.status())
                .as(o.name() + ": " + o.output()).isEqualTo(BundleCheck.Outcome.Status.PASSED));
    }

    @Test
    void findingsOnTheSecondAlertOfANameArePlacedAtIt() {
        // the second HighCpu has no cases and no description, and reads a metric that does not exist
        String second = CUSTOM.formatted("95").substring(0, CUSTOM.formatted("95").lastIndexOf("      tests:"))
                .replace("expr: spawn_cpu_usage_percent > 95", "expr: spawn_cpu_usage_percnt > 95")
                .replace("above 95%\", description: \"{{ $value }}%\"}", "above 95%\"}");
        SpecReader.Spec spec = SpecReader.parse("spawn-monitoring.yaml", second);
        MonitoringBundle bundle = spec.build();

        assertThat(bundle.warnings()).extracting(Problem::toString).anySatisfy(w -> assertThat(w)
                .startsWith("spawn-monitoring.yaml:23:13: ").contains("alert HighCpu has no test cases"));
        assertThat(dev.spawn.monitoring.goal.Linting.of(bundle, spec, "").report().lines())
                .anySatisfy(l -> assertThat(l).startsWith("spawn-monitoring.yaml:24:13: error: metric/unknown: spawn_cpu_usage_percnt"))
                .anySatisfy(l -> assertThat(l).startsWith("spawn-monitoring.yaml:23:13: warning: style/annotations: alert HighCpu has no description"))
                .noneSatisfy(l -> assertThat(l).startsWith("spawn-monitoring.yaml:4:"));
    }

    private static String text(MonitoringBundle bundle, String path) {
        assertThat(bundle.ruleTests()).containsKey(path);
        return new String(bundle.ruleTests().get(path), StandardCharsets.UTF_8);
    }
}
