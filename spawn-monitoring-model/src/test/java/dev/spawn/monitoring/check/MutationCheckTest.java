package dev.spawn.monitoring.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.rules.AlertingRule;
import dev.spawn.monitoring.model.rules.Category;
import dev.spawn.monitoring.rules.RuleCatalog;
import dev.spawn.monitoring.rules.RuleDefinition;
import dev.spawn.monitoring.spec.SpecReader;
import dev.spawn.monitoring.testing.Golden;
import dev.spawn.monitoring.testing.RealTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Mutation testing with the real promtool: what the defaults' cases kill, and a vacuous case found and placed. */
@Order(1) // among the longest classes: started first (junit-platform.properties)
class MutationCheckTest {

    @Test
    void mutantsOfAnExpressionAndItsFor() {
        AlertingRule rule = AlertingRule.builder("X",
                "sum(spawn_a{region!=\"local\"}) / count(spawn_a) < 0.2 and spawn_b > 0")
                .forDuration(Duration.ofMinutes(10)).build();

        assertThat(Mutants.of(rule, Duration.ofMinutes(1))).extracting(m -> m.change() + " | " + m.rule().expr()).containsExactly(
                "< -> <= | sum(spawn_a{region!=\"local\"}) / count(spawn_a) <= 0.2 and spawn_b > 0",
                "comparison flipped: < -> > | sum(spawn_a{region!=\"local\"}) / count(spawn_a) > 0.2 and spawn_b > 0",
                "matcher region!=\"local\" dropped | sum(spawn_a) / count(spawn_a) < 0.2 and spawn_b > 0",
                "threshold 0.2 -> 0.22 (+10%) | sum(spawn_a{region!=\"local\"}) / count(spawn_a) < 0.22 and spawn_b > 0",
                "threshold 0.2 -> 0.18 (-10%) | sum(spawn_a{region!=\"local\"}) / count(spawn_a) < 0.18 and spawn_b > 0",
                "> -> >= | sum(spawn_a{region!=\"local\"}) / count(spawn_a) < 0.2 and spawn_b >= 0",
                "comparison flipped: > -> < | sum(spawn_a{region!=\"local\"}) / count(spawn_a) < 0.2 and spawn_b < 0",
                "for 10m -> 5m | sum(spawn_a{region!=\"local\"}) / count(spawn_a) < 0.2 and spawn_b > 0",
                "for 10m -> 20m | sum(spawn_a{region!=\"local\"}) / count(spawn_a) < 0.2 and spawn_b > 0");
    }

    @Test
    void aForChangeThatFiresAtTheSameEvaluationIsNoMutant() {
        AlertingRule rule = AlertingRule.builder("X", "spawn_a > 1").forDuration(Duration.ofMinutes(1)).build();

        // 30s and 1m both fire at the first evaluation a minute after the condition began to hold
        assertThat(Mutants.of(rule, Duration.ofMinutes(1))).extracting(Mutants.Mutant::change).contains("for 1m -> 2m")
                .doesNotContain("for 1m -> 30s");
    }

    /**
     * No mutant of the 26 defaults survives their cases; the mutants per rule are a golden file
     * ({@code -Dgolden.update=true} rewrites it), so a mutant that appears or disappears shows in the diff.
     */
    @Test
    void noMutantOfTheDefaultsSurvives(@TempDir Path dir) throws Exception {
        RealTools.require(Tool.PROMTOOL);
        MonitoringBundle bundle = SpawnMonitoring.defaults().build();
        Path staged = dir.resolve("bundle");
        bundle.writeTo(staged);

        List<MutationCheck.Verdict> verdicts = inJvmAgreesWithPromtool(bundle, staged);

        assertThat(verdicts).filteredOn(v -> !v.killed()).extracting(MutationCheck.Verdict::describe).isEmpty();
        Map<String, Integer> perRule = new TreeMap<>();
        verdicts.forEach(v -> perRule.merge(v.rule(), 1, Integer::sum));
        StringBuilder report = new StringBuilder();
        perRule.forEach((rule, n) -> report.append(rule).append(": ").append(n).append(" killed\n"));
        report.append(MutationCheck.summary(verdicts)).append('\n');
        assertThat(perRule).hasSize(26);
        Golden.assertMatches("mutation/default-mutants.txt", report.toString().getBytes(StandardCharsets.UTF_8));
        try (var left = Files.list(dir)) {
            assertThat(left).as("the scratch folder is deleted").extracting(p -> p.getFileName().toString()).containsExactly("bundle");
        }
    }

    /**
     * The defaults' cases follow every legal override, so no mutant survives at the bounds either: every parameter
     * at its minimum, at its maximum, every {@code for} at its minimum, every group evaluated every 2m. (Every
     * {@code for} at its 6h maximum and a 15s interval also leave none; they take 45 s and 17 s, so they are not
     * run here.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"parameters at their minimum", "parameters at their maximum", "for at its minimum", "evaluated every 2m"})
    void noMutantOfTheDefaultsSurvivesAtTheBoundsOfTheOverrides(String bound, @TempDir Path dir) {
        RealTools.require(Tool.PROMTOOL);
        SpawnMonitoring m = SpawnMonitoring.defaults();
        for (RuleDefinition d : RuleCatalog.defaults().rules()) {
            switch (bound) {
                case "for at its minimum" -> m.rule(d.name(), r -> r.forDuration(d.forMinimum()));
                case "evaluated every 2m" -> { }
                default -> d.parameters().forEach(p -> {
                    String value = bound.contains("minimum") ? p.minimum() : p.maximum();
                    if (value != null) {
                        m.rule(d.name(), r -> r.parameter(p.name(), value));
                    }
                });
            }
        }
        if (bound.equals("evaluated every 2m")) {
            for (Category category : Category.values()) {
                m.ruleEvaluationInterval(category, Duration.ofMinutes(2));
            }
        }
        MonitoringBundle bundle = m.build();
        bundle.writeTo(dir.resolve("bundle"));

        List<MutationCheck.Verdict> verdicts = inJvmAgreesWithPromtool(bundle, dir.resolve("bundle"));

        assertThat(verdicts).hasSizeGreaterThan(100);
        assertThat(verdicts).filteredOn(v -> !v.killed()).extracting(MutationCheck.Verdict::describe).isEmpty();
    }

    /**
     * The differential proof of the in-JVM evaluator: every mutant of every alert of {@code bundle} run against its
     * cases by promtool and by {@link InJvmCases}, the same verdict for each; and every alert's mutants did run in the
     * JVM (none fell back to promtool for something not implemented, or because the JVM saw the rule itself fail a case
     * promtool passed). Returns promtool's verdicts.
     */
    static List<MutationCheck.Verdict> inJvmAgreesWithPromtool(MonitoringBundle bundle, Path staged) {
        MutationCheck.Run promtool = MutationCheck.run(bundle, staged, ResultCache.NONE, false);
        MutationCheck.Run jvm = MutationCheck.run(bundle, staged, ResultCache.NONE, true);

        assertThat(jvm.inPromtool()).as("alerts whose mutants the JVM could not run").isZero();
        assertThat(jvm.inJvm()).isEqualTo(promtool.inPromtool());
        assertThat(jvm.verdicts()).extracting(MutationCheck.Verdict::describe)
                .containsExactlyElementsOf(promtool.verdicts().stream().map(MutationCheck.Verdict::describe).toList());
        return promtool.verdicts();
    }

    /**
     * Custom alerts over functions, aggregations, vector matching, {@code keep_firing_for} and templates
     * (src/test/resources/evaluator/custom-rules.yaml), with cases that kill some mutants and let others survive:
     * the in-JVM evaluator gives promtool's verdict for every one.
     */
    @Test
    void theInJvmEvaluatorAgreesWithPromtoolOnCustomRules(@TempDir Path dir) throws Exception {
        RealTools.require(Tool.PROMTOOL);
        String spec = new String(MutationCheckTest.class.getResourceAsStream("/evaluator/custom-rules.yaml").readAllBytes(),
                StandardCharsets.UTF_8);
        MonitoringBundle bundle = SpecReader.parse("custom-rules.yaml", spec).build();
        bundle.writeTo(dir.resolve("bundle"));

        List<MutationCheck.Verdict> verdicts = inJvmAgreesWithPromtool(bundle, dir.resolve("bundle"));

        assertThat(verdicts).filteredOn(v -> v.custom() || v.rule().equals("IdleLingering")).hasSizeGreaterThan(40)
                .anyMatch(MutationCheck.Verdict::killed).anyMatch(v -> !v.killed());
    }

    @Test
    void aBoundaryChangeOfACountAgainstAConstantNoCountEqualsIsNoMutant() {
        // count() yields a whole number of at least 1 or nothing: > 0 and >= 0 (and > 0.5, >= 0.5) agree everywhere
        for (String expr : List.of("count(spawn_a) > 0", "count(spawn_a{provider=\"ec2\"}) > 0 * count(spawn_a{provider=\"local\"})",
                "count by (region) (spawn_a) > 0.5", "0 < (count(spawn_a))")) {
            AlertingRule rule = AlertingRule.builder("X", expr).forDuration(Duration.ofMinutes(10)).build();
            assertThat(Mutants.of(rule, Duration.ofMinutes(1))).as(expr).extracting(Mutants.Mutant::change)
                    .noneMatch(c -> c.equals("> -> >=") || c.equals("< -> <="))
                    .anyMatch(c -> c.startsWith("comparison flipped"));
        }
        // a count can equal a positive whole number, and a sum can be 0: those boundaries stay mutants
        for (String expr : List.of("count(spawn_a) > 3", "sum(spawn_a) > 0 * count(spawn_b)", "count(spawn_a) > 0 * sum(spawn_b)")) {
            AlertingRule rule = AlertingRule.builder("X", expr).forDuration(Duration.ofMinutes(10)).build();
            assertThat(Mutants.of(rule, Duration.ofMinutes(1))).as(expr).extracting(Mutants.Mutant::change).contains("> -> >=");
        }
    }

    private static final String SPEC = """
            apiVersion: spawn.dev/v1
            rules:
              mutation: %s
              custom:
                - name: ManyUsers
                  expr: spawn_logged_in_users > 3
                  tests:
                    - name: fires far above
                      at: 5m
                      input: [{series: 'spawn_logged_in_users{instance_id="i-1"}', values: 40x10}]
                      alerts: [{labels: {instance_id: i-1}}]
                    - name: silent far below
                      at: 5m
                      input: [{series: 'spawn_logged_in_users{instance_id="i-1"}', values: 0x10}]
            """;

    @Test
    void vacuousCasesLetMutantsSurviveAsWarningsOrErrorsPlacedAtTheRule() {
        RealTools.require(Tool.PROMTOOL);
        RealTools.require(Tool.AMTOOL);
        for (String mode : List.of("warn", "fail")) {
            SpecReader.Spec spec = SpecReader.parse("spawn-monitoring.yaml", SPEC.formatted(mode));
            MonitoringBundle bundle = spec.build();

            BundleCheck.Outcome mutation = bundle.check(BundleCheck.MissingTool.FAIL).stream()
                    .filter(o -> o.name().startsWith("mutation:")).findFirst().orElseThrow();

            assertThat(mutation.failed()).isEqualTo(mode.equals("fail"));
            List<Problem> custom = spec.place(mutation).problems().stream().filter(p -> p.message().contains("ManyUsers")).toList();
            String at = "spawn-monitoring.yaml:5:13: " + (mode.equals("warn") ? "warning: " : "") + "custom rule ManyUsers: mutant survived: ";
            assertThat(custom).extracting(Problem::toString).containsExactly(
                    at + "> -> >=: `spawn_logged_in_users >= 3`; no case tells it apart from the rule, add one that does",
                    at + "threshold 3 -> 3.3 (+10%): `spawn_logged_in_users > 3.3`; no case tells it apart from the rule, add one that does",
                    at + "threshold 3 -> 2.7 (-10%): `spawn_logged_in_users > 2.7`; no case tells it apart from the rule, add one that does");
            assertThat(custom).allMatch(p -> p.isError() == mode.equals("fail"));
            assertThat(mutation.mutants()).filteredOn(v -> v.rule().equals("ManyUsers")).extracting(MutationCheck.Verdict::change)
                    .contains("comparison flipped: > -> <");
        }
    }
}
