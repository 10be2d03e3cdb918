package dev.spawn.monitoring.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.spawn.monitoring.promql.Expr;
import dev.spawn.monitoring.promql.PromQL;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The generated cases feed every metric only values it can take (the catalog's min and max): a case that fires
 * on a CPU of 101% would prove nothing about a real fleet. Checked at the defaults and with every parameter at its
 * minimum and at its maximum, on promtool's expanding notation ({@code 5+1x10}, {@code 0x15 _ stale}).
 */
class RealisticInputTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void atTheDefaults() throws IOException {
        assertThat(outOfRange(RuleSet.defaults())).isEmpty();
    }

    @Test
    void withEveryParameterAtItsMinimumAndAtItsMaximum() throws IOException {
        assertThat(outOfRange(at(Parameter::minimum))).isEmpty();
        assertThat(outOfRange(at(Parameter::maximum))).isEmpty();
    }

    @Test
    void theCheckSeesAValueOutOfRange() {
        assertThat(values("101x5")).containsOnly(101.0);
        assertThat(values("0+10x3 _ stale 5-1x2")).containsExactly(0.0, 10.0, 20.0, 30.0, 5.0, 4.0, 3.0);
        assertThat(values("1e3 -2")).containsExactly(1000.0, -2.0);
    }

    private static RuleSet at(Function<Parameter, String> bound) {
        RuleSet rules = RuleSet.defaults();
        for (RuleDefinition definition : RuleCatalog.defaults().rules()) {
            for (Parameter parameter : definition.parameters()) {
                String value = bound.apply(parameter);
                if (value != null) {
                    rules = rules.rule(definition.name(), r -> r.parameter(parameter.name(), value));
                }
            }
        }
        return rules;
    }

    private static List<String> outOfRange(RuleSet rules) throws IOException {
        MetricCatalog catalog = RuleCatalog.defaults().metrics();
        List<String> wrong = new ArrayList<>();
        for (var file : rules.testFiles().entrySet()) {
            for (JsonNode test : YAML.readTree(file.getValue()).path("tests")) {
                for (JsonNode series : test.path("input_series")) {
                    Expr selector = PromQL.parse(series.path("series").asText());
                    String name = ((Expr.VectorSelector) selector).metricName().orElse("");
                    catalog.metric(name).ifPresent(m -> values(series.path("values").asText()).stream()
                            .filter(v -> m.min() != null && v < m.min() || m.max() != null && v > m.max()).findFirst()
                            .ifPresent(v -> wrong.add(file.getKey() + ": " + test.path("name").asText() + ": " + name
                                    + " takes " + v + ", outside [" + m.min() + ", " + m.max() + "]")));
                }
            }
        }
        return wrong;
    }

    /** The values of promtool's expanding notation: a, axn, a+bxn, a-bxn; _ and stale are no value. */
    static List<Double> values(String notation) {
        List<Double> out = new ArrayList<>();
        for (String token : notation.trim().split("\\s+")) {
            if (token.startsWith("_") || token.startsWith("stale") || token.isEmpty()) {
                continue;
            }
            int x = token.indexOf('x');
            if (x < 0) {
                out.add(Double.parseDouble(token));
                continue;
            }
            String start = token.substring(0, x);
            int n = Integer.parseInt(token.substring(x + 1));
            int op = Math.max(start.lastIndexOf('+'), start.lastIndexOf('-'));
            boolean exponent = op > 0 && (start.charAt(op - 1) == 'e' || start.charAt(op - 1) == 'E');
            double a;
            double step = 0;
            if (op > 0 && !exponent) {
                a = Double.parseDouble(start.substring(0, op));
                step = Double.parseDouble(start.substring(op));
            } else {
                a = Double.parseDouble(start);
            }
            for (int i = 0; i <= n; i++) {
                out.add(a + i * step);
            }
        }
        return out;
    }
}
