package dev.spawn.monitoring.e2e;

import static dev.spawn.monitoring.e2e.LoopbackBundle.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.e2e.harness.FakeSpored;
import dev.spawn.monitoring.e2e.harness.LoopbackStack;
import dev.spawn.monitoring.e2e.harness.LoopbackStackExtension;
import dev.spawn.monitoring.e2e.harness.Poll;
import dev.spawn.monitoring.grafana.DashboardQueries;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every query of the four dashboards, with the variables' sample values (instance i-0123456789abcdef0
 * in us-east-1), runs on a real Prometheus scraping a fake spored that serves every catalogued metric:
 * none is rejected, and each finds series but the one a fleet without local instances cannot have
 * (a query that finds nothing would be a dashboard panel that stays empty; the test names them).
 */
@ExtendWith(LoopbackStackExtension.class)
class DashboardQueriesTest {

    private static final String INSTANCE = "i-0123456789abcdef0";
    /** Panels that are empty for this fleet by design: an EC2-only fleet has no EC2-per-local ratio. */
    private static final List<String> EMPTY_BY_DESIGN = List.of("dashboard hybrid-compute, panel 4 'EC2 per local instance', query A");

    @Test
    void everyDashboardQueryRunsAndFindsTheFleet(LoopbackStack stack) {
        FakeSpored spored = stack.spored(INSTANCE);
        serveEveryMetric(spored);
        // a cost alert fires within seconds, so the ALERTS panels have something to show
        SingleNode node = SingleNode.start(stack, m -> m.rule("HighCostInstance", r -> r.threshold(1).forDuration(seconds(1))),
                spored);
        DashboardQueries queries = DashboardQueries.of(node.bundle().grafana().dashboards());
        assertThat(queries.size()).isEqualTo(55);

        node.prometheus().awaitHealthyTarget("spawn-fleet", SingleNode.ALERT_TIMEOUT);
        // a query Prometheus rejects, or one without series, is named in the timeout's "last error"
        Poll.until("every dashboard query to find series", SingleNode.ALERT_TIMEOUT, () -> {
            Map<String, String> empty = new TreeMap<>();
            for (DashboardQueries.Query q : queries.queries()) {
                if (node.prometheus().query(q.substituted()).isEmpty()) {
                    empty.put(q.location(), q.substituted());
                }
            }
            if (!empty.keySet().equals(new TreeSet<>(EMPTY_BY_DESIGN))) {
                throw new IllegalStateException("queries without series: " + empty);
            }
            return true;
        });
    }

    /** One value for each metric of the catalogue, with the labels spored gives it (region comes from discovery). */
    private static void serveEveryMetric(FakeSpored spored) {
        spored.idle(120)
                .set("spawn_instance_uptime_seconds", Map.of("provider", "ec2"), 3600)
                .set("spawn_instance_start_time_seconds", 1.7e9)
                .set("spawn_instance_spot", 0)
                .set("spawn_cpu_usage_percent", 42)
                .set("spawn_memory_used_bytes", 4e9)
                .set("spawn_memory_total_bytes", 8e9)
                .set("spawn_network_bytes_total", Map.of("interface", "eth0", "direction", "rx"), 1e6)
                .set("spawn_network_bytes_total", Map.of("interface", "eth0", "direction", "tx"), 2e6)
                .set("spawn_disk_io_bytes_total", Map.of("device", "nvme0n1", "operation", "read"), 3e6)
                .set("spawn_disk_io_bytes_total", Map.of("device", "nvme0n1", "operation", "write"), 4e6)
                .set("spawn_gpu_utilization_percent", Map.of("gpu_index", "0"), 70)
                .set("spawn_gpu_memory_used_bytes", Map.of("gpu_index", "0"), 1e9)
                .set("spawn_gpu_memory_total_bytes", Map.of("gpu_index", "0"), 16e9)
                .set("spawn_gpu_temperature_celsius", Map.of("gpu_index", "0"), 61)
                .set("spawn_gpu_power_watts", Map.of("gpu_index", "0"), 180)
                .set("spawn_logged_in_users", 1)
                .set("spawn_ttl_remaining_seconds", 1800)
                .set("spawn_idle_timeout_remaining_seconds", 600)
                .set("spawn_cost_per_hour_dollars", 1.5)
                .set("spawn_estimated_cost_dollars", 1.5);
    }
}
