package dev.spawn.monitoring.promql.eval;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/** Go's number and string formatting where Prometheus' output depends on it (strconv, fmt). */
final class GoFormat {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    private GoFormat() {
    }

    /** The shortest decimal digits that read back as {@code v} (what Go's -1 precision picks). */
    private static BigDecimal shortest(double v) {
        BigDecimal exact = new BigDecimal(v);
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == v) {
                return r;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }

    /** NaN, the infinities and the zeros as Go writes them in every format; null for other numbers. */
    private static String special(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        return null;
    }

    /** {@code strconv.FormatFloat(v, 'f', -1, 64)}. */
    static String formatF(double v) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        return shortest(v).stripTrailingZeros().toPlainString();
    }

    /** {@code fmt.Sprintf("%v", v)} for a float64: {@code %g} with the shortest digits. */
    static String formatV(double v) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        BigDecimal d = shortest(v).stripTrailingZeros();
        String digits = d.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - d.scale();
        int eprec = 6; // strconv's 'g' with the shortest digits
        if (exp < -4 || exp >= eprec) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String e = String.format(Locale.ROOT, "%s%02d", exp < 0 ? "-" : "+", Math.abs(exp));
            return (v < 0 ? "-" : "") + mantissa + "e" + e;
        }
        return d.toPlainString();
    }

    /** {@code strconv.ParseFloat(s, 64)}, or empty where Go returns an error. Hex floats and underscores are refused. */
    static OptionalDouble parseFloat(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        String body = t.startsWith("+") || t.startsWith("-") ? t.substring(1) : t;
        double sign = t.startsWith("-") ? -1 : 1;
        if (body.equals("inf") || body.equals("infinity")) {
            return OptionalDouble.of(sign * Double.POSITIVE_INFINITY);
        }
        if (body.equals("nan")) {
            return OptionalDouble.of(Double.NaN);
        }
        if (body.startsWith("0x") || body.contains("_")) {
            throw new Unsupported("a hexadecimal or underscored number in a label: " + s);
        }
        if (!DECIMAL.matcher(s).matches()) {
            return OptionalDouble.empty();
        }
        double d = Double.parseDouble(s);
        if (Double.isInfinite(d)) {
            return OptionalDouble.empty(); // out of range: Go's ErrRange
        }
        return OptionalDouble.of(d);
    }

    /** Go's {@code strconv.Quote} for the printable text labels hold (other runes escaped as Go does for ASCII). */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                case 7 -> b.append("\\a");
                case 8 -> b.append("\\b");
                case 12 -> b.append("\\f");
                case 11 -> b.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format(Locale.ROOT, "\\x%02x", c));
                    } else if (c >= 0x80 && !Character.isLetterOrDigit(c) && Character.getType(c) != Character.SPACE_SEPARATOR
                            && (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                                    || Character.getType(c) == Character.UNASSIGNED || Character.getType(c) == Character.SURROGATE)) {
                        b.append(c <= 0xffff ? String.format(Locale.ROOT, "\\u%04x", c) : String.format(Locale.ROOT, "\\U%08x", c));
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
