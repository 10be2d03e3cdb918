package dev.spawn.monitoring.rules;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.decl.Internal;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small calculator behind {@code [[#calc]]threshold * 1.01[[/calc]]} in rule definitions:
 * numbers, durations ({@code 5m}, {@code 1h30m}), parameter names, {@code + - * /}, parentheses,
 * {@code floor(x)}, {@code ceil(x)}, {@code min(x, y)} and {@code max(x, y)}. A numeric parameter stands
 * for its value; a duration, written or a parameter's, for its length in seconds.
 * Results are printed as plain decimals rounded to 12 significant digits, so that
 * {@code 5 * 1.01} gives {@code 5.05} rather than binary noise.
 */
@Internal
public final class Arithmetic {

    /** A Prometheus duration literal inside an expression, not followed by more of a name. */
    private static final Pattern DURATION = Pattern.compile("(?:\\d+(?:ms|[ywdhms]))+(?![A-Za-z0-9_.])");

    private final String text;
    private final Function<String, Double> names;
    private int pos;

    private Arithmetic(String text, Function<String, Double> names) {
        this.text = text;
        this.names = names;
    }

    /** Evaluates {@code text}; {@code names} gives each name's value or null when it is unknown. */
    static double evaluate(String text, Function<String, Double> names) {
        Arithmetic parser = new Arithmetic(text, names);
        double value = parser.sum();
        parser.skipSpaces();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected '" + text.charAt(parser.pos) + "'");
        }
        return value;
    }

    static double evaluate(String text, Map<String, Double> names) {
        return evaluate(text, names::get);
    }

    /** A number as a plain decimal: {@code 10}, {@code 0.2}, {@code 104857600}; never {@code 1.0E8}. */
    public static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(new MathContext(12)).stripTrailingZeros().toPlainString();
    }

    private double sum() {
        double value = product();
        while (true) {
            if (accept('+')) {
                value += product();
            } else if (accept('-')) {
                value -= product();
            } else {
                return value;
            }
        }
    }

    private double product() {
        double value = unary();
        while (true) {
            if (accept('*')) {
                value *= unary();
            } else if (accept('/')) {
                double divisor = unary();
                if (divisor == 0) {
                    throw error("division by zero");
                }
                value /= divisor;
            } else {
                return value;
            }
        }
    }

    private double unary() {
        if (accept('-')) {
            return -unary();
        }
        if (accept('(')) {
            double value = sum();
            expect(')');
            return value;
        }
        skipSpaces();
        int start = pos;
        Matcher duration = DURATION.matcher(text).region(pos, text.length());
        if (duration.lookingAt()) {
            pos = duration.end();
            return Duration.parse(duration.group()).millis() / 1000.0;
        }
        if (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                    || text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                pos++;
            }
            try {
                return Double.parseDouble(text.substring(start, pos));
            } catch (NumberFormatException e) {
                throw error("'" + text.substring(start, pos) + "' is not a number");
            }
        }
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        String name = text.substring(start, pos);
        if (name.isEmpty()) {
            throw error(pos < text.length() ? "unexpected '" + text.charAt(pos) + "'" : "unexpected end");
        }
        if (name.equals("floor") || name.equals("ceil")) {
            expect('(');
            double argument = sum();
            expect(')');
            return name.equals("floor") ? Math.floor(argument) : Math.ceil(argument);
        }
        if (name.equals("min") || name.equals("max")) {
            expect('(');
            double first = sum();
            expect(',');
            double second = sum();
            expect(')');
            return name.equals("min") ? Math.min(first, second) : Math.max(first, second);
        }
        Double value = names.apply(name);
        if (value == null) {
            throw error("unknown name '" + name + "'");
        }
        return value;
    }

    private boolean accept(char c) {
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException("in [[#calc]]" + text + "[[/calc]] at character " + (pos + 1) + ": " + message);
    }
}
