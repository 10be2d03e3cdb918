package dev.spawn.monitoring.promql.eval;

import java.math.BigInteger;

/**
 * Go 1.19's literals as text/template reads them: numbers (strconv.ParseInt and ParseUint with base 0, ParseFloat;
 * parse.newNumber's choice between int and float64) and the escapes of string and character literals
 * (strconv.UnquoteChar). A literal Go rejects is a parse error ({@link Unsupported}); complex numbers
 * and string escapes that make bytes outside ASCII are not modelled (also {@link Unsupported}).
 */
final class GoNumbers {

    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private GoNumbers() {
    }

    /** The value an interface{} parameter gets for a number token: int (Long) or float64 (Double). */
    static Object number(String text) {
        if (text.endsWith("i")) {
            throw new Unsupported("complex number " + text + " in a template");
        }
        BigInteger integer = integer(text);
        if (integer != null) {
            if (integer.bitLength() < 64) {
                return integer.longValue();
            }
            throw new Unsupported(text + " overflows int (an execution error in Prometheus, or a parse error)");
        }
        Double f = parseFloat(text);
        if (f == null) {
            throw TemplateParser.parseError("illegal number syntax: " + text);
        }
        if (text.chars().noneMatch(c -> ".eEpP".indexOf(c) >= 0)) {
            throw TemplateParser.parseError("integer overflow: " + text);
        }
        return f;
    }

    /** strconv.ParseInt(text, 0, 64) or ParseUint: the value, or null when it is no integer literal. */
    private static BigInteger integer(String text) {
        String s = text;
        boolean negative = false;
        if (s.startsWith("+") || s.startsWith("-")) {
            negative = s.startsWith("-");
            s = s.substring(1);
        }
        if (s.isEmpty() || !underscoreOk(s)) {
            return null;
        }
        int base = 10;
        String digits = s;
        if (s.length() >= 2 && s.charAt(0) == '0') {
            switch (Character.toLowerCase(s.charAt(1))) {
                case 'x' -> base = 16;
                case 'o' -> base = 8;
                case 'b' -> base = 2;
                default -> base = 0;
            }
            digits = base == 0 ? s.substring(1) : s.substring(2);
            if (base == 0) {
                base = 8;
            }
        }
        digits = digits.replace("_", "");
        if (digits.isEmpty()) {
            return null;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), base) < 0 || digits.charAt(i) > 127) {
                return null;
            }
        }
        BigInteger v = new BigInteger(digits, base);
        if (negative) {
            v = v.negate();
        }
        if (v.compareTo(MAX_UINT64) > 0 || v.compareTo(BigInteger.valueOf(Long.MIN_VALUE)) < 0) {
            return null;
        }
        return v;
    }

    /**
     * strconv.ParseFloat for decimal and hexadecimal float syntax (underscores between digits allowed), or null when
     * Go fails (a syntax error, or out of range); not the words inf, infinity and nan.
     */
    static Double parseFloat(String text) {
        String s = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
        String plain = s.replace("_", "");
        boolean hex = plain.matches("0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?[0-9]+");
        if (!underscoreOk(s) || !(hex || plain.matches("([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?"))) {
            return null;
        }
        double v = Double.parseDouble(text.replace("_", ""));
        return Double.isInfinite(v) ? null : v;
    }

    /** strconv's underscoreOK: underscores only between digits or between a base prefix and a digit. */
    private static boolean underscoreOk(String s) {
        char saw = '^';
        int i = 0;
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0' && "bBoOxX".indexOf(s.charAt(1)) >= 0) {
            i = 2;
            saw = '0';
            hex = s.charAt(1) == 'x' || s.charAt(1) == 'X';
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= '0' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))) {
                saw = '0';
                continue;
            }
            if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
                continue;
            }
            if (saw == '_') {
                return false;
            }
            saw = '!';
        }
        return saw != '_';
    }

    /**
     * strconv.UnquoteChar of the escape or character at s[i] inside a literal quoted with {@code quote}: the code
     * point in [0] and the index after it in [1]. {@code \x} and octal escapes give bytes: above 0x7f only in a
     * character constant.
     */
    static int[] unquoteChar(String s, int i, char quote) {
        if (i >= s.length()) {
            throw TemplateParser.parseError("unterminated literal");
        }
        int c = s.codePointAt(i);
        if (c == quote && (quote == '\'' || quote == '"')) {
            throw TemplateParser.parseError("invalid syntax");
        }
        if (c != '\\') {
            return new int[] {c, i + Character.charCount(c)};
        }
        if (i + 1 >= s.length()) {
            throw TemplateParser.parseError("invalid syntax");
        }
        char e = s.charAt(i + 1);
        int at = i + 2;
        return switch (e) {
            case 'a' -> new int[] {7, at};
            case 'b' -> new int[] {'\b', at};
            case 'f' -> new int[] {'\f', at};
            case 'n' -> new int[] {'\n', at};
            case 'r' -> new int[] {'\r', at};
            case 't' -> new int[] {'\t', at};
            case 'v' -> new int[] {0x0b, at};
            case '\\' -> new int[] {'\\', at};
            case '\'', '"' -> {
                if (e != quote) {
                    throw TemplateParser.parseError("invalid syntax");
                }
                yield new int[] {e, at};
            }
            case 'x', 'u', 'U' -> {
                int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                int v = 0;
                for (int k = at; k < at + n; k++) {
                    int d = k < s.length() && s.charAt(k) < 128 ? Character.digit(s.charAt(k), 16) : -1;
                    if (d < 0) {
                        throw TemplateParser.parseError("invalid syntax");
                    }
                    v = v * 16 + d;
                }
                if (e != 'x' && (v > 0x10ffff || (v >= 0xd800 && v < 0xe000))) {
                    throw TemplateParser.parseError("invalid syntax");
                }
                yield new int[] {v, at + n};
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                int v = 0;
                for (int k = i + 1; k < i + 4; k++) {
                    int d = k < s.length() ? s.charAt(k) - '0' : -1;
                    if (d < 0 || d > 7) {
                        throw TemplateParser.parseError("invalid syntax");
                    }
                    v = v * 8 + d;
                }
                if (v > 255) {
                    throw TemplateParser.parseError("invalid syntax");
                }
                yield new int[] {v, i + 4};
            }
            default -> throw TemplateParser.parseError("invalid syntax");
        };
    }
}
