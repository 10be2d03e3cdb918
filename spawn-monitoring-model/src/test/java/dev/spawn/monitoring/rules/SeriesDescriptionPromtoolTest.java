package dev.spawn.monitoring.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.testing.RealTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SeriesDescription} against the real promtool: every values string and series of a corpus (hand-picked edges
 * and random ones built from the notation's pieces) in a test file of its own, and SeriesDescription must refuse
 * exactly what promtool fails to load.
 */
class SeriesDescriptionPromtoolTest {

    private static final List<String> VALUES = List.of("", "1", "1 2 3", "0+10x5", "100-1x5", "-5", "+5", "1x0", "_", "_x3", "_ x3",
            "stale", "Stale", "stalex2", "1 stale 2", "Inf", "-Inf", "+inf", "NaN", "nan", "Infx2", "1+Infx2", "Inf+1x2", "1.", ".5",
            "5.x3", "1e3", "1e3x2", "1E-2", "1e", "1e+", "5ex2", "1e400", "-1e400", "1e-400", "0x10", "0x1F", "010", "09", "1_000",
            "1x", "x3", "1x2x3", "1+2", "1+-2x3", "1 +2x3", "1+2x3 4-1x2", "1x1.5", "1x1e3", "1x010", "1   2", "\t1\t2", "1,2", "1;2", "a", "sum", "1 2 oops", "--1", "1x-2", "_x", "__", "_1",
            "1.5.5", "..5", "0.", "00", "-0", "+.5x2", "1-.5x3", " 1 2 ", "1e3+1e2x2");

    private static final List<String> SERIES = List.of("up", "up{}", "{a=\"b\"}", "up{a=\"b\"}", "up{a=\"b\",}", "up{a=\"b\", c='d'}",
            "up{a=`b`}", "up{ a = \"b\" }", "up{a=\"b\"", "up{a=~\"b\"}", "up{a!=\"b\"}", "up{a=b}", "up{a=\"b\" c=\"d\"}", "up{,}",
            "up{a=\"b\",,}", "up{1a=\"b\"}", "up{__name__=\"x\"}", "job:up:sum{a=\"b\"}", ":up", "1up", "up-down", "up {a=\"b\"}",
            "up{a=\"b\"} extra", "up{a=\"b\\\"c\"}", "up{a=\"b\\q\"}", "up{a=\"\"}", "sum{a=\"b\"}", "up{a=\"b\"}}", "{}", "up{a=\"x\nb\"}",
            "up{a=\"é\"}", "up{a='b\"c'}", "up{a=\"\\x41\"}", "up{a=\"\\u00e9\"}", "up{a=\"\\101\"}", "up{a=\"\\12\"}",
            "up{a=\"\\xZ1\"}", "up{a='\\''}", "up{a='\\\"'}", "up{a=\"\\'\"}", "up{a=\"\\U0001F600\"}", "up{a=`\\q`}", "",
            "up  ", "{ }", "up 1 2", "up{a=\"b\"} 1");

    private static final java.util.regex.Pattern VALUES_IN_SERIES = java.util.regex.Pattern.compile(
            "[ \t]*[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^}]*})?[ \t]+[-+0-9._].*");

    @TempDir
    Path dir;

    @Test
    void refusesExactlyWhatPromtoolFailsToLoad() throws IOException {
        RealTools.require(Tool.PROMTOOL);
        Set<String> values = new LinkedHashSet<>(VALUES);
        Random random = new Random(20261127);
        String[] pieces = {"1", "0", "25", ".5", "3.", "e", "E", "-", "+", "x", "_", " ", "stale", "Inf", "NaN", "7", "x2", "e3", "a"};
        while (values.size() < VALUES.size() + 150) {
            StringBuilder v = new StringBuilder();
            for (int n = 1 + random.nextInt(5); n > 0; n--) {
                v.append(pieces[random.nextInt(pieces.length)]);
            }
            // a long repetition makes promtool expand it (and an overlong one hangs it): kept short
            if (!java.util.regex.Pattern.compile("x[0-9]{4,}").matcher(v).find()) {
                values.add(v.toString());
            }
        }
        Set<String> series = new LinkedHashSet<>(SERIES);
        String[] parts = {"up", "{", "}", "a", "=", "\"v\"", "'w'", ",", " ", "~", "!", ":", "_x", "`r`", "1"};
        while (series.size() < SERIES.size() + 100) {
            StringBuilder s = new StringBuilder();
            for (int n = 1 + random.nextInt(7); n > 0; n--) {
                s.append(parts[random.nextInt(parts.length)]);
            }
            series.add(s.toString());
        }

        Map<String, String[]> files = new TreeMap<>();
        int n = 0;
        for (String v : values) {
            files.put(String.format("v%04d.yaml", n++), new String[] {"up{a=\"b\"}", v});
        }
        for (String s : series) {
            files.put(String.format("s%04d.yaml", n++), new String[] {s, "1 2 3"});
        }
        List<String> args = new ArrayList<>(List.of("test", "rules"));
        for (Map.Entry<String, String[]> file : files.entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), "tests:\n  - interval: 1m\n    input_series:\n      - series: "
                    + quoted(file.getValue()[0]) + "\n        values: " + quoted(file.getValue()[1]) + "\n", StandardCharsets.UTF_8);
            args.add(file.getKey());
        }
        Map<String, Boolean> loads = loads(Tool.PROMTOOL.run(dir, 300, args.toArray(String[]::new)).output());

        List<String> disagreements = new ArrayList<>();
        int refused = 0;
        for (Map.Entry<String, String[]> file : files.entrySet()) {
            boolean isValues = file.getKey().startsWith("v");
            String text = file.getValue()[isValues ? 1 : 0];
            boolean ours = (isValues ? SeriesDescription.valuesProblem(text) : SeriesDescription.seriesProblem(text)).isEmpty();
            assertThat(loads).containsKey(file.getKey());
            refused += loads.get(file.getKey()) ? 0 : 1;
            // stricter than promtool on purpose: text after the series ("up 1 2") is values in the wrong field, which
            // promtool would read as values; the spec refuses it
            boolean valuesInSeries = !isValues && !ours && VALUES_IN_SERIES.matcher(text).matches();
            if (ours != loads.get(file.getKey()) && !valuesInSeries) {
                disagreements.add((isValues ? "values " : "series ") + quoted(text) + ": promtool " + (loads.get(file.getKey()) ? "loads it" : "refuses it"));
            }
        }
        assertThat(disagreements).isEmpty();
        // both verdicts are exercised
        assertThat(refused).isBetween(files.size() / 5, files.size() * 4 / 5);
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** Each file's verdict from promtool's output: {@code Unit Testing:  <file>} then {@code SUCCESS} or {@code FAILED:}. */
    private static Map<String, Boolean> loads(String output) {
        Map<String, Boolean> verdicts = new TreeMap<>();
        String file = null;
        for (String line : output.lines().toList()) {
            if (line.startsWith("Unit Testing:")) {
                file = line.substring("Unit Testing:".length()).strip();
            } else if (file != null && line.strip().equals("SUCCESS")) {
                verdicts.put(file, true);
                file = null;
            } else if (file != null && line.strip().startsWith("FAILED")) {
                verdicts.put(file, false);
                file = null;
            }
        }
        return verdicts;
    }
}
