package dev.spawn.monitoring.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spawn.monitoring.KitchenSinkBundleTest;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.rules.Severity;
import dev.spawn.monitoring.rules.CustomRule;
import dev.spawn.monitoring.rules.RuleTestCase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link YamlOutput#parse} gives the tree a mapper's {@code readTree} gives (node classes included) or fails with the
 * same exception: on every YAML file of bundles, on YAML of every scalar type and structure, and on random text.
 */
class YamlParseTest {

    /** The tree of {@code yaml} as a mapper reads it, or its exception as {@link YamlOutput#parse} reports one. */
    private static Object byMapper(String yaml) {
        try {
            return typed(YamlOutput.Jackson.MAPPER.readTree(yaml.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return e.getClass().getName() + ": not valid YAML: " + e.getMessage();
        }
    }

    private static Object byParse(String yaml) {
        try {
            return typed(YamlOutput.parse(yaml.getBytes(StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            return e.getCause().getClass().getName() + ": " + e.getMessage();
        }
    }

    /** The tree with each node's class, so that an IntNode and a LongNode of the same value differ. */
    private static String typed(JsonNode node) {
        if (node == null) {
            return "null";
        }
        String kind = node.getClass().getSimpleName();
        if (node.isObject()) {
            return kind + node.properties().stream().map(e -> e.getKey() + "=" + typed(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (node.isArray()) {
            List<String> items = new java.util.ArrayList<>();
            node.forEach(item -> items.add(typed(item)));
            return kind + items;
        }
        return kind + "(" + node + ")";
    }

    /** Asserts both read {@code yaml} alike; returns what they read, for checks that the cases are what they claim. */
    private static String assertParsedAsTheMapperParses(String yaml) {
        Object expected = byMapper(yaml);
        assertThat(byParse(yaml)).as(yaml).isEqualTo(expected);
        return expected.toString();
    }

    @Example
    void readsEveryFileOfBundlesAsTheMapperDoes() {
        SpawnMonitoring custom = SpawnMonitoring.defaults();
        String series = "spawn_logged_in_users{instance_id=\"i-1\"}";
        custom.customRule(CustomRule.of("ManyUsers", "spawn_logged_in_users > 3", Duration.ofMinutes(5), Severity.INFO,
                        "Instance {{ $labels.instance_id }} has {{ $value }} users: \"quoted\"\nsecond line")
                .withTest(new RuleTestCase("fires", "10m", List.of(RuleTestCase.InputSeries.of(series, "4x15")),
                        List.of(new RuleTestCase.ExpectedAlert(Map.of("instance_id", "i-1"), "4"))))
                .withTest(new RuleTestCase("silent", "10m", List.of(RuleTestCase.InputSeries.of(series, "1x15")), List.of())));
        int files = 0;
        for (SpawnMonitoring spec : List.of(SpawnMonitoring.defaults(), custom, KitchenSinkBundleTest.kitchenSinkSpec())) {
            SortedMap<String, byte[]> bundle = spec.build().files();
            for (Map.Entry<String, byte[]> file : bundle.entrySet()) {
                if (file.getKey().endsWith(".yaml") || file.getKey().endsWith(".yml")) {
                    String yaml = new String(file.getValue(), StandardCharsets.UTF_8);
                    assertThat(byParse(yaml)).as(file.getKey()).isEqualTo(byMapper(yaml)).asString().doesNotContain("not valid YAML");
                    files++;
                }
            }
        }
        assertThat(files).isGreaterThan(40);
    }

    @Example
    void readsEveryScalarTypeAndStructureAsTheMapperDoes() {
        StringBuilder read = new StringBuilder();
        for (String yaml : List.of("", "# only a comment\n", "---\n", "---\n...\n", "~", "null", "x", "'x'", "\"a\\tb\\u0085\"",
                "a: 1\nb: -2147483649\nc: 9223372036854775808\nd: 0x1F\ne: 0o17\nf: 017\ng: 1_000\nh: 0b101\ni: +7\nj: 1:30\n",
                "a: 1.5\nb: 1e3\nf: 1.0E-7\ng: 6.02e23\nh: 1_0.5\ni: .5\nj: 3.\nk: -0.0\nl: 1e400\n",
                "a: true\nb: False\nc: yes\nd: off\ne: ~\nf: null\ng: Null\nh:\ni: ''\nj: 2024-01-02\n",
                "a: !!str 12\nb: !!int '12'\nc: !!float 1\nd: !!binary aGVsbG8=\ne: !custom x\nf: !!null ''\ng: !!bool yes\n",
                "a: &anchor {x: 1}\nb: *anchor\nc: &s text\nd: *s\n<<: *anchor\n",
                "a: 1\nb: 2\na: 3\n", "a: {x: 1}\na: [2]\n",
                "- a\n- [b, {c: d}]\n- {}\n- []\n- - - deep\n",
                "{a: [1, 2.5, 'x', null, true], b: {}}", "[1, [2, [3]]]",
                "a: |\n  line\n  line 2\nb: >-\n  folded\n  text\nc: \"esc\\n\\\"q\\\"\"\n",
                "first: 1\n---\nsecond: 2\n", "- 1\n---\n- 2\n",
                "? complex\n: value\n", "\"key with: colon\": v\n'': empty key\n",
                "k: 12345678901234567890123\nl: -12345678901234567890123\nm: 2147483647\nn: 2147483648\n")) {
            read.append(assertParsedAsTheMapperParses(yaml));
        }
        assertThat(read).contains("MissingNode()", "NullNode", "IntNode(31)", "LongNode(-2147483649)", "BigIntegerNode(9223372036854775808)",
                "DoubleNode(6.02E23)", "BinaryNode", "BooleanNode(false)", "TextNode(\"anchor\")", "{a=IntNode(3), b=IntNode(2)}")
                .doesNotContain("not valid YAML");
    }

    @Example
    void reportsMalformedYamlAsTheMapperDoes() {
        int failed = 0;
        for (String yaml : List.of("a: [1, 2", "a: {b", "a: b: c", "- a\nb: c", "a:\n\tb: c", "\"unterminated", "a: *nothing",
                "[a, ? b: c]", "? [a, b]\n: c\n", "{[a]: b}", "a: 1\n  b: 2", "@x", "a: `b`", "- &a x\n- *a\n- &a y\n- *b",
                "%YAML 1.1\n%YAML 1.1\n---\nx", "a: !!int x", "a: !!float x", "a: 0x", "a: !!binary ***", "a: .inf",
                "a: -.Inf", "a: .NaN")) {
            if (assertParsedAsTheMapperParses(yaml).contains("not valid YAML")) {
                failed++;
            }
        }
        assertThat(failed).isGreaterThan(15);
        assertThat(byParse("a: [1, 2")).asString().startsWith("com.fasterxml.jackson").contains("not valid YAML: ");
    }

    @Example
    void readsDeepNestingUpToTheParsersLimitAsTheMapperDoes() {
        assertThat(assertParsedAsTheMapperParses("[".repeat(1000) + "]".repeat(1000))).startsWith("ArrayNode[ArrayNode[");
        assertThat(assertParsedAsTheMapperParses("[".repeat(1001) + "]".repeat(1001))).contains("nesting depth (1001)");
        assertParsedAsTheMapperParses("a:\n  - b:\n      c: [" + "{d: ".repeat(30) + "1" + "}".repeat(30) + "]\n");
    }

    @Property(tries = 2000)
    void readsRandomScalarsAsTheMapperDoes(@ForAll("dangerous") String value, @ForAll("templates") String template) {
        assertParsedAsTheMapperParses(template.replace("$", value));
    }

    @Property(tries = 500)
    void readsWhatTheRenderersWriteAsTheMapperDoes(@ForAll("trees") ObjectNode tree) {
        assertParsedAsTheMapperParses(new String(YamlOutput.toBytes(tree, "spec.yaml"), StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> dangerous() {
        return YamlRoundTripTest.dangerous();
    }

    /** Places for a raw, unquoted string: a value, a key, a sequence item, a flow collection, a quoted scalar, a block. */
    @Provide
    Arbitrary<String> templates() {
        return Arbitraries.of("v: $\n", "$: v\n", "- $\n- x\n", "{a: $, b: [$]}", "v: '$'\n", "v: \"$\"\n", "v: |\n  $\n", "$",
                "a:\n  b: $\n  c: [1, $]\n");
    }

    @Provide
    Arbitrary<ObjectNode> trees() {
        return new BlockYamlTest().trees();
    }
}
