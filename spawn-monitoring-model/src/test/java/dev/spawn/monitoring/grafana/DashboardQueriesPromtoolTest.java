package dev.spawn.monitoring.grafana;

import static dev.spawn.monitoring.grafana.Dashboard.instant;
import static dev.spawn.monitoring.grafana.Dashboard.range;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.testing.RealTools;
import java.util.List;
import org.junit.jupiter.api.Test;

/** promtool parses the queries; what it rejects comes back at the dashboard, panel and query, every one in one run. */
class DashboardQueriesPromtoolTest {

    @Test
    void syntaxErrorsAreTracedToTheirQueries() {
        RealTools.require(Tool.PROMTOOL);
        Dashboard dashboard = Dashboard.builder("custom", "Custom").variable(Variable.datasource())
                .variable(Variable.labelValues("region", "Region", "spawn_instance_uptime_seconds", "region", true, "us-east-1"))
                .row("Row", r -> r
                        .stat("Fine", "", 6, 4, "short", null, instant("A", "count(spawn_instance_uptime_seconds{region=~\"$region\"})", ""))
                        .timeSeries("Unclosed", "", 18, 8, "short", null,
                                range("A", "spawn_idle_state", ""),
                                range("B", "sum(rate(spawn_network_bytes_total[$__rate_interval])", "")))
                .row("More", r -> r.table("Bad matcher", "", 24, 8, "short", null, instant("A", "spawn_idle_state{region=}", "")))
                .build();
        DashboardQueries queries = DashboardQueries.of(List.of(dashboard));
        BundleCheck.Outcome outcome = BundleCheck.dashboardQueries(queries, BundleCheck.MissingTool.FAIL);

        assertThat(outcome.failed()).isTrue();
        assertThat(outcome.name()).isEqualTo("promtool check rules (4 dashboard queries)");
        assertThat(outcome.problems()).map(Problem::toString).containsExactly(
                "dashboard custom, panel 3 'Unclosed', query B: promtool: could not parse expression: 1:40: parse error:"
                        + " unclosed left parenthesis in: sum(rate(spawn_network_bytes_total[$__rate_interval])"
                        + " (parsed as: sum(rate(spawn_network_bytes_total[4m]))",
                "dashboard custom, panel 5 'Bad matcher', query A: promtool: could not parse expression: 1:25: parse error:"
                        + " unexpected \"}\" in label matching, expected string in: spawn_idle_state{region=}");
    }

    @Test
    void everyPanelQueryOfTheSpawnDashboardsIsPlacedAtItsPanel() {
        DashboardQueries queries = DashboardQueries.of(SpawnDashboards.of(dev.spawn.monitoring.rules.RuleSet.defaults()));
        assertThat(queries.queries()).extracting(DashboardQueries.Query::location)
                .hasSize(55).doesNotHaveDuplicates()
                .contains("dashboard cost-tracking, panel 13 'Most expensive instances', query A",
                        "dashboard instance-overview, panel 19 'Network', query B");
    }
}
