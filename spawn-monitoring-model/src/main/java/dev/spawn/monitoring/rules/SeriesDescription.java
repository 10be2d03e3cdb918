package dev.spawn.monitoring.rules;

import dev.spawn.monitoring.model.decl.Internal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The input series of a promtool test case, checked as promtool 2.42 reads them ({@code promql/parser}: the series
 * description grammar and its lexer), so that a mistake is reported at the spec's line rather than by promtool
 * after the bundle was rendered. It refuses what promtool refuses (held to promtool by {@code SeriesDescriptionPromtoolTest}),
 * and one thing more: text after the series ({@code up 1 2}), which promtool would read as values given in the wrong field.
 */
@Internal
public final class SeriesDescription {

    /** An unsigned number as the lexer scans it in a series (no hexadecimal there): 12, 1.5, .5, 3., 1e3, 2.5E-2. */
    private static final String UNSIGNED = "(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?";
    /**
     * One item: a value, a value repeated ({@code 1x5}) or stepped ({@code 1+2x5}). {@code Inf} and {@code NaN} are
     * words to the lexer, so {@code Infx5} is one unknown word, while {@code Inf+1x5} reads as Inf stepped by 1.
     */
    private static final Pattern VALUE = Pattern.compile("([+-]?(?:" + UNSIGNED + "|(?i:inf|nan)))(?:([+-]" + UNSIGNED + ")?x([0-9]+))?");
    private static final Pattern SPECIAL = Pattern.compile("[+-]?(?i:inf|nan)");
    private static final Pattern BLANK = Pattern.compile("_(?:x([0-9]+))?");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final BigInteger MAX_UINT = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** What is expected of values, for messages. */
    public static final String VALUES_EXPECTED = "space-separated numbers, each optionally repeated (1x5) or stepped "
            + "(0+10x5, 100-1x5), _ or _x3 for missing samples, stale for a stale marker";

    /** What is expected of a series, for messages. */
    public static final String SERIES_EXPECTED = "a metric name and labels as name=\"value\" in braces, "
            + "e.g. spawn_cpu_usage_percent{instance_id=\"i-1\"}";

    private SeriesDescription() {
    }

    /** What promtool would refuse in {@code values}, or empty when it reads them. */
    public static Optional<String> valuesProblem(String values) {
        for (String item : values.split("[ \t\n\r]+")) {
            if (item.isEmpty()) {
                continue;
            }
            Optional<String> problem = itemProblem(item);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> itemProblem(String item) {
        Matcher blank = BLANK.matcher(item);
        if (blank.matches()) {
            return blank.group(1) == null ? Optional.empty() : countProblem(item, blank.group(1));
        }
        if (item.equals("stale")) {
            return Optional.empty();
        }
        Matcher value = VALUE.matcher(item);
        if (!value.matches() || SPECIAL.matcher(value.group(1)).matches() && value.group(3) != null && value.group(2) == null) {
            return Optional.of("'" + item + "' is not a number, _ or stale"
                    + (item.matches("(?i)[+-]?(inf|nan)x.*") ? " (Inf and NaN are words: Infx3 is one, Inf+0x3 repeats Inf)" : ""));
        }
        for (int g = 1; g <= 2; g++) {
            String number = value.group(g);
            if (number != null && !SPECIAL.matcher(number).matches() && Double.isInfinite(Double.parseDouble(number))) {
                return Optional.of("'" + number + "'" + (number.equals(item) ? "" : " in '" + item + "'") + " is too large for a 64-bit float");
            }
        }
        return value.group(3) == null ? Optional.empty() : countProblem(item, value.group(3));
    }

    private static Optional<String> countProblem(String item, String count) {
        return new BigInteger(count).compareTo(MAX_UINT) > 0
                ? Optional.of("the repetition " + count + " in '" + item + "' is too large") : Optional.empty();
    }

    /**
     * What promtool would refuse in {@code series}: {@code name}, {@code name{a="x", b='y'}} or {@code {a="x"}}, labels
     * given with {@code =} only; or empty when it reads it.
     */
    public static Optional<String> seriesProblem(String series) {
        String s = series.strip();
        if (s.isEmpty()) {
            return Optional.of("the series is empty");
        }
        int i = 0;
        Matcher name = NAME.matcher(s);
        if (name.lookingAt()) {
            i = name.end();
        }
        if (i > 0 && i < s.length() && skipSpaces(s, i) > i && skipSpaces(s, i) < s.length() && s.charAt(skipSpaces(s, i)) == '{') {
            return Optional.of("a space between the metric name and '{'; the labels follow the name directly");
        }
        if (i == s.length()) {
            return Optional.empty();
        }
        if (i == 0 && s.matches("\\{[ \t\n\r]*}")) {
            return Optional.of("no metric name and no label");
        }
        if (s.charAt(i) != '{') {
            return Optional.of("unexpected '" + s.charAt(i) + "' at character " + (i + 1) + (i == 0 ? "; the series must start with a metric name or '{'" : " after the metric name; labels go in braces"));
        }
        i = skipSpaces(s, i + 1);
        while (i < s.length() && s.charAt(i) != '}') {
            Matcher label = LABEL.matcher(s).region(i, s.length());
            if (!label.lookingAt()) {
                return Optional.of("expected a label name at character " + (i + 1));
            }
            i = skipSpaces(s, label.end());
            if (i >= s.length() || s.charAt(i) != '=' || (i + 1 < s.length() && s.charAt(i + 1) == '~')) {
                return Optional.of("expected '=' after label " + label.group() + " (a series has label values, not matchers)");
            }
            i = skipSpaces(s, i + 1);
            int end = stringEnd(s, i);
            if (end < 0) {
                return Optional.of("the value of label " + label.group() + " is not a quoted string, or is not closed");
            }
            Optional<String> escape = escapeProblem(s, i, end);
            if (escape.isPresent()) {
                return Optional.of(escape.get() + " in the value of label " + label.group());
            }
            i = skipSpaces(s, end);
            if (i < s.length() && s.charAt(i) == ',') {
                i = skipSpaces(s, i + 1);
            } else if (i >= s.length() || s.charAt(i) != '}') {
                return Optional.of("expected ',' or '}' after the value of label " + label.group());
            }
        }
        if (i >= s.length()) {
            return Optional.of("the braces are not closed");
        }
        if (i != s.length() - 1) {
            return Optional.of("unexpected text after '}': '" + s.substring(i + 1).strip() + "'");
        }
        return Optional.empty();
    }

    /**
     * An escape the lexer refuses in the quoted string {@code s[start, end)}: after a backslash it takes a, b, f, n, r,
     * t, v, a backslash, the string's own quote, three octal digits, x and two hex digits, u and four, U and eight.
     */
    private static Optional<String> escapeProblem(String s, int start, int end) {
        char quote = s.charAt(start);
        if (quote == '`') {
            return Optional.empty();
        }
        for (int i = start + 1; i < end - 1; i++) {
            if (s.charAt(i) != '\\') {
                continue;
            }
            char c = s.charAt(i + 1);
            int digits;
            String allowed;
            if ("abfnrtv\\".indexOf(c) >= 0 || c == quote) {
                i++;
                continue;
            } else if (c >= '0' && c <= '7') {
                digits = 3;
                allowed = "01234567";
                i--;
            } else if (c == 'x') {
                digits = 2;
                allowed = "0123456789abcdefABCDEF";
            } else if (c == 'u') {
                digits = 4;
                allowed = "0123456789abcdefABCDEF";
            } else if (c == 'U') {
                digits = 8;
                allowed = "0123456789abcdefABCDEF";
            } else {
                return Optional.of("unknown escape '\\" + c + "'");
            }
            for (int d = 0; d < digits; d++) {
                int at = i + 2 + d;
                if (at >= end - 1 || allowed.indexOf(s.charAt(at)) < 0) {
                    return Optional.of("a short escape at '\\" + c + "'");
                }
            }
            i += 1 + digits;
        }
        return Optional.empty();
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && " \t\n\r".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    /** Where the quoted string at {@code start} ends (after its closing quote), or -1 when there is none. */
    private static int stringEnd(String s, int start) {
        if (start >= s.length()) {
            return -1;
        }
        char quote = s.charAt(start);
        if (quote != '"' && quote != '\'' && quote != '`') {
            return -1;
        }
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == quote) {
                return i + 1;
            }
            if (quote != '`' && c == '\n') {
                return -1;
            }
            if (quote != '`' && c == '\\') {
                i++;
            }
        }
        return -1;
    }
}
