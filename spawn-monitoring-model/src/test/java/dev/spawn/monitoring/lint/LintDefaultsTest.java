package dev.spawn.monitoring.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.SpawnMonitoring;
import org.junit.jupiter.api.Test;

/** The 26 default rules and the default routing lint clean: no finding at all. */
class LintDefaultsTest {

    @Test
    void defaultBundleHasNoFinding() {
        MonitoringBundle bundle = SpawnMonitoring.defaults().build();
        Lint.Report report = bundle.lint("monitoring/");
        assertThat(report.lines()).isEmpty();
        assertThat(report.summary()).isEqualTo("lint: 0 errors, 0 warnings");
    }
}
