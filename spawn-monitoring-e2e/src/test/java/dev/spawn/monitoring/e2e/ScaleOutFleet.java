package dev.spawn.monitoring.e2e;

import static dev.spawn.monitoring.e2e.LoopbackBundle.seconds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.e2e.harness.FakeSpored;
import dev.spawn.monitoring.e2e.harness.PrometheusServer;
import dev.spawn.monitoring.model.ScaleOut;
import dev.spawn.monitoring.model.prometheus.PrometheusFlags;
import dev.spawn.monitoring.model.prometheus.SpawnPrometheusDefaults;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the scale-out scenarios share: the alerts they watch, the loopback bundle scaled out with fast rules, and
 * the queries that tell which shard scrapes which agent.
 */
final class ScaleOutFleet {

    /** Fleet-wide: fires when more than 4 instances run, which no shard of 3 sees alone. */
    static final String FLEET = "HighFleetSize";
    static final String COST = "HighCostInstance";
    static final String IDLE = "InstanceHighIdleTime";
    static final String JOB = SpawnPrometheusDefaults.FLEET_JOB;
    static final int SHARDS = 2;

    private ScaleOutFleet() {
    }

    /**
     * The loopback defaults scaled out as {@code scaleOut} says, sending to {@code alertmanager} and the webhook,
     * with a relative storage path (the bundle root's {@code data/}, reached from each process folder) and the three
     * watched alerts after 1s: HighFleetSize over 4, HighCostInstance over $10/h, InstanceHighIdleTime over 60s.
     */
    static MonitoringBundle bundle(ScaleOut scaleOut, String webhookUrl, String alertmanager) {
        return LoopbackBundle.defaults(scaleOut.shards().get(0).address(), alertmanager)
                .webhookUrl(webhookUrl)
                .scaleOut(scaleOut)
                .prometheusFlags(f -> new PrometheusFlags("data", f.retentionTime(), f.retentionSize(), f.webListenAddress(),
                        f.enableLifecycle(), f.extra()))
                .rule(FLEET, r -> r.threshold(4).forDuration(seconds(1)))
                .rule(COST, r -> r.threshold(10).forDuration(seconds(1)))
                .rule(IDLE, r -> r.threshold(60).forDuration(seconds(1)))
                .build();
    }

    /** An agent that runs (uptime) at $1/h, under every watched threshold. */
    static FakeSpored running(FakeSpored spored) {
        return spored.set("spawn_instance_uptime_seconds", 3600).set("spawn_cost_per_hour_dollars", 1);
    }

    static Set<String> addresses(List<FakeSpored> agents) {
        return agents.stream().map(FakeSpored::address).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The addresses of the fleet job's targets that {@code shard} scrapes successfully. */
    static Set<String> healthy(PrometheusServer shard) {
        return shard.activeTargets(JOB).stream().filter(t -> t.path("health").asText().equals("up"))
                .map(t -> t.path("labels").path("instance").asText()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The single value of an instant query, NaN when it has none. */
    static double value(PrometheusServer server, String promql) {
        List<JsonNode> result = server.query(promql);
        if (result.isEmpty()) {
            return Double.NaN;
        }
        return Double.parseDouble(result.get(0).path("value").get(1).asText());
    }
}
