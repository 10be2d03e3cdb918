package dev.spawn.monitoring.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import org.junit.jupiter.api.Test;

/**
 * The input series of a spec's own cases are read as promtool reads them: a mistake in {@code series} or {@code values}
 * is one problem at its line and column, all of them in one run, before anything is rendered or run.
 */
class TestInputSpecTest {

    private static final String SPEC = """
            apiVersion: spawn.dev/v1
            rules:
              custom:
                - name: NetworkBurst
                  expr: rate(spawn_network_bytes_total[5m]) > 1e6
                  severity: warning
                  tests:
                    - name: fires
                      at: 10m
                      input:
                        - series: 'spawn_network_bytes_total{instance_id="i-1"}'
                          values: '0+1e9x20 oops'
                      alerts:
                        - labels: {instance_id: i-1}
                    - name: silent
                      at: 10m
                      input:
                        - series: 'spawn_network_bytes_total{instance_id="i-1"'
                          values: '0x20 Inf+0x3'
              groups:
                - name: mine
                  rules:
                    - alert: CpuHigh
                      expr: spawn_cpu_usage_percent > 90
                      tests:
                        - name: fires
                          at: 5m
                          input:
                            - series: 'spawn_cpu_usage_percent{instance_id=~"i-1"}'
                              values: '95x10 Infx2'
            """;

    @Test
    void everyBadSeriesAndValuesAtItsPlaceInOneRun() {
        ValidationException e = catchThrowableOfType(() -> SpecReader.parse("spawn-monitoring.yaml", SPEC).build(),
                ValidationException.class);

        assertThat(e.problems()).filteredOn(Problem::isError).extracting(Problem::toString).filteredOn(p -> p.contains(": bad ")).containsExactly(
                "spawn-monitoring.yaml:12:23: bad values '0+1e9x20 oops' in rules.custom[0].tests[0].input[0].values: 'oops' is not a"
                        + " number, _ or stale; expected space-separated numbers, each optionally repeated (1x5) or stepped (0+10x5,"
                        + " 100-1x5), _ or _x3 for missing samples, stale for a stale marker",
                "spawn-monitoring.yaml:18:23: bad series 'spawn_network_bytes_total{instance_id=\"i-1\"' in"
                        + " rules.custom[0].tests[1].input[0].series: expected ',' or '}' after the value of label instance_id;"
                        + " expected a metric name and labels as name=\"value\" in braces, e.g. spawn_cpu_usage_percent{instance_id=\"i-1\"}",
                "spawn-monitoring.yaml:29:27: bad series 'spawn_cpu_usage_percent{instance_id=~\"i-1\"}' in"
                        + " rules.groups[mine].rules[0].tests[0].input[0].series: expected '=' after label instance_id (a series has"
                        + " label values, not matchers); expected a metric name and labels as name=\"value\" in braces,"
                        + " e.g. spawn_cpu_usage_percent{instance_id=\"i-1\"}",
                "spawn-monitoring.yaml:30:27: bad values '95x10 Infx2' in rules.groups[mine].rules[0].tests[0].input[0].values:"
                        + " 'Infx2' is not a number, _ or stale (Inf and NaN are words: Infx3 is one, Inf+0x3 repeats Inf);"
                        + " expected space-separated numbers, each optionally repeated (1x5) or stepped (0+10x5, 100-1x5), _ or _x3"
                        + " for missing samples, stale for a stale marker");
    }

    private static final String CASES = """
            apiVersion: spawn.dev/v1
            rules:
              custom:
                - name: CpuBurst
                  expr: spawn_cpu_usage_percent > 90
                  severity: warning
                  annotations: {summary: "CPU at {{ $value }}", description: "{{ $labels.instance_id }}"}
                  tests:
                    - name: fires
                      at: 0s
                      input:
                        - series: 'spawn_cpu_usage_percent{instance_id="i-1"}'
                          values: '95x10'
                          copies: 3
                      alerts:
                        - labels: {instance_id: i-1}
                          value: ninety-five
                    - name: fires
                      at: 5m
                      input:
                        - series: 'spawn_cpu_usage_percent{instance_id="i-${i}"}'
                          values: '95x10'
                          copies: 2
            """;

    @Test
    void copiesValuesAndCaseNamesAtTheirPlacesEachOnce() {
        ValidationException e = catchThrowableOfType(() -> SpecReader.parse("spawn-monitoring.yaml", CASES).build(),
                ValidationException.class);

        // each once, at its own line: the model's own report of the copies ("has copies but no ${i}") is not repeated
        assertThat(e.problems()).filteredOn(Problem::isError).extracting(Problem::toString).containsExactly(
                "spawn-monitoring.yaml:14:23: 3 copies of series 'spawn_cpu_usage_percent{instance_id=\"i-1\"}' in"
                        + " rules.custom[0].tests[0].input[0] would be one series 3 times; expected ${i} in the series"
                        + " (instance_id=\"i-${i}\") to tell the copies apart",
                "spawn-monitoring.yaml:17:22: bad value 'ninety-five' in rules.custom[0].tests[0].alerts[0].value; expected the"
                        + " number the alert's $value has (95, 0.5, 1e6)",
                "spawn-monitoring.yaml:18:17: duplicate case name 'fires' in rules.custom[0].tests (also at 9:17); expected each"
                        + " case of a rule to have its own name");
    }

    private static final String TEMPLATED = """
            apiVersion: spawn.dev/v1
            global:
              external_labels: {cluster: prod-eu}
            rules:
              groups:
                - name: node
                  interval: 30s
                  rules:
                    - alert: CpuAvgHigh
                      expr: spawn_cpu_usage_percent > 90
                      for: 1m
                      labels:
                        severity: critical
                        instance_copy: '{{ $labels.instance_id }}'
                        cluster_copy: '{{ $externalLabels.cluster }}'
                      annotations:
                        summary: 'CPU {{ printf "%%.1f" $value }}%% on {{ $labels.instance_id }}'
                      tests:
                        - name: fires at 95
                          at: 1m30s
                          input:
                            - series: 'spawn_cpu_usage_percent{instance_id="i-1"}'
                              values: '95x10'
                          alerts:
                            - labels: {instance_id: i-1}
                              value: %s
                        - name: silent at 90
                          at: 5m
                          input:
                            - series: 'spawn_cpu_usage_percent{instance_id="i-1"}'
                              values: '90x10'
            """;

    @Test
    void aGroupAlertsCasesExpandItsLabelTemplatesAndRunEveryGroupInterval() {
        dev.spawn.monitoring.MonitoringBundle bundle = SpecReader.parse("spawn-monitoring.yaml", TEMPLATED.formatted("95")).build();
        String test = new String(bundle.ruleTests().get("tests/groups/CpuAvgHigh-test.yaml"), java.nio.charset.StandardCharsets.UTF_8);
        // the label is the series' instance; $externalLabels is empty in a test, and an empty label is dropped
        assertThat(test).contains("evaluation_interval: 30s").contains("instance_copy: i-1").doesNotContain("cluster_copy")
                .contains("summary: CPU 95.0% on i-1");

        dev.spawn.monitoring.testing.RealTools.require(dev.spawn.monitoring.check.Tool.PROMTOOL);
        assertThat(bundle.check(dev.spawn.monitoring.check.BundleCheck.MissingTool.FAIL)).allSatisfy(o -> assertThat(o.status())
                .as(o.name() + ": " + o.output()).isEqualTo(dev.spawn.monitoring.check.BundleCheck.Outcome.Status.PASSED));
    }

    @Test
    void aGroupAlertsCaseThatCannotBeGeneratedIsAProblemAtTheAlertNotACrash() {
        // the summary prints $value, and the expected alert gives none
        ValidationException e = catchThrowableOfType(() -> SpecReader.parse("spawn-monitoring.yaml",
                TEMPLATED.formatted("95").replaceAll("\n +value: 95", "")).build(), ValidationException.class);

        assertThat(e.problems()).filteredOn(Problem::isError).extracting(Problem::toString).containsExactly(
                "spawn-monitoring.yaml:9:18: test 'fires at 95' of rule CpuAvgHigh, annotation summary: the annotation prints"
                        + " $value, so the expected alert needs a value");
    }
}
