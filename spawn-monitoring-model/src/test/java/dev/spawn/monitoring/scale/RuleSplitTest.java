package dev.spawn.monitoring.scale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.model.ScaleOut.Tier;
import dev.spawn.monitoring.model.rules.AlertingRule;
import dev.spawn.monitoring.model.rules.RuleFile;
import dev.spawn.monitoring.model.rules.RuleGroup;
import dev.spawn.monitoring.promql.LabelFlow;
import dev.spawn.monitoring.rules.RuleCatalog;
import dev.spawn.monitoring.rules.RuleSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleSplitTest {

    private static final LabelFlow.Metrics CATALOG = RuleCatalog.defaults().metrics().labelFlow();

    private static RuleSplit.Decision decide(String expr) {
        return RuleSplit.decide("alerts/x.yaml", AlertingRule.builder("X", expr).build(), CATALOG);
    }

    @Test
    void perTargetRulesStayOnTheShards() {
        assertThat(decide("spawn_cost_per_hour_dollars > 5").tier()).isEqualTo(Tier.SHARD);
        assertThat(decide("spawn_cost_per_hour_dollars > 5").why()).isEqualTo("output keeps instance");
        assertThat(decide("spawn_idle_duration_seconds > 60 and spawn_idle_state == 1").tier()).isEqualTo(Tier.SHARD);
        assertThat(decide("sum by (instance_id) (rate(spawn_network_bytes_total[5m])) > 1e6").tier()).isEqualTo(Tier.SHARD);
        assertThat(decide("sum without (interface, direction) (rate(spawn_network_bytes_total[5m])) > 1e6").tier())
                .isEqualTo(Tier.SHARD);
        // a metric nobody described still carries its target's labels
        assertThat(decide("node_load1 > 4").tier()).isEqualTo(Tier.SHARD);
    }

    @Test
    void aggregationsAcrossTargetsGoGlobal() {
        assertThat(decide("count(spawn_instance_uptime_seconds) > 4"))
                .extracting(RuleSplit.Decision::tier, RuleSplit.Decision::why).containsExactly(Tier.GLOBAL, "count across targets");
        assertThat(decide("sum by (region) (spawn_estimated_cost_dollars) > 100").why()).isEqualTo("sum across targets by [region]");
        assertThat(decide("sum without (instance, instance_id) (spawn_estimated_cost_dollars) > 100").tier())
                .isEqualTo(Tier.GLOBAL);
        // the output names an instance, but it is compared with the fleet's average: only the global tier has that
        assertThat(decide("spawn_cost_per_hour_dollars > on() group_left() 2 * avg(spawn_cost_per_hour_dollars)").why())
                .isEqualTo("avg across targets");
        // topk keeps the labels, and still picks across targets
        assertThat(decide("topk(3, spawn_cost_per_hour_dollars)").tier()).isEqualTo(Tier.GLOBAL);
        // a shard that does not scrape i-1 would call it absent
        assertThat(decide("absent(spawn_instance_uptime_seconds{instance_id=\"i-1\"})").why())
                .isEqualTo("absent() asks about series no shard may have");
        assertThat(decide("vector(1)").why()).isEqualTo("output has no per-target label");
    }

    @Test
    void anOverrideWins() {
        RuleFile file = new RuleFile("alerts/x.yaml", List.of(new RuleGroup("g", null, List.of(
                AlertingRule.builder("PerInstance", "spawn_cost_per_hour_dollars > 5").build(),
                AlertingRule.builder("Fleet", "count(spawn_instance_uptime_seconds) > 4").build()))));
        RuleSplit split = RuleSplit.of(List.of(file), CATALOG, Map.of("PerInstance", Tier.GLOBAL));
        assertThat(split.rules(Tier.GLOBAL)).containsExactly("PerInstance", "Fleet");
        assertThat(split.decisions().get(0).why()).isEqualTo("set by rules.PerInstance.tier");
    }

    /** The split of the 26 default rules (README, "Scale-out"): the fleet-wide four and every other aggregation go global. */
    @Test
    void theDefaultsSplit() {
        RuleSplit split = RuleSplit.of(RuleSet.defaults().ruleFiles(), CATALOG, Map.of());
        assertThat(split.rules(Tier.GLOBAL)).containsExactly("DailyCostBudgetExceeded", "CostTrendingUp", "HighRegionalCost",
                "CostForecastExceeded", "HighFleetSize", "LowSpotAvailability", "RegionalCapacityImbalance",
                "JobArraySizeAnomaly", "FleetGrowthAnomaly", "ProviderImbalance", "FleetAverageCPUHigh",
                "RegionalPerformanceDegradation");
        assertThat(split.rules(Tier.SHARD)).containsExactly("InstanceHighIdleTime", "InstanceTTLExpiringSoon",
                "InstanceIdleTimeoutExpiringSoon", "SpotInstanceInterruptionWarning", "InstanceNoActivity",
                "InstanceRecentlyStarted", "HighCostInstance", "IdleHighCostInstance", "HighCPUUsage", "HighMemoryUsage",
                "GPUHighUtilization", "GPUHighTemperature", "HighNetworkThroughput", "HighDiskIO");
    }
}
