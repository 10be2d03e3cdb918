package dev.spawn.monitoring.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.spec.SpecReader;
import dev.spawn.monitoring.testing.RealTools;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A changed {@code for} stays testable: the generated cases follow it, and a value they cannot prove is refused. */
class ForOverrideTest {

    @Test
    void theCasesOfARuleFollowItsFor() {
        RuleSet rules = RuleSet.defaults().rule("HighCostInstance", r -> r.forDuration(Duration.ofMinutes(30)));

        String cost = new String(rules.testFiles().get("tests/cost-alerts/HighCostInstance-test.yaml"), StandardCharsets.UTF_8);

        // fires exactly when for has passed; the input covers it
        assertThat(cost).contains("eval_time: 30m").contains("values: 5.05x35").doesNotContain("values: 5.05x10");
    }

    @Test
    void templatesTellTheTimingOfTheRule() {
        RuleTemplates timed = new RuleTemplates(List.of(new Parameter("window", "1h", "w")), Map.of("window", "20m"))
                .withTiming(Duration.parse("150s"), Duration.ofMinutes(1));

        assertThat(timed.render("[[for]] [[interval]] [[hold]]", "t")).isEqualTo("2m30s 1m 3m");
        assertThat(timed.render("[[#duration]]window + 1m + interval + hold[[/duration]]", "t")).isEqualTo("25m");
        assertThat(timed.render("[[#duration]]hold - interval[[/duration]]", "t")).isEqualTo("2m");
        assertThat(timed.render("1x[[#steps]]hold + 90s[[/steps]]", "t")).isEqualTo("1x5");
        assertThat(timed.render("[[#calc]]max(for, 5m) / 60[[/calc]]", "t")).isEqualTo("5");
        assertThatThrownBy(() -> timed.render("[[#duration]]1m - hold[[/duration]]", "test 'x' of rule Y"))
                .hasMessageContaining("[[#duration]]1m - hold[[/duration]] is -120s; a time in a test case cannot be negative");
    }

    @Test
    void aForOutsideTheRuleRangeIsRefusedWithTheRange() {
        assertThatThrownBy(() -> RuleSet.defaults().rule("CostTrendingUp", r -> r.forDuration(Duration.ofMinutes(30))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("rule CostTrendingUp: for = 30m is out of range; allowed: 0s to 15m");
        assertThatThrownBy(() -> RuleSet.defaults().rule("HighCPUUsage", r -> r.forDuration(Duration.ZERO)))
                .hasMessageContaining("rule HighCPUUsage: for = 0s is out of range; allowed: 1s to 6h");
        assertThatThrownBy(() -> RuleSet.defaults().rule("HighCostInstance", r -> r.forDuration(Duration.parse("7h"))))
                .hasMessageContaining("rule HighCostInstance: for = 7h is out of range; allowed: 0s to 6h");
    }

    @Test
    void aForOutsideTheRangeIsPlacedAtTheRuleInTheSpec() {
        assertThatThrownBy(() -> SpecReader.parse("spawn-monitoring.yaml", """
                apiVersion: spawn.dev/v1
                rules:
                  HighCostInstance: {for: 30m}
                  FleetGrowthAnomaly:
                    for: 1h
                """).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).extracting(Problem::toString)
                        .containsExactly("spawn-monitoring.yaml:5:5: for = 1h is out of range; allowed: 0s to 15m"));
    }

    @Test
    void theForOverridesOfTheIssuePassPromtool() {
        RealTools.require(Tool.PROMTOOL);
        MonitoringBundle bundle = SpecReader.parse("spawn-monitoring.yaml", """
                apiVersion: spawn.dev/v1
                rules:
                  InstanceHighIdleTime: {for: 15m}
                  HighCostInstance: {for: 30m}
                  IdleHighCostInstance: {for: 0s}
                """).build();

        List<BundleCheck.Outcome> outcomes = bundle.check(BundleCheck.MissingTool.FAIL);

        assertThat(outcomes).as("%s", outcomes).noneMatch(BundleCheck.Outcome::failed);
    }
}
