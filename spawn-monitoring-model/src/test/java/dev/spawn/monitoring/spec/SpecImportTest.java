package dev.spawn.monitoring.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerConfig;
import dev.spawn.monitoring.model.alertmanager.InhibitRule;
import dev.spawn.monitoring.model.alertmanager.SpawnAlertmanagerDefaults;
import dev.spawn.monitoring.model.prometheus.GlobalConfig;
import dev.spawn.monitoring.model.prometheus.PrometheusConfig;
import dev.spawn.monitoring.model.prometheus.ScrapeConfig;
import dev.spawn.monitoring.model.rules.AlertingRule;
import dev.spawn.monitoring.render.PrometheusRenderer;
import dev.spawn.monitoring.render.PrometheusRendererTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecImportTest {

    @TempDir
    Path dir;

    // --- the whole trip: spec -> bundle -> import -> spec -> the same bundle ---

    @Test
    void importingTheDefaultBundleGivesAnEmptySpec() throws IOException {
        writeBundle(SpawnMonitoring.defaults().build());
        SpecImport.Result result = SpecImport.fromDirectory(dir);
        assertThat(result.spec()).isEqualTo("# Imported by spawn:import from prometheus.yaml and its rule files, and"
                + " alertmanager.yaml: only what differs from the spawn defaults.\napiVersion: spawn.dev/v1\n");
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void importingAGeneratedBundleGivesASpecThatGeneratesTheSameBundle() throws IOException {
        MonitoringBundle original = SpecReader.parse("spawn-monitoring.yaml", """
                apiVersion: spawn.dev/v1
                global:
                  scrape_interval: 30s
                  external_labels: {cluster: fleet-b}
                ec2:
                  regions: [us-east-1, eu-west-1]
                scrape_configs:
                  - job_name: node
                    static_configs: [{targets: ['10.0.0.1:9100']}]
                remote_write:
                  - url: https://mimir.example.com/api/v1/push
                    headers: {X-Scope-OrgID: spawn}
                rules:
                  HighCostInstance: {threshold: 12.5, for: 10m, labels: {team: platform}}
                  CostTrendingUp: {parameters: {window: 12h, threshold: 2}}
                  CostForecastExceeded: {parameters: {horizon: 6h}, severity: warning}
                  InstanceRecentlyStarted: {enabled: false}
                  disabled_categories: [performance]
                """).build();
        writeBundle(original);
        SpecImport.Result result = SpecImport.fromDirectory(dir);
        MonitoringBundle again = SpecReader.parse("spawn-monitoring.yaml", result.spec()).build();
        assertThat(text(again.files())).isEqualTo(text(original.files()));
        assertThat(result.spec()).contains("HighCostInstance:\n    threshold: 12.5\n    for: 10m\n")
                .contains("window: 12h").contains("horizon: 6h").contains("disabled_categories:\n    - performance")
                .contains("InstanceRecentlyStarted:\n    enabled: false");
        // the spawn-ec2 job as the spec said it, not as a whole job
        assertThat(result.spec()).contains("ec2:\n  regions:\n    - us-east-1\n    - eu-west-1\n").doesNotContain("job_name: spawn-ec2");
    }

    @Test
    void anEc2JobTheShorthandCanSayIsWrittenAsItAndOneItCannotAsAWholeJob() throws IOException {
        String ec2 = """
                apiVersion: spawn.dev/v1
                ec2:
                  regions: [eu-west-1]
                  port: 9100
                  refresh_interval: 2m
                  relabel_configs:
                    - {target_label: team, replacement: infra}
                """;
        MonitoringBundle original = SpecReader.parse("spawn-monitoring.yaml", ec2).build();
        writeBundle(original);
        SpecImport.Result result = SpecImport.fromDirectory(dir);
        assertThat(result.spec()).contains("ec2:\n  regions:\n    - eu-west-1\n  port: 9100\n  refresh_interval: 2m\n")
                .contains("replacement: infra").doesNotContain("job_name: spawn-ec2");
        assertThat(text(SpecReader.parse("spawn-monitoring.yaml", result.spec()).build().files())).isEqualTo(text(original.files()));

        // a scrape interval of its own is more than the shorthand says: the whole job, equal after generation
        MonitoringBundle own = SpecReader.parse("spawn-monitoring.yaml", """
                apiVersion: spawn.dev/v1
                scrape_configs:
                  - job_name: spawn-ec2
                    scrape_interval: 5s
                    ec2_sd_configs: [{region: eu-west-1, port: 9090}]
                """).build();
        writeBundle(own);
        SpecImport.Result whole = SpecImport.fromDirectory(dir);
        assertThat(whole.spec()).contains("job_name: spawn-ec2").doesNotContain("ec2:\n  regions");
        assertThat(text(SpecReader.parse("spawn-monitoring.yaml", whole.spec()).build().files())).isEqualTo(text(own.files()));
    }

    @Test
    void everyDeclaredKeyOfTheKitchenSinkSurvivesImportAndGeneration() throws IOException {
        PrometheusConfig sink = PrometheusRendererTest.kitchenSink();
        PrometheusConfig withoutRules = sink.toBuilder().ruleFiles(List.of()).build();
        Files.write(dir.resolve("prometheus.yml"), PrometheusRenderer.toBytes(withoutRules, "test"));
        SpecImport.Result result = SpecImport.fromDirectory(dir);
        PrometheusConfig generated = SpecReader.parse("spawn-monitoring.yaml", result.spec()).build().prometheus();
        // a scrape_timeout of 10s is Prometheus' default: the spec leaves it out
        assertThat(generated.global().scrapeTimeout()).isNull();
        assertThat(sink.global().scrapeTimeout()).hasToString("10s");
        GlobalConfig g = generated.global();
        assertThat(g.toBuilder().scrapeTimeout(Duration.ofSeconds(10)).build()).isEqualTo(sink.global());
        assertThat(byName(generated.scrapeConfigs())).isEqualTo(byName(sink.scrapeConfigs()));
        assertThat(generated.alerting()).isEqualTo(sink.alerting());
        assertThat(generated.remoteWrite()).isEqualTo(sink.remoteWrite());
        assertThat(generated.remoteRead()).isEqualTo(sink.remoteRead());
        assertThat(generated.storage()).isEqualTo(sink.storage());
        assertThat(generated.tracing()).isEqualTo(sink.tracing());
    }

    // --- prometheus.yml ---

    @Test
    void writesOnlyTheGlobalKeysThatDifferAndReportsADefaultExternalLabelItCannotRemove() throws IOException {
        prometheus("""
                global:
                  scrape_interval: 1m
                  scrape_timeout: 10s
                  evaluation_interval: 15s
                  external_labels: {cluster: spawn, region: eu}
                """);
        SpecImport.Result result = SpecImport.fromDirectory(dir);
        assertThat(result.spec()).contains("global:\n  evaluation_interval: 15s\n  external_labels:\n    region: eu\n")
                .doesNotContain("scrape_interval").doesNotContain("scrape_timeout").doesNotContain("cluster");
        assertThat(messages(result)).anyMatch(m -> m.startsWith(dir.resolve("prometheus.yml") + ":1:1: warning: the generated"
                + " global.external_labels also carry spawn's environment=production"));
    }

    @Test
    void aGlobalKeyLeftOutMeansTheUpstreamDefault() throws IOException {
        prometheus("global:\n  scrape_interval: 15s\n");
        GlobalLike g = generatedGlobal();
        assertThat(g.scrapeInterval()).isEqualTo("15s");
        assertThat(g.evaluationInterval()).isEqualTo("1m");
    }

    @Test
    void defaultJobsAsSpawnWritesThemAreLeftOutOwnJobsKeptMissingDefaultsSwitchedOff() throws IOException {
        prometheus("""
                scrape_configs:
                  - job_name: prometheus
                    static_configs: [{targets: ['localhost:9090']}]
                  - job_name: spawn-fleet
                    file_sd_configs: [{files: ['/srv/targets/*.json']}]
                  - job_name: node
                    scrape_interval: 15s
                    static_configs: [{targets: ['10.0.0.1:9100'], labels: {rack: r1}}]
                """);
        SpecImport.Result result = SpecImport.fromDirectory(dir);
        assertThat(result.spec()).doesNotContain("job_name: prometheus")
                .contains("  - job_name: spawn-fleet\n    file_sd_configs:\n      - files:\n          - /srv/targets/*.json\n")
                .contains("  - job_name: node\n    scrape_interval: 15s\n")
                .contains("  - enabled: false\n    job_name: spawn-ec2\n");
        PrometheusConfig generated = build(result).prometheus();
        assertThat(generated.scrapeConfigs()).extracting(ScrapeConfig::jobName).containsExactly("prometheus", "spawn-fleet", "node");
    }

    @Test
    void reportsThatScrapeJobsComeOutInAnotherOrder() throws IOException {
        prometheus("""
                scrape_configs:
                  - job_name: node
                    static_configs: [{targets: ['10.0.0.1:9100']}]
                  - job_name: prometheus
                    static_configs: [{targets: ['localhost:9090']}]
                """);
        assertThat(messages(SpecImport.fromDirectory(dir))).anyMatch(m -> m.contains("prometheus.yml:2:5: warning: the generated"
                + " prometheus.yaml lists the scrape jobs as prometheus, node (spawn's first, then your own)"));
    }

    @Test
    void noAlertmanagerAtAllIsWrittenAsAnEmptyList() throws IOException {
        prometheus("scrape_configs: []\n");
        SpecImport.Result result = SpecImport.fromDirectory(dir);
        assertThat(result.spec()).contains("alerting:\n  alertmanagers: []\n");
        assertThat(build(result).prometheus().alerting().alertmanagers()).isEmpty();
    }

    @Test
    void alertmanagersAndAlertRelabellingReplaceSpawns() throws IOException {
        prometheus("""
                alerting:
                  alert_relabel_configs: [{regex: replica, action: labeldrop}]
                  alertmanagers: [{static_configs: [{targets: ['am-1:9093', 'am-2:9093']}]}]
                """);
        PrometheusConfig generated = build(SpecImport.fromDirectory(dir)).prometheus();
        assertThat(generated.alerting().alertmanagers()).hasSize(1);
        assertThat(generated.alerting().alertRelabelConfigs()).hasSize(1);
        assertThat(PrometheusRenderer.render(generated).get("alerting").toString()).contains("am-2:9093").doesNotContain("localhost:9093");
    }

    @Test
    void aRelabelRegexWithoutAValueStaysTheEmptyRegex() throws IOException {
        // Prometheus reads `regex:` as the empty regex (only the empty value matches), not as the default (.*)
        prometheus("""
                scrape_configs:
                  - job_name: edge
                    static_configs: [{targets: ['10.0.0.1:9100']}]
                    metric_relabel_configs:
                      - source_labels: [mode]
                        regex:
                        action: drop
                """);
        SpecImport.Result result = SpecImport.fromDirectory(dir);
        assertThat(result.spec()).contains("regex: \"\"");
        assertThat(byName(build(result).prometheus().scrapeConfigs()).get("edge").metricRelabelConfigs().get(0).regex())
                .isEmpty();
    }

    @Test
    void anEmptyItemOfAListIsAnErrorAtItsPlace() throws IOException {
        prometheus("""
                scrape_configs:
                  - job_name: edge
                    static_configs:
                      - targets: ['10.0.0.1:9100']
                      -
                remote_write:
                  -
                """);
        assertThatThrownBy(() -> SpecImport.fromDirectory(dir)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems()).map(Problem::toString).containsExactly(
                        dir.resolve("prometheus.yml") + ":5:8: wrong type for scrape_configs[0].static_configs[1]: expected"
                                + " a mapping, got nothing",
                        dir.resolve("prometheus.yml") + ":7:4: wrong type for remote_write[0]: expected a value, got nothing"));
    }

    @Test
    void inlineSecretsStayWithAWarningAtTheirLine() throws IOException {
        prometheus("""
                remote_write:
                  - url: https://mimir.example.com/api/v1/push
                    basic_auth:
                      username: spawn
                      password: s3cret
                """);
        SpecImport.Result result = SpecImport.fromDirectory(dir);
        assertThat(result.spec()).contains("password: s3cret");
        assertThat(messages(result)).anyMatch(m -> m.startsWith(dir.resolve("prometheus.yml") + ":5:17: warning: inline secret"
                + " 'password'"));
    }

    @Test
    void oldStorageTsdbPathAndRetentionBecomePrometheusFlags() throws IOException {
        prometheus("""
                storage:
                  tsdb:
                    path: /var/lib/prometheus
                    retention.time: 90d
                    retention.size: 200GB
                    out_of_order_time_window: 10m
                """);
        SpecImport.Result result = SpecImport.fromDirectory(dir);
        assertThat(result.spec()).contains("storage:\n  tsdb:\n    out_of_order_time_window: 10m\n")
                .contains("prometheus_flags:\n  storage_path: /var/lib/prometheus\n  retention_time: 90d\n  retention_size: 200GB\n");
        assertThat(messages(result)).anyMatch(m -> m.contains("prometheus.yml:3:5: warning: storage.tsdb.path is not a"
                + " prometheus.yml key in Prometheus 2.x (the command-line flag --storage.tsdb.path is); written as"
                + " prometheus_flags.storage_path: /var/lib/prometheus"))
                .anyMatch(m -> m.contains("prometheus.yml:4:5: warning: storage.tsdb.retention.time"))
                .anyMatch(m -> m.contains("prometheus.yml:5:5: warning: storage.tsdb.retention.size"));
        assertThat(build(SpecImport.fromDirectory(dir)).prometheusFlags().lines())
                .contains("--storage.tsdb.path=/var/lib/prometheus", "--storage.tsdb.retention.time=90d",
                        "--storage.tsdb.retention.size=200GB");
    }

    @Test
    void oldRetentionAsAMappingToo() throws IOException {
        prometheus("storage:\n  tsdb:\n    retention:\n      time: 15d\n");
        assertThat(SpecImport.fromDirectory(dir).spec()).contains("prometheus_flags:\n  retention_time: 15d\n");
    }

    // --- rule files ---

    @Test
    void aDefaultRuleAtOtherValuesBecomesAnOverrideOfThem() throws IOException {
        rules("cost.yml", """
                groups:
                  - name: cost
                    interval: 1m
                    rules:
                      - alert: HighCostInstance
                        expr: spawn_cost_per_hour_dollars > 10
                        for: 15m
                        labels: {severity: critical, component: spawn, category: cost, team: platform}
                        annotations:
                          summary: 'Instance {{ $labels.instance_id }} costs more than $10 per hour'
                          description: 'Instance {{ $labels.instance_id }} ({{ $labels.instance_type }}, {{ $labels.region }}) costs ${{ $value | humanize }} per hour.'
                          instance_id: '{{ $labels.instance_id }}'
                          region: '{{ $labels.region }}'
                          runbook_url: https://wiki.example.com/HighCostInstance
                      - alert: CostForecastExceeded
                        expr: sum(predict_linear(spawn_estimated_cost_dollars[1h], 21600)) > 200
                        for: 15m
                        labels: {severity: warning}
                """);
        SpecImport.Result result = SpecImport.fromDirectory(dir);
        assertThat(result.spec()).contains("""
                  HighCostInstance:
                    threshold: 10.0
                    for: 15m
                    severity: critical
                    labels:
                      team: platform
                    runbook_url: https://wiki.example.com/HighCostInstance
                """).contains("""
                  CostForecastExceeded:
                    parameters:
                      horizon: 6h
                """);
        AlertingRule cost = alert(build(result), "HighCostInstance");
        assertThat(cost.expr()).isEqualTo("spawn_cost_per_hour_dollars > 10");
        assertThat(cost.labels()).containsEntry("team", "platform").containsEntry("severity", "critical");
        assertThat(cost.annotations()).containsEntry("summary", "Instance {{ $labels.instance_id }} costs more than $10 per hour");
        assertThat(alert(build(result), "CostForecastExceeded").expr())
                .isEqualTo("sum(predict_linear(spawn_estimated_cost_dollars[1h], 21600)) > 200");
    }

    @Test
    void anotherExpressionStaysTheUsersOwnAndTheImportSaysWhichDefaultItShadows() throws IOException {
        rules("capacity.yml", """
                groups:
                  - name: capacity
                    rules:
                      - alert: HighFleetSize
                        expr: count(up{job="spawn-fleet"}) > 40
                        labels: {severity: warning}
                """);
        SpecImport.Result result = SpecImport.fromDirectory(dir);
        assertThat(result.spec()).contains("""
                  custom:
                    - name: HighFleetSize
                      expr: "count(up{job=\\"spawn-fleet\\"}) > 40"
                      severity: warning
                """).contains("disabled_categories:\n    - lifecycle\n    - cost\n    - capacity\n");
        assertThat(messages(result)).anyMatch(m -> m.startsWith(dir.resolve("capacity.yml") + ":4:9: warning: alert 'HighFleetSize'"
                + " is kept as your own rule (rules.custom); it shadows the default rule HighFleetSize (switched off),"
                + " which fires when: More instances report metrics than the threshold allows.")
                && m.contains("proven by " + dev.spawn.monitoring.rules.RuleCatalog.defaults().rule("HighFleetSize").orElseThrow().tests().size() + " promtool cases") && m.contains("it has no test cases"));
        assertThat(alert(build(result), "HighFleetSize").expr()).isEqualTo("count(up{job=\"spawn-fleet\"}) > 40");
    }

    @Test
    void defaultsTheFilesLackAreSwitchedOffAWholeCategoryByDisabledCategories() throws IOException {
        rules("cost.yml", """
                groups:
                  - name: cost
                    rules:
                      - alert: HighCostInstance
                        expr: spawn_cost_per_hour_dollars > 5
                        for: 5m
                        labels: {severity: warning, component: spawn, category: cost}
                """);
        SpecImport.Result result = SpecImport.fromDirectory(dir);
        assertThat(result.spec()).contains("disabled_categories:\n    - lifecycle\n    - capacity\n    - performance\n")
                .contains("DailyCostBudgetExceeded:\n    enabled: false").doesNotContain("\n  HighCostInstance:");
        assertThat(messages(result)).anyMatch(m -> m.startsWith(dir.resolve("prometheus.yml") + ":1:1: warning: 25 default rules"
                + " are not in the rule files and switched off"));
        assertThat(build(result).ruleFiles()).flatExtracting(f -> f.groups().get(0).rules()).extracting(r -> r.name())
                .containsExactly("HighCostInstance");
    }

    @Test
    void reportsRecordingRulesGroupIntervalsLimitsAndKeepFiringForAtTheirPlace() throws IOException {
        rules("r.yml", """
                groups:
                  - name: fast
                    interval: 15s
                    limit: 10
                    rules:
                      - record: job:up:sum
                        expr: sum by (job) (up)
                      - alert: Flapping
                        expr: changes(up[5m]) > 3
                        keep_firing_for: 5m
                        labels: {severity: info}
                """);
        SpecImport.Result result = SpecImport.fromDirectory(dir);
        List<String> messages = messages(result);
        String r = dir.resolve("r.yml").toString();
        assertThat(messages).noneMatch(m -> m.contains("job:up:sum") || m.contains("evaluated every"))
                .anyMatch(m -> m.equals(r + ":8:9: warning: alert 'Flapping' is kept as written in its group 'fast'"
                        + " under rules.groups (its evaluation every 15s (the group's interval) and the group's limit 10 and"
                        + " keep_firing_for 5m carried over); it has no test cases: add a case that fires and one that stays"
                        + " silent under tests:"));
        // the recording rule and the alert keep their group, interval, limit and keep_firing_for under rules.groups
        assertThat(result.spec()).contains("""
                  groups:
                    - name: fast
                      interval: 15s
                      limit: 10
                      rules:
                        - record: job:up:sum
                          expr: sum by (job) (up)
                        - alert: Flapping
                          expr: "changes(up[5m]) > 3"
                          keep_firing_for: 5m
                          labels:
                            severity: info
                """).doesNotContain("custom:");
        String groups = new String(SpecReader.parse("spawn-monitoring.yaml", result.spec()).build().files()
                .get("alerts/groups.yaml"), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(groups).contains("- record: job:up:sum", "interval: 15s", "limit: 10", "keep_firing_for: 5m");
    }

    @Test
    void anAlertNamedAsADefaultKeepsItsGroupsIntervalLimitAndKeepFiringFor() throws IOException {
        rules("r.yml", """
                groups:
                  - name: cost
                    interval: 30s
                    limit: 5
                    rules:
                      - alert: HighCostInstance
                        expr: spawn_cost_per_hour_dollars > 10
                        for: 5m
                        labels: {severity: warning}
                  - name: budget
                    rules:
                      - alert: DailyCostBudgetExceeded
                        expr: sum(spawn_estimated_cost_dollars) > 500
                        for: 15m
                        keep_firing_for: 10m
                        labels: {severity: critical}
                """);
        SpecImport.Result result = SpecImport.fromDirectory(dir);
        String r = dir.resolve("r.yml").toString();
        assertThat(messages(result)).anyMatch(m -> m.startsWith(r + ":6:9: warning: alert 'HighCostInstance' is kept as written"
                        + " in its group 'cost' under rules.groups (its evaluation every 30s (the group's interval) and the"
                        + " group's limit 5 carried over); it shadows the default rule HighCostInstance (switched off), which"
                        + " fires when:"))
                .anyMatch(m -> m.startsWith(r + ":12:9: warning: alert 'DailyCostBudgetExceeded' is kept as written in its"
                        + " group 'budget' under rules.groups (keep_firing_for 10m carried over); it shadows the default rule"
                        + " DailyCostBudgetExceeded (switched off)"))
                .noneMatch(m -> m.contains("switched off (rules.") && List.of(m.substring(m.indexOf("): ") + 3).split(", "))
                        .stream().anyMatch(n -> n.equals("HighCostInstance") || n.equals("DailyCostBudgetExceeded")))
                .anyMatch(m -> m.contains("24 default rules are not in the rule files and switched off"));
        assertThat(result.spec()).contains("""
                    - name: cost
                      interval: 30s
                      limit: 5
                      rules:
                        - alert: HighCostInstance
                """, """
                    - name: budget
                      rules:
                        - alert: DailyCostBudgetExceeded
                """, "keep_firing_for: 10m").doesNotContain("threshold:");
        MonitoringBundle bundle = build(result);
        assertThat(bundle.ruleFiles()).extracting(f -> f.path()).containsExactly("alerts/groups.yaml");
        assertThat(bundle.ruleFiles().get(0).groups()).satisfiesExactly(g -> {
            assertThat(g.interval()).isEqualTo(Duration.ofSeconds(30));
            assertThat(g.limit()).isEqualTo(5);
        }, g -> assertThat(g.interval()).isNull());
        assertThat(alert(bundle, "DailyCostBudgetExceeded").keepFiringFor()).isEqualTo(Duration.ofMinutes(10));
        assertThat(alert(bundle, "HighCostInstance").labels()).isEqualTo(Map.of("severity", "warning"));
    }

    @Test
    void aSeverityLabelSpawnHasNotIsReported() throws IOException {
        rules("r.yml", """
                groups:
                  - name: mine
                    rules:
                      - alert: SporedDown
                        expr: up == 0
                        labels: {severity: page}
                      - alert: NoSeverity
                        expr: up == 0
                """);
        List<String> messages = messages(SpecImport.fromDirectory(dir));
        assertThat(messages).anyMatch(m -> m.endsWith(":4:9: warning: alert 'SporedDown' has severity 'page', which spawn does not"
                + " have (critical, warning, info); the generated alert carries severity=warning"))
                .anyMatch(m -> m.endsWith(":7:9: warning: alert 'NoSeverity' has no severity label; the generated alert carries"
                        + " severity=warning (rules.custom)"));
    }

    @Test
    void ruleFileGlobsResolveRelativeToTheConfigurationSorted() throws IOException {
        Files.createDirectories(dir.resolve("rules/team"));
        Files.writeString(dir.resolve("rules/team/b.yml"), "groups: [{name: b, rules: [{alert: B, expr: up == 0, labels: {severity: info}}]}]\n");
        Files.writeString(dir.resolve("rules/team/a.yml"), "groups: [{name: a, rules: [{alert: A, expr: up == 0, labels: {severity: info}}]}]\n");
        Files.writeString(dir.resolve("rules/team/c.txt"), "not a rule file\n");
        prometheus("rule_files: ['rules/*/*.yml', 'rules/none-*.yml']\n");
        SpecImport.Result result = SpecImport.fromDirectory(dir);
        assertThat(result.spec().indexOf("name: A")).isPositive().isLessThan(result.spec().indexOf("name: B"));
        assertThat(messages(result)).anyMatch(m -> m.startsWith(dir.resolve("prometheus.yml") + ":1:31: warning: rule_files"
                + " pattern 'rules/none-*.yml' matches no file"));
    }

    // --- bad input ---

    @Test
    void badInputIsReportedAtItsPlaceEveryProblemOfTheRunAtOnce() throws IOException {
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_intervall: 30s
                rule_files: [missing.yml, broken.yml, unknown.yml]
                scrape_configs:
                  - job_name: node
                    static_configs: [{targets: ['10.0.0.1:9100']}]
                """);
        Files.writeString(dir.resolve("broken.yml"), "groups:\n  - name: x\n    rules: [\n");
        Files.writeString(dir.resolve("unknown.yml"), "groups:\n  - name: x\n    rulez: []\n");
        assertThatThrownBy(() -> SpecImport.fromDirectory(dir)).isInstanceOfSatisfying(ValidationException.class, e -> {
            List<String> errors = e.problems().stream().filter(Problem::isError).map(Problem::toString).toList();
            assertThat(errors).anyMatch(m -> m.startsWith(dir.resolve("prometheus.yml") + ":2:3: unknown field 'scrape_intervall'"
                            + " in global; did you mean 'scrape_interval'?"))
                    .anyMatch(m -> m.startsWith(dir.resolve("prometheus.yml") + ":3:14: rule file 'missing.yml' does not exist"))
                    .anyMatch(m -> m.startsWith(dir.resolve("broken.yml") + ":4:1: YAML syntax error"))
                    .anyMatch(m -> m.startsWith(dir.resolve("unknown.yml") + ":3:5: unknown field 'rulez'"))
                    .hasSize(4);
        });
    }

    @Test
    void aDeprecatedRegexMatcherWithoutARegexIsAnErrorAtItsPlace() throws IOException {
        // Alertmanager refuses it ("invalid regexp value"); it was read as the empty regex, which matches a missing label
        Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: team
                  routes:
                    - receiver: team
                      match_re: {zone: }
                inhibit_rules:
                  - source_match_re:
                      tier:
                    target_match: {tier: low}
                receivers:
                  - name: team
                """);
        assertThatThrownBy(() -> SpecImport.fromDirectory(dir)).isInstanceOfSatisfying(ValidationException.class, e ->
                assertThat(e.problems().stream().filter(Problem::isError).map(Problem::toString)).containsExactly(
                        dir.resolve("alertmanager.yml") + ":5:23: no regex for label 'zone' in route.routes[0].match_re;"
                                + " expected a regular expression ('' for the empty one)",
                        dir.resolve("alertmanager.yml") + ":8:12: no regex for label 'tier' in"
                                + " inhibit_rules[0].source_match_re; expected a regular expression ('' for the empty one)"));
    }

    @Test
    void emptySmtpSettingsImportAsLeftOut() throws IOException {
        Files.writeString(dir.resolve("alertmanager.yml"), """
                global:
                  smtp_smarthost: 'mail.internal:25'
                  smtp_from: 'alerts@spawn.internal'
                  smtp_auth_username: ''
                  smtp_hello: ''
                route: {receiver: mail}
                receivers:
                  - name: mail
                    email_configs: [{to: 'ops@spawn.internal'}]
                """);
        SpecImport.Result result = SpecImport.fromDirectory(dir);
        assertThat(result.spec()).contains("smtp_from: alerts@spawn.internal").doesNotContain("smtp_hello")
                .doesNotContain("smtp_auth_username");
        assertThat(build(result).alertmanager().global().smtpHello()).isNull();
    }

    @Test
    void whatGeneratingFromTheSpecWouldRefuseIsRefusedByTheImportAtItsLine() throws IOException {
        // the spec would be written, and generating from it fail on the spec's lines instead of the file's
        prometheus("""
                scrape_configs:
                  - job_name: slow
                    scrape_interval: 10s
                    scrape_timeout: 20s
                    static_configs: [{targets: ['10.0.0.1:9100']}]
                remote_write:
                  - url: 127.0.0.1:9201
                """);
        assertThatThrownBy(() -> SpecImport.fromDirectory(dir)).isInstanceOfSatisfying(ValidationException.class, e ->
                assertThat(e.problems().stream().filter(Problem::isError).map(Problem::toString)).containsExactly(
                        dir.resolve("prometheus.yml") + ":2:5: scrape_timeout 20s is longer than scrape_interval 10s;"
                                + " expected a timeout no longer than the interval",
                        dir.resolve("prometheus.yml") + ":7:10: url '127.0.0.1:9201' does not parse as a URL (Illegal character in"
                                + " scheme name); expected e.g. https://host:port/path"));
    }

    @Test
    void whatAmtoolWouldRefuseInTheAlertmanagerFileIsRefusedByTheImportAtItsLine() throws IOException {
        // the spec was written, and generating from it refused it on the spec's lines
        Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: chat
                  routes:
                    - receiver: oncall
                receivers:
                  - name: chat
                    slack_configs:
                      - channel: '#alerts'
                """);
        assertThatThrownBy(() -> SpecImport.fromDirectory(dir)).isInstanceOfSatisfying(ValidationException.class, e ->
                assertThat(e.problems().stream().filter(Problem::isError).map(Problem::toString)).containsExactly(
                        dir.resolve("alertmanager.yml") + ":4:17: route receiver 'oncall' is not defined; defined"
                                + " receivers: chat",
                        dir.resolve("alertmanager.yml") + ":8:9: slack_config has no api_url and global has no"
                                + " slack_api_url; set one of them"));
    }

    @Test
    void noPrometheusConfigurationInTheDirectory() {
        assertThatThrownBy(() -> SpecImport.fromDirectory(dir)).isInstanceOfSatisfying(ValidationException.class, e ->
                assertThat(e.problems()).singleElement().hasToString(dir + ": no prometheus.yml, prometheus.yaml,"
                        + " alertmanager.yml or alertmanager.yaml in this directory; expected the Prometheus or Alertmanager"
                        + " configuration to import"));
    }

    @Test
    void aFolderWithOnlyAnAlertmanagerConfigurationImportsItsRouting() throws IOException {
        Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: team
                  group_by: [alertname]
                  routes:
                    - receiver: team
                      match: {severity: critical}
                receivers:
                  - name: team
                    webhook_configs:
                      - url: http://127.0.0.1:9999/hook
                inhibit_rules: []
                """);
        SpecImport.Result result = SpecImport.fromDirectory(dir);
        assertThat(result.spec()).startsWith("# Imported by spawn:import from alertmanager.yml (Prometheus keeps the spawn"
                + " defaults)").contains("apiVersion: spawn.dev/v1", "alertmanager:", "severity=\"critical\"",
                "inhibit_rules: []").doesNotContain("scrape_configs", "match:");
        MonitoringBundle bundle = SpecReader.parse("spawn-monitoring.yaml", result.spec()).build();
        assertThat(bundle.alertmanager().route().receiver()).isEqualTo("team");
        assertThat(bundle.alertmanager().inhibitRules()).isEmpty();
        assertThat(bundle.prometheus()).isEqualTo(SpawnMonitoring.defaults().build().prometheus());
    }

    @Test
    void twoPrometheusConfigurationsAreOneTooMany() throws IOException {
        prometheus("global: {}\n");
        Files.writeString(dir.resolve("prometheus.yaml"), "global: {}\n");
        assertThatThrownBy(() -> SpecImport.fromDirectory(dir)).isInstanceOfSatisfying(ValidationException.class, e ->
                assertThat(e.problems()).singleElement().hasToString(dir + ": both prometheus.yml and prometheus.yaml;"
                        + " expected one Prometheus configuration"));
    }

    @Test
    void anEmptyRuleFileAndARuleWithoutAlertOrRecordAreErrors() throws IOException {
        Files.writeString(dir.resolve("empty.yml"), "");
        Files.writeString(dir.resolve("odd.yml"), "groups:\n  - name: x\n    rules:\n      - expr: up == 0\n");
        prometheus("rule_files: [empty.yml, odd.yml]\n");
        assertThatThrownBy(() -> SpecImport.fromDirectory(dir)).isInstanceOfSatisfying(ValidationException.class, e ->
                assertThat(e.problems().stream().filter(Problem::isError).map(Problem::toString).toList()).containsExactly(
                        dir.resolve("empty.yml") + ": the file is empty; expected a rule file (groups:)",
                        dir.resolve("odd.yml") + ":4:9: a rule needs exactly one of 'alert' and 'record'"));
    }

    // --- helpers ---

    private record GlobalLike(String scrapeInterval, String evaluationInterval) {
    }

    private GlobalLike generatedGlobal() {
        PrometheusConfig p = build(SpecImport.fromDirectory(dir)).prometheus();
        return new GlobalLike(p.global().scrapeInterval().toString(), p.global().evaluationInterval().toString());
    }

    // --- alertmanager.yml ---

    @Test
    void aChangedRouteReplacesTheTreeAndKeepsTheReceiversItNames() throws IOException {
        alertmanager("""
                route:
                  receiver: spawn-webhook
                  group_by: [alertname]
                  routes:
                    - receiver: oncall
                      matchers: ['severity="critical"']
                      group_wait: 5s
                receivers:
                  - name: spawn-webhook
                    webhook_configs: [{url: 'http://localhost:8080/alertmanager/webhook'}]
                  - name: oncall
                    webhook_configs: [{url: 'http://127.0.0.1:9999/page', send_resolved: false}]
                inhibit_rules:
                  - source_matchers: ['severity="critical"']
                    target_matchers: ['severity="warning"']
                    equal: [alertname, instance_id]
                  - source_matchers: ['severity="warning"']
                    target_matchers: ['severity="info"']
                    equal: [alertname, instance_id]
                """);
        SpecImport.Result result = SpecImport.fromDirectory(dir);
        assertThat(result.spec()).contains("alertmanager:\n  route:\n    receiver: spawn-webhook\n    group_by:\n      - alertname\n")
                .contains("  receivers:\n    - name: oncall\n").doesNotContain("- name: spawn-webhook").doesNotContain("inhibit_rules");
        AlertmanagerConfig am = build(result).alertmanager();
        AlertmanagerConfig original = UpstreamFiles.alertmanager("a", Files.readString(dir.resolve("alertmanager.yaml")));
        assertThat(am.route()).isEqualTo(original.route());
        // spawn's webhook as written by hand (send_resolved and max_alerts left to Alertmanager's defaults) is spawn's
        assertThat(am.receivers()).containsExactly(SpawnAlertmanagerDefaults.config().receivers().get(0), original.receivers().get(1));
        assertThat(am.inhibitRules()).isEqualTo(SpawnAlertmanagerDefaults.config().inhibitRules());
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void receiversOfSeveralTypesAreAddedAndADifferentSpawnWebhookReplacesTheDefault() throws IOException {
        alertmanager("""
                route:
                  receiver: spawn-webhook
                  routes:
                    - {receiver: team, matchers: ['team="data"']}
                    - {receiver: pager, matchers: ['severity="critical"'], continue: true}
                receivers:
                  - name: spawn-webhook
                    webhook_configs: [{url: 'http://127.0.0.1:8081/hook', max_alerts: 5}]
                  - name: team
                    slack_configs:
                      - {api_url_file: /etc/am/slack, channel: '#data', title: '{{ .CommonLabels.alertname }}'}
                    email_configs:
                      - {to: data@example.com, from: am@example.com, smarthost: 'smtp.example.com:587'}
                  - name: pager
                    pagerduty_configs:
                      - {routing_key_file: /etc/am/pd, severity: critical}
                    sns_configs:
                      - {topic_arn: 'arn:aws:sns:us-east-1:123456789012:alerts', sigv4: {region: us-east-1}}
                  - name: blackhole
                """);
        SpecImport.Result result = SpecImport.fromDirectory(dir);
        assertThat(result.spec()).contains("    - name: spawn-webhook\n      webhook_configs:\n")
                .contains("url: http://127.0.0.1:8081/hook").contains("slack_configs:").contains("email_configs:")
                .contains("pagerduty_configs:").contains("sns_configs:").contains("- name: blackhole");
        AlertmanagerConfig am = build(result).alertmanager();
        AlertmanagerConfig original = UpstreamFiles.alertmanager("a", Files.readString(dir.resolve("alertmanager.yaml")));
        assertThat(am.receivers()).containsExactlyInAnyOrderElementsOf(original.receivers());
        assertThat(am.route()).isEqualTo(original.route());
    }

    @Test
    void spawnsWebhookAtAnotherAddressBecomesTheWebhookUrlShorthand() throws IOException {
        alertmanager("""
                route: {receiver: spawn-webhook, group_by: [alertname]}
                receivers:
                  - name: spawn-webhook
                    webhook_configs: [{url: 'http://10.0.0.7:8080/alertmanager/webhook', send_resolved: true}]
                """);
        SpecImport.Result result = SpecImport.fromDirectory(dir);
        assertThat(result.spec()).contains("alertmanager:\n  webhook_url: http://10.0.0.7:8080/alertmanager/webhook\n")
                .doesNotContain("receivers:");
        assertThat(build(result).alertmanager().receivers()).containsExactly(dev.spawn.monitoring.model.alertmanager.Receiver.of(
                "spawn-webhook", SpawnAlertmanagerDefaults.webhook("http://10.0.0.7:8080/alertmanager/webhook")));
    }

    @Test
    void theDefaultAlertmanagerFileImportsToNothingEvenWrittenByHand() throws IOException {
        alertmanager(new String(dev.spawn.monitoring.render.AlertmanagerRenderer.toBytes(SpawnAlertmanagerDefaults.config(),
                null), StandardCharsets.UTF_8));
        SpecImport.Result result = SpecImport.fromDirectory(dir);
        assertThat(result.spec()).doesNotContain("alertmanager:");
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void replacedInhibitionsAndNoneAtAll() throws IOException {
        String route = """
                route: {receiver: spawn-webhook}
                receivers: [{name: spawn-webhook, webhook_configs: [{url: 'http://localhost:8080/alertmanager/webhook'}]}]
                """;
        alertmanager(route + """
                inhibit_rules:
                  - source_matchers: ['alertname="SporedDown"']
                    target_matchers: ['category=~"cost|performance"']
                    equal: [instance_id]
                """);
        SpecImport.Result result = SpecImport.fromDirectory(dir);
        assertThat(result.spec()).contains("  inhibit_rules:\n    - target_matchers:\n        - category=~\"cost|performance\"\n");
        assertThat(build(result).alertmanager().inhibitRules()).containsExactly(InhibitRule.of(
                dev.spawn.monitoring.model.Matcher.eq("alertname", "SporedDown"),
                dev.spawn.monitoring.model.Matcher.parse("category=~\"cost|performance\""), "instance_id"));

        alertmanager(route);
        result = SpecImport.fromDirectory(dir);
        assertThat(result.spec()).endsWith("  inhibit_rules: []\n");
        assertThat(build(result).alertmanager().inhibitRules()).isEmpty();
    }

    @Test
    void deprecatedMatchIsConvertedToMatchersWithANoteAtItsLine() throws IOException {
        alertmanager("""
                route:
                  receiver: spawn-webhook
                  routes:
                    - receiver: spawn-webhook
                      routes:
                        - receiver: ops
                          match: {team: ops}
                          match_re: {severity: 'critical|warning'}
                receivers:
                  - name: spawn-webhook
                    webhook_configs: [{url: 'http://localhost:8080/alertmanager/webhook'}]
                  - name: ops
                inhibit_rules:
                  - source_match: {severity: critical}
                    target_match_re: {severity: 'warning|info'}
                """);
        SpecImport.Result result = SpecImport.fromDirectory(dir);
        String file = dir.resolve("alertmanager.yaml").toString();
        assertThat(messages(result)).anyMatch(m -> m.startsWith(file + ":7:11: warning: deprecated 'match' in"
                + " route.routes[0].routes[0]: converted to matchers"))
                .anyMatch(m -> m.startsWith(file + ":8:11: warning: deprecated 'match_re'"))
                .anyMatch(m -> m.startsWith(file + ":14:5: warning: deprecated 'source_match' in inhibit_rules[0]"))
                .anyMatch(m -> m.startsWith(file + ":15:5: warning: deprecated 'target_match_re'"));
        assertThat(result.spec()).doesNotContain("match:").doesNotContain("match_re").contains("- team=\"ops\"")
                .contains("- severity=~\"critical|warning\"").contains("source_matchers:");
        AlertmanagerConfig am = build(result).alertmanager();
        assertThat(am.route().receiversFor(Map.of("team", "ops", "severity", "warning"))).containsExactly("ops");
        assertThat(am.route().receiversFor(Map.of("team", "ops", "severity", "info"))).containsExactly("spawn-webhook");
    }

    @Test
    void inlineAlertmanagerSecretsStayWithAWarningAtTheirLine() throws IOException {
        alertmanager("""
                global:
                  slack_api_url: https://hooks.slack.com/services/T0/B0/XYZ
                  resolve_timeout: 10m
                route: {receiver: pager}
                receivers:
                  - name: pager
                    pagerduty_configs:
                      - routing_key: abc123
                """);
        SpecImport.Result result = SpecImport.fromDirectory(dir);
        String file = dir.resolve("alertmanager.yaml").toString();
        assertThat(messages(result)).anyMatch(m -> m.startsWith(file + ":2:18: warning: inline secret 'slack_api_url'"))
                .anyMatch(m -> m.startsWith(file + ":8:22: warning: inline secret 'routing_key'"))
                .anyMatch(m -> m.startsWith(file + ":5:1: warning: the generated alertmanager.yaml also has spawn's receiver"
                        + " 'spawn-webhook'"));
        assertThat(result.spec()).contains("  global:\n    slack_api_url: https://hooks.slack.com/services/T0/B0/XYZ\n    resolve_timeout: 10m\n")
                .contains("routing_key: abc123");
        assertThat(build(result).alertmanager().global().resolveTimeout()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void timeIntervalsAndTemplatesAreCarriedARelativeTemplateIsReported() throws IOException {
        alertmanager("""
                templates: [/etc/alertmanager/*.tmpl, team.tmpl]
                mute_time_intervals:
                  - name: weekend
                    time_intervals: [{weekdays: [saturday, sunday]}]
                time_intervals:
                  - name: office
                    time_intervals: [{times: [{start_time: '08:00', end_time: '18:00'}], location: Europe/Berlin}]
                route:
                  receiver: spawn-webhook
                  routes: [{receiver: spawn-webhook, matchers: ['severity="info"'], mute_time_intervals: [weekend],
                            active_time_intervals: [office]}]
                receivers: [{name: spawn-webhook, webhook_configs: [{url: 'http://localhost:8080/alertmanager/webhook'}]}]
                """);
        SpecImport.Result result = SpecImport.fromDirectory(dir);
        String file = dir.resolve("alertmanager.yaml").toString();
        assertThat(messages(result)).anyMatch(m -> m.startsWith(file + ":1:1: warning: template path 'team.tmpl' is relative"))
                .noneMatch(m -> m.contains("'/etc/alertmanager/*.tmpl'"))
                .anyMatch(m -> m.startsWith(file + ":2:1: warning: deprecated top-level 'mute_time_intervals'"));
        assertThat(result.spec()).contains("  templates:\n    - /etc/alertmanager/*.tmpl\n    - team.tmpl\n")
                .contains("  time_intervals:\n    - name: office\n").contains("    - name: weekend\n")
                .doesNotContain("mute_time_intervals:\n    - name");
        AlertmanagerConfig am = build(result).alertmanager();
        AlertmanagerConfig original = UpstreamFiles.alertmanager("a", Files.readString(dir.resolve("alertmanager.yaml")));
        assertThat(am.timeIntervals()).isEqualTo(original.timeIntervals());
        assertThat(am.templates()).isEqualTo(original.templates());
        assertThat(am.route()).isEqualTo(original.route());
    }

    @Test
    void badAlertmanagerInputIsReportedAtItsPlaceWithThePrometheusProblems() throws IOException {
        prometheus("global: {scrape_interval: fast}\n");
        Files.writeString(dir.resolve("alertmanager.yml"), """
                route: {receiver: x, group_wait: soon}
                receivers: [{name: x}]
                """);
        assertThatThrownBy(() -> SpecImport.fromDirectory(dir)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems().stream().map(Problem::toString).toList())
                        .anyMatch(m -> m.startsWith(dir.resolve("prometheus.yml") + ":1:27: bad duration 'fast'"))
                        .anyMatch(m -> m.startsWith(dir.resolve("alertmanager.yml") + ":1:34: bad duration 'soon'")));
    }

    /** The default bundle's prometheus side, with this alertmanager.yaml instead of spawn's. */
    private void alertmanager(String text) throws IOException {
        writeBundle(SpawnMonitoring.defaults().build());
        Files.writeString(dir.resolve("alertmanager.yaml"), text);
    }

    private void prometheus(String text) throws IOException {
        Files.writeString(dir.resolve("prometheus.yml"), text);
    }

    /** A prometheus.yml like spawn's defaults that loads this one rule file. */
    private void rules(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
        Files.writeString(dir.resolve("prometheus.yml"), "rule_files: [" + name + "]\n");
    }

    private void writeBundle(MonitoringBundle bundle) throws IOException {
        for (Map.Entry<String, byte[]> f : bundle.files().entrySet()) {
            Path target = dir.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, f.getValue());
        }
    }

    private static MonitoringBundle build(SpecImport.Result result) {
        return SpecReader.parse("spawn-monitoring.yaml", result.spec()).build();
    }

    private static AlertingRule alert(MonitoringBundle bundle, String name) {
        return bundle.ruleFiles().stream().flatMap(f -> f.groups().stream()).flatMap(g -> g.rules().stream())
                .filter(r -> r.name().equals(name)).map(AlertingRule.class::cast).findFirst().orElseThrow();
    }

    private static List<String> messages(SpecImport.Result result) {
        return result.problems().stream().map(Problem::toString).toList();
    }

    private static SortedMap<String, String> text(SortedMap<String, byte[]> files) {
        SortedMap<String, String> out = new TreeMap<>();
        files.forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8).replaceFirst("^# Generated by [^\n]*\n", "")));
        return out;
    }

    private static Map<String, ScrapeConfig> byName(List<ScrapeConfig> jobs) {
        return jobs.stream().collect(Collectors.toMap(ScrapeConfig::jobName, Function.identity(), (a, b) -> a, TreeMap::new));
    }
}
