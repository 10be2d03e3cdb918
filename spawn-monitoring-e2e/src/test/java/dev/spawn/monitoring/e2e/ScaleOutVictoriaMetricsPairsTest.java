package dev.spawn.monitoring.e2e;

import static dev.spawn.monitoring.e2e.ScaleOutFleet.FLEET;
import static dev.spawn.monitoring.e2e.ScaleOutFleet.IDLE;
import static dev.spawn.monitoring.e2e.ScaleOutFleet.JOB;
import static dev.spawn.monitoring.e2e.ScaleOutFleet.TARGETS;
import static dev.spawn.monitoring.e2e.ScaleOutFleet.VM_TIMEOUT;
import static dev.spawn.monitoring.e2e.ScaleOutFleet.VM_WINDOW;
import static dev.spawn.monitoring.e2e.ScaleOutFleet.SHARDS;
import static dev.spawn.monitoring.e2e.ScaleOutFleet.healthy;
import static dev.spawn.monitoring.e2e.ScaleOutFleet.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.e2e.harness.FakeSpored;
import dev.spawn.monitoring.e2e.harness.Loopback;
import dev.spawn.monitoring.e2e.harness.LoopbackStack;
import dev.spawn.monitoring.e2e.harness.LoopbackStackExtension;
import dev.spawn.monitoring.e2e.harness.Poll;
import dev.spawn.monitoring.e2e.harness.PrometheusServer;
import dev.spawn.monitoring.e2e.harness.WebhookSink;
import dev.spawn.monitoring.model.ScaleOut;
import dev.spawn.monitoring.model.alertmanager.SpawnAlertmanagerDefaults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario: HA pairs per shard on the VictoriaMetrics engine. Six fake agents, two shards of two vmagents each
 * ({@code scale_out.shards[].replicas}), victoria-metrics with {@code -dedup.minScrapeInterval}, vmalert and one
 * Alertmanager, each process started from its folder with its generated flags unchanged (victoria-metrics with a 5s
 * latency offset besides, {@link LoopbackStack#victoriaMetrics}). Both vmagents of a shard
 * scrape the same targets; victoria-metrics holds one series per agent and metric (the pair's series are the same
 * series) and one sample per scrape interval, not two; HighFleetSize fires once. Then one vmagent of a shard is
 * killed: its twin keeps the shard's targets, whose new condition still reaches the webhook, once.
 */
@ExtendWith(LoopbackStackExtension.class)
// the longest scenarios start first (the e2e module runs six at a time)
@Order(1)
class ScaleOutVictoriaMetricsPairsTest {


    @Test
    void bothVmagentsOfAShardScrapeItsTargetsAndVictoriaMetricsKeepsOneCopy(LoopbackStack stack) {
        List<FakeSpored> all = IntStream.range(0, TARGETS).mapToObj(i -> ScaleOutFleet.running(stack.spored("i-0e2e5cc0" + i)))
                .toList();
        WebhookSink webhook = stack.webhook(SpawnAlertmanagerDefaults.WEBHOOK_RECEIVER);
        int alertmanagerPort = Loopback.freePort();
        int[][] ports = new int[SHARDS][2];
        List<ScaleOut.Shard> shardsSpec = new ArrayList<>();
        for (int i = 0; i < SHARDS; i++) {
            ports[i] = new int[] {Loopback.freePort(), Loopback.freePort()};
            shardsSpec.add(new ScaleOut.Shard(Loopback.address(ports[i][0]), List.of(Loopback.address(ports[i][1]))));
        }
        int storagePort = Loopback.freePort();
        int rulerPort = Loopback.freePort();
        ScaleOut scaleOut = new ScaleOut(ScaleOut.Engine.VICTORIAMETRICS, shardsSpec,
                new ScaleOut.Global(Loopback.address(storagePort), Loopback.address(rulerPort)));
        MonitoringBundle bundle = ScaleOutFleet.bundle(scaleOut, webhook.url(), Loopback.address(alertmanagerPort));
        Path dir = stack.dir("bundle");
        bundle.writeTo(dir);
        assertThat(new String(bundle.files().get("global/victoria-metrics.flags"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("-dedup.minScrapeInterval=1s\n");

        stack.alertmanager("alertmanager", dir, alertmanagerPort, 0);
        PrometheusServer storage = stack.victoriaMetrics("victoria-metrics", dir.resolve("global"), storagePort);
        stack.inFolder(Tool.VMALERT, "vmalert", dir.resolve("ruler"), rulerPort);
        List<PrometheusServer> primaries = new ArrayList<>();
        List<PrometheusServer> twins = new ArrayList<>();
        for (int i = 0; i < SHARDS; i++) {
            primaries.add(stack.inFolder(Tool.VMAGENT, "vmagent-" + i, dir.resolve("shard-" + i), ports[i][0]));
            twins.add(stack.inFolder(Tool.VMAGENT, "vmagent-" + i + "-replica-1", dir.resolve("shard-" + i + "-replica-1"),
                    ports[i][1]));
        }

        List<List<FakeSpored>> byShard = ScaleOutFleet.assignment(stack, dir, all, primaries);
        for (int i = 0; i < SHARDS; i++) {
            int shard = i;
            Poll.until("the replica of shard " + i + " to scrape exactly its shard's targets", VM_TIMEOUT,
                    () -> healthy(twins.get(shard)).equals(ScaleOutFleet.addresses(byShard.get(shard))));
        }

        // the pair writes the same series: one per agent and metric, as without replicas
        long planned = ScaleOutFleet.PROFILE.seriesPerInstance(ScaleOutFleet.CATALOG, ScaleOut.Engine.VICTORIAMETRICS);
        Poll.until("victoria-metrics to hold up for all " + TARGETS + " targets, once each", VM_TIMEOUT,
                () -> value(storage, "count(up{job=\"" + JOB + "\"} == 1)") == TARGETS);
        Poll.until("victoria-metrics to hold " + planned + " series of each agent", VM_TIMEOUT,
                () -> all.stream().allMatch(s -> ScaleOutFleet.seriesOf(storage, s) == planned));
        Poll.until("a firing " + FLEET + " notification", VM_TIMEOUT, () -> !webhook.about(FLEET, "firing").isEmpty());
        Poll.holdsFor("no second " + FLEET + " notification", VM_WINDOW, () -> webhook.about(FLEET).size() == 1);

        // two vmagents scrape each agent every second; after deduplication a 20s window holds about 20 samples, not 40.
        // The window ends 5s before the query's time (itself 5s back, the latency offset), past every remote-write
        // flush of both vmagents, and starts 10s after the first sample of every agent
        Poll.until("35s of samples of every agent", VM_TIMEOUT, () -> value(storage,
                "time() - max(tfirst_over_time(up{job=\"" + JOB + "\"}[10m]))") > 35);
        String samples = "count_over_time(up{job=\"" + JOB + "\"}[20s] offset 5s)";
        double fewest = value(storage, "min(" + samples + ")");
        double most = value(storage, "max(" + samples + ")");
        assertThat(List.of(fewest, most)).as("samples of one agent's up in 20s (two scrapers a second, deduplicated)")
                .allSatisfy(n -> assertThat(n).isBetween(18.0, 22.0));

        int doomed = byShard.get(0).size() >= byShard.get(1).size() ? 0 : 1;
        twins.get(doomed).kill();
        stack.report(() -> "killed vmagent-" + doomed + "-replica-1");
        FakeSpored idle = byShard.get(doomed).get(0);
        idle.idle(120);
        Poll.until("a firing " + IDLE + " notification from the shard that lost a vmagent", VM_TIMEOUT,
                () -> !webhook.about(IDLE, "firing").isEmpty());
        Poll.holdsFor("one " + IDLE + " notification", VM_WINDOW, () -> webhook.about(IDLE).size() == 1);
        assertThat(webhook.about(IDLE).get(0).alerts()).singleElement().satisfies(a -> assertThat(a.labels())
                .containsEntry("instance_id", idle.instanceId()).containsEntry("shard", String.valueOf(doomed)));
        // the surviving vmagent still scrapes every target of the shard: each has a sample after the kill. Counted,
        // not the oldest last sample: series a target had under earlier labels (before the targets file settled)
        // keep their old last sample in the 5m window
        double killedAt = System.currentTimeMillis() / 1000.0;
        int targets = byShard.get(doomed).size();
        Poll.until("the shard's " + targets + " targets scraped after the kill", VM_TIMEOUT, () -> value(storage,
                "count(tlast_over_time(up{job=\"" + JOB + "\", shard=\"" + doomed + "\"}[5m]) > " + killedAt + ")") >= targets);
        assertThat(webhook.about(FLEET, "firing")).as("the fleet-wide alert is not sent again").hasSize(1);
        System.out.println("scale-out e2e (victoriametrics, HA pairs): targets per shard " + byShard.stream().map(List::size)
                .toList() + "; series per agent " + planned + "; samples of up per agent in 20s " + fewest + " to " + most
                + " (two scrapers a second); after killing one vmagent of shard " + doomed + ": " + stack.notificationSummary());
    }
}
