package dev.spawn.monitoring.scale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.ScaleOut;
import dev.spawn.monitoring.rules.MetricCatalog;
import dev.spawn.monitoring.rules.RuleCatalog;
import dev.spawn.monitoring.testing.Golden;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/scale-out.md is generated; this fails when the checked-in copy is stale and rewrites it with {@code -Dgolden.update=true}. */
class ScaleOutDocsTest {

    private static final Path DOC = Path.of("..", "docs", "scale-out.md");
    private static final MetricCatalog CATALOG = RuleCatalog.defaults().metrics();

    @Test
    void checkedInScaleOutDocMatchesTheCode() {
        Golden.assertFileMatches(DOC, ScaleOutDocs.render().getBytes(StandardCharsets.UTF_8));
    }

    /** The arithmetic, by hand: 16 catalogue metrics of one series, network and disk two each, GPUs none; 5 scrape series. */
    @Test
    void seriesPerInstanceAndThePlan() {
        assertThat(Capacity.cpuInstance().seriesPerInstance(CATALOG)).isEqualTo(25);
        assertThat(Capacity.gpuInstance(4).seriesPerInstance(CATALOG)).isEqualTo(45);
        assertThat(Capacity.cpuInstance().seriesPerInstance(CATALOG, ScaleOut.Engine.VICTORIAMETRICS)).isEqualTo(26);
        Capacity.Plan plan = Capacity.cpuInstance().plan(CATALOG, 100_000, Duration.ofSeconds(60), ScaleOut.Engine.PROMETHEUS);
        assertThat(plan.series()).isEqualTo(2_500_000);
        assertThat(plan.samplesPerSecond()).isEqualTo(2_500_000 / 60.0);
        assertThat(plan.shards()).isEqualTo(3);
        assertThat(Capacity.cpuInstance().plan(CATALOG, 1_000, Duration.ofSeconds(60), ScaleOut.Engine.PROMETHEUS).shards())
                .isEqualTo(1);
    }
}
