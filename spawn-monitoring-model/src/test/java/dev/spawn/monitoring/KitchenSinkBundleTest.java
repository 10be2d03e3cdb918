package dev.spawn.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.model.HighAvailability;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerConfig;
import dev.spawn.monitoring.model.alertmanager.KitchenSink;
import dev.spawn.monitoring.model.prometheus.PrometheusConfig;
import dev.spawn.monitoring.render.PrometheusRendererTest;
import dev.spawn.monitoring.render.YamlOutput;
import dev.spawn.monitoring.testing.RealTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle with every part the model has: all discovery methods, TLS, basic auth, authorization,
 * remote write and read, every receiver type, nested routes, inhibition, time intervals, and two
 * HA replicas with an Alertmanager cluster.
 */
public class KitchenSinkBundleTest {

    static MonitoringBundle kitchenSink() {
        return kitchenSinkSpec().build();
    }

    /** The kitchen sink before {@code build()}, for tests that add to it (the Kubernetes resources). */
    public static SpawnMonitoring kitchenSinkSpec() {
        PrometheusConfig prometheus = PrometheusRendererTest.kitchenSink();
        AlertmanagerConfig alertmanager = KitchenSink.config();
        SpawnMonitoring m = SpawnMonitoring.defaults().source("kitchen-sink");
        prometheus.scrapeConfigs().forEach(m::replaceScrapeJob);
        prometheus.remoteWrite().forEach(m::remoteWrite);
        prometheus.remoteRead().forEach(m::remoteRead);
        m.alerting(prometheus.alerting());
        m.alertmanager(alertmanager);
        m.highAvailability(new HighAvailability(List.of("a", "b"), "replica",
                List.of("am-1:9093", "am-2:9093", "am-3:9093"), List.of("am-1:9094", "am-2:9094", "am-3:9094")));
        return m;
    }

    private static String withoutHeader(String yaml) {
        return yaml.substring(yaml.indexOf('\n') + 1);
    }

    @Test
    void realToolsAcceptTheKitchenSink(@TempDir Path dir) {
        RealTools.require(Tool.PROMTOOL);
        RealTools.require(Tool.AMTOOL);
        MonitoringBundle.CheckedWrite written = kitchenSink().writeChecked(dir.resolve("bundle"), BundleCheck.MissingTool.FAIL);
        assertThat(written.checks()).extracting(BundleCheck.Outcome::status).containsOnly(BundleCheck.Outcome.Status.PASSED);
        assertThat(written.checks()).extracting(BundleCheck.Outcome::name)
                .contains("promtool check config prometheus-a.yaml", "promtool check config prometheus-b.yaml");
    }

    @Test
    void replicasDifferOnlyInTheirReplicaLabelAndDropItFromAlerts() {
        MonitoringBundle bundle = kitchenSink();
        var a = YamlOutput.parse(bundle.files().get("prometheus-a.yaml"));
        var b = YamlOutput.parse(bundle.files().get("prometheus-b.yaml"));
        assertThat(a.at("/global/external_labels/replica").asText()).isEqualTo("a");
        assertThat(b.at("/global/external_labels/replica").asText()).isEqualTo("b");
        assertThat(a.at("/alerting/alert_relabel_configs").toString()).contains("\"regex\":\"replica\"", "labeldrop");
        assertThat(bundle.files()).doesNotContainKey("prometheus.yaml");
        String flags = new String(bundle.files().get("alertmanager.flags"), StandardCharsets.UTF_8);
        assertThat(flags).contains("--cluster.peer=am-2:9094");
    }

    @Test
    void replicasKeepStorageAndTracing() {
        PrometheusConfig sink = PrometheusRendererTest.kitchenSink();
        MonitoringBundle bundle = kitchenSinkSpec().storage(sink.storage()).tracing(sink.tracing()).build();
        for (String replica : List.of("prometheus-a.yaml", "prometheus-b.yaml")) {
            var config = YamlOutput.parse(bundle.files().get(replica));
            assertThat(config.at("/storage/exemplars/max_exemplars").asLong()).as(replica).isEqualTo(100000L);
            assertThat(config.at("/tracing/endpoint").asText()).as(replica).isEqualTo("127.0.0.1:4317");
        }
    }

    @Test
    void kitchenSinkRoundTripsAndRendersTheSameTwice() {
        MonitoringBundle bundle = kitchenSink();
        var first = bundle.files();
        var second = kitchenSink().files();
        first.forEach((path, bytes) -> assertThat(second.get(path)).as(path).isEqualTo(bytes));
        first.forEach((path, bytes) -> {
            if (path.endsWith(".yaml")) {
                String again = new String(YamlOutput.toBytes(YamlOutput.parse(bytes), ""), StandardCharsets.UTF_8);
                assertThat(withoutHeader(again)).as(path).isEqualTo(withoutHeader(new String(bytes, StandardCharsets.UTF_8)));
            }
        });
    }
}
