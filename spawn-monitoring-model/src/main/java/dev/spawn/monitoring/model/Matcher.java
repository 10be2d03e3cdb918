package dev.spawn.monitoring.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One Alertmanager label matcher in the {@code matchers:} syntax: {@code severity="critical"},
 * {@code region=~"us-.*"}, {@code env!="dev"}, {@code team!~"a|b"}.
 */
public record Matcher(String name, Op op, String value) {

    public enum Op {
        EQ("="), NE("!="), RE("=~"), NRE("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    private static final Pattern SYNTAX = Pattern.compile(
            "^\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\"\\s]*))\\s*$");

    public Matcher {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
        if (name == null || !LabelName.isLegalIncludingReserved(name)) {
            throw new IllegalArgumentException(LabelName.describeIllegal(name, "matcher"));
        }
        if (op == Op.RE || op == Op.NRE) {
            Re2.compileAnchored(value, "the regular expression of matcher " + name + op.symbol);
        }
    }

    public static Matcher eq(String name, String value) {
        return new Matcher(name, Op.EQ, value);
    }

    public static Matcher ne(String name, String value) {
        return new Matcher(name, Op.NE, value);
    }

    public static Matcher regex(String name, String value) {
        return new Matcher(name, Op.RE, value);
    }

    /** Parses {@code name="value"} (quotes optional for simple values). */
    public static Matcher parse(String text) {
        java.util.regex.Matcher m = SYNTAX.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a matcher; expected name=\"value\", name!=\"value\","
                    + " name=~\"regex\" or name!~\"regex\"");
        }
        String value = m.group(3) != null ? m.group(3).replace("\\\"", "\"").replace("\\\\", "\\") : m.group(4);
        return new Matcher(m.group(1), switch (m.group(2)) {
            case "=" -> Op.EQ;
            case "!=" -> Op.NE;
            case "=~" -> Op.RE;
            default -> Op.NRE;
        }, value);
    }

    /** Whether a label set matches, as Alertmanager decides it: a missing label is the empty string, regexes are anchored. */
    public boolean matches(java.util.Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        return switch (op) {
            case EQ -> actual.equals(value);
            case NE -> !actual.equals(value);
            case RE -> Re2.compileAnchored(value, "matcher").matcher(actual).matches();
            case NRE -> !Re2.compileAnchored(value, "matcher").matcher(actual).matches();
        };
    }

    /** The form Alertmanager's {@code matchers:} lists take. */
    @Override
    public String toString() {
        return name + op.symbol + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
