package dev.spawn.monitoring.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spawn.monitoring.KitchenSinkBundleTest;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.testing.RandomTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link YamlOutput#emitted} writes through the YAML generator exactly what the mapper writes: on every YAML file of
 * bundles, on random trees of every node type and on the strings YAML readers resolve, fold or need escaped.
 */
class YamlEmittedTest {

    private static void assertEmittedAsTheMapperWrites(JsonNode tree) {
        try {
            assertThat(YamlOutput.emitted(tree)).isEqualTo(YamlOutput.Jackson.MAPPER.writeValueAsString(tree));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void writesEveryFileOfBundlesAsTheMapperDoes() {
        int files = 0;
        for (SpawnMonitoring spec : List.of(SpawnMonitoring.defaults(), KitchenSinkBundleTest.kitchenSinkSpec())) {
            for (Map.Entry<String, byte[]> file : spec.build().files().entrySet()) {
                if (file.getKey().endsWith(".yaml")) {
                    assertEmittedAsTheMapperWrites(YamlOutput.parse(file.getValue()));
                    files++;
                }
            }
        }
        assertThat(files).isGreaterThan(40);
    }

    @Test
    void writesRandomTreesOfEveryNodeTypeAsTheMapperDoes() {
        List<String> strings = new java.util.ArrayList<>(YamlRoundTripTest.sample(400, 7));
        strings.addAll(List.of("line\nbreak", "trailing \n", "\n", "a\n\nb\n", " lead", "x".repeat(300), "k: v", "- x"));
        Random random = new Random(3);
        for (int i = 0; i < 1500; i++) {
            assertEmittedAsTheMapperWrites(RandomTrees.tree(strings, random));
        }
        assertEmittedAsTheMapperWrites(JsonNodeFactory.instance.objectNode().put("bytes", new byte[] {0, 1, -1, 127}));
    }

    @Test
    void leavesNodesOnlyDatabindWritesToTheMapper() throws IOException {
        ObjectNode tree = YamlOutput.object().put("a", "b");
        tree.putPOJO("pojo", List.of("x", 1));
        assertThat(YamlOutput.emitted(tree)).isNull();
        assertThat(new String(YamlOutput.generic(tree, null), StandardCharsets.UTF_8)).endsWith("a: b\npojo:\n  - x\n  - 1\n");
    }
}
