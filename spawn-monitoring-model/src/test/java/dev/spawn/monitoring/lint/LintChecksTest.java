package dev.spawn.monitoring.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.model.prometheus.PrometheusConfig;
import dev.spawn.monitoring.rules.MetricCatalog;
import dev.spawn.monitoring.rules.RuleCatalog;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each check of spawn:lint, shown finding what it describes and staying quiet just beside it. */
class LintChecksTest {

    private static final PrometheusConfig DEFAULT_PROMETHEUS = SpawnMonitoring.defaults().build().prometheus();
    private static final String ROUTING = """
            route:
              receiver: default
              group_by: [alertname]
              routes:
                - receiver: pager
                  matchers: ['severity="critical"']
                - receiver: default
                  matchers: ['severity="warning"']
            receivers:
              - name: default
              - name: pager
            """;

    /** A rule file with one alert; {@code extra} adds lines (labels, annotations) under it. */
    private static String alert(String name, String expr, String extra) {
        return "groups:\n  - name: g\n    rules:\n      - alert: " + name + "\n        expr: " + expr + "\n"
                + "        labels:\n          severity: warning\n"
                + "        annotations:\n          summary: s\n          description: d\n" + extra;
    }

    private static List<String> lint(String rules) {
        return lint(rules, null, Map.of(), List.of());
    }

    private static List<String> lint(String rules, String alertmanager, Map<Check, Check.Severity> severities,
            List<MetricCatalog.Metric> metrics) {
        LintContext ctx = LintContext.of(RuleCatalog.defaults().metrics().with(metrics), DEFAULT_PROMETHEUS, severities);
        return Lint.run(ctx, List.of(new Lint.Source("r.yaml", rules)),
                alertmanager == null ? null : new Lint.Source("am.yaml", alertmanager), UnaryOperator.identity()).lines();
    }

    private static List<String> checks(List<String> lines, String check) {
        return lines.stream().filter(l -> l.contains(": " + check + ": ")).toList();
    }

    @Test
    void syntaxErrorsAtTheirCharacter() {
        List<String> lines = lint(alert("A", "spawn_cpu_usage_percent > ", ""));
        assertThat(checks(lines, "promql/syntax")).singleElement().asString().startsWith("r.yaml:5:40: error: promql/syntax: unexpected end of input");
        assertThat(checks(lint(alert("A", "spawn_cpu_usage_percent > 1", "")), "promql/syntax")).isEmpty();
        assertThat(checks(lint(alert("A", "rate(spawn_network_bytes_total[5m]", "")), "promql/syntax")).singleElement()
                .asString().startsWith("r.yaml:5:49: error: promql/syntax: unclosed left parenthesis");
    }

    @Test
    void typeErrors() {
        assertThat(checks(lint(alert("A", "spawn_cpu_usage_percent[5m] > 1", "")), "promql/type")).singleElement()
                .asString().startsWith("r.yaml:5:15: error: promql/type:");
        assertThat(checks(lint(alert("A", "max_over_time(spawn_cpu_usage_percent[5m]) > 1", "")), "promql/type")).isEmpty();
    }

    @Test
    void unknownMetricWithDidYouMeanAndOtherNamespacesLeftAlone() {
        assertThat(checks(lint(alert("A", "spawn_cpu_usage_percnt > 90", "")), "metric/unknown")).singleElement()
                .asString().contains("r.yaml:5:15: error: metric/unknown: spawn_cpu_usage_percnt is not in the metric catalog")
                .contains("did you mean 'spawn_cpu_usage_percent'");
        assertThat(lint(alert("A", "node_load1 > 4", ""))).isEmpty();
        MetricCatalog.Metric node = MetricCatalog.Metric.builder("node_load1").type("gauge").help("load").min(0.0)
                .build();
        assertThat(checks(lint(alert("A", "node_laod1 > 4", ""), null, Map.of(), List.of(node)), "metric/unknown"))
                .singleElement().asString().contains("node_laod1");
        assertThat(lint(alert("A", "node_load1 > 4", ""), null, Map.of(), List.of(node))).isEmpty();
    }

    @Test
    void labelTheMetricNeverCarries() {
        assertThat(checks(lint(alert("A", "spawn_cpu_usage_percent{gpu_index=\"0\"} > 90", "")), "metric/label"))
                .singleElement().asString().contains("never carries the label gpu_index").contains("matches nothing");
        assertThat(lint(alert("A", "spawn_gpu_utilization_percent{gpu_index=\"0\", region=\"us-east-1\"} > 90", ""))).isEmpty();
    }

    @Test
    void rateOfAGauge() {
        assertThat(checks(lint(alert("A", "rate(spawn_cpu_usage_percent[5m]) > 1", "")), "rate/gauge")).hasSize(1);
        assertThat(checks(lint(alert("A", "rate(spawn_network_bytes_total[5m]) > 1", "")), "rate/gauge")).isEmpty();
    }

    @Test
    void rawCounterCompared() {
        assertThat(checks(lint(alert("A", "sum by (instance_id) (spawn_network_bytes_total) > 1e9", "")), "counter/raw"))
                .singleElement().asString().contains("warning: counter/raw");
        assertThat(lint(alert("A", "increase(spawn_network_bytes_total[1h]) > 1e9", ""))).isEmpty();
        assertThat(lint(alert("A", "count(spawn_network_bytes_total) > 3", ""))).isEmpty();
    }

    @Test
    void rangeUnderTwoScrapeIntervals() {
        assertThat(checks(lint(alert("A", "rate(spawn_network_bytes_total[1m]) > 1", "")), "rate/range")).singleElement()
                .asString().contains("[1m] at a 1m scrape interval");
        assertThat(lint(alert("A", "rate(spawn_network_bytes_total[2m]) > 1", ""))).isEmpty();
    }

    @Test
    void alwaysFires() {
        assertThat(checks(lint(alert("A", "spawn_cpu_usage_percent", "")), "alert/always-fires")).hasSize(1);
        assertThat(checks(lint(alert("A", "avg by (region) (spawn_cpu_usage_percent) * 2", "")), "alert/always-fires")).hasSize(1);
        assertThat(lint(alert("A", "spawn_cpu_usage_percent > 90", ""))).isEmpty();
        assertThat(lint(alert("A", "absent(spawn_cpu_usage_percent)", ""))).isEmpty();
        assertThat(lint(alert("A", "spawn_cpu_usage_percent and spawn_idle_state == 1", ""))).isEmpty();
    }

    @Test
    void neverFires() {
        assertThat(checks(lint(alert("A", "spawn_cpu_usage_percent > 150", "")), "alert/never-fires")).singleElement()
                .asString().contains("stays within [0, 100], so > 150 is never true");
        assertThat(checks(lint(alert("A", "100 <= avg(spawn_cpu_usage_percent)", "")), "alert/never-fires")).isEmpty();
        assertThat(checks(lint(alert("A", "101 <= max(spawn_cpu_usage_percent)", "")), "alert/never-fires")).hasSize(1);
        assertThat(checks(lint(alert("A", "spawn_network_bytes_total < 0", "")), "alert/never-fires")).hasSize(1);
        assertThat(lint(alert("A", "spawn_cpu_usage_percent > 99", ""))).isEmpty();
        assertThat(checks(lint(alert("A", "spawn_cpu_usage_percent{region=\"a\", region=\"b\"} > 9", "")),
                "alert/never-fires")).singleElement().asString().contains("cannot both match");
        assertThat(checks(lint(alert("A", "spawn_cpu_usage_percent{region=~\"us-east$-1\"} > 9", "")),
                "alert/never-fires")).singleElement().asString().contains("matches no value");
        assertThat(lint(alert("A", "spawn_cpu_usage_percent{region=~\"us-east-1|eu-.*\", region!=\"b\"} > 9", ""))).isEmpty();
    }

    @Test
    void style() {
        String bare = "groups:\n  - name: g\n    rules:\n      - alert: high_cpu\n        expr: spawn_cpu_usage_percent > 90\n";
        List<String> lines = lint(bare);
        assertThat(checks(lines, "style/name")).singleElement().asString().contains("such as HighCpu");
        assertThat(checks(lines, "style/severity")).singleElement().asString().contains("no severity label");
        assertThat(checks(lines, "style/annotations")).singleElement().asString().contains("no summary and no description");
        String page = alert("HighCpu", "spawn_cpu_usage_percent > 90", "").replace("severity: warning", "severity: page");
        assertThat(checks(lint(page, ROUTING, Map.of(), List.of()), "style/severity")).singleElement().asString()
                .contains("'page'").contains("critical, info, warning");
        assertThat(lint(page, ROUTING.replace("severity=\"critical\"", "severity=~\"page|critical\""), Map.of(), List.of()))
                .isEmpty();
        assertThat(lint(alert("HighCpu", "spawn_cpu_usage_percent > 90", ""), ROUTING, Map.of(), List.of())).isEmpty();
    }

    @Test
    void templateLabelsTheOutputCannotCarry() {
        String text = alert("FleetCpu", "avg(spawn_cpu_usage_percent) > 90",
                "          more: \"{{ $labels.instance_id }} at {{ $value }}\"\n");
        assertThat(checks(lint(text), "template/label")).singleElement().asString()
                .startsWith("r.yaml:11:21: warning: template/label: annotation more of FleetCpu reads $labels.instance_id");
        assertThat(lint(alert("Cpu", "spawn_cpu_usage_percent > 90", "          more: \"{{ $labels.instance_id }}\"\n"))).isEmpty();
    }

    @Test
    void valueInALabel() {
        String text = "groups:\n  - name: g\n    rules:\n      - alert: Cpu\n        expr: spawn_cpu_usage_percent > 90\n"
                + "        labels:\n          severity: warning\n          level: \"{{ $value }}\"\n"
                + "        annotations:\n          summary: \"{{ $value }}\"\n          description: d\n";
        assertThat(checks(lint(text), "template/value-in-label")).singleElement().asString()
                .startsWith("r.yaml:8:22: error: template/value-in-label: label level of Cpu holds the value");
        String tiered = text.replace("\"{{ $value }}\"\n        annotations", "\"{{ if gt $value 99.0 }}high{{ end }}\"\n        annotations");
        assertThat(tiered).contains("if gt $value");
        assertThat(lint(tiered)).isEmpty();
    }

    @Test
    void templateSyntax() {
        String text = alert("Cpu", "spawn_cpu_usage_percent > 90", "          more: \"{{ $labels.instance_id \"\n"
                + "          other: \"{{ humanise $value }}\"\n");
        List<String> lines = checks(lint(text), "template/syntax");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("r.yaml:11:18: error: template/syntax: annotation more of Cpu: unclosed action");
        assertThat(lines.get(1)).startsWith("r.yaml:12:22: error: template/syntax: annotation other of Cpu: function \"humanise\" not defined");
        assertThat(lint(alert("Cpu", "spawn_cpu_usage_percent > 90", "          more: \"{{ $value | humanize }}\"\n"))).isEmpty();
    }

    @Test
    void routeMatchingALabelItsAlertsLose() {
        String rules = alert("FleetCost", "sum(spawn_cost_per_hour_dollars) > 10", "")
                + "      - alert: InstanceCost\n        expr: spawn_cost_per_hour_dollars > 5\n        labels:\n"
                + "          severity: warning\n        annotations:\n          summary: s\n          description: d\n";
        String am = ROUTING.replace("receivers:\n", """
                    - receiver: pager
                      matchers: ['alertname="FleetCost"', 'instance_id=~"i-.+"']
                    - receiver: pager
                      matchers: ['alertname="InstanceCost"', 'instance_id=~"i-.+"']
                    - receiver: pager
                      matchers: ['alertname="FleetCots"']
                    - receiver: pager
                      matchers: ['alertname="InstanceCost"', 'gpu_index="0"']
                receivers:
                """);
        List<String> lines = checks(lint(rules, am, Map.of(), List.of()), "labels/route");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).startsWith("am.yaml:16:46: error: labels/route: route matcher gpu_index=\"0\" needs the"
                + " label gpu_index, which none of the alerts it is meant for (InstanceCost) can carry");
        assertThat(lines.get(0)).startsWith("am.yaml:10:43: error: labels/route: route matcher instance_id=~\"i-.+\" needs"
                + " the label instance_id, which none of the alerts it is meant for (FleetCost) can carry");
        assertThat(lines.get(1)).contains("alertname=\"FleetCots\" matches no alert of these rules, so the route never receives one; did you mean 'FleetCost'?");
    }

    @Test
    void groupByBelowTheRoot() {
        String am = ROUTING.replace("matchers: ['severity=\"warning\"']", "matchers: ['severity=\"warning\"']\n"
                + "      group_by: [alertname, gpu_index]");
        assertThat(checks(lint(alert("Cpu", "spawn_cpu_usage_percent > 90", ""), am, Map.of(), List.of()), "labels/route"))
                .singleElement().asString().contains("group_by names gpu_index");
        assertThat(lint(alert("Gpu", "spawn_gpu_utilization_percent > 90", ""), am, Map.of(), List.of())).isEmpty();
    }

    @Test
    void inhibitionEqualOnALabelNoAlertCarries() {
        String am = ROUTING + """
                inhibit_rules:
                  - source_matchers: ['severity="critical"']
                    target_matchers: ['severity="warning"']
                    equal: [alertname, gpu_index]
                """;
        String rules = alert("Cpu", "spawn_cpu_usage_percent > 90", "");
        assertThat(checks(lint(rules, am, Map.of(), List.of()), "labels/inhibit")).singleElement().asString()
                .contains("equal names gpu_index, which neither the source alerts (none) nor the target alerts (Cpu) carry");
        assertThat(lint(rules, am.replace("gpu_index", "instance_id"), Map.of(), List.of())).isEmpty();
        String targetNeeds = am.replace("target_matchers: ['severity=\"warning\"']", "target_matchers: ['gpu_index=\"0\"']")
                .replace(", gpu_index]", "]");
        assertThat(checks(lint(rules, targetNeeds, Map.of(), List.of()), "labels/inhibit")).singleElement().asString()
                .contains("target matcher gpu_index=\"0\" needs the label gpu_index");
    }

    @Test
    void receiverTemplates() {
        String am = ROUTING.replace("  - name: pager", """
                  - name: pager
                    slack_configs:
                      - channel: '#x'
                        api_url_file: /s
                        title: '{{ .CommonLabels.gpu_index }} {{ .GroupLabels.region }} {{ .CommonLabels.instance_id }}'
                """.stripTrailing());
        String rules = alert("Cpu", "spawn_cpu_usage_percent > 90", "").replace("severity: warning", "severity: critical");
        List<String> lines = checks(lint(rules, am, Map.of(), List.of()), "labels/template");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("reads .CommonLabels.gpu_index, which none of the alerts routed to it (Cpu) carry");
        assertThat(lines.get(1)).contains("reads .GroupLabels.region, but the routes to it group by alertname");
    }

    @Test
    void ignoreCommentsAndSeverities() {
        String text = alert("A", "spawn_cpu_usage_percent", "");
        assertThat(lint(text)).hasSize(1);
        assertThat(lint(text.replace("      - alert: A", "      # spawn:ignore alert/always-fires\n      - alert: A"))).isEmpty();
        assertThat(lint(text.replace("      - alert: A", "      - alert: A  # spawn:ignore style/name")))
                .singleElement().asString().contains("alert/always-fires");
        assertThat(lint(text.replace("      - alert: A", "      - alert: A  # spawn:ignore alert/always-fire")))
                .anyMatch(l -> l.contains("r.yaml:4:19: error: spawn:ignore names unknown check 'alert/always-fire'; did you mean 'alert/always-fires'"));
        assertThat(lint(text, null, Map.of(Check.ALERT_ALWAYS_FIRES, Check.Severity.OFF), List.of())).isEmpty();
        assertThat(lint(text, null, Map.of(Check.ALERT_ALWAYS_FIRES, Check.Severity.ERROR), List.of()))
                .singleElement().asString().contains(": error: alert/always-fires:");
    }

    @Test
    void positionsInsideBlockScalars() {
        String text = "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: |\n          sum by (region) (\n"
                + "            spawn_cpu_usage_percnt\n          ) > 1\n        labels: {severity: warning}\n"
                + "        annotations: {summary: s, description: d}\n";
        assertThat(lint(text)).singleElement().asString().startsWith("r.yaml:7:13: error: metric/unknown:");
    }
}
