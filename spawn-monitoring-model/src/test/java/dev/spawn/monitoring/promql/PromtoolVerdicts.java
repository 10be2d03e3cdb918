package dev.spawn.monitoring.promql;

import dev.spawn.monitoring.check.Tool;
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
 * Asks the real {@code promtool check rules} about many expressions at once: each becomes a recording
 * rule {@code r<i>} in one rule file (groups of {@value #GROUP_SIZE}), and promtool's per-rule error lines
 * ({@code group "g3", rule 17, "r1016": could not parse expression: 1:5: parse error: ...}) map back to
 * the expressions. One process for thousands of expressions keeps the differential fast.
 */
public final class PromtoolVerdicts {

    static final int GROUP_SIZE = 500;
    private static final Pattern ERROR_LINE = Pattern.compile("group \"g(\\d+)\", rule (\\d+), \"[A-Za-z_]*(\\d+)\": (.*)");
    private static final Pattern PARSE_ERROR = Pattern.compile("could not parse expression: (?:(\\d+:\\d+): parse error: )?(.*)");

    private PromtoolVerdicts() {
    }

    /** promtool's verdict on one expression: its first error and where (line:col), or accepted. */
    record Verdict(Optional<String> error, Optional<String> position) {
        boolean accepted() {
            return error.isEmpty();
        }
    }

    /** For each expression, promtool's verdict. */
    static List<Verdict> check(List<String> expressions, Path dir) {
        List<String> rules = new ArrayList<>();
        for (int i = 0; i < expressions.size(); i++) {
            rules.add("record: r" + i + "\n    expr: " + yamlQuote(expressions.get(i)));
        }
        Map<Integer, String> errors = new HashMap<>();
        Map<Integer, String> positions = new HashMap<>();
        ruleErrors(rules, dir.resolve("differential.rules.yml")).forEach((index, error) -> {
            Matcher parse = PARSE_ERROR.matcher(error);
            errors.put(index, parse.matches() ? parse.group(2) : error);
            if (parse.matches() && parse.group(1) != null) {
                positions.put(index, parse.group(1));
            }
        });
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < expressions.size(); i++) {
            verdicts.add(new Verdict(Optional.ofNullable(errors.get(i)), Optional.ofNullable(positions.get(i))));
        }
        return verdicts;
    }

    /**
     * Writes the rules (each a YAML mapping whose continuation lines are indented by four spaces, named with its
     * index as the last digits: {@code r17}, {@code A_17}) into one rule file in groups of {@value #GROUP_SIZE},
     * runs {@code promtool check rules} on it once, and returns each failing rule's error (the text after its name).
     */
    public static Map<Integer, String> ruleErrors(List<String> rules, Path file) {
        StringBuilder yaml = new StringBuilder("groups:\n");
        for (int i = 0; i < rules.size(); i++) {
            if (i % GROUP_SIZE == 0) {
                yaml.append("- name: g").append(i / GROUP_SIZE).append("\n  rules:\n");
            }
            yaml.append("  - ").append(rules.get(i)).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Tool.Result result = Tool.PROMTOOL.run(file.getParent(), 300, "check", "rules", file.getFileName().toString());
        Map<Integer, String> errors = new HashMap<>();
        for (String line : result.output().split("\n")) {
            Matcher m = ERROR_LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            int index = Integer.parseInt(m.group(3));
            if (Integer.parseInt(m.group(1)) * GROUP_SIZE + Integer.parseInt(m.group(2)) - 1 != index) {
                throw new IllegalStateException("promtool's group/rule numbers do not match rule " + index + ": " + line);
            }
            errors.put(index, m.group(4));
        }
        if (result.ok() != errors.isEmpty()) {
            throw new IllegalStateException("promtool's exit status does not match its error lines:\n" + result);
        }
        return errors;
    }

    /** A YAML double-quoted scalar holding exactly the string (every non-printable character escaped). */
    public static String yamlQuote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                b.append('\\').appendCodePoint(c);
            } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0xfeff || c == 0x2028 || c == 0x2029
                    || (c >= 0xd800 && c <= 0xdfff) || c == 0xfffe || c == 0xffff) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append('"').toString();
    }
}
