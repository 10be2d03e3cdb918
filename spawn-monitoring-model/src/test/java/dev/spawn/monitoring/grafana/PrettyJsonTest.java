package dev.spawn.monitoring.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spawn.monitoring.render.YamlRoundTripTest;
import dev.spawn.monitoring.rules.RuleSet;
import dev.spawn.monitoring.testing.RandomTrees;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link PrettyJson} writes exactly what Jackson's pretty printer, configured as Grafana writes, writes. */
class PrettyJsonTest {

    private static final DefaultIndenter INDENTER = new DefaultIndenter("  ", "\n");
    /** The writer {@link DashboardJson} used before {@link PrettyJson}: the reference. */
    private static final ObjectWriter JACKSON = new ObjectMapper().writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER).withArrayEmptySeparator("").withObjectEmptySeparator(""))
            .withObjectIndenter(INDENTER).withArrayIndenter(INDENTER));

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static void assertWrittenAsJacksonWrites(JsonNode tree) {
        try {
            assertThat(PrettyJson.write(tree)).isEqualTo(JACKSON.writeValueAsString(tree));
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void writesEveryDefaultDashboardAsJacksonDoes() {
        for (Dashboard dashboard : SpawnDashboards.of(RuleSet.defaults())) {
            assertWrittenAsJacksonWrites(DashboardJson.tree(dashboard, Grafana.DATASOURCE_UID));
        }
    }

    @Test
    void writesDashboardsWithFractionalThresholdsAsJacksonDoes() {
        RuleSet rules = RuleSet.defaults().rule("HighCostInstance", r -> r.threshold(12.75)).rule("HighFleetSize", r -> r.threshold(1e-7))
                .rule("LowSpotAvailability", r -> r.threshold(0.3)).rule("DailyCostBudgetExceeded", r -> r.parameter("budget", 2.5e18));
        List<Dashboard> dashboards = SpawnDashboards.of(rules);
        String fleet = PrettyJson.write(DashboardJson.tree(dashboards.get(0), Grafana.DATASOURCE_UID));
        assertThat(fleet).contains("\"value\": 1.0E-7", "\"value\": 0.3");
        for (Dashboard dashboard : dashboards) {
            assertWrittenAsJacksonWrites(DashboardJson.tree(dashboard, "uid with \"quotes\" and \\ and \u0001"));
        }
    }

    @Test
    void writesEmptyContainersScalarsAndEscapesAsJacksonDoes() {
        ObjectNode tree = NODES.objectNode();
        tree.putObject("empty object");
        tree.putArray("empty array");
        tree.putArray("nested").addArray().addObject().putArray("x");
        tree.put("controls", "\u0000\u0001\b\t\n\u000B\f\r\u001F\u007F\u0080\u2028");
        tree.put("quotes", "\"'\\/<>&");
        tree.put("unicode", "82 °C \uD83D\uDE00 \uD800 lone \uDFFF");
        tree.put("empty", "");
        tree.putNull("null");
        tree.put("true", true).put("false", false);
        tree.set("numbers", NODES.arrayNode().add(0).add(-1).add(Integer.MIN_VALUE).add(Long.MAX_VALUE).add((short) 7)
                .add(new BigInteger("123456789012345678901234567890")).add(new BigDecimal("1.50")).add(new BigDecimal("1E+3"))
                .add(1.0).add(-0.0).add(1e10).add(1.0E-5).add(0.1).add(Double.MAX_VALUE).add(Double.MIN_VALUE)
                .add(Double.NaN).add(Double.POSITIVE_INFINITY).add(Double.NEGATIVE_INFINITY)
                .add(1.5f).add(1e20f).add(Float.NaN).add(Float.NEGATIVE_INFINITY));
        assertWrittenAsJacksonWrites(tree);
        for (JsonNode root : List.of(NODES.objectNode(), NODES.arrayNode(), NODES.textNode("x"), NODES.numberNode(3), NODES.nullNode())) {
            assertWrittenAsJacksonWrites(root);
        }
    }

    @Test
    void writesRandomTreesAsJacksonDoes() {
        List<String> strings = YamlRoundTripTest.sample(400, 14);
        Random random = new Random(10);
        for (int i = 0; i < 2000; i++) {
            assertWrittenAsJacksonWrites(RandomTrees.tree(strings, random));
        }
    }

    @Test
    void refusesNodesThatAreNotJsonValues() {
        assertThatThrownBy(() -> PrettyJson.write(NODES.objectNode().put("b", new byte[] {1, 2})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BINARY");
    }
}
