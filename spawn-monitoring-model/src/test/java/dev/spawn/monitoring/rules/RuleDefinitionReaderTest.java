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
                                        + " for_maximum, for_minimum, labels, meaning, name, parameters, severity, tests",
                                "cost.yaml:11:10: 'soon' is not a Prometheus duration; expected a number with a unit,"
                                        + " e.g. 30s, 5m, 1h30m (units: ms, s, m, h, d, w, y)",
                                "cost.yaml:9:15: unknown severity 'urgent'; expected one of critical, warning, info"));
    }

    @Test
    void readsParameterRangesAndReportsBadOnesAtTheParameter() {
        String yaml = String.join("\n",
                "group: spawn-cost",
                "interval: 1m",
                "rules:",
                "  - name: A",
                "    severity: warning",
                "    parameters:",
                "      - name: threshold",
                "        default: 0.2",
                "        minimum: 0",
                "        maximum: 1",
                "      - name: window",
                "        default: 1h",
                "        minimum: 1m",
                "    expr: up < [[threshold]]",
                "  - name: B",
                "    severity: warning",
                "    parameters:",
                "      - name: threshold",
                "        default: -1",
                "        minimum: 0",
                "      - name: window",
                "        default: 1h",
                "        minimum: 5",
                "      - name: share",
                "        default: 0.5",
                "        minimum: 1",
                "        maximum: 0",
                "    expr: up < [[threshold]]",
                "");

        assertThatThrownBy(() -> RuleDefinitionReader.readCategory("cost.yaml", yaml, Category.COST))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).extracting(Object::toString)
                        .containsExactlyInAnyOrder(
                                "cost.yaml:18:9: default of parameter threshold is -1, outside its allowed range 0 or more",
                                "cost.yaml:21:9: minimum of parameter window is '5'; expected a duration (1m), as the default is one",
                                "cost.yaml:24:9: parameter share: minimum 1 is above maximum 0"));

        String good = yaml.substring(0, yaml.indexOf("  - name: B"));
        RuleDefinition a = RuleDefinitionReader.readCategory("cost.yaml", good, Category.COST).rules().get(0);
        assertThat(a.parameter("threshold").orElseThrow().range()).isEqualTo("0 to 1");
        assertThat(a.parameter("window").orElseThrow().range()).isEqualTo("1m or more");
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
