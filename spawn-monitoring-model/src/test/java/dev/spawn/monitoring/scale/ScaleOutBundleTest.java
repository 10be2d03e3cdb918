package dev.spawn.monitoring.scale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ScaleOut;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.model.prometheus.PrometheusConfig;
import dev.spawn.monitoring.model.prometheus.RelabelConfig;
import dev.spawn.monitoring.model.prometheus.ScrapeConfig;
import dev.spawn.monitoring.testing.RealTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleOutBundleTest {

    static final ScaleOut TWO_SHARDS = new ScaleOut(ScaleOut.Engine.PROMETHEUS,
            List.of(new ScaleOut.Shard("prom-0.internal:9090"), new ScaleOut.Shard("prom-1.internal:9090")),
            new ScaleOut.Global("prom-global.internal:9090", null));

    private static String text(MonitoringBundle bundle, String file) {
        byte[] bytes = bundle.files().get(file);
        assertThat(bytes).as(file).isNotNull();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void eachProcessHasAFolderWithCompleteFlagsAndAUnit() {
        MonitoringBundle bundle = SpawnMonitoring.defaults().scaleOut(TWO_SHARDS).build();
        assertThat(text(bundle, "shard-0/prometheus.flags")).isEqualTo("""
                --config.file=prometheus.yaml
                --storage.tsdb.path=/var/lib/prometheus/metrics2/shard-0
                --storage.tsdb.retention.time=30d
                --storage.tsdb.retention.size=50GB
                --web.listen-address=prom-0.internal:9090
                --web.enable-lifecycle
                """);
        assertThat(text(bundle, "global/prometheus.flags")).contains("--web.listen-address=prom-global.internal:9090\n")
                .endsWith("--web.enable-remote-write-receiver\n");
        assertThat(text(bundle, "shard-1/spawn-prometheus-shard-1.service"))
                .contains("WorkingDirectory=/etc/spawn-monitoring/shard-1\n",
                        "ExecStart=/bin/sh -c 'exec /usr/bin/prometheus $$(cat /etc/spawn-monitoring/shard-1/prometheus.flags)'\n",
                        "ExecReload=/usr/bin/promtool check config prometheus.yaml\n");
        // Grafana asks the global tier, which holds every shard's series
        assertThat(text(bundle, "grafana/provisioning/datasources/spawn.yaml")).contains("url: http://prom-global.internal:9090");
        assertThat(bundle.files()).containsKeys("global/spawn-prometheus-global.service", "alertmanager.yaml",
                "alerts/capacity-alerts.yaml", "systemd/prometheus-alertmanager.service");
    }

    @Test
    void aRelativeStoragePathIsTheBundleRootsAndOutlivesTheGeneration() {
        MonitoringBundle bundle = SpawnMonitoring.defaults().scaleOut(TWO_SHARDS)
                .prometheusFlags(f -> f.toBuilder().storagePath("data").build()).build();
        assertThat(text(bundle, "global/prometheus.flags")).contains("--storage.tsdb.path=../../../data/global\n");
    }

    @Test
    void everyShardedJobKeepsItsShareOfTheTargets() {
        MonitoringBundle bundle = SpawnMonitoring.defaults().scaleOut(TWO_SHARDS).build();
        for (int i = 0; i < 2; i++) {
            PrometheusConfig shard = bundle.scaleOut().shardConfig(bundle.prometheus(), i);
            assertThat(shard.global().externalLabels()).containsEntry("shard", String.valueOf(i)).containsEntry("cluster", "spawn");
            assertThat(shard.remoteWrite()).singleElement().satisfies(w -> assertThat(w.url())
                    .isEqualTo("http://prom-global.internal:9090/api/v1/write"));
            for (ScrapeConfig job : shard.scrapeConfigs()) {
                List<RelabelConfig> relabel = job.relabelConfigs();
                if (job.jobName().equals("prometheus")) {
                    assertThat(relabel).isEmpty(); // each process scrapes itself
                    assertThat(job.discovery().toString()).contains("prom-" + i + ".internal:9090");
                    continue;
                }
                assertThat(relabel.get(relabel.size() - 2)).isEqualTo(RelabelConfig.builder()
                        .sourceLabels(List.of("__address__")).targetLabel("__tmp_hash").modulus(2)
                        .action(RelabelConfig.Action.HASHMOD).build());
                assertThat(relabel.get(relabel.size() - 1)).isEqualTo(RelabelConfig.keep(List.of("__tmp_hash"), String.valueOf(i)));
            }
        }
        // the folder is a link into the current generation: the targets are the bundle root's
        assertThat(text(bundle, "shard-0/prometheus.yaml")).contains("- ../../../targets/*.json");
        PrometheusConfig global = bundle.scaleOut().globalConfig(bundle.prometheus());
        assertThat(global.scrapeConfigs()).extracting(ScrapeConfig::jobName).containsExactly("prometheus");
        assertThat(global.alerting()).isEqualTo(bundle.prometheus().alerting());
    }

    @Test
    void eachTierLoadsOnlyItsRules() {
        MonitoringBundle bundle = SpawnMonitoring.defaults().scaleOut(TWO_SHARDS)
                .ruleTier("HighCostInstance", ScaleOut.Tier.GLOBAL).build();
        assertThat(text(bundle, "global/alerts/capacity-alerts.yaml")).contains("alert: HighFleetSize");
        assertThat(bundle.files()).doesNotContainKey("shard-0/alerts/capacity-alerts.yaml"); // every capacity rule is fleet-wide
        assertThat(text(bundle, "shard-1/alerts/lifecycle-alerts.yaml")).contains("alert: InstanceHighIdleTime");
        assertThat(bundle.files()).doesNotContainKey("global/alerts/lifecycle-alerts.yaml");
        assertThat(text(bundle, "global/alerts/cost-alerts.yaml")).contains("alert: HighCostInstance");
        assertThat(text(bundle, "shard-0/alerts/cost-alerts.yaml")).doesNotContain("alert: HighCostInstance");
        assertThat(bundle.scaleOut().summary()).isEqualTo("scale-out (prometheus): 2 shards + global in shard-0/, shard-1/,"
                + " global/; rule split: 13 on the shards (per target), 13 on the global tier (HighCostInstance,"
                + " DailyCostBudgetExceeded, CostTrendingUp, HighRegionalCost, CostForecastExceeded, HighFleetSize,"
                + " LowSpotAvailability, RegionalCapacityImbalance, JobArraySizeAnomaly, FleetGrowthAnomaly, ProviderImbalance,"
                + " FleetAverageCPUHigh, RegionalPerformanceDegradation); capacity on paper (docs/scale-out.md): 1,000 instances"
                + " -> 25,000 series, 417 samples/s, 1 scraping shard; 10,000 instances -> 250,000 series, 4,167 samples/s, 1"
                + " scraping shard; 100,000 instances -> 2,500,000 series, 41,667 samples/s, 3 scraping shards");
    }

    @Test
    void aTierForARuleTheBundleLacksIsAProblem() {
        try {
            SpawnMonitoring.defaults().scaleOut(TWO_SHARDS).ruleTier("HighFleetSise", ScaleOut.Tier.GLOBAL).build();
            throw new AssertionError("expected a problem");
        } catch (ValidationException e) {
            assertThat(e.problems()).singleElement().extracting(Problem::location).isEqualTo("rules.HighFleetSise");
        }
    }

    /** The same checks as a single server's, on every folder: promtool check config and check rules. */
    @Test
    void everyFolderPassesPromtool(@TempDir Path dir) {
        RealTools.require(Tool.PROMTOOL);
        MonitoringBundle bundle = SpawnMonitoring.defaults().scaleOut(TWO_SHARDS).build();
        List<BundleCheck.Outcome> checks = bundle.writeChecked(dir.resolve("out"), BundleCheck.MissingTool.FAIL).checks();
        assertThat(checks).extracting(BundleCheck.Outcome::name).contains("promtool check config shard-0/prometheus.yaml", "promtool check config shard-1/prometheus.yaml",
                "promtool check config global/prometheus.yaml", "promtool check rules (scale-out: 9 files in 3 folders)");
        assertThat(checks).allSatisfy(c -> assertThat(c.failed()).as(c.toString()).isFalse());
    }
}
