package dev.spawn.monitoring.promql.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.testing.RealTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link Templates#expand} against the real {@code promtool test rules}: every template of {@link TemplateCorpus} is
 * the annotation and a label of one alerting rule firing for every series of the test, each series a case (a value
 * and labels); the expected annotations and labels are Java's expansions, so promtool passes only when Prometheus'
 * expansion is byte-identical for every pair. A pair Java refuses ({@link Unsupported}) is left out of that rule's
 * series; the templates Prometheus users write (the default alerts') must never be refused.
 */
class TemplatesPromtoolTest {

    private static final Pattern ANNOTATION = Pattern.compile("Annotations:\\{a=\"((?:[^\"\\\\]|\\\\.)*)\"}");

    /** One series: its labels (with {@code __name__}) and value. */
    record Case(Map<String, String> labels, double value) {
    }

    /** The external labels and URL of one test group. */
    private record Group(Map<String, String> externalLabels, String externalUrl) {
    }

    @Test
    void expansionsEqualPrometheus() throws IOException {
        RealTools.require(Tool.PROMTOOL);
        List<String> templates = TemplateCorpus.templates();
        List<Case> cases = cases();
        Group main = new Group(new TreeMap<>(Map.of("region", "eu-west-1", "env", "a<b>&\"c\"")),
                "http://prometheus.example.com:9090/prom?x=1&y=<2>");
        Group bare = new Group(Map.of(), "");
        StringBuilder rules = new StringBuilder("groups:\n  - name: templates\n    rules:\n");
        StringBuilder test = new StringBuilder("rule_files: [rules.yml]\nevaluation_interval: 1m\ntests:\n");
        Map<String, List<String>> refusedCases = new TreeMap<>();
        int alerts = expectations(test, main, templates, cases, refusedCases, true);
        alerts += expectations(test, bare, templates, cases, new TreeMap<>(), false);
        alerts += numbers(rules, test);
        List<String> refusedDefaults = new ArrayList<>();
        int refused = 0;
        for (int t = 0; t < templates.size(); t++) {
            String template = templates.get(t);
            List<String> excluded = refusedCases.getOrDefault("T" + t, List.of());
            refused += excluded.size();
            if (!excluded.isEmpty() && TemplateCorpus.DEFAULTS.contains(template)) {
                refusedDefaults.add(template + " for cases " + excluded);
            }
            if (excluded.size() < cases.size()) {
                String expr = excluded.isEmpty() ? "m" : "m{case!~\"" + String.join("|", excluded) + "\"}";
                rule(rules, "T" + t, expr, template);
            }
            if (!excluded.isEmpty()) {
                rule(rules, "E" + t, "m{case=~\"" + String.join("|", excluded) + "\"}", template);
            }
        }
        assertThat(refusedDefaults).as("templates of the default alerts Java refused").isEmpty();
        Path dir = Files.createTempDirectory("templates-promtool");
        Files.writeString(dir.resolve("rules.yml"), rules, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("t.yml"), test, StandardCharsets.UTF_8);
        long start = System.nanoTime();
        Tool.Result result = Tool.PROMTOOL.run(dir, 300, "test", "rules", "t.yml");
        long millis = (System.nanoTime() - start) / 1_000_000;
        List<String> failed = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        int errorsConfirmed = errorChecks(result.output(), templates, refusedCases, failed, gaps);
        System.out.printf("templates %d, cases %d, alerts compared %d, pairs refused %d (Prometheus errs on %d, expands"
                + " %d), one promtool run %d ms%n", templates.size(), cases.size(), alerts, refused, errorsConfirmed,
                gaps.size(), millis);
        Map<String, String> gapByTemplate = new TreeMap<>();
        gaps.forEach(g -> gapByTemplate.putIfAbsent(g.substring(0, g.indexOf(" -> ")), g));
        gapByTemplate.values().forEach(g -> System.out.println("  refused, Prometheus expands: " + g));
        String output = result.output();
        if (result.exitCode() != 0 && !output.contains("alertname: ")) {
            failed.add("promtool failed without comparing alerts");
        }
        assertThat(failed.isEmpty()).as("promtool test rules in " + dir + "; expansions that differ:\n"
                + String.join("\n", failed) + "\npromtool's output begins:\n"
                + output.substring(0, Math.min(output.length(), 1_500))).isTrue();
        assertThat(errorsConfirmed + gaps.size()).as("refused pairs promtool evaluated").isEqualTo(refused);
        assertThat(alerts).as("alerts compared").isGreaterThan(templates.size() * cases.size() * 3 / 4);
    }

    /**
     * A test group of its own for number formatting: series {@code n} with many random values (any bit pattern,
     * short decimals, integers, halves) through the number templates, rules N0, N1, ...
     */
    private static int numbers(StringBuilder rules, StringBuilder test) {
        Random random = new Random(7);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            values.add(Double.longBitsToDouble(random.nextLong()));
            values.add((random.nextInt(20001) - 10000) * Math.pow(10, random.nextInt(41) - 20));
            values.add((double) (random.nextLong() >> random.nextInt(64)));
            values.add(random.nextInt(100_000) / 8.0 * (random.nextBoolean() ? 1 : -1));
        }
        values.removeIf(v -> Double.isNaN(v) || Double.isInfinite(v));
        test.append("  - interval: 1m\n    input_series:\n");
        for (int i = 0; i < values.size(); i++) {
            test.append("      - series: ").append(yaml("n{case=\"" + i + "\"}")).append('\n');
            test.append("        values: ").append(yaml(seriesValue(values.get(i)))).append('\n');
        }
        test.append("    alert_rule_test:\n");
        int alerts = 0;
        List<String> templates = TemplateCorpus.NUMBERS;
        for (int t = 0; t < templates.size(); t++) {
            rule(rules, "N" + t, "n", templates.get(t));
            test.append("      - eval_time: 0s\n        alertname: N").append(t).append("\n        exp_alerts:\n");
            for (int i = 0; i < values.size(); i++) {
                Map<String, String> labels = Map.of("__name__", "n", "case", Integer.toString(i));
                String expansion = Templates.expand(templates.get(t), labels, values.get(i), Map.of(), "");
                test.append("          - exp_labels: ").append(flow(Map.of("case", Integer.toString(i), "t", expansion)))
                        .append('\n');
                test.append("            exp_annotations: ").append(flow(Map.of("a", expansion))).append('\n');
                alerts++;
            }
        }
        return alerts;
    }

    private static void rule(StringBuilder rules, String name, String expr, String template) {
        rules.append("      - alert: ").append(name).append("\n        expr: ").append(yaml(expr)).append('\n');
        rules.append("        labels: ").append(flow(Map.of("t", template))).append('\n');
        rules.append("        annotations: ").append(flow(Map.of("a", template))).append('\n');
    }

    /**
     * One test group: Java's expansions as exp_alerts of rule T<i> (every template in the main group, those reading
     * the external labels or URL or the whole data in the other), and for the pairs Java refuses an empty
     * expectation of rule E<i>, which makes promtool print what Prometheus wrote.
     */
    private static int expectations(StringBuilder test, Group group, List<String> templates, List<Case> cases,
            Map<String, List<String>> refusedCases, boolean main) {
        test.append("  - interval: 1m\n");
        if (!group.externalUrl().isEmpty()) {
            test.append("    external_url: ").append(yaml(group.externalUrl())).append('\n');
        }
        if (!group.externalLabels().isEmpty()) {
            test.append("    external_labels: ").append(flow(group.externalLabels())).append('\n');
        }
        test.append("    input_series:\n");
        for (Case c : cases) {
            test.append("      - series: ").append(yaml(series(c.labels()))).append('\n');
            test.append("        values: ").append(yaml(seriesValue(c.value()))).append('\n');
        }
        test.append("    alert_rule_test:\n");
        int alerts = 0;
        for (int t = 0; t < templates.size(); t++) {
            String template = templates.get(t);
            if (!main && !template.contains("xternal") && !template.contains("{{ . }}")) {
                continue;
            }
            List<String> excluded = new ArrayList<>();
            StringBuilder expected = new StringBuilder();
            for (Case c : cases) {
                String expansion;
                try {
                    expansion = Templates.expand(template, c.labels(), c.value(), group.externalLabels(),
                            group.externalUrl());
                } catch (Unsupported e) {
                    excluded.add(c.labels().get("case"));
                    continue;
                }
                Map<String, String> labels = new TreeMap<>(c.labels());
                labels.remove("__name__");
                if (!expansion.isEmpty()) {
                    labels.put("t", expansion);
                }
                expected.append("          - exp_labels: ").append(flow(labels)).append('\n');
                expected.append("            exp_annotations: ").append(flow(Map.of("a", expansion))).append('\n');
                alerts++;
            }
            if (main && !excluded.isEmpty()) {
                refusedCases.put("T" + t, excluded);
                test.append("      - eval_time: 0s\n        alertname: E").append(t).append("\n        exp_alerts: []\n");
            }
            if (excluded.size() < cases.size()) {
                test.append("      - eval_time: 0s\n        alertname: T").append(t).append("\n        exp_alerts:\n");
                test.append(expected);
            }
        }
        return alerts;
    }

    /**
     * Reads promtool's failures: a T rule failing is an expansion Java got wrong (added to {@code failed} with the
     * first differing annotations); an E rule lists what Prometheus wrote for the refused pairs: an error (counted)
     * or a text (a gap, added to {@code gaps}). Every E rule must fail, with all its refused pairs.
     */
    private static int errorChecks(String output, List<String> templates, Map<String, List<String>> refusedCases,
            List<String> failed, List<String> gaps) {
        int errors = 0;
        int eBlocks = 0;
        String[] blocks = output.split("alertname: ");
        for (int i = 1; i < blocks.length; i++) {
            String block = blocks[i];
            String name = block.substring(0, block.indexOf(','));
            String template = (name.startsWith("N") ? TemplateCorpus.NUMBERS : templates)
                    .get(Integer.parseInt(name.substring(1)));
            int got = block.indexOf("got:");
            List<String> exp = annotations(block.substring(0, got));
            List<String> actual = annotations(block.substring(got));
            if (name.startsWith("E")) {
                eBlocks++;
                for (String a : actual) {
                    if (a.startsWith("<error expanding template: ")) {
                        errors++;
                    } else {
                        gaps.add(template + " -> " + a);
                    }
                }
                continue;
            }
            failed.add(name + " " + template + " (" + exp.size() + " expected, " + actual.size() + " got)");
            int shown = 0;
            for (int k = 0; k < Math.min(exp.size(), actual.size()) && shown < 5; k++) {
                if (!exp.get(k).equals(actual.get(k))) {
                    failed.add("    java:     " + exp.get(k) + "\n    promtool: " + actual.get(k));
                    shown++;
                }
            }
        }
        if (eBlocks != refusedCases.size()) {
            failed.add("promtool reported " + eBlocks + " of the " + refusedCases.size() + " rules of refused pairs");
        }
        return errors;
    }

    private static List<String> annotations(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = ANNOTATION.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** Values across magnitudes, the special ones, rounding ties and long shortest forms, each with some labels. */
    static List<Case> cases() {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 0.1, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 100.0, 999.95,
                999.99999, 1000.0, 1023.99, 1024.0, 1048576.0, 12345.0, 1234.5, 123456.0, 1234567.0, 1e6, 1e15, 1e16,
                1e21, 1e-4, 1e-5, 1.5e-5, 0.00001234, 0.001, 1e-9, 5e-324, Double.MAX_VALUE, Double.MIN_NORMAL, 59.9999,
                60.0, 3599.999, 3600.0, 86400.0, 90061.5, -90061.5, 1.6789e9, 1700000000.123, -1.5, 9.2e9, 0.995, 0.99995,
                123456789012345680.0, 9007199254740993.0, 0.000123456789, 1.0000000000000002, 4.35, 0.0449, 0.045, 2e-3,
                -0.0005, 7e22, 1e23, 8.41e21, 5e-7, -7.25e-10));
        Random random = new Random(20260527);
        for (int i = 0; i < 60; i++) {
            double mantissa = 1 + random.nextInt(9999) / 1000.0;
            double v = mantissa * Math.pow(10, random.nextInt(61) - 30);
            values.add(random.nextBoolean() ? v : -v);
        }
        for (int i = 0; i < 20; i++) {
            values.add(Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL) % 1e12);
            values.add(random.nextInt(2_000_000) - 1_000_000 + 0.5);
            values.add((double) random.nextInt(400_000));
        }
        List<Map<String, String>> labelSets = List.of(
                Map.of("instance", "host-1.example.com:9100", "job", "node", "region", "eu-west-1"),
                Map.of("instance", "10.0.0.1:9100", "job", "a\"quote\" & <b>bold</b> 'x'", "n", "12345.678"),
                Map.of(),
                Map.of("instance", "[fe80::1]:8080", "job", "Üñí 日本 😀 tab\there", "n", "0.25"),
                Map.of("instance", "db.internal", "job", "new\nline \\ back", "n", "1e400"),
                Map.of("instance", "[::ffff:10.1.2.3]:443", "job", "node_exporter", "gpu_index", "0"),
                Map.of("instance", "i-0abc.ec2.internal:9100", "instance_id", "i-0abc", "job", "z=1&y=2 é"),
                Map.of("instance", "ünïcode.example:1", "job", "x", "weird",
                        "\u0001\u0007\u007f \u0085\u00a0\u00ad\u200b\u2028\ufeff\ud83d\ude00 \\ \" ' < > & = é ǅ"),
                Map.of("job", "node", "weird", "ﬁ ß ǆ ΣΑΣ ĳ-x_y.z 1a ünder"));
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Map<String, String> labels = new TreeMap<>(labelSets.get(i % labelSets.size()));
            labels.put("__name__", "m");
            labels.put("case", Integer.toString(i));
            cases.add(new Case(labels, values.get(i)));
        }
        return cases;
    }

    private static String series(Map<String, String> labels) {
        List<String> pairs = new ArrayList<>();
        labels.forEach((k, v) -> {
            if (!k.equals("__name__")) {
                pairs.add(k + "=" + GoText.quote(v));
            }
        });
        return labels.get("__name__") + "{" + String.join(",", pairs) + "}";
    }

    private static String seriesValue(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        } else if (Double.isInfinite(v)) {
            return v > 0 ? "Inf" : "-Inf";
        }
        return GoFloats.format(v, 'g', -1);
    }

    private static String flow(Map<String, String> map) {
        List<String> entries = new ArrayList<>();
        new TreeMap<>(map).forEach((k, v) -> entries.add(k + ": " + yaml(v)));
        return "{" + String.join(", ", entries) + "}";
    }

    /** A YAML double-quoted scalar: printable ASCII as is, everything else escaped by code point. */
    static String yaml(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                b.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                b.append((char) c);
            } else if (c < 0x100) {
                b.append(String.format("\\x%02x", c));
            } else if (c < 0x10000) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.append(String.format("\\U%08x", c));
            }
        });
        return b.append('"').toString();
    }
}
