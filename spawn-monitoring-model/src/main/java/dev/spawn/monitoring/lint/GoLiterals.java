package dev.spawn.monitoring.lint;

import java.math.BigInteger;

/**
 * Go's literal rules as text/template applies them (Go 1.19 strconv and fmt): which number, character and
 * string literals parse, and Go's own quoting for messages ({@code %q}, {@code %#U}). Only validity and
 * messages are computed; no value leaves this class.
 */
final class GoLiterals {

    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger MAX_INT64 = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger MIN_INT64_MAGNITUDE = MAX_INT64.add(BigInteger.ONE);
    private static final int SYNTAX = 1;
    private static final int RANGE = 2;

    private GoLiterals() {
    }

    /** parse.newNumber's error for a number token, or null when it parses. */
    static String numberError(String text) {
        if (text.endsWith("i") && parseFloat(text.substring(0, text.length() - 1)) == 0) {
            return null;
        }
        if (parseUint(text) || parseInt(text)) {
            return null;
        }
        if (parseFloat(text) == 0) {
            if (text.chars().noneMatch(c -> ".eEpP".indexOf(c) >= 0)) {
                return "integer overflow: " + quote(text);
            }
            return null;
        }
        return "illegal number syntax: " + quote(text);
    }

    /** The error of a character constant token ({@code 'x'}), or null. */
    static String charConstantError(String text) {
        String tail = unquoteChar(text.substring(1), '\'');
        if (tail == null) {
            return "invalid syntax";
        }
        return tail.equals("'") ? null : "malformed character constant: " + text;
    }

    /** The error of a complex token ({@code 1+2i}) as fmt.Sscan reports it, or null. */
    static String complexError(String text) {
        int[] at = {0};
        String real = floatToken(text, at);
        if (!accept(text, at, "+-")) {
            return "syntax error scanning complex number";
        }
        String sign = text.substring(at[0] - 1, at[0]);
        String imag = sign + floatToken(text, at);
        if (!accept(text, at, "i")) {
            return "syntax error scanning complex number";
        }
        for (String part : new String[] {real, imag}) {
            int status = parseFloat(part);
            if (status != 0) {
                return "strconv.ParseFloat: parsing " + quote(part) + (status == RANGE ? ": value out of range" : ": invalid syntax");
            }
        }
        return null;
    }

    // fmt's scanner: a sign, digits (hex after 0x), a fraction and an exponent, whatever follows is left.
    private static String floatToken(String s, int[] at) {
        int start = at[0];
        if (accept(s, at, "nN") && accept(s, at, "aA") && accept(s, at, "nN")) {
            return s.substring(start, at[0]);
        }
        accept(s, at, "+-");
        if (accept(s, at, "iI") && accept(s, at, "nN") && accept(s, at, "fF")) {
            return s.substring(start, at[0]);
        }
        String digits = "0123456789_";
        String exp = "eEpP";
        if (accept(s, at, "0") && accept(s, at, "xX")) {
            digits = "0123456789aAbBcCdDeEfF_";
            exp = "pP";
        }
        while (accept(s, at, digits)) {
            // digits
        }
        if (accept(s, at, ".")) {
            while (accept(s, at, digits)) {
                // fraction
            }
        }
        if (accept(s, at, exp)) {
            accept(s, at, "+-");
            while (accept(s, at, "0123456789_")) {
                // exponent
            }
        }
        return s.substring(start, at[0]);
    }

    private static boolean accept(String s, int[] at, String valid) {
        if (at[0] < s.length() && valid.indexOf(s.charAt(at[0])) >= 0) {
            at[0]++;
            return true;
        }
        return false;
    }

    /** strconv.ParseUint(s, 0, 64) succeeds. */
    static boolean parseUint(String s) {
        BigInteger n = parseUnsigned(s);
        return n != null && n.compareTo(MAX_UINT64) <= 0;
    }

    /** strconv.ParseInt(s, 0, 64) succeeds. */
    static boolean parseInt(String s) {
        boolean negative = false;
        String digits = s;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            digits = s.substring(1);
        }
        BigInteger n = parseUnsigned(digits);
        return n != null && n.compareTo(negative ? MIN_INT64_MAGNITUDE : MAX_INT64) <= 0;
    }

    // ParseUint with base 0: prefixes 0b, 0o, 0x, a leading 0 for octal, underscores between digits.
    private static BigInteger parseUnsigned(String s0) {
        if (s0.isEmpty()) {
            return null;
        }
        int base = 10;
        String s = s0;
        if (s.charAt(0) == '0') {
            char p = s.length() >= 3 ? Character.toLowerCase(s.charAt(1)) : 0;
            base = p == 'b' ? 2 : p == 'o' ? 8 : p == 'x' ? 16 : 8;
            s = p == 'b' || p == 'o' || p == 'x' ? s.substring(2) : s.substring(1);
        }
        boolean underscores = false;
        BigInteger n = BigInteger.ZERO;
        BigInteger b = BigInteger.valueOf(base);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int d;
            if (c == '_') {
                underscores = true;
                continue;
            } else if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (Character.toLowerCase(c) >= 'a' && Character.toLowerCase(c) <= 'z') {
                d = Character.toLowerCase(c) - 'a' + 10;
            } else {
                return null;
            }
            if (d >= base) {
                return null;
            }
            n = n.multiply(b).add(BigInteger.valueOf(d));
        }
        if (underscores && !underscoreOk(s0)) {
            return null;
        }
        return n;
    }

    // strconv.underscoreOK: underscores only between digits, or between a base prefix and a digit.
    private static boolean underscoreOk(String s) {
        char saw = '^';
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            s = s.substring(1);
        }
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0' && "box".indexOf(Character.toLowerCase(s.charAt(1))) >= 0) {
            i = 2;
            saw = '0';
            hex = Character.toLowerCase(s.charAt(1)) == 'x';
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            char lower = Character.toLowerCase(c);
            if (c >= '0' && c <= '9' || hex && lower >= 'a' && lower <= 'f') {
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

    /** strconv.ParseFloat(s, 64): 0 when it parses, SYNTAX or RANGE otherwise. */
    static int parseFloat(String s) {
        int n = readFloat(s);
        if (n != s.length()) {
            return SYNTAX;
        }
        double value;
        try {
            value = Double.parseDouble(s.replace("_", ""));
        } catch (NumberFormatException e) {
            return SYNTAX;
        }
        return Double.isInfinite(value) ? RANGE : 0;
    }

    // strconv.readFloat: how much of s is a Go float literal (-1 when none is); a hex mantissa needs a p exponent.
    private static int readFloat(String s) {
        int i = 0;
        boolean underscores = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        boolean hex = false;
        char expChar = 'e';
        if (i + 2 < s.length() && s.charAt(i) == '0' && Character.toLowerCase(s.charAt(i + 1)) == 'x') {
            i += 2;
            hex = true;
            expChar = 'p';
        }
        boolean sawDot = false;
        boolean sawDigits = false;
        loop:
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            char lower = Character.toLowerCase(c);
            if (c == '_') {
                underscores = true;
            } else if (c == '.') {
                if (sawDot) {
                    break loop;
                }
                sawDot = true;
            } else if (c >= '0' && c <= '9' || hex && lower >= 'a' && lower <= 'f') {
                sawDigits = true;
            } else {
                break;
            }
        }
        if (!sawDigits) {
            return -1;
        }
        if (i < s.length() && Character.toLowerCase(s.charAt(i)) == expChar) {
            i++;
            if (i >= s.length()) {
                return -1;
            }
            if (s.charAt(i) == '+' || s.charAt(i) == '-') {
                i++;
            }
            if (i >= s.length() || s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
            for (; i < s.length() && (s.charAt(i) >= '0' && s.charAt(i) <= '9' || s.charAt(i) == '_'); i++) {
                underscores |= s.charAt(i) == '_';
            }
        } else if (hex) {
            return -1;
        }
        if (underscores && !underscoreOk(s.substring(0, i))) {
            return -1;
        }
        return i;
    }

    /**
     * strconv.UnquoteChar: decodes one character or escape at the start of {@code s} for the given quote and
     * returns the rest, or null on a syntax error.
     */
    static String unquoteChar(String s, char quote) {
        if (s.isEmpty()) {
            return null;
        }
        char c = s.charAt(0);
        if (c == quote) {
            return null;
        }
        if (c != '\\') {
            return s.substring(Character.charCount(s.codePointAt(0)));
        }
        if (s.length() <= 1) {
            return null;
        }
        char e = s.charAt(1);
        String rest = s.substring(2);
        switch (e) {
            case 'a', 'b', 'f', 'n', 'r', 't', 'v', '\\' -> {
                return rest;
            }
            case 'x', 'u', 'U' -> {
                int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                if (rest.length() < n) {
                    return null;
                }
                long v = 0;
                for (int j = 0; j < n; j++) {
                    char h = rest.charAt(j);
                    int d = h < 0x80 ? Character.digit(h, 16) : -1;
                    if (d < 0) {
                        return null;
                    }
                    v = v << 4 | d;
                }
                if (e != 'x' && (v > Character.MAX_CODE_POINT || v >= 0xD800 && v < 0xE000)) {
                    return null;
                }
                return rest.substring(n);
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                if (rest.length() < 2) {
                    return null;
                }
                int v = e - '0';
                for (int j = 0; j < 2; j++) {
                    int d = rest.charAt(j) - '0';
                    if (d < 0 || d > 7) {
                        return null;
                    }
                    v = v << 3 | d;
                }
                return v > 255 ? null : rest.substring(2);
            }
            case '\'', '"' -> {
                return e == quote ? rest : null;
            }
            default -> {
                return null;
            }
        }
    }

    /** strconv.Unquote of a string token ({@code "..."} or a raw string): its value, or null on a syntax error. */
    static String unquote(String token) {
        if (token.charAt(0) == '`') {
            return token.substring(1, token.length() - 1).replace("\r", "");
        }
        StringBuilder value = new StringBuilder();
        String in = token.substring(1);
        while (!in.isEmpty() && in.charAt(0) != '"') {
            String rest = unquoteChar(in, '"');
            if (rest == null || in.charAt(0) == '\n') {
                return null;
            }
            value.append(in, 0, in.length() - rest.length());
            in = rest;
        }
        return in.equals("\"") ? value.toString() : null;
    }

    /** Go's {@code %q} of a string (strconv.Quote). */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                b.append('\\').appendCodePoint(c);
            } else if (isPrint(c)) {
                b.appendCodePoint(c);
            } else {
                switch (c) {
                    case 7 -> b.append("\\a");
                    case '\b' -> b.append("\\b");
                    case '\f' -> b.append("\\f");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    case 11 -> b.append("\\v");
                    default -> {
                        if (c < ' ' || c == 0x7f) {
                            b.append(String.format("\\x%02x", c));
                        } else if (c >= 0xD800 && c < 0xE000) {
                            b.append("\\ufffd");
                        } else if (c < 0x10000) {
                            b.append(String.format("\\u%04x", c));
                        } else {
                            b.append(String.format("\\U%08x", c));
                        }
                    }
                }
            }
        });
        return b.append('"').toString();
    }

    /** Go's {@code %#U}: {@code U+0041 'A'}, the character shown only when printable. */
    static String unicode(int c) {
        return String.format("U+%04X", c) + (isPrint(c) ? " '" + new String(Character.toChars(c)) + "'" : "");
    }

    /** strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    static boolean isPrint(int c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER, Character.MODIFIER_LETTER,
                    Character.OTHER_LETTER, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                    Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION,
                    Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    /** unicode.IsSpace (bytes.TrimSpace uses it to decide whether a template is empty). */
    static boolean isSpace(int c) {
        return switch (c) {
            case '\t', '\n', 11, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> c >= 0x2000 && c <= 0x200A;
        };
    }
}
