package dev.spawn.monitoring.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.rules.RuleSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/dashboards.md is generated from the dashboard model; this test fails when the checked-in copy is
 * stale and rewrites it when run with {@code -Dgolden.update=true}.
 */
class DashboardsDocTest {

    private static final Path DOC = Path.of("..", "docs", "dashboards.md");

    @Test
    void checkedInDashboardReferenceMatchesTheModel() throws IOException {
        String rendered = DashboardDocs.render(SpawnDashboards.of(RuleSet.defaults()));
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(DOC, rendered, StandardCharsets.UTF_8);
        }
        assertThat(DOC).as("docs/dashboards.md is missing; run the model tests with -Dgolden.update=true").exists();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/dashboards.md is stale; run the model tests with -Dgolden.update=true and commit the diff")
                .isEqualTo(rendered);
    }

    @Test
    void documentsEveryDashboardPanelAndRedLine() {
        String doc = DashboardDocs.render(SpawnDashboards.of(RuleSet.defaults()));
        assertThat(doc).contains("4 Grafana dashboards (51 panels, 55 queries)",
                "## Spawn cost tracking", "`grafana/dashboards/cost-tracking.json`, uid `spawn-cost-tracking`: 11 panels in 3 rows.",
                "- **Most expensive instances** (table, currencyUSD): The ten highest hourly prices."
                        + " Red from 5 (HighCostInstance threshold).",
                "- **CPU** (gauge, percent): Red from 95 (HighCPUUsage threshold).",
                "  - `topk(10, spawn_cost_per_hour_dollars{region=~\"$region\"})`",
                "Red below 0.2 (LowSpotAvailability threshold).")
                .doesNotContain("&quot;", "&lt;", "[[");
        SpawnDashboards.of(RuleSet.defaults()).forEach(d -> d.panels().forEach(p -> assertThat(doc).contains("- **" + p.title() + "**")));
    }

    @Test
    void anOverrideShowsInTheRenderedReference() {
        String doc = DashboardDocs.render(SpawnDashboards.of(RuleSet.defaults().rule("HighCostInstance", r -> r.threshold(8))));
        assertThat(doc).contains("Red from 8 (HighCostInstance threshold).");
    }
}
