package dev.spawn.monitoring.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.model.rules.Category;
import org.junit.jupiter.api.Test;

/** Loading errors name the file, line and column, and every problem of a file is reported at once. */
class RuleDefinitionReaderTest {

    @Test
    void reportsEveryProblemWithFileLineAndColumn() {
        String yaml = String.join("\n",
                "group: spawn-cost",
                "interval: 1m",
                "rules:",
                "  - name: A",
                "    severity: warning",
                "    expr: up == 0",
                "    treshold: 5",
                "  - name: B",
                "    severity: urgent",
                "    expr: up == 0",
                "    for: soon",
                "");

        assertThatThrownBy(() -> RuleDefinitionReader.readCategory("cost.yaml", yaml, Category.COST))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).extracting(Object::toString)
                        .containsExactlyInAnyOrder(
                                "cost.yaml:7:5: unknown field 'treshold'; expected one of action, annotations, expr, for,"
                                        + " labels, meaning, name, parameters, severity, tests",
                                "cost.yaml:11:10: 'soon' is not a Prometheus duration; expected a number with a unit,"
                                        + " e.g. 30s, 5m, 1h30m (units: ms, s, m, h, d, w, y)",
                                "cost.yaml:9:15: unknown severity 'urgent'; expected one of critical, warning, info"));
    }

    @Test
    void reportsBrokenYamlWithItsPosition() {
        assertThatThrownBy(() -> RuleDefinitionReader.readCategory("x.yaml", "rules: [\n  - a: b\n", Category.COST))
                .hasMessageContaining("x.yaml:2:3: not valid YAML");
    }

    @Test
    void loadsTheDefaults() {
        assertThat(RuleCatalog.defaults().rules()).hasSize(26);
        assertThat(RuleCatalog.defaults().groups()).extracting(RuleGroupDefinition::name)
                .containsExactly("spawn-lifecycle", "spawn-cost", "spawn-capacity", "spawn-performance");
        assertThat(RuleCatalog.defaults().rule("InstanceHighIdleTime").orElseThrow().source())
                .isEqualTo("rule-definitions/lifecycle.yaml:6:5");
    }
}
