package dev.spawn.monitoring.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spawn.monitoring.goal.Linting;
import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.testing.RealTools;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code rules.groups}: rule groups as Prometheus writes them, recording rules and tests on alerts included. */
class RuleGroupsSpecTest {

    private static final String SPEC = """
            apiVersion: spawn.dev/v1
            rules:
              groups:
                - name: fleet-recording
                  interval: 30s
                  limit: 1000
                  rules:
                    - record: region:spawn_cpu_usage_percent:avg
                      expr: avg by (region) (spawn_cpu_usage_percent)
                      labels: {team: infra}
                - name: fleet-alerts
                  rules:
                    - alert: RegionCpuSaturated
                      expr: region:spawn_cpu_usage_percent:avg > 90
                      for: 5m
                      keep_firing_for: 10m
                      labels: {severity: warning}
                      annotations:
                        summary: "Region {{ $labels.region }} CPU above 90%"
                        description: "Average CPU in {{ $labels.region }} is {{ $value }}%."
                      tests:
                        - name: fires after five minutes above 90
                          at: 10m
                          input:
                            - series: 'region:spawn_cpu_usage_percent:avg{region="us-east-1", team="infra"}'
                              values: '95x15'
                          alerts:
                            - labels: {region: us-east-1, team: infra}
                              value: 95
                        - name: silent at 90
                          at: 10m
                          input:
                            - series: 'region:spawn_cpu_usage_percent:avg{region="us-east-1", team="infra"}'
                              values: '90x15'
            """;

    @Test
    void groupsAreWrittenAsPrometheusWritesThemWithTheirTests() throws Exception {
        MonitoringBundle bundle = SpecReader.parse("spawn-monitoring.yaml", SPEC).build();
        String groups = new String(bundle.files().get("alerts/groups.yaml"), StandardCharsets.UTF_8);
        assertThat(groups).contains("""
                  - name: fleet-recording
                    interval: 30s
                    limit: 1000
                    rules:
                      - record: region:spawn_cpu_usage_percent:avg
                        expr: avg by (region) (spawn_cpu_usage_percent)
                        labels:
                          team: infra
                """).contains("keep_firing_for: 10m");
        assertThat(bundle.prometheus().ruleFiles()).contains("alerts/groups.yaml");
        assertThat(bundle.ruleTests()).containsKeys("tests/groups/RegionCpuSaturated-test.yaml", "tests/groups/rules/RegionCpuSaturated.yaml");
        // the copy the test loads keeps the groups (interval, limit, recording rules) with only the alert under test
        assertThat(new String(bundle.ruleTests().get("tests/groups/rules/RegionCpuSaturated.yaml"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("- name: fleet-recording\n    interval: 30s\n    limit: 1000\n").contains("- alert: RegionCpuSaturated");
        assertThat(Linting.of(bundle, null, "").report().lines()).isEmpty();

        RealTools.require(Tool.PROMTOOL);
        List<BundleCheck.Outcome> outcomes = bundle.check(BundleCheck.MissingTool.FAIL);
        assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).as(o.name() + ": " + o.output())
                .isEqualTo(BundleCheck.Outcome.Status.PASSED));
    }

    @Test
    void everyMistakeInAGroupAtItsPlace() {
        assertThatThrownBy(() -> SpecReader.parse("spawn-monitoring.yaml", """
                apiVersion: spawn.dev/v1
                rules:
                  groups:
                    - name: a
                      rules:
                        - alert: X
                          record: x
                          expr: up
                        - record: y
                          expr: up
                          for: 5m
                        - expr: up
                    - name: a
                      rules: []
                    - name: b
                      limit: -1
                      rules: []
                """).build()).isInstanceOf(ValidationException.class)
                .hasMessageContaining("spawn-monitoring.yaml:6:11: both alert and record in rules.groups[a].rules[0]")
                .hasMessageContaining("spawn-monitoring.yaml:11:11: 'for' in recording rule y")
                .hasMessageContaining("spawn-monitoring.yaml:12:11: neither alert nor record")
                .hasMessageContaining("spawn-monitoring.yaml:13:13: duplicate rule group name 'a'")
                .hasMessageContaining("spawn-monitoring.yaml:16:14: value -1 for rules.groups[2].limit is out of range");
    }

    @Test
    void lintFindingsOnAGroupAlertPointIntoTheSpec() {
        SpecReader.Spec spec = SpecReader.parse("spawn-monitoring.yaml", SPEC.replace("region:spawn_cpu_usage_percent:avg > 90",
                "spawn_cpu_usage_percnt > 90"));
        MonitoringBundle bundle = spec.build();
        assertThat(Linting.of(bundle, spec, "").report().lines()).anySatisfy(l -> assertThat(l)
                .startsWith("spawn-monitoring.yaml:14:17: error: metric/unknown: spawn_cpu_usage_percnt"));
    }

    private static final String UNTESTED = """
            rules:
              groups:
                - name: mine
                  rules:
                    - alert: SporedDown
                      expr: up == 0
            """;

    @Test
    void anAlertWithoutCasesIsAWarningAtItsNameWhileCoverageIsNotSet() {
        MonitoringBundle bundle = SpecReader.parse("spawn-monitoring.yaml", "apiVersion: spawn.dev/v1\n" + UNTESTED).build();
        assertThat(bundle.warnings()).extracting(Object::toString).contains("spawn-monitoring.yaml:6:18: warning: alert"
                + " SporedDown has no test cases, so nothing proves that it fires when it should; add a case"
                + " that fires and one that stays silent under its tests");
        assertThat(bundle.ruleTests().keySet()).noneMatch(k -> k.startsWith("tests/groups/"));
        assertThat(SpecReader.parse("spawn-monitoring.yaml", "apiVersion: spawn.dev/v1\n" + UNTESTED.replace("rules:\n  groups:",
                "rules:\n  coverage: none\n  groups:")).build().warnings()).extracting(Object::toString)
                .anySatisfy(w -> assertThat(w).startsWith("spawn-monitoring.yaml:7:18: warning: alert SporedDown has no test cases"));
    }

    @Test
    void anAlertWithoutCasesFailsAtItsNameWhenCoverageIsSet() {
        assertThatThrownBy(() -> SpecReader.parse("spawn-monitoring.yaml", "apiVersion: spawn.dev/v1\n"
                + UNTESTED.replace("rules:\n  groups:", "rules:\n  coverage: fire\n  groups:")).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).extracting(Object::toString)
                        .containsExactly("spawn-monitoring.yaml:7:18: rule SporedDown has no case that fires"
                                + " (rules.coverage: fire); add it to its tests, or relax rules.coverage"));
    }

    @Test
    void aGroupAlertIsHeldToCoverageLikeACustomRule() {
        // SPEC's alert has a case that fires and one that stays silent: it passes the strictest coverage
        assertThat(SpecReader.parse("spawn-monitoring.yaml", SPEC.replace("rules:\n  groups:", "rules:\n  coverage:"
                + " fire-and-silent\n  groups:")).build().warnings()).isEmpty();
        // without its silent case it fails the default coverage, at the alert's name
        String firingOnly = SPEC.substring(0, SPEC.indexOf("            - name: silent at 90"));
        assertThatThrownBy(() -> SpecReader.parse("spawn-monitoring.yaml", firingOnly).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).extracting(Object::toString)
                        .containsExactly("spawn-monitoring.yaml:13:18: rule RegionCpuSaturated has no case that stays silent"
                                + " (rules.coverage: fire-and-silent); add it to its tests, or relax rules.coverage"));
        assertThat(SpecReader.parse("spawn-monitoring.yaml", firingOnly.replace("rules:\n  groups:", "rules:\n  coverage: fire\n"
                + "  groups:")).build().warnings()).isEmpty();
    }
}
