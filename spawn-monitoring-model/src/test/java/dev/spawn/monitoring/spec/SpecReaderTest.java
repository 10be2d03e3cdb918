package dev.spawn.monitoring.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecReaderTest {

    static final String FILE = "spawn-monitoring.yaml";

    static List<String> problems(String yaml) {
        try {
            SpecReader.parse(FILE, yaml).build();
        } catch (ValidationException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
        throw new AssertionError("expected problems in:\n" + yaml);
    }

    private static MonitoringBundle bundle(String yaml) {
        return SpecReader.parse(FILE, yaml).build();
    }

    static String text(MonitoringBundle bundle, String file) {
        return new String(bundle.files().get(file), StandardCharsets.UTF_8);
    }

    @Test
    void missingSpecFileGivesTheDefaults(@TempDir Path dir) {
        MonitoringBundle fromSpec = SpawnMonitoring.fromSpec(dir.resolve(FILE)).build();
        MonitoringBundle defaults = SpawnMonitoring.defaults().source(FILE).build();
        assertThat(fromSpec.files().keySet()).isEqualTo(defaults.files().keySet());
        assertThat(fromSpec.alertCount()).isEqualTo(26);
    }

    @Test
    void aMissingSpecIsTheDefaultsOnlyAtTheDefaultPath(@TempDir Path dir) {
        Path defaultPath = dir.resolve(SpecReader.DEFAULT_PATH);
        assertThat(SpecReader.read(defaultPath, defaultPath).build().alertCount()).isEqualTo(26);
        Path typo = dir.resolve("src/main/monitoring/spawn-monitorng.yaml");
        assertThatThrownBy(() -> SpecReader.read(typo, defaultPath))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().startsWith(typo + ": the spec file does not exist;"));
    }

    @Test
    void emptySpecGivesTheDefaults() {
        assertThat(bundle("").alertCount()).isEqualTo(26);
        assertThat(bundle("# nothing yet\n").alertCount()).isEqualTo(26);
    }

    @Test
    void reportsYamlSyntaxErrorAtSnakeYamlsMark() {
        assertThat(problems("apiVersion: spawn.dev/v1\nglobal:\n  scrape_interval: [30s\n"))
                .singleElement().asString().startsWith("spawn-monitoring.yaml:4:1: YAML syntax error: ");
    }

    @Test
    void reportsUnknownFieldWithDidYouMean() {
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                rules:
                  HighCostInstance:
                    treshold: 10
                """)).containsExactly(
                "spawn-monitoring.yaml:4:5: unknown field 'treshold' in rules.HighCostInstance; did you mean 'threshold'?");
    }

    @Test
    void reportsUnknownTopLevelField() {
        assertThat(problems("apiVersion: spawn.dev/v1\nalertmanger: {}\n")).containsExactly(
                "spawn-monitoring.yaml:2:1: unknown field 'alertmanger' in the top level; did you mean 'alertmanager'?");
    }

    @Test
    void reportsWrongType() {
        assertThat(problems("apiVersion: spawn.dev/v1\nec2:\n  port: ninety\n")).containsExactly(
                "spawn-monitoring.yaml:3:9: wrong type for ec2.port: expected an integer, got the string 'ninety'");
        assertThat(problems("apiVersion: spawn.dev/v1\nec2:\n  regions: us-east-1\n")).containsExactly(
                "spawn-monitoring.yaml:3:12: wrong type for ec2.regions: expected a list of strings, got the string 'us-east-1'");
    }

    @Test
    void reportsBadDuration() {
        assertThat(problems("apiVersion: spawn.dev/v1\nglobal:\n  scrape_interval: 30 seconds\n")).containsExactly(
                "spawn-monitoring.yaml:3:20: bad duration '30 seconds' for global.scrape_interval; expected a Prometheus"
                        + " duration such as 30s, 5m or 1h30m (units: ms, s, m, h, d, w, y)");
    }

    @Test
    void reportsIllegalLabelName() {
        assertThat(problems("apiVersion: spawn.dev/v1\nglobal:\n  external_labels:\n    bad-label: x\n")).containsExactly(
                "spawn-monitoring.yaml:4:5: illegal label name 'bad-label' in global.external_labels;"
                        + " expected [a-zA-Z_][a-zA-Z0-9_]* not starting with '__'");
    }

    @Test
    void reportsRouteToUndefinedReceiver() {
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                alertmanager:
                  receivers:
                    - name: slack
                      slack:
                        channel: "#spawn-alerts"
                        api_url_file: /etc/am/slack
                  routes:
                    - receiver: pagerduty-oncall
                """)).containsExactly("spawn-monitoring.yaml:9:17: route receiver 'pagerduty-oncall' is not defined;"
                + " defined receivers: spawn-webhook, slack");
    }

    @Test
    void reportsDuplicateNamesAndKeys() {
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                alertmanager:
                  receivers:
                    - name: hook
                      webhook: {url: "http://localhost:1/x"}
                    - name: hook
                      webhook: {url: "http://localhost:2/x"}
                """)).containsExactly("spawn-monitoring.yaml:6:13: duplicate receiver name 'hook'; receiver names must be unique");
        assertThat(problems("apiVersion: spawn.dev/v1\nglobal:\n  scrape_interval: 30s\n  scrape_interval: 20s\n"))
                .containsExactly("spawn-monitoring.yaml:4:3: duplicate field 'scrape_interval' in global (first at"
                        + " spawn-monitoring.yaml:3:3)");
    }

    @Test
    void warnsAboutInlineSecrets() {
        SpecReader.Spec spec = SpecReader.parse(FILE, """
                apiVersion: spawn.dev/v1
                alertmanager:
                  receivers:
                    - name: pd
                      pagerduty:
                        routing_key: abc123
                """);
        assertThat(spec.warnings()).map(Problem::toString).containsExactly(
                "spawn-monitoring.yaml:6:22: warning: inline secret 'routing_key' in alertmanager.receivers[0].pagerduty;"
                        + " expected routing_key_file (a path the server reads at run time), so the secret stays out of"
                        + " generated files and version control");
        assertThat(spec.build().warnings()).map(Problem::toString).anyMatch(w -> w.contains("inline secret 'routing_key'"));
    }

    @Test
    void reportsUnreadableSpecFile(@TempDir Path dir) throws Exception {
        Path spec = Files.createDirectory(dir.resolve(FILE)); // a directory cannot be read as a file
        assertThatThrownBy(() -> SpecReader.read(spec)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems()).singleElement().asString()
                        .startsWith(spec + ": cannot read the spec file: "));
    }

    @Test
    void requiresTheApiVersion() {
        assertThat(problems("global: {}\n")).containsExactly(
                "spawn-monitoring.yaml:1:1: missing field 'apiVersion' at the top level; expected apiVersion: spawn.dev/v1");
        assertThat(problems("apiVersion: spawn.dev/v2\n")).containsExactly(
                "spawn-monitoring.yaml:1:13: unsupported apiVersion 'spawn.dev/v2'; expected spawn.dev/v1");
    }

    @Test
    void reportsEveryProblemInOneRun() {
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                global:
                  scrape_interval: soon
                ec2:
                  regoins: [us-east-1]
                alertmanager:
                  routes:
                    - receiver: nobody
                """)).hasSize(3);
    }

    @Test
    void readsAFullSpec() {
        MonitoringBundle bundle = bundle("""
                apiVersion: spawn.dev/v1
                global:
                  scrape_interval: 30s
                  evaluation_interval: 30s
                  external_labels: {environment: staging}
                ec2:
                  regions: [us-east-1, eu-west-1]
                  role_arn: arn:aws:iam::123456789012:role/prometheus
                static:
                  targets: ["10.1.0.5:9090"]
                scrape_configs:
                  - job_name: node
                    targets: ["10.1.0.5:9100"]
                    scheme: https
                    tls_config: {ca_file: /etc/ca.pem}
                    basic_auth: {username: p, password_file: /etc/pw}
                remote_write:
                  - url: https://m.example.com/write
                high_availability:
                  replicas: [a, b]
                alertmanager:
                  receivers:
                    - name: slack
                      slack: {channel: "#alerts", api_url_file: /etc/am/slack}
                  routes:
                    - receiver: slack
                      matchers: ['severity="critical"']
                      group_wait: 30s
                  inhibit_rules:
                    - source_matchers: ['severity="critical"']
                      target_matchers: ['severity="info"']
                      equal: [instance_id]
                """);
        String prometheus = text(bundle, "prometheus-a.yaml");
        assertThat(prometheus).contains("eu-west-1", "role_arn: arn:aws:iam::123456789012:role/prometheus",
                "job_name: node", "password_file: /etc/pw", "job_name: spawn-static", "https://m.example.com/write",
                "environment: staging");
        assertThat(bundle.files()).containsKey("prometheus-b.yaml");
        assertThat(text(bundle, "alertmanager.yaml")).contains("channel: \"#alerts\"", "api_url_file: /etc/am/slack");
        assertThat(bundle.alertmanager().route().routes().get(0).receiver()).isEqualTo("slack");
    }

    @Test
    void reportsUnknownRuleName() {
        assertThat(problems("apiVersion: spawn.dev/v1\nrules:\n  HighCostInstanse:\n    threshold: 3\n")).containsExactly(
                "spawn-monitoring.yaml:3:3: unknown rule 'HighCostInstanse' in rules; did you mean 'HighCostInstance'?");
    }

    @Test
    void reportsUnknownParameterAtTheRule() {
        assertThat(problems("apiVersion: spawn.dev/v1\nrules:\n  HighCostInstance:\n    parameters:\n      treshold: 3\n"))
                .containsExactly("spawn-monitoring.yaml:4:5: no parameter 'treshold'; did you mean 'threshold'?");
    }

    @Test
    void setsDurationParametersFromStrings() {
        MonitoringBundle bundle = bundle("""
                apiVersion: spawn.dev/v1
                rules:
                  CostTrendingUp:
                    parameters: {window: 12h, threshold: 1.2}
                  FleetGrowthAnomaly:
                    parameters: {window: 90m}
                """);
        assertThat(text(bundle, "alerts/cost-alerts.yaml")).contains("offset 12h) > 1.2");
        assertThat(text(bundle, "alerts/capacity-alerts.yaml")).contains("offset 1h30m)");
    }

    @Test
    void reportsABadParameterValueOrType() {
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                rules:
                  CostTrendingUp:
                    parameters: {window: soon}
                  FleetGrowthAnomaly:
                    parameters: {window: [1h]}
                """)).hasSize(2).anySatisfy(p -> assertThat(p).startsWith("spawn-monitoring.yaml:4:5: parameter window: "))
                .contains("spawn-monitoring.yaml:6:26: wrong type for rules.FleetGrowthAnomaly.parameters.window:"
                        + " expected a number (3, 0.2) or a duration (12h), got a list");
    }

    @Test
    void placesABadRemoteUrlAtItsNode() {
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                remote_write:
                  - url: not a url
                remote_read:
                  - name: lts
                    url: ftp://store.example.com/read
                """)).containsExactly(
                "spawn-monitoring.yaml:3:10: url 'not a url' does not parse as a URL (Illegal character in path);"
                        + " expected e.g. https://host:port/path",
                "spawn-monitoring.yaml:6:10: url 'ftp://store.example.com/read' is not an absolute http(s) URL;"
                        + " expected e.g. https://host:port/path");
    }

    @Test
    void reportsUnknownCategoryAndSeverity() {
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                rules:
                  disabled_categories: [costs]
                  HighCostInstance:
                    severity: urgent
                """)).containsExactly(
                "spawn-monitoring.yaml:3:25: unknown category 'costs' in rules.disabled_categories; did you mean 'cost'?",
                "spawn-monitoring.yaml:5:15: unknown severity 'urgent'; expected one of critical, warning, info");
    }

    @Test
    void appliesRuleOverridesAndCustomRules() {
        MonitoringBundle bundle = bundle("""
                apiVersion: spawn.dev/v1
                rules:
                  HighCostInstance: {threshold: 10, severity: critical, for: 15m}
                  InstanceRecentlyStarted: {enabled: false}
                  disabled_categories: [capacity]
                  custom:
                    - name: SporedDown
                      expr: up{job="spawn-ec2"} == 0
                      for: 5m
                      severity: critical
                """);
        String cost = text(bundle, "alerts/cost-alerts.yaml");
        assertThat(cost).contains("> 10", "for: 15m");
        assertThat(bundle.files()).doesNotContainKey("alerts/capacity-alerts.yaml");
        assertThat(text(bundle, "alerts/lifecycle-alerts.yaml")).doesNotContain("InstanceRecentlyStarted");
        assertThat(text(bundle, "alerts/custom-alerts.yaml")).contains("SporedDown");
    }

    @Test
    void placesModelProblemsAtTheSpecNodeTheyCameFrom() {
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                scrape_configs:
                  - job_name: node
                    targets: ["10.0.0.1:9100"]
                    scrape_interval: 10s
                    scrape_timeout: 20s
                """)).containsExactly("spawn-monitoring.yaml:3:5: scrape_timeout 20s is longer than scrape_interval 10s;"
                + " expected a timeout no longer than the interval");
    }

    @Test
    void reportsAReceiverWithoutNotifier() {
        assertThat(problems("apiVersion: spawn.dev/v1\nalertmanager:\n  receivers:\n    - name: nobody\n")).containsExactly(
                "spawn-monitoring.yaml:4:7: receiver 'nobody' has no notifier; expected one of webhook, slack, pagerduty, sns, email");
    }

    @Test
    void reportsBadCustomRuleTestCasesAtTheirNodes() {
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                rules:
                  custom:
                    - name: X
                      expr: up == 0
                      tests:
                        - name: fires
                          at: ten minutes
                          input:
                            - series: up
                              copies: two
                          alerts:
                            - labels: {bad-label: x}
                              vaule: 1
                """)).contains(
                "spawn-monitoring.yaml:8:15: bad duration 'ten minutes' for rules.custom[0].tests[0].at; expected a Prometheus"
                        + " duration such as 30s, 5m or 1h30m (units: ms, s, m, h, d, w, y)",
                "spawn-monitoring.yaml:10:15: missing field 'values' in rules.custom[0].tests[0].input[0]",
                "spawn-monitoring.yaml:11:23: wrong type for rules.custom[0].tests[0].input[0].copies: expected an integer,"
                        + " got the string 'two'",
                "spawn-monitoring.yaml:14:15: unknown field 'vaule' in rules.custom[0].tests[0].alerts[0]; did you mean 'value'?");
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                rules:
                  custom:
                    - name: X
                      expr: up == 0
                      tests: {name: fires}
                """)).containsExactly("spawn-monitoring.yaml:6:14: wrong type for rules.custom[0].tests: expected a list, got a mapping");
    }
}
