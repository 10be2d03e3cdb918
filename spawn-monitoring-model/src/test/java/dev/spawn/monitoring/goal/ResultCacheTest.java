package dev.spawn.monitoring.goal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.check.MutationCheck;
import dev.spawn.monitoring.check.ResultCache;
import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.check.ToolCache;
import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.rules.Severity;
import dev.spawn.monitoring.rules.CustomRule;
import dev.spawn.monitoring.rules.RuleTestCase;
import dev.spawn.monitoring.testing.RealTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-alert result cache of {@code spawn:check}: after a change, only the changed alerts' test files and mutants
 * run again, with the same verdicts as a run without the cache; a failing test is never remembered.
 */
class ResultCacheTest {

    private static CustomRule customRule() {
        return customRule(false);
    }

    private static MonitoringBundle withThreshold(double threshold, boolean wrongCase) {
        return SpawnMonitoring.defaults().grafana(false).rule("HighCostInstance", r -> r.threshold(threshold))
                .customRule(customRule(wrongCase)).build();
    }

    private static CustomRule customRule(boolean wrongCase) {
        String series = "spawn_logged_in_users{instance_id=\"i-1\"}";
        return CustomRule.of("ManyUsers", "spawn_logged_in_users > 3", Duration.ofMinutes(5), Severity.INFO,
                        "Instance {{ $labels.instance_id }} has {{ $value }} users")
                .withTest(new RuleTestCase("fires at four", "10m", List.of(RuleTestCase.InputSeries.of(series, "4x15")),
                        List.of(new RuleTestCase.ExpectedAlert(Map.of("instance_id", "i-1"), "4"))))
                .withTest(new RuleTestCase("silent at three", "10m", List.of(RuleTestCase.InputSeries.of(series, wrongCase ? "5x15" : "3x15")),
                        List.of()));
    }

    private static DriftCheck check(MonitoringBundle bundle, Path out, boolean force) {
        bundle.writeTo(out);
        // the whole-bundle cache would skip everything on an unchanged bundle; this test is about the per-alert one
        try {
            Files.deleteIfExists(ToolCache.file(out));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return DriftCheck.run(bundle, out, true, force);
    }

    private static BundleCheck.Outcome named(DriftCheck check, String prefix) {
        return check.checks().stream().filter(o -> o.name().startsWith(prefix)).findFirst().orElseThrow();
    }

    @Test
    void afterAChangeOnlyTheChangedAlertRunsAgainWithTheSameVerdicts(@TempDir Path dir) throws Exception {
        RealTools.require(Tool.PROMTOOL);
        RealTools.require(Tool.AMTOOL);
        Path out = dir.resolve("monitoring");

        DriftCheck first = check(withThreshold(5, false), out, false);
        assertThat(first.passed()).as("%s", first.checks()).isTrue();
        assertThat(named(first, "promtool test rules").name()).isEqualTo("promtool test rules (27 files)");
        assertThat(Files.readString(out.resolveSibling(".monitoring.spawn-results"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("passed ").contains("mutants ");

        DriftCheck changed = check(withThreshold(7, false), out, false);
        assertThat(changed.passed()).as("%s", changed.checks()).isTrue();
        assertThat(named(changed, "promtool test rules").name())
                .isEqualTo("promtool test rules (27 files; 26 unchanged since they last passed)");
        BundleCheck.Outcome mutation = named(changed, "mutation");
        BundleCheck.Outcome forced = named(check(withThreshold(7, false), out, true), "mutation");
        assertThat(forced.name()).doesNotContain("unchanged");
        // every rule but HighCostInstance (whose threshold changed) came from the cache, with the verdicts a full run gives
        assertThat(mutation.name()).startsWith(MutationCheck.summary(forced.mutants()) + " (")
                .contains((forced.mutants().size() - mutation.mutants().stream().filter(v -> v.rule().equals("HighCostInstance")).count())
                        + " unchanged since they last ran");
        assertThat(mutation.mutants()).isEqualTo(forced.mutants());
        assertThat(first.checks().stream().filter(o -> o.name().startsWith("mutation")).findFirst().orElseThrow().mutants()
                .stream().filter(v -> !v.rule().equals("HighCostInstance")).toList())
                .isEqualTo(mutation.mutants().stream().filter(v -> !v.rule().equals("HighCostInstance")).toList());
    }

    @Test
    void theConfigurationChecksRunAgainOnlyWhenWhatTheyReadChanged(@TempDir Path dir) {
        RealTools.require(Tool.PROMTOOL);
        RealTools.require(Tool.AMTOOL);
        Path out = dir.resolve("monitoring");

        DriftCheck first = check(withThreshold(5, false), out, false);
        assertThat(first.passed()).as("%s", first.checks()).isTrue();
        assertThat(first.checks()).extracting(BundleCheck.Outcome::name).noneMatch(n -> n.contains("unchanged"));

        // a threshold changes one rule file: the configurations, the other rule files and the routing stay as checked
        DriftCheck rule = check(withThreshold(7, false), out, false);
        assertThat(rule.passed()).as("%s", rule.checks()).isTrue();
        assertThat(rule.checks()).extracting(BundleCheck.Outcome::name).contains(
                "promtool check config prometheus.yaml (unchanged since it last passed)",
                "promtool check rules (5 files; 4 unchanged since they last passed)",
                "amtool check-config alertmanager.yaml (unchanged since it last passed)");
        assertThat(named(rule, "amtool config routes test").name()).endsWith("; unchanged since it last passed)");

        // an external label is in prometheus.yaml and in every alert Alertmanager routes: those run again, the rules do not
        MonitoringBundle labelled = SpawnMonitoring.defaults().grafana(false).externalLabel("site", "eu west=2")
                .rule("HighCostInstance", r -> r.threshold(7)).customRule(customRule()).build();
        DriftCheck label = check(labelled, out, false);
        assertThat(label.passed()).as("%s", label.checks()).isTrue();
        assertThat(label.checks()).extracting(BundleCheck.Outcome::name).contains("promtool check config prometheus.yaml",
                "promtool check rules (5 files; 5 unchanged since they last passed)", "amtool check-config alertmanager.yaml");
        assertThat(named(label, "amtool config routes test").name()).doesNotContain("unchanged");
    }

    @Test
    void aFailingTestIsNeverRemembered(@TempDir Path dir) {
        RealTools.require(Tool.PROMTOOL);
        RealTools.require(Tool.AMTOOL);
        Path out = dir.resolve("monitoring");

        for (int run = 1; run <= 2; run++) {
            DriftCheck wrong = check(withThreshold(5, true), out, false);
            BundleCheck.Outcome tests = named(wrong, "promtool test rules");
            assertThat(tests.failed()).as("run %d", run).isTrue();
            assertThat(tests.output()).as("run %d", run).contains("ManyUsers-test.yaml");
        }
    }
}
