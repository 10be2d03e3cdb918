package dev.spawn.monitoring.scale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ScaleOut;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.model.prometheus.AlertingConfig;
import dev.spawn.monitoring.model.prometheus.AlertmanagerEndpoint;
import dev.spawn.monitoring.model.prometheus.DnsSdConfig;
import dev.spawn.monitoring.model.prometheus.ScrapeConfig;
import dev.spawn.monitoring.model.prometheus.StaticConfig;
import dev.spawn.monitoring.testing.RealTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VictoriaMetricsProcessesTest {

    static final ScaleOut VM = new ScaleOut(ScaleOut.Engine.VICTORIAMETRICS,
            List.of(new ScaleOut.Shard("vmagent-0.internal:8429"), new ScaleOut.Shard("vmagent-1.internal:8429")),
            new ScaleOut.Global("vm.internal:8428", "vmalert.internal:8880"));

    private static String text(MonitoringBundle bundle, String file) {
        byte[] bytes = bundle.files().get(file);
        assertThat(bytes).as(file).isNotNull();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void vmagentPerShardVictoriaMetricsAndVmalert() {
        MonitoringBundle bundle = SpawnMonitoring.defaults().scaleOut(VM).build();
        assertThat(text(bundle, "shard-1/vmagent.flags")).isEqualTo("""
                -promscrape.config=prometheus.yaml
                -promscrape.cluster.membersCount=2
                -promscrape.cluster.memberNum=1
                -remoteWrite.url=http://vm.internal:8428/api/v1/write
                -remoteWrite.label=shard=1
                -remoteWrite.tmpDataPath=/var/lib/prometheus/metrics2/shard-1
                -httpListenAddr=vmagent-1.internal:8429
                -promscrape.fileSDCheckInterval=1m
                """);
        assertThat(text(bundle, "global/victoria-metrics.flags")).isEqualTo("""
                -storageDataPath=/var/lib/prometheus/metrics2/global
                -httpListenAddr=vm.internal:8428
                -retentionPeriod=30d
                """);
        assertThat(text(bundle, "ruler/vmalert.flags")).isEqualTo("""
                -rule=alerts/lifecycle-alerts.yaml
                -rule=alerts/cost-alerts.yaml
                -rule=alerts/capacity-alerts.yaml
                -rule=alerts/performance-alerts.yaml
                -datasource.url=http://vm.internal:8428
                -remoteWrite.url=http://vm.internal:8428
                -remoteRead.url=http://vm.internal:8428
                -notifier.url=http://localhost:9093
                -httpListenAddr=vmalert.internal:8880
                -evaluationInterval=1m
                -external.label=cluster=spawn
                -external.label=environment=production
                """);
        // vmagent hashes targets with their labels: every member must read the same configuration
        assertThat(text(bundle, "shard-0/prometheus.yaml")).isEqualTo(text(bundle, "shard-1/prometheus.yaml"))
                .contains("- ../../../targets/*.json", "- vmagent-0.internal:8429\n          - vmagent-1.internal:8429\n")
                .doesNotContain("shard:", "evaluation_interval", "rule_files", "alerting", "remote_write", "hashmod");
        assertThat(text(bundle, "ruler/spawn-vmalert-ruler.service"))
                .contains("ExecStart=/bin/sh -c 'exec /usr/bin/vmalert $$(cat /etc/spawn-monitoring/ruler/vmalert.flags)'");
        assertThat(bundle.files()).containsKeys("global/spawn-victoria-metrics-global.service",
                "shard-0/spawn-vmagent-shard-0.service").doesNotContainKeys("prometheus.yaml", "global/prometheus.yaml");
        assertThat(bundle.scaleOut().summary()).startsWith("scale-out (victoriametrics): 2 shards + global in shard-0/,"
                + " shard-1/, global/, ruler/; all 26 rules in vmalert (ruler/) against victoria-metrics; capacity on paper");
    }

    @Test
    void aShardsReplicaIsTheShardAgainAndVictoriaMetricsDeduplicates() {
        ScaleOut pairs = new ScaleOut(ScaleOut.Engine.VICTORIAMETRICS, List.of(
                new ScaleOut.Shard("vmagent-0a.internal:8429", List.of("vmagent-0b.internal:8429")),
                new ScaleOut.Shard("vmagent-1a.internal:8429", List.of("vmagent-1b.internal:8429"))),
                new ScaleOut.Global("vm.internal:8428", "vmalert.internal:8880"));
        MonitoringBundle bundle = SpawnMonitoring.defaults().scaleOut(pairs).build();
        assertThat(bundle.scaleOut().folders()).containsExactly("shard-0", "shard-0-replica-1", "shard-1", "shard-1-replica-1",
                "global", "ruler");
        assertThat(text(bundle, "shard-1-replica-1/vmagent.flags")).isEqualTo(text(bundle, "shard-1/vmagent.flags")
                .replace("metrics2/shard-1\n", "metrics2/shard-1-replica-1\n").replace("vmagent-1a", "vmagent-1b"))
                .contains("-promscrape.cluster.memberNum=1\n", "-remoteWrite.label=shard=1\n");
        assertThat(text(bundle, "shard-1-replica-1/prometheus.yaml")).isEqualTo(text(bundle, "shard-0/prometheus.yaml"))
                .contains("- vmagent-0a.internal:8429\n          - vmagent-0b.internal:8429\n"
                        + "          - vmagent-1a.internal:8429\n          - vmagent-1b.internal:8429\n");
        assertThat(text(bundle, "global/victoria-metrics.flags")).endsWith("-retentionPeriod=30d\n-dedup.minScrapeInterval=1m\n");
        assertThat(text(bundle, "shard-0-replica-1/spawn-vmagent-shard-0-replica-1.service"))
                .contains("vmagent shard 0 of 2, replica 1 of the spawn fleet");
    }

    @Test
    void vmalertNeedsAlertmanagerAddresses() {
        try {
            SpawnMonitoring.defaults().scaleOut(VM).alerting(new AlertingConfig(List.of(), List.of(AlertmanagerEndpoint.builder()
                    .discovery(List.of(new DnsSdConfig(List.of("_am._tcp.internal"), null, null, null))).build()))).build();
            throw new AssertionError("expected a problem");
        } catch (ValidationException e) {
            assertThat(e.problems()).singleElement().extracting(Problem::location, Problem::message).containsExactly("scale_out",
                    "scale_out engine victoriametrics: vmalert takes Alertmanagers as -notifier.url addresses; expected"
                            + " alerting.alertmanagers with static_configs only");
        }
    }

    /** promtool on the scrape configurations, vmagent's strict parser on them, vmalert -dryRun on the rules. */
    @Test
    void theEnginesOwnToolsAcceptTheFolders(@TempDir Path dir) {
        RealTools.require(Tool.PROMTOOL);
        RealTools.require(Tool.VMAGENT);
        RealTools.require(Tool.VMALERT);
        MonitoringBundle bundle = SpawnMonitoring.defaults().scaleOut(VM).build();
        List<BundleCheck.Outcome> checks = bundle.writeChecked(dir.resolve("out"), BundleCheck.MissingTool.FAIL).checks();
        assertThat(checks).extracting(BundleCheck.Outcome::name).contains("promtool check config shard-0/prometheus.yaml",
                "vmagent -promscrape.config.dryRun shard-1/prometheus.yaml", "vmalert -dryRun (4 files in ruler/)",
                "promtool check rules (scale-out: 4 files in 4 folders)");
        assertThat(checks).allSatisfy(c -> assertThat(c.failed()).as(c.toString()).isFalse());
    }

    /** A key Prometheus takes and vmagent 1.79 does not (label_limit) fails the check instead of being dropped silently. */
    @Test
    void vmagentRefusesWhatItCannotScrapeAsWritten(@TempDir Path dir) {
        RealTools.require(Tool.VMAGENT);
        MonitoringBundle bundle = SpawnMonitoring.defaults().scaleOut(VM).scrapeJob(ScrapeConfig.builder("node")
                .discovery(StaticConfig.of("node-1:9100")).limits(null, 30L, null, null, null).build()).build();
        Path out = dir.resolve("out");
        bundle.writeTo(out);
        List<BundleCheck.Outcome> checks = BundleCheck.run(bundle, out, BundleCheck.MissingTool.FAIL);
        assertThat(checks).filteredOn(c -> c.name().startsWith("vmagent")).hasSize(2).allSatisfy(c -> {
            assertThat(c.failed()).isTrue();
            assertThat(c.output()).contains("field label_limit not found");
        });
    }
}
