package dev.spawn.monitoring.e2e;

import static dev.spawn.monitoring.e2e.LoopbackBundle.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.e2e.harness.AlertmanagerServer;
import dev.spawn.monitoring.e2e.harness.FakeSpored;
import dev.spawn.monitoring.e2e.harness.FileSdTargets;
import dev.spawn.monitoring.e2e.harness.Loopback;
import dev.spawn.monitoring.e2e.harness.LoopbackStack;
import dev.spawn.monitoring.e2e.harness.LoopbackStackExtension;
import dev.spawn.monitoring.e2e.harness.Poll;
import dev.spawn.monitoring.e2e.harness.PrometheusServer;
import dev.spawn.monitoring.e2e.harness.WebhookSink;
import dev.spawn.monitoring.model.HighAvailability;
import dev.spawn.monitoring.model.alertmanager.SpawnAlertmanagerDefaults;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 4: two Prometheus replicas (prometheus-a.yaml, prometheus-b.yaml) and a three-node
 * Alertmanager cluster gossiping on loopback with the peers of the generated alertmanager.flags
 * deliver each alert exactly once; with one Alertmanager node and one replica killed, a new alert is
 * still delivered exactly once.
 */
@ExtendWith(LoopbackStackExtension.class)
@Order(5)
class HighAvailabilityTest {

    private static final String IDLE = "InstanceHighIdleTime";
    private static final String SPOT = "SpotInstanceInterruptionWarning";
    private static final Duration CLUSTER_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Each node waits its position in the cluster times the peer timeout before it notifies, and
     * stays silent if a peer's notification log already shows the message. The default 15s would make
     * "exactly once" take over half a minute to observe; gossip on loopback needs far less than 2s.
     */
    private static final String PEER_TIMEOUT = "--cluster.peer-timeout=2s";
    /** Longer than the last node's wait (2 x peer timeout) plus group_interval: any duplicate has come by then. */
    private static final Duration DUPLICATE_WINDOW = Duration.ofSeconds(7);

    @Test
    void eachAlertIsDeliveredOnceAlsoAfterLosingANodeAndAReplica(LoopbackStack stack) {
        FakeSpored first = stack.spored("i-0e2e0ha1");
        FakeSpored second = stack.spored("i-0e2e0ha2");
        WebhookSink webhook = stack.webhook(SpawnAlertmanagerDefaults.WEBHOOK_RECEIVER);
        int[] prometheusPorts = {Loopback.freePort(), Loopback.freePort()};
        int[] webPorts = IntStream.range(0, 3).map(i -> Loopback.freePort()).toArray();
        int[] clusterPorts = IntStream.range(0, 3).map(i -> Loopback.freePort()).toArray();
        List<String> alertmanagers = IntStream.of(webPorts).mapToObj(Loopback::address).toList();
        List<String> peers = IntStream.of(clusterPorts).mapToObj(Loopback::address).toList();

        MonitoringBundle bundle = LoopbackBundle.defaults(Loopback.address(prometheusPorts[0]))
                .webhookUrl(webhook.url())
                .highAvailability(new HighAvailability(List.of("a", "b"), "replica", alertmanagers, peers))
                .rule(IDLE, r -> r.threshold(60).forDuration(seconds(1)))
                .rule(SPOT, r -> r.forDuration(seconds(1)))
                .build();
        assertThat(bundle.prometheusConfigFiles()).containsExactly("prometheus-a.yaml", "prometheus-b.yaml");
        String flags = new String(bundle.files().get(MonitoringBundle.ALERTMANAGER_FLAGS), StandardCharsets.UTF_8);
        peers.forEach(peer -> assertThat(flags).contains("--cluster.peer=" + peer));
        Path dir = stack.dir("bundle");
        bundle.writeTo(dir);
        FileSdTargets.write(dir.resolve("targets"), "fleet.json", List.of(
                FileSdTargets.group(first, "us-east-1", "t3.medium", false),
                FileSdTargets.group(second, "us-east-1", "t3.medium", false)));

        List<AlertmanagerServer> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            nodes.add(stack.alertmanager("alertmanager-" + i, dir, webPorts[i], clusterPorts[i], PEER_TIMEOUT));
        }
        nodes.forEach(node -> node.awaitClusterSize(3, CLUSTER_TIMEOUT));
        PrometheusServer replicaA = stack.prometheus("prometheus-a", dir, "prometheus-a.yaml", prometheusPorts[0]);
        PrometheusServer replicaB = stack.prometheus("prometheus-b", dir, "prometheus-b.yaml", prometheusPorts[1]);
        replicaA.awaitHealthyTarget("spawn-fleet", CLUSTER_TIMEOUT);
        replicaB.awaitHealthyTarget("spawn-fleet", CLUSTER_TIMEOUT);

        first.idle(120);
        Poll.until("a firing " + IDLE + " notification", CLUSTER_TIMEOUT, () -> !webhook.about(IDLE, "firing").isEmpty());
        Poll.holdsFor("no duplicate " + IDLE + " notification", DUPLICATE_WINDOW, () -> webhook.about(IDLE).size() == 1);
        assertThat(webhook.about(IDLE).get(0).alerts()).singleElement().satisfies(alert -> assertThat(alert.labels())
                .containsEntry("instance_id", "i-0e2e0ha1")
                .containsEntry("cluster", "spawn")
                .doesNotContainKey("replica"));
        // both replicas really did send it: every node holds the alert
        nodes.forEach(node -> Poll.until(node.process().name() + " to hold the alert", CLUSTER_TIMEOUT,
                () -> node.alerts().stream().anyMatch(a -> IDLE.equals(a.path("labels").path("alertname").asText()))));

        nodes.get(0).kill();
        replicaA.process().kill();

        second.set("spawn_instance_spot", 1);
        Poll.until("a firing " + SPOT + " notification after the losses", CLUSTER_TIMEOUT,
                () -> !webhook.about(SPOT, "firing").isEmpty());
        Poll.holdsFor("no duplicate notification after the losses", DUPLICATE_WINDOW,
                () -> webhook.about(SPOT).size() == 1 && webhook.about(IDLE).size() == 1);
        assertThat(webhook.about(SPOT).get(0).alerts()).singleElement().satisfies(alert -> assertThat(alert.labels())
                .containsEntry("instance_id", "i-0e2e0ha2").doesNotContainKey("replica"));
    }
}
