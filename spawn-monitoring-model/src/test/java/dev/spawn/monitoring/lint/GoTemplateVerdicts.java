package dev.spawn.monitoring.lint;

import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.promql.PromtoolVerdicts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks the real {@code promtool check rules} about many templates at once: each becomes the one annotation
 * {@code t} of alert {@code A_<i>} in one rule file (groups of {@value #GROUP_SIZE}), and promtool's error lines
 * ({@code group "g0", rule 3, "A_2": annotation "t": template: __alert_A_2:1: unexpected {{end}}}) map back to
 * the templates. One process for thousands of templates keeps the differential fast.
 */
final class GoTemplateVerdicts {

    static final int GROUP_SIZE = 500;
    private static final Pattern ERROR_LINE = Pattern.compile(
            "group \"g(\\d+)\", rule (\\d+), \"A_(\\d+)\": annotation \"t\": template: __alert_A_\\d+:(\\d+): (.*)");
    private static final Pattern STARTED_AT = Pattern.compile("(?: in action)? started at __alert_A_\\d+:\\d+$");

    private GoTemplateVerdicts() {
    }

    /** promtool's verdict on one template: Go's message (without its name:line prefix and "started at" suffix) and line. */
    record Verdict(Optional<String> error, int line) {
        boolean accepted() {
            return error.isEmpty();
        }
    }

    static List<Verdict> check(List<String> templates, Path dir) {
        StringBuilder yaml = new StringBuilder("groups:\n");
        for (int i = 0; i < templates.size(); i++) {
            if (i % GROUP_SIZE == 0) {
                yaml.append("- name: g").append(i / GROUP_SIZE).append("\n  rules:\n");
            }
            yaml.append("  - alert: A_").append(i).append("\n    expr: vector(1)\n    annotations:\n      t: ")
                    .append(PromtoolVerdicts.yamlQuote(templates.get(i))).append('\n');
        }
        Path file = dir.resolve("templates.rules.yml");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Tool.Result result = Tool.PROMTOOL.run(dir, 300, "check", "rules", file.getFileName().toString());
        Map<Integer, String> errors = new HashMap<>();
        Map<Integer, Integer> lines = new HashMap<>();
        for (String line : result.output().split("\n")) {
            Matcher m = ERROR_LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            int index = Integer.parseInt(m.group(3));
            if (Integer.parseInt(m.group(1)) * GROUP_SIZE + Integer.parseInt(m.group(2)) - 1 != index) {
                throw new IllegalStateException("promtool's group/rule numbers do not match alert A_" + index + ": " + line);
            }
            errors.put(index, STARTED_AT.matcher(m.group(5)).replaceFirst(""));
            lines.put(index, Integer.parseInt(m.group(4)));
        }
        if (result.ok() != errors.isEmpty()) {
            throw new IllegalStateException("promtool's exit status does not match its error lines:\n" + result);
        }
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < templates.size(); i++) {
            verdicts.add(new Verdict(Optional.ofNullable(errors.get(i)), lines.getOrDefault(i, 0)));
        }
        return verdicts;
    }
}
