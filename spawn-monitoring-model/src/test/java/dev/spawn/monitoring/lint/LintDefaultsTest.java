package dev.spawn.monitoring.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.rules.Parameter;
import dev.spawn.monitoring.rules.RuleCatalog;
import dev.spawn.monitoring.rules.RuleDefinition;
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

    /** Every legal override lints clean too: a bound the lint calls never-firing would be a rule proven on impossible data. */
    @Test
    void everyParameterAtItsBoundsLintsClean() {
        for (RuleDefinition rule : RuleCatalog.defaults().rules()) {
            for (Parameter p : rule.parameters()) {
                for (String bound : new String[] {p.minimum(), p.maximum()}) {
                    if (bound == null || bound.isEmpty()) {
                        continue;
                    }
                    SpawnMonitoring monitoring = SpawnMonitoring.defaults();
                    if (p.isDuration()) {
                        monitoring.rule(rule.name(), o -> o.parameter(p.name(), bound));
                    } else {
                        monitoring.rule(rule.name(), o -> o.parameter(p.name(), Double.parseDouble(bound)));
                    }
                    assertThat(monitoring.build().lint("").lines()).as(rule.name() + " with " + p.name() + " = " + bound)
                            .isEmpty();
                }
            }
        }
    }
}
