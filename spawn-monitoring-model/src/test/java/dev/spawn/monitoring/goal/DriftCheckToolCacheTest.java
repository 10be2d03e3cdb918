package dev.spawn.monitoring.goal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.check.ToolCache;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.rules.Category;
import dev.spawn.monitoring.model.rules.Severity;
import dev.spawn.monitoring.rules.Coverage;
import dev.spawn.monitoring.rules.CustomRule;
import dev.spawn.monitoring.rules.RuleTestCase;
import dev.spawn.monitoring.testing.RealTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spawn:check skips the tools when the bundle and the tool versions are those of its last passing run, and says so. */
class DriftCheckToolCacheTest {

    private static MonitoringBundle bundle(double threshold) {
        // one category keeps the real tool runs short
        return SpawnMonitoring.defaults().disableCategory(Category.COST).disableCategory(Category.LIFECYCLE)
                .disableCategory(Category.PERFORMANCE).rule("HighFleetSize", r -> r.threshold(threshold)).build();
    }

    private static final String USERS = "spawn_logged_in_users{instance_id=\"i-1\"}";

    /** Only a custom rule ManyUsers, with a case expecting it to fire on {@code values}, and {@code more} cases. */
    private static MonitoringBundle withCustomRule(Coverage coverage, String values, List<RuleTestCase> more) {
        CustomRule rule = CustomRule.of("ManyUsers", "spawn_logged_in_users > 3", Duration.ofMinutes(1), Severity.INFO, "many users\ttab")
                .withTest(new RuleTestCase("fires", "5m", List.of(RuleTestCase.InputSeries.of(USERS, values)),
                        List.of(new RuleTestCase.ExpectedAlert(Map.of("instance_id", "i-1"), null))));
        for (RuleTestCase c : more) {
            rule = rule.withTest(c);
        }
        SpawnMonitoring m = SpawnMonitoring.defaults().ruleCoverage(coverage).customRule(rule);
        for (Category category : Category.values()) {
            m.disableCategory(category);
        }
        return m.build();
    }

    @Test
    void anUnchangedBundleSkipsTheToolsUntilForcedOrChanged(@TempDir Path dir) throws Exception {
        RealTools.require(Tool.PROMTOOL);
        RealTools.require(Tool.AMTOOL);
        Path out = dir.resolve("monitoring");
        MonitoringBundle bundle = bundle(100);
        bundle.writeTo(out);

        DriftCheck first = DriftCheck.run(bundle, out, true, false);

        assertThat(first.passed()).as("%s", first.checks()).isTrue();
        assertThat(first.toolsCached()).isFalse();
        assertThat(first.checks()).extracting(BundleCheck.Outcome::name).anyMatch(n -> n.startsWith("mutation:"));
        Path cache = ToolCache.file(out);
        assertThat(cache).isEqualTo(dir.resolve(".monitoring.spawn-tools"));
        assertThat(Files.readString(cache, StandardCharsets.UTF_8)).startsWith("check ").matches("(?s)check [0-9a-f]{64}\n.*");
        try (var inside = Files.list(out)) {
            assertThat(inside).as("the cache is no part of the bundle").noneMatch(p -> p.getFileName().toString().contains("spawn-tools"));
        }

        DriftCheck second = DriftCheck.run(bundle, out, true, false);

        assertThat(second.passed()).isTrue();
        assertThat(second.toolsCached()).isTrue();
        assertThat(second.messages("defaults", null)).extracting(Object::toString)
                .anyMatch(m -> m.contains("promtool and amtool not run") && m.contains(".monitoring.spawn-tools") && m.contains("--force"));

        DriftCheck forced = DriftCheck.run(bundle, out, true, true);

        assertThat(forced.toolsCached()).isFalse();
        assertThat(forced.checks()).extracting(BundleCheck.Outcome::name).anyMatch(n -> n.startsWith("promtool test rules"));

        MonitoringBundle changed = bundle(101);
        DriftCheck afterChange = DriftCheck.run(changed, out, true, false);

        assertThat(afterChange.toolsCached()).as("another bundle is checked again").isFalse();
        assertThat(afterChange.drift()).isNotEmpty();
    }

    @Test
    void aSkippedRunRepeatsTheWarningsOfTheRunItStandsFor(@TempDir Path dir) {
        RealTools.require(Tool.PROMTOOL);
        RealTools.require(Tool.AMTOOL);
        Path out = dir.resolve("monitoring");
        // a custom rule whose cases cannot tell 3 from 3.3: surviving mutants, which are warnings
        MonitoringBundle bundle = withCustomRule(Coverage.FIRE_AND_SILENT, "40x10", List.of(new RuleTestCase("silent", "5m",
                List.of(RuleTestCase.InputSeries.of(USERS, "0x10")), List.of())));

        DriftCheck first = DriftCheck.run(bundle, out, true, false);
        DriftCheck second = DriftCheck.run(bundle, out, true, false);

        List<String> warnings = first.checks().stream().flatMap(o -> o.problems().stream()).map(Object::toString).toList();
        assertThat(warnings).hasSize(4).allMatch(w -> w.contains("custom rule ManyUsers: mutant survived"));
        assertThat(second.toolsCached()).isTrue();
        assertThat(second.checks().stream().flatMap(o -> o.problems().stream()).map(Object::toString).toList()).isEqualTo(warnings);
    }

    @Test
    void aFailingCheckIsNotRemembered(@TempDir Path dir) {
        RealTools.require(Tool.PROMTOOL);
        RealTools.require(Tool.AMTOOL);
        Path out = dir.resolve("monitoring");
        // cases that fail: a custom rule whose firing case expects an alert that never fires
        MonitoringBundle bundle = withCustomRule(Coverage.FIRE, "1x10", List.of());

        DriftCheck first = DriftCheck.run(bundle, out, true, false);
        DriftCheck second = DriftCheck.run(bundle, out, true, false);

        assertThat(first.failedChecks()).isPositive();
        assertThat(second.toolsCached()).isFalse();
        assertThat(second.failedChecks()).isPositive();
        assertThat(ToolCache.file(out)).doesNotExist();
    }
}
