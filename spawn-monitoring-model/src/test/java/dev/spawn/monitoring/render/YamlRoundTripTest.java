package dev.spawn.monitoring.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Shrinkable;
import net.jqwik.api.sessions.JqwikSession;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.snakeyaml.engine.v2.schema.JsonSchema;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Every string the renderer writes reads back as the same string in every YAML reader of the generated
 * files: SnakeYAML (YAML 1.1, its default resolver, as PyYAML), snakeyaml-engine (YAML 1.2, core and
 * JSON schema) and the library's own {@link YamlOutput#parse}. The real Go readers (promtool, amtool)
 * read a batch of the same strings in {@code YamlToolsRoundTripTest}.
 */
public class YamlRoundTripTest {

    /** The readers a rendered string must survive; each returns what it read under {@code v} and in {@code l[0]}. */
    static List<String> readBack(byte[] yaml) {
        String text = new String(yaml, StandardCharsets.UTF_8);
        List<String> read = new ArrayList<>();
        Map<?, ?> yaml11 = new Yaml(new LoaderOptions()).load(text);
        read.add(String.valueOf(yaml11.get("v")));
        read.add(String.valueOf(((List<?>) yaml11.get("l")).get(0)));
        for (var schema : List.of(new CoreSchema(), new JsonSchema())) {
            Map<?, ?> yaml12 = (Map<?, ?>) new Load(LoadSettings.builder().setSchema(schema).build()).loadFromString(text);
            read.add(String.valueOf(yaml12.get("v")));
            read.add(String.valueOf(((List<?>) yaml12.get("l")).get(0)));
        }
        var own = YamlOutput.parse(yaml);
        read.add(own.get("v").isTextual() ? own.get("v").textValue() : own.get("v").toString());
        read.add(own.get("l").get(0).isTextual() ? own.get("l").get(0).textValue() : own.get("l").get(0).toString());
        return read;
    }

    static byte[] render(String value) {
        ObjectNode tree = YamlOutput.object();
        tree.put("v", value);
        ArrayNode list = tree.putArray("l");
        list.add(value);
        return YamlOutput.toBytes(tree, null);
    }

    @Property(tries = 3000)
    void everyReaderReadsBackTheSameString(@ForAll("dangerous") String value) {
        byte[] yaml = render(value);
        assertThat(readBack(yaml)).as(new String(yaml, StandardCharsets.UTF_8)).containsOnly(value);
    }

    @Example
    void ordinaryStringsStayPlainAndDangerousOnesAreEscaped() {
        assertThat(body("platform-ops")).isEqualTo("v: platform-ops");
        assertThat(body("5m")).isEqualTo("v: 5m");
        assertThat(body("82 °C")).isEqualTo("v: 82 °C");
        assertThat(body("platform\u0085ops")).isEqualTo("v: \"platform\\u0085ops\"");
        assertThat(body("a\u2028b\u2029c")).isEqualTo("v: \"a\\u2028b\\u2029c\"");
        assertThat(body("\uFEFFx")).isEqualTo("v: \"\\uFEFFx\"");
        assertThat(body("a\u0080b")).isEqualTo("v: \"a\\u0080b\"");
        for (String typed : List.of(".inf", "-.Inf", ".NaN", "1_000", "2024-01-01", "2001-12-14t21:59:43.10-05:00", "<<", "=",
                "~", "null", "NULL", "yes", "No", "oN", "OFF", "y", "N", "true", "False", "0o17", "0x1F90", "17:00", "+1", "0b1_0")) {
            assertThat(body(typed)).as(typed).startsWith("v: \"");
        }
    }

    private static String body(String value) {
        ObjectNode tree = YamlOutput.object();
        tree.put("v", value);
        String text = new String(YamlOutput.toBytes(tree, null), StandardCharsets.UTF_8);
        return text.substring(text.indexOf('\n') + 1).stripTrailing();
    }

    /** Strings biased to what YAML readers resolve or fold, plus arbitrary Unicode (whole code points, no lone surrogates). */
    @Provide
    static Arbitrary<String> dangerous() {
        Arbitrary<String> keywords = Arbitraries.of("y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "=", "<<",
                ".inf", "-.inf", "+.inf", ".nan", "inf", "nan", "NULL", "Null", "", " ", "-", "?", ":", "---", "...", "#")
                .flatMap(k -> Arbitraries.integers().between(0, (1 << Math.min(k.length(), 10)) - 1).map(mask -> mixCase(k, mask)));
        Arbitrary<String> numbers = Arbitraries.strings().withChars("0123456789_.-+:eExXoObB").ofMinLength(1).ofMaxLength(9);
        Arbitrary<String> dates = Combinators.combine(Arbitraries.integers().between(0, 9999), Arbitraries.integers().between(0, 19),
                Arbitraries.integers().between(0, 39), Arbitraries.of("", "T10:00:00Z", "t1:2:3.5-05:00", " 10:00:00", "x"))
                .as((y, m, d, t) -> String.format(Locale.ROOT, "%04d-%d-%02d%s", y, m, d, t));
        Arbitrary<Character> specials = Arbitraries.of('\u0085', '\u2028', '\u2029', '\uFEFF', '\u0080', '\u009F', '\u0000', '\u0007',
                '\t', '\n', '\r', '\u001B', '\u007F', '\u00A0', ' ', '#', ':', '-', '?', '\'', '"', '\\', '{', '}', '[', ']', ',', '&',
                '*', '!', '|', '>', '%', '@', '`', '=', '~', 'a', 'Z', '0', '.', '\uFFFE', '\u200B');
        Arbitrary<String> mixed = specials.list().ofMaxSize(8).map(cs -> cs.stream().map(String::valueOf).collect(Collectors.joining()));
        Arbitrary<String> unicode = Arbitraries.integers().between(0, 0x10FFFF)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .list().ofMaxSize(12).map(cps -> new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size()));
        Arbitrary<String> pieces = Arbitraries.oneOf(keywords, numbers, dates, mixed, unicode);
        Arbitrary<String> joined = pieces.list().ofMinSize(1).ofMaxSize(3).map(p -> String.join("", p));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, keywords), net.jqwik.api.Tuple.of(2, numbers), net.jqwik.api.Tuple.of(2, dates),
                net.jqwik.api.Tuple.of(3, mixed), net.jqwik.api.Tuple.of(2, unicode), net.jqwik.api.Tuple.of(3, joined));
    }

    private static String mixCase(String keyword, int mask) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < keyword.length(); i++) {
            char c = keyword.charAt(i);
            out.append((mask & (1 << Math.min(i, 9))) != 0 ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return out.toString();
    }

    /** {@code count} strings of {@link #dangerous()}, the same ones on every run (for tests outside jqwik). */
    public static List<String> sample(int count, long seed) {
        JqwikSession.start();
        try {
            var generator = dangerous().generator(100);
            java.util.Random random = new java.util.Random(seed);
            List<String> values = new ArrayList<>();
            while (values.size() < count) {
                Shrinkable<String> next = generator.next(random);
                values.add(next.value());
            }
            return values;
        } finally {
            JqwikSession.finish();
        }
    }
}
