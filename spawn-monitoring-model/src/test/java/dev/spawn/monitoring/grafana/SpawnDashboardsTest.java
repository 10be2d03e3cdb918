package dev.spawn.monitoring.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.render.YamlOutput;
import dev.spawn.monitoring.rules.RuleSet;
import dev.spawn.monitoring.spec.SpecReader;
import dev.spawn.monitoring.testing.Golden;
import dev.spawn.monitoring.testing.RealTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The four spawn dashboards in the default bundle: content, checks, determinism, golden files, the switch. */
class SpawnDashboardsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SortedMap<String, byte[]> grafanaFiles(MonitoringBundle bundle) {
        SortedMap<String, byte[]> files = bundle.files();
        files.keySet().removeIf(path -> !path.startsWith("grafana/"));
        return files;
    }

    @Test
    void defaultBundleHoldsTheFourDashboardsAndTheirProvisioning() {
        assertThat(grafanaFiles(SpawnMonitoring.defaults().build()).keySet()).containsExactly(
                "grafana/dashboards/cost-tracking.json", "grafana/dashboards/fleet-overview.json",
                "grafana/dashboards/hybrid-compute.json", "grafana/dashboards/instance-overview.json",
                "grafana/provisioning/dashboards/spawn.yaml", "grafana/provisioning/datasources/spawn.yaml");
    }

    @Test
    void grafanaFilesMatchTheGoldenFiles() {
        grafanaFiles(SpawnMonitoring.defaults().build()).forEach((path, bytes) -> Golden.assertMatches("default-bundle/" + path, bytes));
    }

    @Test
    void panelCountsPerDashboard() {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        SpawnDashboards.of(RuleSet.defaults()).forEach(d -> counts.put(d.name(), d.panels().size()));
        assertThat(counts).containsExactly(Map.entry("fleet-overview", 12), Map.entry("cost-tracking", 11),
                Map.entry("hybrid-compute", 10), Map.entry("instance-overview", 18));
    }

    @Test
    void defaultDashboardsPassEveryCheck() {
        List<Dashboard> dashboards = SpawnDashboards.of(RuleSet.defaults());
        assertThat(DashboardCheck.check(dashboards, RuleSet.defaults().catalog().metrics())).isEmpty();
    }

    @Test
    void promtoolParsesEveryDashboardQueryInOneRun(@TempDir Path dir) {
        RealTools.require(Tool.PROMTOOL);
        DashboardQueries queries = DashboardQueries.of(SpawnDashboards.of(RuleSet.defaults()));
        BundleCheck.Outcome outcome = BundleCheck.dashboardQueries(queries, dir, BundleCheck.MissingTool.FAIL);
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(BundleCheck.Outcome.Status.PASSED);
        assertThat(queries.size()).isEqualTo(55);
        assertThat(outcome.name()).isEqualTo("promtool check rules (55 dashboard queries)");
        // the variables were substituted: promtool saw no $ at all
        assertThat(new String(queries.ruleFile(), StandardCharsets.UTF_8)).doesNotContain("$").contains("us-east-1",
                "i-0123456789abcdef0", "[4m]");
    }

    @Test
    void overriddenHighCostThresholdMovesTheRedLine() throws IOException {
        MonitoringBundle bundle = SpawnMonitoring.defaults().rule("HighCostInstance", r -> r.threshold(12.5)).build();
        JsonNode cost = JSON.readTree(bundle.files().get("grafana/dashboards/cost-tracking.json"));
        assertThat(redLine(cost, "Most expensive instances")).isEqualTo(12.5);
        JsonNode instance = JSON.readTree(bundle.files().get("grafana/dashboards/instance-overview.json"));
        assertThat(redLine(instance, "Cost per hour")).isEqualTo(12.5);

        JsonNode defaults = JSON.readTree(SpawnMonitoring.defaults().build().files().get("grafana/dashboards/cost-tracking.json"));
        assertThat(redLine(defaults, "Most expensive instances")).isEqualTo(5.0);
    }

    @Test
    void budgetOverrideMovesTheBudgetLineAndTheGaugeMaximum() throws IOException {
        MonitoringBundle bundle = SpawnMonitoring.defaults().rule("DailyCostBudgetExceeded", r -> r.parameter("budget", 500)).build();
        JsonNode cost = JSON.readTree(bundle.files().get("grafana/dashboards/cost-tracking.json"));
        assertThat(redLine(cost, "Cost accrued against the budget")).isEqualTo(500.0);
        assertThat(panel(cost, "Budget used").at("/fieldConfig/defaults/max").asDouble()).isEqualTo(500.0);
    }

    @Test
    void jsonIsDeterministicWithSortedKeysAndStableUids() throws IOException {
        SortedMap<String, byte[]> first = grafanaFiles(SpawnMonitoring.defaults().build());
        SortedMap<String, byte[]> second = grafanaFiles(SpawnMonitoring.defaults().build());
        first.forEach((path, bytes) -> assertThat(bytes).as(path).isEqualTo(second.get(path)));
        String text = new String(first.get("grafana/dashboards/fleet-overview.json"), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\r").endsWith("}\n").startsWith("{\n  \"annotations\": {");
        JsonNode root = JSON.readTree(text);
        assertThat(root.get("uid").asText()).isEqualTo("spawn-fleet-overview");
        List<String> keys = new java.util.ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).isSorted();
    }

    @Test
    void everyPanelQueriesTheDatasourceVariableWhichDefaultsToTheProvisionedOne() throws IOException {
        JsonNode root = JSON.readTree(SpawnMonitoring.defaults().build().files().get("grafana/dashboards/instance-overview.json"));
        StreamSupport.stream(root.get("panels").spliterator(), false).filter(p -> !p.get("type").asText().equals("row"))
                .forEach(p -> assertThat(p.at("/datasource/uid").asText()).isEqualTo("${datasource}"));
        JsonNode datasource = root.at("/templating/list/0");
        assertThat(datasource.get("type").asText()).isEqualTo("datasource");
        assertThat(datasource.at("/current/value").asText()).isEqualTo(Grafana.DATASOURCE_UID);
        assertThat(root.at("/templating/list/2/name").asText()).isEqualTo("instance_id");
    }

    @Test
    void datasourcePointsAtThePrometheusListenAddress() {
        JsonNode standard = YamlOutput.parse(SpawnMonitoring.defaults().build().files().get(Grafana.DATASOURCE_FILE));
        assertThat(standard.at("/datasources/0/url").asText()).isEqualTo("http://localhost:9090");
        MonitoringBundle moved = SpawnMonitoring.defaults().prometheusFlags(f -> f.toBuilder()
                .webListenAddress("10.0.0.5:9191").build())
                .build();
        assertThat(YamlOutput.parse(moved.files().get(Grafana.DATASOURCE_FILE)).at("/datasources/0/url").asText())
                .isEqualTo("http://10.0.0.5:9191");
        assertThat(Grafana.prometheusUrl("0.0.0.0:9090")).isEqualTo("http://localhost:9090");
    }

    @Test
    void theProviderReadsTheDashboardsWhereTheyAreCopied() {
        JsonNode standard = YamlOutput.parse(SpawnMonitoring.defaults().build().files().get(Grafana.PROVIDER_FILE));
        assertThat(standard.at("/providers/0/options/path").asText()).isEqualTo(Grafana.DEFAULT_DASHBOARDS_PATH);
        JsonNode moved = YamlOutput.parse(SpawnMonitoring.defaults().grafanaDashboardsPath("/srv/grafana/spawn").build()
                .files().get(Grafana.PROVIDER_FILE));
        assertThat(moved.at("/providers/0/options/path").asText()).isEqualTo("/srv/grafana/spawn");
        assertThat(moved.at("/providers/0/type").asText()).isEqualTo("file");
    }

    @Test
    void grafanaCanBeTurnedOffInJavaAndInTheSpec(@TempDir Path dir) throws IOException {
        assertThat(grafanaFiles(SpawnMonitoring.defaults().grafana(false).build())).isEmpty();
        Path spec = dir.resolve("spawn-monitoring.yaml");
        Files.writeString(spec, "apiVersion: spawn.dev/v1\ngrafana:\n  enabled: false\n");
        assertThat(grafanaFiles(SpecReader.read(spec).build())).isEmpty();
        Files.writeString(spec, "apiVersion: spawn.dev/v1\ngrafana:\n  enabled: true\n");
        assertThat(grafanaFiles(SpecReader.read(spec).build())).hasSize(6);
    }

    @Test
    void specRejectsAnUnknownGrafanaField(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("spawn-monitoring.yaml");
        Files.writeString(spec, "apiVersion: spawn.dev/v1\ngrafana:\n  enabeld: false\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SpecReader.read(spec).build())
                .hasMessageContaining("spawn-monitoring.yaml:3:3").hasMessageContaining("'enabeld'")
                .hasMessageContaining("did you mean 'enabled'?");
    }

    private static JsonNode panel(JsonNode dashboard, String title) {
        return StreamSupport.stream(dashboard.get("panels").spliterator(), false)
                .filter(p -> p.get("title").asText().equals(title)).findFirst().orElseThrow();
    }

    private static double redLine(JsonNode dashboard, String title) {
        JsonNode steps = panel(dashboard, title).at("/fieldConfig/defaults/thresholds/steps");
        assertThat(steps.get(steps.size() - 1).get("color").asText()).isEqualTo("red");
        return steps.get(steps.size() - 1).get("value").asDouble();
    }
}
