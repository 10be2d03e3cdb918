package dev.spawn.monitoring.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.model.rules.Severity;
import dev.spawn.monitoring.spec.SpecReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** rules.coverage: every alert has a case that fires and one that stays silent, or says which is missing. */
class CoverageTest {

    private static final CustomRule BARE = CustomRule.of("ManyUsers", "spawn_logged_in_users > 3", Duration.ofMinutes(5),
            Severity.INFO, "many users");
    private static final RuleTestCase FIRES = new RuleTestCase("fires above three", "5m",
            List.of(RuleTestCase.InputSeries.of("spawn_logged_in_users{instance_id=\"i-1\"}", "4x10")),
            List.of(new RuleTestCase.ExpectedAlert(Map.of("instance_id", "i-1"), null)));
    private static final RuleTestCase SILENT = new RuleTestCase("silent at three", "5m",
            List.of(RuleTestCase.InputSeries.of("spawn_logged_in_users{instance_id=\"i-1\"}", "3x10")), List.of());

    @Test
    void everyDefaultRuleHasAFiringAndASilentCase() {
        assertThat(RuleSet.defaults().coverage(Coverage.FIRE_AND_SILENT).problems()).isEmpty();
    }

    @Test
    void aRuleWithoutASilentCaseFailsNamingTheRuleAndWhatIsMissing() {
        RuleSet rules = RuleSet.defaults().custom(BARE.withTest(FIRES));

        assertThat(rules.problems()).extracting(Problem::toString).containsExactly(
                "custom rule ManyUsers: rule ManyUsers has no case that stays silent (rules.coverage: fire-and-silent);"
                        + " add it to its tests, or relax rules.coverage");
        assertThatThrownBy(rules::ruleFiles).isInstanceOf(ValidationException.class);
        assertThat(rules.coverage(Coverage.FIRE).problems()).isEmpty();
    }

    @Test
    void fireAloneIsNotEnoughForFire() {
        RuleSet rules = RuleSet.defaults().custom(BARE.withTest(SILENT)).coverage(Coverage.FIRE);

        assertThat(rules.problems()).extracting(Problem::message)
                .containsExactly("rule ManyUsers has no case that fires (rules.coverage: fire); add it to its tests, or relax rules.coverage");
        assertThat(rules.coverage(Coverage.NONE).problems()).isEmpty();
    }

    @Test
    void aCustomRuleWithoutTestsStaysAWarningUnlessCoverageIsSet() {
        assertThat(RuleSet.defaults().custom(BARE).problems()).singleElement().satisfies(p -> {
            assertThat(p.isError()).isFalse();
            assertThat(p.message()).contains("has no test cases");
        });
        assertThat(RuleSet.defaults().custom(BARE).coverage(Coverage.NONE).problems()).singleElement()
                .satisfies(p -> assertThat(p.isError()).isFalse());
        assertThat(RuleSet.defaults().custom(BARE).coverage(Coverage.FIRE_AND_SILENT).problems()).extracting(Problem::message)
                .containsExactly("rule ManyUsers has no case that fires and no case that stays silent"
                        + " (rules.coverage: fire-and-silent); add them to its tests, or relax rules.coverage");
    }

    @Test
    void theSpecKeySetsCoverageAndAWrongValueIsPlaced() {
        String custom = """
                  custom:
                    - name: ManyUsers
                      expr: spawn_logged_in_users > 3
                      tests:
                        - name: silent at three
                          at: 5m
                          input: [{series: 'spawn_logged_in_users{instance_id="i-1"}', values: 3x10}]
                """;
        assertThatThrownBy(() -> SpecReader.parse("spawn-monitoring.yaml", "apiVersion: spawn.dev/v1\nrules:\n  coverage: fire\n"
                + custom).build()).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::toString).containsExactly("spawn-monitoring.yaml:5:13: rule ManyUsers has no case that"
                                + " fires (rules.coverage: fire); add it to its tests, or relax rules.coverage"));
        assertThat(SpecReader.parse("spawn-monitoring.yaml", "apiVersion: spawn.dev/v1\nrules:\n  coverage: none\n" + custom)
                .build().alertCount()).isEqualTo(27);
        assertThatThrownBy(() -> SpecReader.parse("spawn-monitoring.yaml", "apiVersion: spawn.dev/v1\nrules:\n  coverage: fire-only\n")
                .build()).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::toString).containsExactly(
                                "spawn-monitoring.yaml:3:13: unknown value 'fire-only' for rules.coverage; expected one of fire-and-silent, fire, none"));
    }
}
