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
    private static final Pattern ERROR_LINE = Pattern.compile("group \"g(\\d+)\", rule (\\d+), \"r(\\d+)\": (.*)");
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
        StringBuilder yaml = new StringBuilder("groups:\n");
        for (int i = 0; i < expressions.size(); i++) {
            if (i % GROUP_SIZE == 0) {
                yaml.append("- name: g").append(i / GROUP_SIZE).append("\n  rules:\n");
            }
            yaml.append("  - record: r").append(i).append("\n    expr: ").append(yamlQuote(expressions.get(i))).append('\n');
        }
        Path file = dir.resolve("differential.rules.yml");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Tool.Result result = Tool.PROMTOOL.run(dir, 300, "check", "rules", file.getFileName().toString());
        Map<Integer, String> errors = new HashMap<>();
        Map<Integer, String> positions = new HashMap<>();
        for (String line : result.output().split("\n")) {
            Matcher m = ERROR_LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            int group = Integer.parseInt(m.group(1));
            int rule = Integer.parseInt(m.group(2));
            int index = Integer.parseInt(m.group(3));
            if (group * GROUP_SIZE + rule - 1 != index) {
                throw new IllegalStateException("promtool's group/rule numbers do not match rule r" + index + ": " + line);
            }
            Matcher parse = PARSE_ERROR.matcher(m.group(4));
            errors.put(index, parse.matches() ? parse.group(2) : m.group(4));
            if (parse.matches() && parse.group(1) != null) {
                positions.put(index, parse.group(1));
            }
        }
        if (result.ok() != errors.isEmpty()) {
            throw new IllegalStateException("promtool's exit status does not match its error lines:\n" + result);
        }
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < expressions.size(); i++) {
            verdicts.add(new Verdict(Optional.ofNullable(errors.get(i)), Optional.ofNullable(positions.get(i))));
        }
        return verdicts;
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
