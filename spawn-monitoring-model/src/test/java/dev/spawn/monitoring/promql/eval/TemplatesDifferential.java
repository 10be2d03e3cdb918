package dev.spawn.monitoring.promql.eval;

import dev.spawn.monitoring.check.Tool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link Templates#expand} against the real {@code promtool test rules}, in one promtool process. Each {@link Suite}
 * is a test group of its own (its external labels and URL, its series {@code <metric>{case="<i>",...}}, one per
 * {@link Case}); each of its templates is the annotation {@code a} and the label {@code t} of one alerting rule over
 * those series, and Java's expansions are the expected alerts, so promtool passes a rule only when Prometheus'
 * expansions are byte-identical. The pairs Java refuses ({@link Unsupported}) are left out of that rule and given to
 * a second rule ({@code E<name>}) with an empty expectation, which makes promtool print what Prometheus wrote: an
 * {@code <error expanding template: ...>} confirms the refusal, a text is a gap (refused where Prometheus expands).
 */
public final class TemplatesDifferential {

    private static final Pattern ANNOTATION = Pattern.compile("Annotations:\\{a=\"((?:[^\"\\\\]|\\\\.)*)\"}");

    /** One series: its labels (the runner adds {@code __name__} and {@code case}) and value. */
    public record Case(Map<String, String> labels, double value) {
    }

    /** A test group: rules named {@code <prefix><i>} over series named {@code metric}. */
    public record Suite(String prefix, String metric, Map<String, String> externalLabels, String externalUrl,
            List<String> templates, List<Case> cases) {
    }

    /**
     * What the run found: alerts compared, pairs refused, of those the ones Prometheus fails on, the gaps
     * ({@code template -> Prometheus' text}), and the expansions that differ ({@code failed}, empty when all agree).
     */
    public record Report(int alerts, int refused, int errorsConfirmed, List<String> gaps, List<String> failed,
            long promtoolMillis, Path dir, String output) {

        public String failure() {
            return "promtool test rules in " + dir + "; expansions that differ:\n" + String.join("\n", failed)
                    + "\npromtool's output begins:\n" + output.substring(0, Math.min(output.length(), 1_500));
        }

        /** One gap per template, the first seen. */
        public List<String> gapsByTemplate() {
            Map<String, String> first = new TreeMap<>();
            gaps.forEach(g -> first.putIfAbsent(g.substring(0, g.indexOf(" -> ")), g));
            return List.copyOf(first.values());
        }
    }

    private TemplatesDifferential() {
    }

    public static Report run(List<Suite> suites) throws IOException {
        StringBuilder rules = new StringBuilder("groups:\n  - name: templates\n    rules:\n");
        StringBuilder test = new StringBuilder("rule_files: [rules.yml]\nevaluation_interval: 1m\ntests:\n");
        Map<String, String> templateOf = new LinkedHashMap<>();
        int alerts = 0;
        int refused = 0;
        int refusalRules = 0;
        for (Suite suite : suites) {
            test.append("  - interval: 1m\n");
            if (!suite.externalUrl().isEmpty()) {
                test.append("    external_url: ").append(yaml(suite.externalUrl())).append('\n');
            }
            if (!suite.externalLabels().isEmpty()) {
                test.append("    external_labels: ").append(flow(suite.externalLabels())).append('\n');
            }
            test.append("    input_series:\n");
            List<Map<String, String>> labelSets = new ArrayList<>();
            for (int i = 0; i < suite.cases().size(); i++) {
                Map<String, String> labels = new TreeMap<>(suite.cases().get(i).labels());
                labels.put("case", Integer.toString(i));
                test.append("      - series: ").append(yaml(series(suite.metric(), labels))).append('\n');
                test.append("        values: ").append(yaml(seriesValue(suite.cases().get(i).value()))).append('\n');
                labels.put("__name__", suite.metric());
                labelSets.add(labels);
            }
            test.append("    alert_rule_test:\n");
            for (int t = 0; t < suite.templates().size(); t++) {
                String template = suite.templates().get(t);
                String name = suite.prefix() + t;
                templateOf.put(name, template);
                List<String> excluded = new ArrayList<>();
                StringBuilder expected = new StringBuilder();
                for (int i = 0; i < suite.cases().size(); i++) {
                    String expansion;
                    try {
                        expansion = Templates.expand(template, labelSets.get(i), suite.cases().get(i).value(),
                                suite.externalLabels(), suite.externalUrl());
                    } catch (Unsupported e) {
                        excluded.add(Integer.toString(i));
                        continue;
                    }
                    Map<String, String> labels = new TreeMap<>(labelSets.get(i));
                    labels.remove("__name__");
                    if (!expansion.isEmpty()) {
                        labels.put("t", expansion);
                    }
                    expected.append("          - exp_labels: ").append(flow(labels)).append('\n');
                    expected.append("            exp_annotations: ").append(flow(Map.of("a", expansion))).append('\n');
                    alerts++;
                }
                if (excluded.size() < suite.cases().size()) {
                    String expr = excluded.isEmpty() ? suite.metric()
                            : suite.metric() + "{case!~\"" + String.join("|", excluded) + "\"}";
                    rule(rules, name, expr, template);
                    test.append("      - eval_time: 0s\n        alertname: ").append(name).append("\n        exp_alerts:\n");
                    test.append(expected);
                }
                if (!excluded.isEmpty()) {
                    rule(rules, "E" + name, suite.metric() + "{case=~\"" + String.join("|", excluded) + "\"}", template);
                    test.append("      - eval_time: 0s\n        alertname: E").append(name).append("\n        exp_alerts: []\n");
                    refused += excluded.size();
                    refusalRules++;
                }
            }
        }
        Path dir = Files.createTempDirectory("templates-promtool");
        Files.writeString(dir.resolve("rules.yml"), rules, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("t.yml"), test, StandardCharsets.UTF_8);
        long start = System.nanoTime();
        Tool.Result result = Tool.PROMTOOL.run(dir, 300, "test", "rules", "t.yml");
        long millis = (System.nanoTime() - start) / 1_000_000;
        List<String> failed = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        int errors = read(result.output(), templateOf, refusalRules, failed, gaps);
        if (result.exitCode() != 0 && !result.output().contains("alertname: ")) {
            failed.add("promtool failed without comparing alerts");
        }
        if (failed.isEmpty()) {
            // kept for reading only when something differs
            Files.delete(dir.resolve("rules.yml"));
            Files.delete(dir.resolve("t.yml"));
            Files.delete(dir);
        }
        return new Report(alerts, refused, errors, gaps, failed, millis, dir, result.output());
    }

    /**
     * Reads promtool's failures: a rule failing is an expansion Java got wrong (added to {@code failed} with the first
     * differing annotations); an E rule lists what Prometheus wrote for the refused pairs: an error (counted) or a
     * text (a gap). Every E rule must fail.
     */
    private static int read(String output, Map<String, String> templateOf, int refusalRules, List<String> failed,
            List<String> gaps) {
        int errors = 0;
        int refusalBlocks = 0;
        String[] blocks = output.split("alertname: ");
        for (int i = 1; i < blocks.length; i++) {
            String block = blocks[i];
            String name = block.substring(0, block.indexOf(','));
            boolean refusal = !templateOf.containsKey(name);
            String template = templateOf.get(refusal ? name.substring(1) : name);
            int got = block.indexOf("got:");
            List<String> exp = annotations(block.substring(0, got));
            List<String> actual = annotations(block.substring(got));
            if (refusal) {
                refusalBlocks++;
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
        if (refusalBlocks != refusalRules) {
            failed.add("promtool reported " + refusalBlocks + " of the " + refusalRules + " rules of refused pairs");
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

    private static void rule(StringBuilder rules, String name, String expr, String template) {
        rules.append("      - alert: ").append(name).append("\n        expr: ").append(yaml(expr)).append('\n');
        rules.append("        labels: ").append(flow(Map.of("t", template))).append('\n');
        rules.append("        annotations: ").append(flow(Map.of("a", template))).append('\n');
    }

    private static String series(String metric, Map<String, String> labels) {
        List<String> pairs = new ArrayList<>();
        labels.forEach((k, v) -> pairs.add(k + "=" + GoText.quote(v)));
        return metric + "{" + String.join(",", pairs) + "}";
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
    private static String yaml(String s) {
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
