package dev.spawn.monitoring.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.rules.Severity;
import dev.spawn.monitoring.rules.CustomRule;
import dev.spawn.monitoring.rules.RuleTestCase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link BlockYaml} writes exactly the bytes of the generic path (Jackson's generator and SnakeYAML's emitter) or
 * declines: on random trees of strings YAML readers resolve, fold or need escaped, and on every YAML file of
 * bundles; and it takes the files a bundle of custom rules consists of, so that the fast path is the one used.
 */
class BlockYamlTest {

    @Property(tries = 3000)
    void writesWhatTheEmitterWritesOrDeclines(@ForAll("trees") ObjectNode tree) {
        String direct = BlockYaml.write(tree, YamlOutput.QUOTING);
        Statistics.label("direct").collect(direct != null)
                .coverage(c -> c.check(true).percentage(p -> p > 10)); // the property is not vacuous
        if (direct != null) {
            assertThat(YamlOutput.header(null) + direct)
                    .isEqualTo(new String(YamlOutput.generic(tree, null), StandardCharsets.UTF_8));
        }
    }

    @Example
    void writesEveryBundleFileAsTheEmitterDoesAndTakesTheGeneratedTests() {
        SpawnMonitoring monitoring = SpawnMonitoring.defaults();
        for (int i = 0; i < 3; i++) {
            String series = "spawn_logged_in_users{instance_id=\"i-1\"}";
            monitoring.customRule(CustomRule.of("ManyUsers" + i, "spawn_logged_in_users > " + i, Duration.ofMinutes(5), Severity.INFO,
                            "Instance {{ $labels.instance_id }} has {{ $value }} users")
                    .withTest(new RuleTestCase("fires above " + i, "10m", List.of(RuleTestCase.InputSeries.of(series, (i + 1) + "x15")),
                            List.of(new RuleTestCase.ExpectedAlert(Map.of("instance_id", "i-1"), Integer.toString(i + 1)))))
                    .withTest(new RuleTestCase("silent at " + i, "10m", List.of(RuleTestCase.InputSeries.of(series, i + "x15")),
                            List.of())));
        }
        SortedMap<String, byte[]> files = monitoring.build().files();
        int direct = 0;
        int yaml = 0;
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (!file.getKey().endsWith(".yaml")) {
                continue;
            }
            yaml++;
            JsonNode tree = YamlOutput.parse(file.getValue());
            String generic = new String(YamlOutput.generic(tree, null), StandardCharsets.UTF_8);
            String text = BlockYaml.write(tree, YamlOutput.QUOTING);
            if (text != null) {
                direct++;
                assertThat(YamlOutput.header(null) + text).as(file.getKey()).isEqualTo(generic);
            }
            if (file.getKey().contains("/ManyUsers")) {
                assertThat(text).as(file.getKey() + " is written directly").isNotNull();
            }
        }
        assertThat(direct).as("files written directly of " + yaml).isGreaterThan(yaml / 2);
    }

    @Property(tries = 3000)
    void plainNumberIsJacksonsPattern(@ForAll("numberLike") String text) {
        assertThat(BlockYaml.plainNumber(text)).as(text)
                .isEqualTo(java.util.regex.Pattern.compile("[+-]?[0-9]*(\\.[0-9]*)?").matcher(text).matches());
    }

    @Provide
    Arbitrary<String> numberLike() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("+-.0123456789x").ofMaxLength(6), YamlRoundTripTest.dangerous());
    }

    @Example
    void declinesWhatItDoesNotWrite() {
        ObjectNode supplementary = YamlOutput.object().put("v", "a\nb \uD83D\uDE00");
        ObjectNode unicodeKey = YamlOutput.object().put("°C", "v");
        ObjectNode noBreakSpace = YamlOutput.object().put("v", "[82\u00A0°C]");
        ObjectNode singleQuoted = YamlOutput.object().put("v", "-x");
        ObjectNode nested = YamlOutput.object();
        nested.putArray("l").addArray().add("x");
        ObjectNode longKey = YamlOutput.object().put("k".repeat(200), "v");
        ObjectNode decimal = YamlOutput.object().put("v", 1.5);
        for (ObjectNode tree : List.of(supplementary, unicodeKey, noBreakSpace, singleQuoted, nested, longKey, decimal, YamlOutput.object())) {
            assertThat(BlockYaml.write(tree, YamlOutput.QUOTING)).as(tree.toString()).isNull();
            // and the generic path still writes them
            assertThat(YamlOutput.toBytes(tree, null)).isEqualTo(YamlOutput.generic(tree, null));
        }
    }

    @Property(tries = 3000)
    void writesUnicodeStringsAsTheEmitterDoesOrDeclines(@ForAll("unicode") String value) {
        ObjectNode tree = YamlOutput.object().put("v", value);
        tree.putArray("l").add(value).addObject().put("k", value);
        String direct = BlockYaml.write(tree, YamlOutput.QUOTING);
        Statistics.label("direct").collect(direct != null).coverage(c -> c.check(true).percentage(p -> p > 20));
        if (direct != null) {
            assertThat(YamlOutput.header(null) + direct).isEqualTo(new String(YamlOutput.generic(tree, null), StandardCharsets.UTF_8));
        }
    }

    @Example
    void writesLiteralBlocksAndEscapedStringsDirectly() {
        ObjectNode tree = YamlOutput.object().put("description", "first\n\nthird\n").put("tab", "a\tb").put("nel", "a\u0085b");
        tree.putArray("l").add("x\ny").addObject().put("k", " lead\ning");
        assertThat(BlockYaml.write(tree, YamlOutput.QUOTING)).isEqualTo("description: |\n  first\n\n  third\ntab: \"a\\tb\"\n"
                + "nel: \"a\\u0085b\"\nl:\n  - |-\n    x\n    y\n  - k: \" lead\\ning\"\n");
    }

    @Example
    void aMultiLineExpressionKeepsItsIndentedLinesInALiteralBlock() {
        String expr = "(\n  predict_linear(x[1h], 4 * 3600)\n    > on (i) group_left() y\n)\nand z > 0.5\n";
        ObjectNode tree = YamlOutput.object().put("expr", expr).put("tabbed", "a\n\tb").put("trailing", "a \nb");
        String written = BlockYaml.write(tree, YamlOutput.QUOTING);
        assertThat(written).isEqualTo("expr: |\n  (\n    predict_linear(x[1h], 4 * 3600)\n      > on (i) group_left() y\n  )\n"
                + "  and z > 0.5\ntabbed: \"a\\n\\tb\"\ntrailing: \"a \\nb\"\n");
        // as every reader reads it back
        assertThat(YamlOutput.parse(written.getBytes(java.nio.charset.StandardCharsets.UTF_8)).get("expr").asText()).isEqualTo(expr);
        assertThat(new org.yaml.snakeyaml.Yaml().<java.util.Map<String, Object>>load(written)).containsEntry("expr", expr);
        assertThat(YamlOutput.toBytes(tree, "")).asString(java.nio.charset.StandardCharsets.UTF_8).endsWith(written);
    }

    @Example
    void writesPrintableUnicodeDirectly() {
        ObjectNode tree = YamlOutput.object().put("summary", "GPU {{ $labels.gpu }} is hotter than 80 °C").put("name", "Zoë 東京 ½");
        assertThat(BlockYaml.write(tree, YamlOutput.QUOTING))
                .isEqualTo("summary: \"GPU {{ $labels.gpu }} is hotter than 80 °C\"\nname: Zoë 東京 ½\n");
    }

    /** Strings of printable ASCII, Unicode spaces, separators and marks, and any character of the Basic Multilingual Plane. */
    @Provide
    Arbitrary<String> unicode() {
        Arbitrary<Character> chars = Arbitraries.oneOf(Arbitraries.chars().range(' ', '~'), Arbitraries.chars().range('\u00A0', '\u00FF'),
                Arbitraries.of('\u2000', '\u2007', '\u200B', '\u2028', '\u2029', '\u3000', '\uFEFF', '\uFFFD', '\uFFFE', '\uE000',
                        '\u0085', '\u00AD', '\u034F', '°', '東', '\t', '\n', '#', ':', '-', '"', '\''),
                Arbitraries.chars().range('\u0100', '\uFFFF'));
        return Arbitraries.oneOf(chars.list().ofMinSize(1).ofMaxSize(8).map(cs -> cs.stream().map(String::valueOf).collect(
                java.util.stream.Collectors.joining())), YamlRoundTripTest.dangerous());
    }

    /** Random nesting of mappings and sequences with strings from {@link YamlRoundTripTest#dangerous()} and ordinary ones. */
    @Provide
    Arbitrary<ObjectNode> trees() {
        Arbitrary<String> ordinary = Arbitraries.of("name", "series", "a b", "x-y", "5m", "i-1", "{{ $value }}", "up > 0", "x:y",
                "a # b", "a: b", "spawn_up{job=\"x\"}", "back\\slash", "12", "-3", "1x15", "", "yes", "k8s", "v1.2");
        Arbitrary<String> strings = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, ordinary),
                net.jqwik.api.Tuple.of(1, YamlRoundTripTest.dangerous()));
        return Combinators.combine(strings.list().ofMinSize(1).ofMaxSize(40), Arbitraries.longs())
                .as((pool, seed) -> tree(pool, new Random(seed)));
    }

    private static ObjectNode tree(List<String> pool, Random random) {
        ObjectNode root = YamlOutput.object();
        fill(root, pool, random, 0);
        return root;
    }

    private static void fill(ObjectNode node, List<String> pool, Random random, int depth) {
        int entries = 1 + random.nextInt(4);
        for (int i = 0; i < entries; i++) {
            String key = pool.get(random.nextInt(pool.size()));
            int kind = random.nextInt(depth >= 3 ? 4 : 8);
            switch (kind) {
                case 0, 1 -> node.put(key, pool.get(random.nextInt(pool.size())));
                case 2 -> node.put(key, random.nextInt(2001) - 1000);
                case 3 -> node.put(key, random.nextBoolean());
                case 4 -> fill(node.putObject(key), pool, random, depth + 1);
                case 5 -> node.putObject(key);
                default -> fill(node.putArray(key), pool, random, depth + 1);
            }
        }
    }

    private static void fill(ArrayNode node, List<String> pool, Random random, int depth) {
        int items = random.nextInt(4);
        for (int i = 0; i < items; i++) {
            switch (random.nextInt(depth >= 3 ? 2 : 5)) {
                case 0 -> node.add(pool.get(random.nextInt(pool.size())));
                case 1 -> node.add(random.nextInt(100));
                case 2 -> node.addArray().add(pool.get(random.nextInt(pool.size())));
                case 3 -> node.addObject();
                default -> fill(node.addObject(), pool, random, depth + 1);
            }
        }
    }
}
