package dev.spawn.monitoring.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spawn.monitoring.goal.Linting;
import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.spec.SpecReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spec's side of spawn:lint: findings placed where the spec wrote the rule or route, metrics:, lint.checks. */
class LintSpecTest {

    private static List<String> lint(String yaml) {
        SpecReader.Spec spec = SpecReader.parse("spawn-monitoring.yaml", yaml);
        MonitoringBundle bundle = spec.build();
        return Linting.of(bundle, spec, "monitoring/").report().lines();
    }

    private static final String CUSTOM = """
            apiVersion: spawn.dev/v1
            rules:
              custom:
                - name: FleetCpu
                  expr: avg(spawn_cpu_usage_percnt) > 90
                  severity: warning
                  annotations:
                    summary: fleet CPU
                    description: "{{ $labels.instance_id }} is busy"
            """;

    @Test
    void customRuleFindingsAtTheirCharacterInTheSpec() {
        List<String> lines = lint(CUSTOM);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("spawn-monitoring.yaml:5:17: error: metric/unknown:"
                + " spawn_cpu_usage_percnt is not in the metric catalog"));
    }

    @Test
    void anOverrideOfADefaultRuleIsPlacedAtTheOverride() {
        List<String> lines = lint("""
                apiVersion: spawn.dev/v1
                rules:
                  HighCPUUsage:
                    annotations:
                      summary: "GPU {{ $labels.gpu_index }} is busy"
                """);
        assertThat(lines).singleElement().asString().startsWith("spawn-monitoring.yaml:3:3: warning: template/label:"
                + " annotation summary of HighCPUUsage reads $labels.gpu_index");
    }

    @Test
    void declaredMetricsExtendTheCatalog() {
        String spec = """
                apiVersion: spawn.dev/v1
                metrics:
                  - name: node_filesystem_avail_ratio
                    type: gauge
                    labels: [mountpoint]
                    min: 0
                    max: 1
                rules:
                  custom:
                    - name: DiskFull
                      expr: node_filesystem_avail_ratio{mountpoint="/"} < 0.05
                      annotations: {summary: s, description: d}
                    - name: DiskEmpty
                      expr: node_filesystem_avail_ratio{mountpoint="/"} > 1
                      annotations: {summary: s, description: d}
                    - name: DiskTypo
                      expr: node_filesystem_avail_ration < 1.5
                      annotations: {summary: s, description: d}
                """;
        List<String> lines = lint(spec);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("spawn-monitoring.yaml:14:13: error: alert/never-fires: node_filesystem_avail_ratio"
                + " stays within [0, 1], so > 1 is never true");
        assertThat(lines.get(1)).startsWith("spawn-monitoring.yaml:17:13: error: metric/unknown: node_filesystem_avail_ration");
    }

    @Test
    void severitiesPerCheck() {
        String spec = CUSTOM + """
                lint:
                  checks:
                    metric/unknown: warning
                    template/label: off
                """;
        assertThat(lint(spec)).singleElement().asString().contains(": warning: metric/unknown:");
    }

    @Test
    void badLintSettingsAreErrorsAtTheirPlace() {
        assertThatThrownBy(() -> lint("""
                apiVersion: spawn.dev/v1
                lint:
                  checks:
                    metric/unknwn: warning
                    style/name: silent
                metrics:
                  - name: x
                    type: histogram
                """)).isInstanceOf(ValidationException.class).hasMessageContaining(
                "spawn-monitoring.yaml:4:5: unknown check 'metric/unknwn' in lint.checks; did you mean 'metric/unknown'?")
                .hasMessageContaining("spawn-monitoring.yaml:5:17: wrong severity 'silent' for lint.checks.style/name:"
                        + " expected error, warning or off")
                .hasMessageContaining("spawn-monitoring.yaml:8:11:");
    }
}
