package dev.spawn.monitoring.grafana;

import static dev.spawn.monitoring.grafana.Dashboard.instant;
import static dev.spawn.monitoring.grafana.Dashboard.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.rules.MetricCatalog;
import dev.spawn.monitoring.rules.RuleSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each class of mistake a dashboard can hold is found, named at dashboard, panel and query, all at once. */
class DashboardCheckTest {

    private static final MetricCatalog CATALOG = RuleSet.defaults().catalog().metrics();

    private static Dashboard one(String expr) {
        return Dashboard.builder("custom", "Custom").variable(Variable.datasource())
                .variable(Variable.labelValues("region", "Region", "spawn_instance_uptime_seconds", "region", true, "us-east-1"))
                .row("Row", r -> r.timeSeries("Panel", "", 12, 8, "short", null, range("A", expr, "")))
                .build();
    }

    private static List<String> problems(Dashboard dashboard) {
        return DashboardCheck.check(List.of(dashboard), CATALOG).stream().map(Problem::toString).toList();
    }

    @Test
    void acceptsQueriesOverCataloguedMetricsAndLabels() {
        assertThat(problems(one("sum by (region, instance_type) (spawn_cost_per_hour_dollars{region=~\"$region\"})"))).isEmpty();
        assertThat(problems(one("sum without (interface, direction) (rate(spawn_network_bytes_total[$__rate_interval]))"))).isEmpty();
        assertThat(problems(one("count(ALERTS{alertstate=\"firing\", category=\"cost\"}) by (severity)"))).isEmpty();
        assertThat(problems(one("spawn_cost_per_hour_dollars and on (instance_id) group_left (gpu_index) spawn_gpu_power_watts"))).isEmpty();
        assertThat(problems(one("sum by (team) (label_replace(spawn_cpu_usage_percent, \"team\", \"$1\", \"instance_name\", \"(.*)-.*\"))")))
                .isEmpty();
    }

    @Test
    void rejectsAnUnknownMetricWithItsPlaceAndASuggestion() {
        assertThat(problems(one("sum(spawn_cost_per_hour_dolars)"))).containsExactly(
                "dashboard custom, panel 2 'Panel', query A: unknown metric 'spawn_cost_per_hour_dolars';"
                        + " did you mean 'spawn_cost_per_hour_dollars'? in: sum(spawn_cost_per_hour_dolars)");
        assertThat(problems(one("{__name__=\"spawn_nope\"}"))).singleElement().asString().contains("unknown metric 'spawn_nope'");
        // one mistake, one problem: the misspelt metric's matchers and grouping are not reported besides it
        assertThat(problems(one("sum by (region) (spawn_cost_per_hour_dolars{region=\"us-east-1\"})"))).singleElement().asString()
                .contains("unknown metric 'spawn_cost_per_hour_dolars'");
    }

    @Test
    void rejectsAMatcherOnALabelTheMetricDoesNotHave() {
        // gpu_index is a label of the GPU metrics, not of CPU use
        assertThat(problems(one("spawn_cpu_usage_percent{gpu_index=\"0\"}"))).singleElement().asString()
                .contains("query A: label 'gpu_index' does not exist on spawn_cpu_usage_percent");
        assertThat(problems(one("spawn_cpu_usage_percent{regoin=\"us-east-1\"}"))).singleElement().asString()
                .contains("label 'regoin' does not exist on spawn_cpu_usage_percent; did you mean 'region'?");
    }

    @Test
    void rejectsGroupingOnALabelNoAggregatedMetricHas() {
        assertThat(problems(one("sum by (direction) (spawn_cost_per_hour_dollars)"))).singleElement().asString()
                .contains("by (direction): no metric it aggregates (spawn_cost_per_hour_dollars) has label 'direction'");
        assertThat(problems(one("sum(spawn_cost_per_hour_dollars) without (instance_typ)"))).singleElement().asString()
                .contains("without (instance_typ)").contains("did you mean 'instance_type'?");
        assertThat(problems(one("spawn_cost_per_hour_dollars * on (gpu_indx) spawn_cpu_usage_percent"))).singleElement().asString()
                .contains("on (gpu_indx): no metric of the query");
    }

    @Test
    void rejectsRateOverAGauge() {
        assertThat(problems(one("rate(spawn_cpu_usage_percent[5m])"))).singleElement().asString()
                .contains("rate() over 'spawn_cpu_usage_percent', which is not a counter");
    }

    @Test
    void rejectsAVariableTheDashboardDoesNotDefine() {
        assertThat(problems(one("spawn_cpu_usage_percent{instance_id=\"$instance_id\"}"))).singleElement().asString()
                .contains("query A: variable $instance_id is not defined");
        assertThat(problems(one("rate(spawn_network_bytes_total[$__rate_intervl])"))).singleElement().asString()
                .contains("variable $__rate_intervl is not defined; did you mean '__rate_interval'?");
    }

    @Test
    void checksTheVariablesOwnQueries() {
        Dashboard dashboard = Dashboard.builder("custom", "Custom").variable(Variable.datasource())
                .variable(Variable.labelValues("gpu", "GPU", "spawn_cpu_usage_percent", "gpu_index", false, "0"))
                .row("Row", r -> r.stat("Panel", "", 6, 4, "short", null, instant("A", "spawn_gpu_power_watts{gpu_index=\"$gpu\"}", "")))
                .build();
        assertThat(problems(dashboard)).singleElement().asString().startsWith("dashboard custom, variable gpu: by (gpu_index)");
    }

    @Test
    void rejectsAnUnknownUnit() {
        Dashboard dashboard = Dashboard.builder("custom", "Custom").variable(Variable.datasource())
                .row("Row", r -> r.stat("Panel", "", 6, 4, "dollars", null, instant("A", "spawn_cost_per_hour_dollars", "")))
                .build();
        assertThat(problems(dashboard)).singleElement().asString()
                .isEqualTo("dashboard custom, panel 2 'Panel': unit 'dollars' is not a Grafana unit; expected one of "
                        + String.join(", ", Units.known().keySet()));
    }

    @Test
    void rejectsDuplicatePanelIdsPanelsBeyondTheGridAndOverlaps() {
        Target query = instant("A", "spawn_cost_per_hour_dollars", "");
        Dashboard dashboard = new Dashboard("custom", "Custom", "", List.of(), List.of(Variable.datasource()), List.of(
                new Row(1, "Row", 0, List.of(
                        new Panel.Stat(2, "Wide", "", new GridPos(20, 1, 6, 4), List.of(query), "short", null),
                        new Panel.Stat(2, "Twin", "", new GridPos(0, 1, 6, 4), List.of(query), "short", null),
                        new Panel.Stat(3, "Over", "", new GridPos(4, 3, 6, 4), List.of(query), "short", null)))));
        assertThat(problems(dashboard)).containsExactly(
                "dashboard custom, panel 2 'Wide': gridPos x=20 y=1 w=6 h=4 ends at column 26; expected x + w of at most 24",
                "dashboard custom, panel 2 'Twin': panel id 2 is already taken by dashboard custom, panel 2 'Wide'; expected unique ids",
                "dashboard custom, panel 3 'Over': gridPos x=4 y=3 w=6 h=4 overlaps dashboard custom, panel 2 'Twin' at x=0 y=1 w=6 h=4");
    }

    @Test
    void rejectsADashboardWithoutTheDatasourceVariable() {
        Dashboard dashboard = Dashboard.builder("custom", "Custom")
                .row("Row", r -> r.stat("Panel", "", 6, 4, "short", null, instant("A", "spawn_cost_per_hour_dollars", "")))
                .build();
        assertThat(problems(dashboard)).singleElement().asString().contains("no datasource variable");
    }

    @Test
    void buildFailsWithEveryProblemOfAUsersDashboardAtOnce() {
        Dashboard broken = Dashboard.builder("team-costs", "Team costs").variable(Variable.datasource())
                .row("Costs", r -> r
                        .stat("Hourly", "", 6, 4, "currencyUSD", null, instant("A", "sum(spawn_cost_per_hour_dollar)", ""))
                        .timeSeries("By team", "", 18, 8, "currencyUSD", null,
                                range("A", "sum by (team) (spawn_cost_per_hour_dollars)", "{{team}}")))
                .build();
        assertThatThrownBy(() -> SpawnMonitoring.defaults().dashboard(broken).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).map(Problem::toString)
                        .containsExactly(
                                "dashboard team-costs, panel 2 'Hourly', query A: unknown metric 'spawn_cost_per_hour_dollar';"
                                        + " did you mean 'spawn_cost_per_hour_dollars'? in: sum(spawn_cost_per_hour_dollar)",
                                "dashboard team-costs, panel 3 'By team', query A: by (team): no metric it aggregates"
                                        + " (spawn_cost_per_hour_dollars) has label 'team'; expected one of " + labels()
                                        + " in: sum by (team) (spawn_cost_per_hour_dollars)"));
    }

    @Test
    void alertsCarryTheLabelsTheRulesSet() {
        Dashboard byTeam = Dashboard.builder("teams", "Teams").variable(Variable.datasource())
                .row("Row", r -> r.pieChart("Alerts by team", "", 8, 8, "short",
                        instant("A", "count by (team) (ALERTS{alertstate=\"firing\"})", "{{team}}")))
                .build();
        assertThatThrownBy(() -> SpawnMonitoring.defaults().dashboard(byTeam).build())
                .hasMessageContaining("by (team): no metric it aggregates (ALERTS) has label 'team'");
        // a rule that sets the label makes it known on ALERTS
        assertThat(SpawnMonitoring.defaults().rule("HighCostInstance", r -> r.label("team", "ml")).dashboard(byTeam).build()
                .dashboardCount()).isEqualTo(5);
    }

    @Test
    void aSecondDashboardOfTheSameNameIsRejected() {
        Dashboard mine = Dashboard.builder("fleet-overview", "Mine").variable(Variable.datasource()).build();
        assertThatThrownBy(() -> SpawnMonitoring.defaults().dashboard(mine).build())
                .hasMessageContaining("dashboard fleet-overview: a second dashboard named 'fleet-overview'");
    }

    private static String labels() {
        return String.join(", ", new java.util.TreeSet<>(List.of("instance_id", "instance", "job", "region", "instance_type", "spot",
                "instance_name", "job_array_id", "job_array_name", "provider")));
    }
}
