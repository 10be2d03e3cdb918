package dev.spawn.monitoring.e2e;

import static dev.spawn.monitoring.e2e.ScaleOutFleet.COST;
import static dev.spawn.monitoring.e2e.ScaleOutFleet.FLEET;
import static dev.spawn.monitoring.e2e.ScaleOutFleet.IDLE;
import static dev.spawn.monitoring.e2e.ScaleOutFleet.JOB;
import static dev.spawn.monitoring.e2e.ScaleOutFleet.SHARDS;
import static dev.spawn.monitoring.e2e.ScaleOutFleet.addresses;
import static dev.spawn.monitoring.e2e.ScaleOutFleet.healthy;
import static dev.spawn.monitoring.e2e.ScaleOutFleet.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.doctor.Doctor;
import dev.spawn.monitoring.doctor.Expected;
import dev.spawn.monitoring.model.Problem;
import java.net.URI;
import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.e2e.harness.FakeSpored;
import dev.spawn.monitoring.e2e.harness.FileSdTargets;
import dev.spawn.monitoring.e2e.harness.Loopback;
import dev.spawn.monitoring.e2e.harness.LoopbackStack;
import dev.spawn.monitoring.e2e.harness.LoopbackStackExtension;
import dev.spawn.monitoring.e2e.harness.Poll;
import dev.spawn.monitoring.e2e.harness.PrometheusServer;
import dev.spawn.monitoring.e2e.harness.WebhookSink;
import dev.spawn.monitoring.model.ScaleOut;
import dev.spawn.monitoring.model.alertmanager.SpawnAlertmanagerDefaults;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario: a scaled-out bundle on the Prometheus engine. Six fake spored agents, two Prometheus shards and
 * a global Prometheus, each started from its folder with its generated flags unchanged, and one Alertmanager.
 * Every target is scraped by exactly one shard; the global tier holds {@code up} for all six; HighFleetSize
 * (threshold 4, while each shard sees 3) and a per-instance alert each reach the webhook exactly once. Then
 * one shard is killed: its targets' alerts stop, the other shard's go on, and the global tier keeps the dead
 * shard's last samples (stale, not gone, within Prometheus' 5-minute lookback).
 */
@ExtendWith(LoopbackStackExtension.class)
@Order(3)
class ScaleOutTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Longer than remote write's batch deadline (5s) plus a rule evaluation and Alertmanager's 1s group interval. */
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final int PER_SHARD = 3;

    @Test
    void twoShardsAndAGlobalTierSplitTheFleetAndItsRules(LoopbackStack stack) {
        List<List<FakeSpored>> byShard = targets(stack);
        List<FakeSpored> all = byShard.stream().flatMap(List::stream).toList();
        all.forEach(ScaleOutFleet::running);
        WebhookSink webhook = stack.webhook(SpawnAlertmanagerDefaults.WEBHOOK_RECEIVER);
        int alertmanagerPort = Loopback.freePort();
        int[] shardPorts = {Loopback.freePort(), Loopback.freePort()};
        int globalPort = Loopback.freePort();
        ScaleOut scaleOut = new ScaleOut(ScaleOut.Engine.PROMETHEUS,
                Arrays.stream(shardPorts).mapToObj(p -> new ScaleOut.Shard(Loopback.address(p))).toList(),
                new ScaleOut.Global(Loopback.address(globalPort), null));

        MonitoringBundle bundle = ScaleOutFleet.bundle(scaleOut, webhook.url(), Loopback.address(alertmanagerPort));
        assertThat(bundle.scaleOut().split().rules(ScaleOut.Tier.GLOBAL)).contains(FLEET).doesNotContain(COST, IDLE);
        Path dir = stack.dir("bundle");
        bundle.writeTo(dir);
        FileSdTargets.write(dir.resolve("targets"), "fleet.json", all.stream()
                .map(s -> FileSdTargets.group(s, "us-east-1", "t3.medium", false)).toList());

        stack.alertmanager("alertmanager", dir, alertmanagerPort, 0);
        PrometheusServer global = stack.inFolder(Tool.PROMETHEUS, "global", dir.resolve("global"), globalPort);
        List<PrometheusServer> shards = new ArrayList<>();
        for (int i = 0; i < SHARDS; i++) {
            shards.add(stack.inFolder(Tool.PROMETHEUS, "shard-" + i, dir.resolve("shard-" + i), shardPorts[i]));
        }

        // every target in exactly one shard: the one its address hashes to
        for (int i = 0; i < SHARDS; i++) {
            PrometheusServer shard = shards.get(i);
            Set<String> expected = addresses(byShard.get(i));
            Poll.until("shard-" + i + " to scrape " + expected, TIMEOUT, () -> healthy(shard).equals(expected));
            Poll.until("shard-" + i + " to see " + PER_SHARD + " instances", TIMEOUT,
                    () -> value(shard, "count(spawn_instance_uptime_seconds)") == PER_SHARD);
            assertThat(shard.rule(FLEET)).as("fleet-wide rule on shard-" + i).isEmpty();
            assertThat(shard.rule(COST)).as("per-instance rule on shard-" + i).isPresent();
        }
        assertThat(global.rule(FLEET)).isPresent();
        assertThat(global.rule(COST)).isEmpty();
        Poll.until("the global tier to hold up for all " + all.size() + " targets", TIMEOUT,
                () -> value(global, "count(count by (instance) (up{job=\"" + JOB + "\"} == 1))") == all.size());
        assertThat(global.query("count by (shard) (up{job=\"" + JOB + "\"})")).hasSize(SHARDS);
        // capacity on paper, measured: the series of each agent on the global tier are the plan's series per instance
        long planned = ScaleOutFleet.PROFILE.seriesPerInstance(ScaleOutFleet.CATALOG);
        Poll.until("the global tier to hold " + planned + " series of each agent", TIMEOUT,
                () -> all.stream().allMatch(s -> ScaleOutFleet.seriesOf(global, s) == planned));

        // the fleet-wide alert: 6 > 4 only where the whole fleet is seen, sent once, by the global tier
        Poll.until("a firing " + FLEET + " notification", TIMEOUT, () -> !webhook.about(FLEET, "firing").isEmpty());
        assertThat(webhook.about(FLEET).get(0).alerts()).singleElement()
                .satisfies(a -> assertThat(a.labels()).containsEntry("cluster", "spawn").doesNotContainKey("shard"));

        // a per-instance alert for one hot instance of shard-1: sent once, by that shard. Its window is also the
        // fleet-wide alert's, which has been firing since before the hot instance (another alert group)
        FakeSpored hot = byShard.get(1).get(0);
        hot.set("spawn_cost_per_hour_dollars", 50);
        Poll.until("a firing " + COST + " notification", TIMEOUT, () -> !webhook.about(COST, "firing").isEmpty());
        Poll.holdsFor("no second " + COST + " notification and no second " + FLEET + " notification", WINDOW,
                () -> webhook.about(COST).size() == 1 && webhook.about(FLEET).size() == 1);
        assertThat(webhook.about(COST).get(0).alerts()).singleElement().satisfies(a -> assertThat(a.labels())
                .containsEntry("instance_id", hot.instanceId()).containsEntry("shard", "1"));

        // the doctor knows each process of the bundle, from the bundle or from its folder: nothing differs, every
        // shard's samples arrive at the global tier
        List<Expected> expectations = List.of(Expected.of(bundle), Expected.read(dir));
        for (Expected expected : expectations) {
            for (PrometheusServer server : List.of(shards.get(0), shards.get(1), global)) {
                assertThat(Doctor.examine(URI.create("http://" + server.address()), null, expected))
                        .as("doctor on " + server.process().name()).extracting(Problem::message)
                        .noneMatch(m -> m.contains("differs") || m.contains("none of") || m.contains("global tier")
                                || m.contains("remote write"));
            }
        }

        // shard-1 dies
        shards.get(1).kill();
        double killedAt = value(global, "vector(time())");
        byShard.get(1).get(1).idle(120);
        FakeSpored idle = byShard.get(0).get(0);
        idle.idle(120);
        // lost: the dead shard's targets raise no alert; the live shard's still do, once
        Poll.until("a firing " + IDLE + " notification from shard-0", TIMEOUT, () -> !webhook.about(IDLE, "firing").isEmpty());
        Poll.holdsFor("only shard-0's idle instance notified", WINDOW, () -> webhook.about(IDLE).size() == 1);
        assertThat(webhook.about(IDLE).get(0).alerts()).singleElement().satisfies(a -> assertThat(a.labels())
                .containsEntry("instance_id", idle.instanceId()).containsEntry("shard", "0"));
        // lost: the global tier gets no new samples of shard-1's targets; shard-0's keep coming
        Poll.until("shard-1's targets to go stale on the global tier", TIMEOUT, () -> value(global,
                "max(timestamp(up{job=\"" + JOB + "\", shard=\"1\"}))") < killedAt + 1
                && value(global, "min(timestamp(up{job=\"" + JOB + "\", shard=\"0\"}))") > killedAt + 5);
        // not lost: their last samples stay queryable, and the fleet-wide rule still counts them (5m lookback), so
        // HighFleetSize neither resolves nor repeats
        assertThat(value(global, "count(spawn_instance_uptime_seconds)")).isEqualTo(all.size());
        assertThat(value(global, "count(last_over_time(up{job=\"" + JOB + "\", shard=\"1\"}[5m]))")).isEqualTo(PER_SHARD);
        assertThat(webhook.about(FLEET)).hasSize(1);
        assertThat(webhook.about(FLEET, "resolved")).isEmpty();
        // the doctor on the global tier says which shard stopped sending
        Poll.until("the doctor to report shard-1 silent", TIMEOUT, () -> Doctor.examine(URI.create("http://"
                + global.address()), null, Expected.read(dir)).stream().map(Problem::message)
                .anyMatch(m -> m.startsWith("the global tier's newest sample from shard 1 (shard-1/) is ")));
        assertThat(Doctor.examine(URI.create("http://" + global.address()), null, Expected.of(bundle)))
                .extracting(Problem::message).noneMatch(m -> m.contains("shard 0"));
        stack.report(() -> "targets per shard: " + byShard.stream().map(s -> addresses(s).toString())
                .collect(Collectors.joining(" | ")) + "; " + stack.notificationSummary());
        System.out.println("scale-out e2e (prometheus): targets per shard " + byShard.stream().map(List::size).toList()
                + "; series per agent on the global tier " + planned
                + "; " + stack.notificationSummary());
    }

    /**
     * Six fake agents, three whose address hashes to each shard as Prometheus' hashmod does (the last 8 bytes of
     * the MD5 of the address, big-endian, modulo N): ports are random, so agents are started until both shards
     * have three and the others are closed again.
     */
    private static List<List<FakeSpored>> targets(LoopbackStack stack) {
        List<List<FakeSpored>> byShard = new ArrayList<>();
        for (int i = 0; i < SHARDS; i++) {
            byShard.add(new ArrayList<>());
        }
        int n = 0;
        while (byShard.stream().anyMatch(s -> s.size() < PER_SHARD)) {
            FakeSpored candidate = FakeSpored.start("i-0e2e5ca1e" + (n++));
            List<FakeSpored> mine = byShard.get(shardOf(candidate.address(), SHARDS));
            if (mine.size() < PER_SHARD) {
                mine.add(stack.own(candidate));
                stack.report(candidate::toString);
            } else {
                candidate.close();
            }
        }
        return byShard;
    }

    static int shardOf(String address, int modulus) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(address.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, Arrays.copyOfRange(md5, 8, 16)).mod(BigInteger.valueOf(modulus)).intValue();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
