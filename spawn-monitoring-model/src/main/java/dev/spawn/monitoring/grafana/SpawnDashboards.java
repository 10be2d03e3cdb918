package dev.spawn.monitoring.grafana;

import static dev.spawn.monitoring.grafana.Dashboard.instant;
import static dev.spawn.monitoring.grafana.Dashboard.range;

import dev.spawn.monitoring.model.decl.Internal;
import dev.spawn.monitoring.rules.RuleSet;
import java.util.List;

/**
 * The four spawn dashboards: fleet overview, cost tracking, hybrid compute (EC2 against local) and
 * one instance. Their queries use only the metrics of the catalogue, and every threshold that
 * mirrors an alert is that alert's effective parameter in the given rule set, so overriding
 * {@code HighCostInstance}'s threshold moves the dashboards' red line with the alert.
 */
@Internal
public final class SpawnDashboards {

    private static final String REGION = "region=~\"$region\"";
    private static final String INSTANCE = "instance_id=\"$instance_id\"";
    private static final String FIRING = "ALERTS{alertstate=\"firing\",component=\"spawn\"}";

    private final RuleSet rules;

    private SpawnDashboards(RuleSet rules) {
        this.rules = rules;
    }

    /** The four dashboards, thresholds taken from {@code rules}. */
    public static List<Dashboard> of(RuleSet rules) {
        SpawnDashboards d = new SpawnDashboards(rules);
        return List.of(d.fleetOverview(), d.costTracking(), d.hybridCompute(), d.instanceOverview());
    }

    private Thresholds above(String rule, String parameter) {
        return Thresholds.redAbove(rules.parameter(rule, parameter), rule + " " + parameter);
    }

    private Thresholds below(String rule, String parameter) {
        return Thresholds.redBelow(rules.parameter(rule, parameter), rule + " " + parameter);
    }

    private static Variable region() {
        return Variable.labelValues("region", "Region", "spawn_instance_uptime_seconds", "region", true, "us-east-1");
    }

    Dashboard fleetOverview() {
        String instances = "spawn_instance_uptime_seconds{" + REGION + "}";
        String ec2Spot = "spawn_instance_spot{" + REGION + ",region!=\"local\"}";
        return Dashboard.builder("fleet-overview", "Spawn fleet overview")
                .description("How many spawn instances run where, which are idle or about to be terminated, and which alerts fire.")
                .variable(Variable.datasource())
                .variable(region())
                .row("Fleet now", r -> r
                        .stat("Running instances", "Instances reporting metrics.", 6, 4,
                                "short", above("HighFleetSize", "threshold"), instant("A", "count(" + instances + ") or vector(0)", ""))
                        .stat("Idle instances", "Instances spored reports idle.", 6, 4, "short", null,
                                instant("A", "sum(spawn_idle_state{" + REGION + "}) or vector(0)", ""))
                        .stat("Spot share of EC2", "Spot instances among EC2 instances (local ones are never spot).", 6, 4, "percentunit",
                                below("LowSpotAvailability", "threshold"),
                                instant("A", "sum(" + ec2Spot + ") / count(" + ec2Spot + ")", ""))
                        .stat("Firing spawn alerts", "Alerts of the spawn rules firing now.", 6, 4, "short",
                                Thresholds.redAbove(1, ""), instant("A", "count(" + FIRING + ") or vector(0)", "")))
                .row("Fleet size over time", r -> r
                        .timeSeries("Fleet size", "All instances.", 8, 8, "short",
                                above("HighFleetSize", "threshold"), range("A", "count(" + instances + ")", "instances"))
                        .timeSeries("Instances by region", "", 8, 8, "short", null,
                                range("A", "count by (region) (" + instances + ")", "{{region}}"))
                        .timeSeries("Instances by provider", "EC2 or local.", 8, 8, "short", null,
                                range("A", "count by (provider) (" + instances + ")", "{{provider}}")))
                .row("Lifecycle", r -> r
                        .timeSeries("Idle instances by region", "", 8, 8, "short", null,
                                range("A", "sum by (region) (spawn_idle_state{" + REGION + "})", "{{region}}"))
                        .table("TTL expiring within the hour", "Seconds to TTL termination.", 8, 8, "s", below("InstanceTTLExpiringSoon", "threshold"),
                                instant("A", "sort(spawn_ttl_remaining_seconds{" + REGION + "} > 0 < 3600)", ""))
                        .table("Idle timeout expiring within the hour", "Seconds to idle termination.", 8, 8, "s",
                                below("InstanceIdleTimeoutExpiringSoon", "threshold"),
                                instant("A", "sort(spawn_idle_timeout_remaining_seconds{" + REGION + "} > 0 < 3600)", "")))
                .row("Alerts", r -> r
                        .pieChart("Firing alerts by category", "lifecycle, cost, capacity, performance (and custom).", 8, 8,
                                "short", instant("A", "count by (category) (" + FIRING + ")", "{{category}}"))
                        .table("Firing alerts", "Every spawn alert firing now with its labels.", 16, 8, "none", null,
                                instant("A", FIRING, "")))
                .build();
    }

    Dashboard costTracking() {
        String hourly = "spawn_cost_per_hour_dollars{" + REGION + "}";
        String accrued = "spawn_estimated_cost_dollars{" + REGION + "}";
        double budget = rules.parameter("DailyCostBudgetExceeded", "budget");
        long horizon = Math.round(rules.parameter("CostForecastExceeded", "horizon"));
        return Dashboard.builder("cost-tracking", "Spawn cost tracking")
                .description("What the fleet costs per hour and has cost so far, by region and instance type, against the budget.")
                .variable(Variable.datasource())
                .variable(region())
                .row("Spend now", r -> r
                        .stat("Fleet cost per hour", "The hourly price of every running instance, summed.", 6, 4,
                                "currencyUSD", null, instant("A", "sum(" + hourly + ") or vector(0)", ""))
                        .stat("Cost accrued", "Cost so far of the running instances.",
                                6, 4, "currencyUSD", above("DailyCostBudgetExceeded", "budget"),
                                instant("A", "sum(" + accrued + ") or vector(0)", ""))
                        .gauge("Budget used", "Cost accrued so far, on a dial up to the daily budget.", 6, 4,
                                "currencyUSD", above("DailyCostBudgetExceeded", "budget"), 0, budget,
                                instant("A", "sum(" + accrued + ") or vector(0)", ""))
                        .stat("Cost forecast", "Linear forecast of the running instances' cost over the CostForecastExceeded horizon.", 6, 4, "currencyUSD", above("CostForecastExceeded", "budget"),
                                instant("A", "sum(predict_linear(" + accrued + "[1h], " + horizon + "))", "")))
                .row("Cost over time", r -> r
                        .timeSeries("Cost accrued against the budget", "Cost so far of the running instances.", 12, 8,
                                "currencyUSD", above("DailyCostBudgetExceeded", "budget"),
                                range("A", "sum(" + accrued + ")", "accrued"))
                        .timeSeries("Cost per hour by region", "", 12, 8, "currencyUSD", null,
                                range("A", "sum by (region) (" + hourly + ")", "{{region}}"))
                        .timeSeries("Cost per hour by instance type", "", 12, 8, "currencyUSD", null,
                                range("A", "sum by (instance_type) (" + hourly + ")", "{{instance_type}}"))
                        .timeSeries("Cost accrued by region", "Cost so far of each region's running instances.", 12, 8,
                                "currencyUSD", above("HighRegionalCost", "threshold"),
                                range("A", "sum by (region) (" + accrued + ")", "{{region}}")))
                .row("Where the money goes", r -> r
                        .pieChart("Cost per hour by instance type", "", 8, 8, "currencyUSD",
                                instant("A", "sum by (instance_type) (" + hourly + ")", "{{instance_type}}"))
                        .table("Most expensive instances", "The ten highest hourly prices.", 16, 8, "currencyUSD", above("HighCostInstance", "threshold"),
                                instant("A", "topk(10, " + hourly + ")", ""))
                        .table("Idle instances that cost money", "Hourly price of the instances spored reports idle.", 24, 8, "currencyUSD", above("IdleHighCostInstance", "threshold"),
                                instant("A", hourly + " and on (instance_id) spawn_idle_state{" + REGION + "} == 1", "")))
                .build();
    }

    Dashboard hybridCompute() {
        String ec2 = "spawn_instance_uptime_seconds{" + REGION + ",provider=\"ec2\"}";
        String local = "spawn_instance_uptime_seconds{" + REGION + ",provider=\"local\"}";
        String instances = "spawn_instance_uptime_seconds{" + REGION + "}";
        String spot = "spawn_instance_spot{" + REGION + ",region!=\"local\"}";
        return Dashboard.builder("hybrid-compute", "Spawn hybrid compute: EC2 and local")
                .description("EC2 instances beside local ones: how many, what they cost and how busy they are.")
                .variable(Variable.datasource())
                .variable(region())
                .row("EC2 and local now", r -> r
                        .stat("EC2 instances", "", 6, 4, "short", null, instant("A", "count(" + ec2 + ") or vector(0)", ""))
                        .stat("Local instances", "", 6, 4, "short", null, instant("A", "count(" + local + ") or vector(0)", ""))
                        .stat("EC2 per local instance", "EC2 instances for each local one.", 6, 4, "none",
                                above("ProviderImbalance", "threshold"), instant("A", "count(" + ec2 + ") / count(" + local + ")", ""))
                        .pieChart("Instances by provider", "", 6, 4, "short",
                                instant("A", "count by (provider) (" + instances + ")", "{{provider}}")))
                .row("Over time", r -> r
                        .timeSeries("Instances by provider", "", 12, 8, "short", null,
                                range("A", "count by (provider) (" + instances + ")", "{{provider}}"))
                        .timeSeries("Cost per hour by provider", "", 12, 8, "currencyUSD", null,
                                range("A", "sum by (provider) (spawn_cost_per_hour_dollars{" + REGION + "})", "{{provider}}"))
                        .timeSeries("Average CPU by provider", "", 12, 8, "percent",
                                above("FleetAverageCPUHigh", "threshold"),
                                range("A", "avg by (provider) (spawn_cpu_usage_percent{" + REGION + "})", "{{provider}}"))
                        .timeSeries("Memory use by provider", "", 12, 8, "percent", null,
                                range("A", "100 * sum by (provider) (spawn_memory_used_bytes{" + REGION + "})"
                                        + " / sum by (provider) (spawn_memory_total_bytes{" + REGION + "})", "{{provider}}")))
                .row("Placement", r -> r
                        .table("Instances by region and provider", "", 12, 8, "short", null,
                                instant("A", "count by (region, provider) (" + instances + ")", ""))
                        .table("Spot share by region", "EC2 regions only.", 12, 8,
                                "percentunit", below("LowSpotAvailability", "threshold"),
                                instant("A", "sum by (region) (" + spot + ") / count by (region) (" + spot + ")", "")))
                .build();
    }

    Dashboard instanceOverview() {
        String network = "rate(spawn_network_bytes_total{" + INSTANCE + "}[$__rate_interval])";
        String disk = "rate(spawn_disk_io_bytes_total{" + INSTANCE + "}[$__rate_interval])";
        String memory = "100 * spawn_memory_used_bytes{" + INSTANCE + "} / spawn_memory_total_bytes{" + INSTANCE + "}";
        return Dashboard.builder("instance-overview", "Spawn instance overview")
                .description("One instance: lifetime, cost, CPU, memory, GPUs, network, disk and sessions.")
                .variable(Variable.datasource())
                .variable(region())
                .variable(Variable.labelValues("instance_id", "Instance",
                        "spawn_instance_uptime_seconds{" + REGION + "}", "instance_id", false, "i-0123456789abcdef0"))
                .row("Instance", r -> r
                        .stat("Uptime", "", 4, 4, "dtdurations", null, instant("A", "spawn_instance_uptime_seconds{" + INSTANCE + "}", ""))
                        .stat("Cost per hour", "", 4, 4, "currencyUSD",
                                above("HighCostInstance", "threshold"), instant("A", "spawn_cost_per_hour_dollars{" + INSTANCE + "}", ""))
                        .stat("Cost accrued", "", 4, 4, "currencyUSD", null,
                                instant("A", "spawn_estimated_cost_dollars{" + INSTANCE + "}", ""))
                        .stat("Idle for", "Time since the last activity while idle; 0 while active.", 4, 4, "dtdurations",
                                above("InstanceHighIdleTime", "threshold"),
                                instant("A", "spawn_idle_duration_seconds{" + INSTANCE + "} * spawn_idle_state{" + INSTANCE + "}", ""))
                        .stat("TTL left", "Empty when no TTL is set.", 4, 4,
                                "dtdurations", below("InstanceTTLExpiringSoon", "threshold"),
                                instant("A", "spawn_ttl_remaining_seconds{" + INSTANCE + "} > 0", ""))
                        .stat("Idle timeout left", "Empty when the idle timeout is off.",
                                4, 4, "dtdurations", below("InstanceIdleTimeoutExpiringSoon", "threshold"),
                                instant("A", "spawn_idle_timeout_remaining_seconds{" + INSTANCE + "} > 0", "")))
                .row("CPU and memory", r -> r
                        .gauge("CPU", "", 4, 8, "percent", above("HighCPUUsage", "threshold"),
                                0, 100, instant("A", "spawn_cpu_usage_percent{" + INSTANCE + "}", ""))
                        .timeSeries("CPU use", "", 8, 8, "percent",
                                above("HighCPUUsage", "threshold"), range("A", "spawn_cpu_usage_percent{" + INSTANCE + "}", "cpu"))
                        .gauge("Memory", "Memory in use of memory installed.", 4, 8, "percent",
                                above("HighMemoryUsage", "threshold"), 0, 100, instant("A", memory, ""))
                        .timeSeries("Memory", "", 8, 8, "bytes", null,
                                range("A", "spawn_memory_used_bytes{" + INSTANCE + "}", "used"),
                                range("B", "spawn_memory_total_bytes{" + INSTANCE + "}", "total")))
                .row("GPU", r -> r
                        .timeSeries("GPU utilization", "Per GPU.", 6, 8, "percent",
                                above("GPUHighUtilization", "threshold"),
                                range("A", "spawn_gpu_utilization_percent{" + INSTANCE + "}", "GPU {{gpu_index}}"))
                        .timeSeries("GPU temperature", "Per GPU.", 6, 8, "celsius",
                                above("GPUHighTemperature", "threshold"),
                                range("A", "spawn_gpu_temperature_celsius{" + INSTANCE + "}", "GPU {{gpu_index}}"))
                        .timeSeries("GPU memory used", "", 6, 8, "bytes", null,
                                range("A", "spawn_gpu_memory_used_bytes{" + INSTANCE + "}", "GPU {{gpu_index}}"))
                        .timeSeries("GPU power", "", 6, 8, "watt", null,
                                range("A", "spawn_gpu_power_watts{" + INSTANCE + "}", "GPU {{gpu_index}}")))
                .row("Network and disk", r -> r
                        .timeSeries("Network", "Bytes per second, all interfaces and each direction.",
                                12, 8, "Bps", above("HighNetworkThroughput", "threshold"),
                                range("A", "sum(" + network + ")", "total"),
                                range("B", "sum by (direction) (" + network + ")", "{{direction}}"))
                        .timeSeries("Disk I/O", "Bytes per second, all devices and each operation.", 12, 8, "Bps",
                                above("HighDiskIO", "threshold"),
                                range("A", "sum(" + disk + ")", "total"),
                                range("B", "sum by (operation) (" + disk + ")", "{{operation}}")))
                .row("Activity", r -> r
                        .timeSeries("Sessions", "", 12, 8, "short", null,
                                range("A", "spawn_active_terminals{" + INSTANCE + "}", "terminals"),
                                range("B", "spawn_logged_in_users{" + INSTANCE + "}", "users"))
                        .timeSeries("Idle", "1 while spored reports the instance idle.", 12, 8, "none", null,
                                range("A", "spawn_idle_state{" + INSTANCE + "}", "idle")))
                .build();
    }
}
