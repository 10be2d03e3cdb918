package dev.spawn.monitoring.promql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.rules.RuleCatalog;
import dev.spawn.monitoring.rules.RuleDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LabelFlowTest {

    /** The default metric catalog: each metric's own labels, job and instance always, the discovery labels maybe. */
    static LabelFlow.Metrics catalog() {
        return RuleCatalog.defaults().metrics().labelFlow();
    }

    private static Labels labels(String expr) {
        return LabelFlow.of(PromQL.parse(expr), catalog());
    }

    @Test
    void selectorsCarryTheirMetricsLabelsAndTheTargetLabels() {
        Labels l = labels("spawn_network_bytes_total");
        assertThat(l.certain()).containsExactly("__name__", "direction", "instance", "instance_id", "interface", "job");
        assertThat(l.possibly("region")).isTrue();
        assertThat(l.certainly("region")).isFalse();
        assertThat(l.possibly("gpu_index")).isFalse();
        assertThat(l.others()).isFalse();
    }

    @Test
    void matchersTellWhatIsThereAndWhatIsNot() {
        assertThat(labels("spawn_cost_per_hour_dollars{region=~\"us-.*\"}").certainly("region")).isTrue();
        assertThat(labels("spawn_cost_per_hour_dollars{spot=\"\"}").possibly("spot")).isFalse();
        Labels unknown = labels("node_load1{team=\"ml\"}");
        assertThat(unknown.others()).isTrue();
        assertThat(unknown.certain()).containsExactly("__name__", "team");
    }

    @Test
    void aggregationsKeepByLabelsAndDropWithoutLabels() {
        assertThat(labels("sum(spawn_cost_per_hour_dollars)")).isEqualTo(Labels.NONE);
        Labels byRegion = labels("sum by (region, instance_id) (spawn_cost_per_hour_dollars)");
        assertThat(byRegion.certain()).containsExactly("instance_id");
        assertThat(byRegion.possible()).containsExactly("instance_id", "region");
        Labels without = labels("sum without (interface) (rate(spawn_network_bytes_total[5m]))");
        assertThat(without.certain()).containsExactly("direction", "instance", "instance_id", "job");
        assertThat(labels("topk(3, spawn_idle_state)").certainly("__name__")).isTrue();
        assertThat(labels("count_values(\"state\", spawn_idle_state)").certain()).containsExactly("state");
    }

    @Test
    void arithmeticAndFunctionsDropTheMetricName() {
        assertThat(labels("rate(spawn_network_bytes_total[5m])").certainly("__name__")).isFalse();
        assertThat(labels("spawn_idle_state * 2").certainly("__name__")).isFalse();
        assertThat(labels("-spawn_idle_state").certainly("__name__")).isFalse();
        assertThat(labels("spawn_idle_state > 0").certainly("__name__")).isTrue();
        assertThat(labels("spawn_idle_state > bool 0").certainly("__name__")).isFalse();
        assertThat(labels("last_over_time(spawn_idle_state[5m])").certainly("__name__")).isTrue();
        assertThat(labels("sort(spawn_idle_state)").certainly("__name__")).isTrue();
        assertThat(labels("histogram_quantile(0.9, rate(x_bucket{le!=\"\"}[5m]))").possibly("le")).isTrue();
        assertThat(labels("histogram_quantile(0.9, rate(x_bucket{le!=\"\"}[5m]))").certainly("le")).isFalse();
        assertThat(labels("vector(1)")).isEqualTo(Labels.NONE);
    }

    @Test
    void vectorMatchingKeepsOnLabelsOrDropsIgnoredOnesAndAddsIncludes() {
        assertThat(labels("spawn_memory_used_bytes / on(instance_id) spawn_memory_total_bytes").certain())
                .containsExactly("instance_id");
        assertThat(labels("spawn_memory_used_bytes / ignoring(job) spawn_memory_total_bytes").certain())
                .containsExactly("instance", "instance_id");
        Labels grouped = labels("spawn_gpu_power_watts * on(instance_id) group_left(gpu_index) spawn_cost_per_hour_dollars");
        assertThat(grouped.possibly("gpu_index")).isFalse();
        Labels joined = labels("spawn_cost_per_hour_dollars * on(instance_id) group_left(gpu_index) spawn_gpu_power_watts");
        assertThat(joined.certainly("gpu_index")).isTrue();
        Labels right = labels("spawn_cost_per_hour_dollars * on(instance_id) group_right(interface) spawn_network_bytes_total");
        assertThat(right.certain()).contains("direction").doesNotContain("__name__");
        assertThat(right.possibly("interface")).isFalse();
    }

    @Test
    void setOperatorsFilterOrUnite() {
        assertThat(labels("spawn_cost_per_hour_dollars and spawn_idle_state == 1").certainly("__name__")).isTrue();
        Labels either = labels("spawn_gpu_power_watts or spawn_network_bytes_total");
        assertThat(either.certain()).containsExactly("__name__", "instance", "instance_id", "job");
        assertThat(either.possible()).contains("gpu_index", "interface");
    }

    @Test
    void labelReplaceJoinAndAbsentSetTheirLabels() {
        assertThat(labels("label_replace(spawn_idle_state, \"host\", \"$1\", \"instance\", \"(.*):.*\")"))
                .satisfies(l -> {
                    assertThat(l.possibly("host")).isTrue();
                    assertThat(l.certainly("host")).isFalse();
                });
        assertThat(labels("label_replace(spawn_idle_state, \"team\", \"ml\", \"\", \".*\")").certainly("team")).isTrue();
        assertThat(labels("label_join(spawn_idle_state, \"id\", \"/\", \"job\", \"instance_id\")").certainly("id")).isTrue();
        assertThat(labels("label_join(spawn_idle_state, \"id\", \"/\")").possibly("id")).isFalse();
        Labels absent = labels("absent(spawn_idle_state{instance_id=\"i-1\", region=~\"us.*\", job=\"a\", job=\"b\"})");
        assertThat(absent.certain()).containsExactly("instance_id");
        assertThat(absent.possible()).containsExactly("instance_id");
    }

    /** The lint's template/label check in small: what the default alerts' annotations read, their output can carry. */
    @Test
    void defaultAlertsReadOnlyLabelsTheirOutputCanCarry() {
        Pattern label = Pattern.compile("\\$labels\\.([a-zA-Z_][a-zA-Z0-9_]*)");
        List<String> missing = new ArrayList<>();
        for (RuleDefinition rule : RuleCatalog.defaults().rules()) {
            Labels output = LabelFlow.of(PromQL.parse(RuleCatalog.defaultExpr(rule)), catalog()).plus(rule.labels().keySet());
            assertThat(output.others()).as(rule.name()).isFalse();
            for (String text : rule.annotations().values()) {
                Matcher m = label.matcher(text);
                while (m.find()) {
                    if (!output.possibly(m.group(1))) {
                        missing.add(rule.name() + " reads $labels." + m.group(1) + "; its output has " + output);
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }
}
