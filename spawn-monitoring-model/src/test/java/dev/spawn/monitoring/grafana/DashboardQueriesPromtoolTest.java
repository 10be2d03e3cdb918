package dev.spawn.monitoring.grafana;

import static dev.spawn.monitoring.grafana.Dashboard.instant;
import static dev.spawn.monitoring.grafana.Dashboard.range;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.testing.RealTools;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** promtool parses the queries; what it rejects comes back at the dashboard, panel and query, every one in one run. */
class DashboardQueriesPromtoolTest {

    @Test
    void syntaxErrorsAreTracedToTheirQueries(@TempDir Path dir) {
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
        BundleCheck.Outcome outcome = BundleCheck.dashboardQueries(queries, dir, BundleCheck.MissingTool.FAIL);

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
    void aUsersDashboardThatPromtoolRejectsFailsGenerationAndWritesNothing(@TempDir Path dir) throws java.io.IOException {
        RealTools.require(Tool.PROMTOOL);
        RealTools.require(Tool.AMTOOL);
        Dashboard broken = Dashboard.builder("team", "Team").variable(Variable.datasource())
                .row("Row", r -> r.stat("Busy", "", 6, 4, "percent", null,
                        instant("A", "avg(spawn_cpu_usage_percent) by (region", "")))
                .build();
        // the catalogue check passes (metric and label exist); promtool finds the missing parenthesis
        dev.spawn.monitoring.MonitoringBundle bundle = dev.spawn.monitoring.SpawnMonitoring.defaults().dashboard(broken).build();
        Path out = dir.resolve("out");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bundle.writeChecked(out, BundleCheck.MissingTool.FAIL))
                .isInstanceOfSatisfying(dev.spawn.monitoring.check.CheckFailedException.class, e -> assertThat(e.outcomes())
                        .filteredOn(BundleCheck.Outcome::failed).singleElement().satisfies(o -> {
                            assertThat(o.name()).isEqualTo("promtool check rules (56 dashboard queries)");
                            assertThat(o.problems()).map(Problem::toString).singleElement().asString()
                                    .startsWith("dashboard team, panel 2 'Busy', query A: promtool: could not parse expression:")
                                    .contains("in: avg(spawn_cpu_usage_percent) by (region");
                        }));
        // nothing written: the folder holds only the writer's lock file, and no scratch or staging directory is left
        assertThat(out).isDirectoryNotContaining(p -> !p.getFileName().toString().equals(dev.spawn.monitoring.io.OutputLock.FILE));
        try (var left = java.nio.file.Files.list(dir)) {
            assertThat(left).containsExactly(out);
        }
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
