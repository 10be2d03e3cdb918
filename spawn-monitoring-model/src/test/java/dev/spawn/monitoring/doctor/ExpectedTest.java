package dev.spawn.monitoring.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.model.HighAvailability;
import dev.spawn.monitoring.model.ValidationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the doctor compares with: the same from a bundle in memory as from its folder on the server. */
class ExpectedTest {

    @Test
    void aBundleFolderGivesWhatTheBundleItWasWrittenFromGives(@TempDir Path dir) {
        MonitoringBundle bundle = SpawnMonitoring.defaults().ec2Regions("us-east-1", "eu-west-1").build();
        bundle.writeTo(dir);

        Expected fromBundle = Expected.of(bundle);
        Expected fromFolder = Expected.read(dir);

        assertThat(fromFolder.jobs()).isEqualTo(fromBundle.jobs()).contains("prometheus", "spawn-fleet", "spawn-ec2");
        assertThat(fromFolder.externalLabels()).isEqualTo(fromBundle.externalLabels()).containsEntry("cluster", "spawn");
        assertThat(fromFolder.ruleGroups()).isEqualTo(fromBundle.ruleGroups()).hasSize(4);
        assertThat(fromFolder.alertmanagerConfig()).isEqualTo(fromBundle.alertmanagerConfig());
        assertThat(fromFolder.webhookUrls()).isEqualTo(fromBundle.webhookUrls())
                .containsExactly("http://localhost:8080/alertmanager/webhook");
        assertThat(fromFolder.clusterPeers()).isEqualTo(fromBundle.clusterPeers()).isEmpty();
    }

    @Test
    void highAvailabilityKeepsThePeersAndLeavesTheReplicaLabelsOut(@TempDir Path dir) {
        MonitoringBundle bundle = SpawnMonitoring.defaults().highAvailability(new HighAvailability(List.of("a", "b"),
                "replica", List.of("am-1:9093", "am-2:9093"), List.of("am-1:9094", "am-2:9094"))).build();
        bundle.writeTo(dir);

        assertThat(Expected.read(dir).clusterPeers()).containsExactly("am-1:9094", "am-2:9094");
        assertThat(Expected.read(dir).externalLabels()).isNull();
        assertThat(Expected.of(bundle).externalLabels()).isNull();
    }

    @Test
    void aScaledOutBundleHasOnePrometheusPerFolderTheSameFromTheFolder(@TempDir Path dir) {
        MonitoringBundle bundle = SpawnMonitoring.defaults().scaleOut(new dev.spawn.monitoring.model.ScaleOut(null, List.of(
                new dev.spawn.monitoring.model.ScaleOut.Shard("prom-0.internal:9090"),
                new dev.spawn.monitoring.model.ScaleOut.Shard("prom-1.internal:9090")),
                new dev.spawn.monitoring.model.ScaleOut.Global("prom-global.internal:9090", null))).build();
        bundle.writeTo(dir);

        Expected fromBundle = Expected.of(bundle);
        Expected fromFolder = Expected.read(dir);

        assertThat(fromFolder.processes()).isEqualTo(fromBundle.processes()).containsOnlyKeys("shard-0", "shard-1", "global");
        assertThat(fromFolder.jobs()).isEqualTo(fromBundle.jobs()).containsExactly("prometheus");
        assertThat(fromBundle.processes().get("shard-1").externalLabels()).containsEntry("shard", "1")
                .containsEntry("cluster", "spawn");
        assertThat(fromBundle.processes().get("shard-1").jobs()).contains("prometheus", "spawn-fleet", "spawn-ec2");
        assertThat(fromBundle.shards()).containsExactly("0", "1");
        // the rule split: the groups of the shards and of the global tier are the bundle's, between them
        java.util.Set<String> all = new java.util.TreeSet<>(fromBundle.processes().get("shard-0").ruleGroups());
        all.addAll(fromBundle.processes().get("global").ruleGroups());
        assertThat(all).hasSize(4);
        assertThat(fromBundle.process(java.util.Map.of("cluster", "spawn", "shard", "0"))).get()
                .extracting(java.util.Map.Entry::getKey).isEqualTo("shard-0");
        assertThat(fromBundle.process(java.util.Map.of("cluster", "spawn"))).get().extracting(java.util.Map.Entry::getKey)
                .isEqualTo("global");
        assertThat(fromBundle.process(java.util.Map.of("shard", "7"))).isEmpty();
    }

    @Test
    void aFolderWithoutABundleSaysWhatIsMissing(@TempDir Path dir) {
        assertThatThrownBy(() -> Expected.read(dir)).isInstanceOf(ValidationException.class)
                .hasMessageContaining(dir.resolve("prometheus.yaml") + ": no such file; expected a bundle folder written by"
                        + " spawn-monitoring generate");
    }

    @Test
    void configHashIsAlertmanagersMetric() {
        // alertmanager_config_hash as prometheus-alertmanager 0.25 reported it for exactly these bytes
        byte[] config = """
                route: {receiver: spawn-webhook}
                receivers:
                - name: spawn-webhook
                  webhook_configs: [{url: "http://127.0.0.1:1/alertmanager/webhook"}]
                """.getBytes(StandardCharsets.UTF_8);
        assertThat(Doctor.configHash(config)).isEqualTo(1.78517060861996e+14);
    }

    @Test
    void serverUrlsMustBeHttp() {
        assertThat(Doctor.serverUrl("--prometheus", null, "x")).isNull();
        assertThat(Doctor.serverUrl("--prometheus", "http://localhost:9090", "x")).hasPort(9090);
        assertThatThrownBy(() -> Doctor.serverUrl("--prometheus", "localhost:9090", "http://localhost:9090"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("--prometheus: 'localhost:9090' is not an http(s) URL; expected the server's address"
                        + " such as http://localhost:9090");
    }

    @Test
    void metricLinesParseWithLabelsAndEscapes() {
        ServerApi.Sample sample = ServerApi.Sample.parse(
                "alertmanager_notifications_failed_total{integration=\"webhook\",reason=\"a \\\"quoted\\\" thing\"} 3");
        assertThat(sample.name()).isEqualTo("alertmanager_notifications_failed_total");
        assertThat(sample.labels()).containsEntry("integration", "webhook").containsEntry("reason", "a \"quoted\" thing");
        assertThat(sample.value()).isEqualTo(3.0);
        assertThat(ServerApi.Sample.parse("prometheus_config_last_reload_successful 1").value()).isEqualTo(1.0);
    }
}
