package dev.spawn.monitoring.check;

import dev.spawn.monitoring.promql.eval.Series;
import dev.spawn.monitoring.promql.eval.Unsupported;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code input_series} entry of a promtool test file read as promtool 2.42 loads it: the series' labels
 * ({@code metric{label="value"}}) and its values in the expanding notation ({@code 1+2x3 _x5 stale 7}), one value per
 * {@code interval} from time 0, {@code _} a slot without a sample. {@code a+bxn} gives the n + 1 values a, a+b, ...
 * added up one by one as promtool does (floating point sums, not a + i*b); {@code _xn} gives n empty slots. Forms this
 * reader does not know throw {@link Unsupported}; promtool is asked then.
 */
final class SeriesNotation {

    /** A number as the lexer scans it in a series: no hexadecimal there ({@code 0x10} is 0 repeated 10 times). */
    private static final String NUMBER = "(?:(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[iI][nN][fF]|[nN][aA][nN])";
    private static final Pattern ITEM = Pattern.compile("([+-]?" + NUMBER + ")(?:([+-]" + NUMBER + ")?x([0-9]+))?");
    private static final Pattern BLANK = Pattern.compile("_(?:x([0-9]+))?");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private SeriesNotation() {
    }

    /** The series {@code labels} with {@code values}, a sample every {@code intervalMillis} from time 0. */
    static Series parse(String labels, String values, long intervalMillis) {
        SortedMap<String, String> parsed = labels(labels);
        List<Double> expanded = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        long slot = 0;
        for (String item : values.strip().split(" +")) {
            if (item.isEmpty()) {
                continue;
            }
            Matcher blank = BLANK.matcher(item);
            if (blank.matches()) {
                slot += blank.group(1) == null ? 1 : count(blank.group(1));
                continue;
            }
            if (item.equals("stale")) {
                times.add(slot++ * intervalMillis);
                expanded.add(Series.STALE_NAN);
                continue;
            }
            Matcher m = ITEM.matcher(item);
            if (!m.matches()) {
                throw new Unsupported("series values '" + item + "'");
            }
            double value = number(m.group(1));
            if (m.group(3) == null) {
                times.add(slot++ * intervalMillis);
                expanded.add(value);
                continue;
            }
            double step = m.group(2) == null ? 0 : number(m.group(2));
            long n = count(m.group(3));
            for (long i = 0; i <= n; i++) {
                times.add(slot++ * intervalMillis);
                expanded.add(value);
                value += step;
            }
        }
        long[] t = new long[times.size()];
        double[] v = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = times.get(i);
            v[i] = expanded.get(i);
        }
        return new Series(parsed, t, v);
    }

    private static long count(String digits) {
        if (digits.length() > 7) {
            throw new Unsupported("a repetition of " + digits);
        }
        return Long.parseLong(digits);
    }

    /** A number as PromQL's lexer reads it: decimal, hexadecimal, {@code Inf}, {@code NaN}, with a sign. */
    static double number(String text) {
        boolean negative = text.startsWith("-");
        String body = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        double value;
        if (body.equalsIgnoreCase("inf")) {
            value = Double.POSITIVE_INFINITY;
        } else if (body.equalsIgnoreCase("nan")) {
            value = Double.NaN;
        } else if (body.startsWith("0x") || body.startsWith("0X")) {
            if (body.length() > 17) {
                throw new Unsupported("the number " + text);
            }
            value = Long.parseUnsignedLong(body.substring(2), 16);
        } else if (body.length() > 1 && body.charAt(0) == '0' && Character.isDigit(body.charAt(1))) {
            // Go reads a leading 0 as octal where it can
            throw new Unsupported("the number " + text);
        } else {
            value = Double.parseDouble(body);
        }
        return negative ? -value : value;
    }

    /** {@code name{a="x", b='y'}}: the labels, {@code __name__} among them; {@code {a="x"}} has none. */
    static SortedMap<String, String> labels(String text) {
        SortedMap<String, String> labels = new TreeMap<>();
        String s = text.strip();
        int i = 0;
        Matcher name = NAME.matcher(s);
        if (name.lookingAt()) {
            labels.put("__name__", name.group());
            i = name.end();
        }
        i = skipSpaces(s, i);
        if (i == s.length()) {
            return labels;
        }
        if (s.charAt(i) != '{') {
            throw new Unsupported("the series '" + text + "'");
        }
        i = skipSpaces(s, i + 1);
        while (i < s.length() && s.charAt(i) != '}') {
            Matcher label = LABEL.matcher(s).region(i, s.length());
            if (!label.lookingAt()) {
                throw new Unsupported("the series '" + text + "'");
            }
            i = skipSpaces(s, label.end());
            if (i >= s.length() || s.charAt(i) != '=') {
                throw new Unsupported("the series '" + text + "'");
            }
            i = skipSpaces(s, i + 1);
            int[] end = new int[1];
            String value = string(s, i, end);
            if (labels.put(label.group(), value) != null) {
                throw new Unsupported("a repeated label in '" + text + "'");
            }
            i = skipSpaces(s, end[0]);
            if (i < s.length() && s.charAt(i) == ',') {
                i = skipSpaces(s, i + 1);
            } else if (i >= s.length() || s.charAt(i) != '}') {
                throw new Unsupported("the series '" + text + "'");
            }
        }
        if (i != s.length() - 1) {
            throw new Unsupported("the series '" + text + "'");
        }
        if (labels.values().stream().anyMatch(String::isEmpty)) {
            // an empty value means no such label to Prometheus; keep it simple and ask promtool
            throw new Unsupported("an empty label value in '" + text + "'");
        }
        return labels;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** A quoted string at {@code start} ({@code "..."} with Go's common escapes, {@code '...'}, {@code `...`}). */
    private static String string(String s, int start, int[] end) {
        if (start >= s.length()) {
            throw new Unsupported("a label value in '" + s + "'");
        }
        char quote = s.charAt(start);
        if (quote != '"' && quote != '\'' && quote != '`') {
            throw new Unsupported("a label value in '" + s + "'");
        }
        StringBuilder out = new StringBuilder();
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == quote) {
                end[0] = i + 1;
                return out.toString();
            }
            if (c == '\\' && quote != '`') {
                if (i + 1 >= s.length()) {
                    break;
                }
                char e = s.charAt(i + 1);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case '\\' -> out.append('\\');
                    case '"' -> out.append('"');
                    case '\'' -> out.append('\'');
                    default -> throw new Unsupported("the escape \\" + e + " in '" + s + "'");
                }
                i += 2;
                continue;
            }
            out.append(c);
            i++;
        }
        throw new Unsupported("an unterminated label value in '" + s + "'");
    }
}
