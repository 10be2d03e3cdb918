package dev.spawn.monitoring.e2e;

import static dev.spawn.monitoring.e2e.LoopbackBundle.seconds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.e2e.harness.FakeSpored;
import dev.spawn.monitoring.e2e.harness.FileSdTargets;
import dev.spawn.monitoring.e2e.harness.LoopbackStack;
import dev.spawn.monitoring.e2e.harness.Poll;
import dev.spawn.monitoring.e2e.harness.PrometheusServer;
import dev.spawn.monitoring.model.ScaleOut;
import dev.spawn.monitoring.model.prometheus.SpawnPrometheusDefaults;
import dev.spawn.monitoring.rules.MetricCatalog;
import dev.spawn.monitoring.rules.RuleCatalog;
import dev.spawn.monitoring.scale.Capacity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
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
    static final int TARGETS = 6;
    /**
     * A deadline for a loaded machine; victoria-metrics shows a sample to queries, vmalert's included, 5s after it
     * arrived ({@link dev.spawn.monitoring.e2e.harness.LoopbackStack#VM_LATENCY_OFFSET}).
     */
    static final java.time.Duration VM_TIMEOUT = java.time.Duration.ofSeconds(120);
    /** Past vmalert's next evaluations and Alertmanager's 1s group interval: a duplicate would have come by then. */
    static final java.time.Duration VM_WINDOW = java.time.Duration.ofSeconds(10);

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
                .prometheusFlags(f -> f.toBuilder().storagePath("data").build())
                .rule(FLEET, r -> r.threshold(4).forDuration(seconds(1)))
                .rule(COST, r -> r.threshold(10).forDuration(seconds(1)))
                .rule(IDLE, r -> r.threshold(60).forDuration(seconds(1)))
                .build();
    }

    /** The metrics every fake agent serves: the whole catalogue, with the label values of {@link #PROFILE}. */
    static final MetricCatalog CATALOG = RuleCatalog.defaults().metrics();
    static final Capacity PROFILE = Capacity.cpuInstance();

    /**
     * An agent serving every catalogue metric with each value combination of {@link #PROFILE} (what the capacity
     * plan counts), running for an hour at $1/h with a terminal open: under every threshold the scenarios watch.
     */
    static FakeSpored running(FakeSpored spored) {
        for (MetricCatalog.Metric m : CATALOG.metrics()) {
            List<Map<String, String>> combinations = List.of(Map.of());
            for (String label : m.labels()) {
                if (label.equals("instance_id")) {
                    continue; // the fake's own
                }
                List<Map<String, String>> more = new ArrayList<>();
                for (Map<String, String> c : combinations) {
                    for (String v : PROFILE.values(label)) {
                        Map<String, String> with = new TreeMap<>(c);
                        with.put(label, v);
                        more.add(with);
                    }
                }
                combinations = more;
            }
            combinations.forEach(labels -> spored.set(m.name(), labels, 0));
        }
        return spored.set("spawn_instance_uptime_seconds", Map.of("region", "us-east-1", "provider", "ec2"), 3600)
                .set("spawn_cost_per_hour_dollars", 1).set("spawn_active_terminals", 1);
    }

    /**
     * The series of one agent that {@code server} holds and still receives samples in (its alerts' ALERTS series
     * aside): those with a sample in the last 10s. A series the agent no longer feeds would otherwise count for the
     * query's 5-minute lookback, and {@link #assignment} leaves some when it moves the targets (vmagent 1.79.5 ends
     * the old {@code scrape_timeout_seconds} without a staleness marker: 27 series instead of 26, seen here).
     */
    static double seriesOf(PrometheusServer server, FakeSpored agent) {
        return value(server, "count(last_over_time({instance=\"" + agent.address() + "\", __name__!~\"ALERTS.*\"}[10s]))");
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

    /**
     * Which vmagent scrapes which agent. vmagent hashes each target's labels to a member, so where an agent lands is
     * only seen, not chosen: should all six land on one shard (1 in 32), the targets file is written again with
     * another value of a label of no other use, which moves them.
     */
    static List<List<FakeSpored>> assignment(LoopbackStack stack, Path dir, List<FakeSpored> all,
            List<PrometheusServer> shards) {
        for (int attempt = 0; attempt < 4; attempt++) {
            String spread = String.valueOf(attempt);
            FileSdTargets.write(dir.resolve("targets"), "fleet.json", all.stream().map(s -> {
                Map<String, Object> group = new TreeMap<>(FileSdTargets.group(s, "us-east-1", "t3.medium", false));
                @SuppressWarnings("unchecked")
                Map<String, String> labels = new TreeMap<>((Map<String, String>) group.get("labels"));
                labels.put("spread", spread);
                group.put("labels", labels);
                return (Map<String, Object>) group;
            }).toList());
            Poll.until("every target scraped by one vmagent (spread " + spread + ")", java.time.Duration.ofSeconds(60), () -> {
                List<Set<String>> seen = shards.stream().map(ScaleOutFleet::healthy).toList();
                Set<String> union = new TreeSet<>();
                seen.forEach(union::addAll);
                return union.equals(addresses(all)) && seen.stream().mapToInt(Set::size).sum() == all.size()
                        && shards.stream().allMatch(s -> s.activeTargets(JOB).stream()
                        .allMatch(t -> spread.equals(t.path("labels").path("spread").asText())));
            });
            List<List<FakeSpored>> byShard = new ArrayList<>();
            for (PrometheusServer shard : shards) {
                Set<String> mine = healthy(shard);
                byShard.add(all.stream().filter(s -> mine.contains(s.address())).toList());
            }
            if (byShard.stream().noneMatch(List::isEmpty)) {
                stack.report(() -> "targets per vmagent: " + byShard.stream().map(s -> addresses(s).toString())
                        .collect(Collectors.joining(" | ")));
                return byShard;
            }
        }
        throw new AssertionError("all targets landed on one vmagent four times in a row");
    }
}
