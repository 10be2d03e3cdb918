package dev.spawn.monitoring.promql.eval;

import java.nio.charset.StandardCharsets;
import java.util.function.IntUnaryOperator;

/**
 * Go's string functions that alert templates reach: strconv.Quote, text/template's html, js and urlquery escapers
 * (HTMLEscapeString, JSEscapeString, url.QueryEscape), and strings.Title, ToUpper and ToLower (per code point with the
 * simple case mappings, as Go's unicode package maps, never Java's locale-dependent full mappings).
 */
final class GoText {

    private static final String LOWER_HEX = "0123456789abcdef";
    private static final String UPPER_HEX = "0123456789ABCDEF";

    private GoText() {
    }

    /** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    /** strconv.Quote. */
    static String quote(String s) {
        return quote(s, '"');
    }

    /** strconv.QuoteRune (an invalid code point as U+FFFD). */
    static String quoteRune(long r) {
        int cp = r < 0 || r > 0x10ffff || (r >= 0xd800 && r < 0xe000) ? 0xfffd : (int) r;
        return quote(Character.toString(cp), '\'');
    }

    private static String quote(String s, char quote) {
        StringBuilder b = new StringBuilder().append(quote);
        s.codePoints().forEach(r -> {
            if (r == quote || r == '\\') {
                b.append('\\').appendCodePoint(r);
            } else if (isPrint(r)) {
                b.appendCodePoint(r);
            } else {
                switch (r) {
                    case 0x07 -> b.append("\\a");
                    case '\b' -> b.append("\\b");
                    case '\f' -> b.append("\\f");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    case 0x0b -> b.append("\\v");
                    default -> {
                        if (r < ' ' || r == 0x7f) {
                            b.append("\\x").append(hex(r, 2, LOWER_HEX));
                        } else if (Character.isSurrogate((char) r) && r < 0x10000) {
                            b.append("\\ufffd");
                        } else if (r < 0x10000) {
                            b.append("\\u").append(hex(r, 4, LOWER_HEX));
                        } else {
                            b.append("\\U").append(hex(r, 8, LOWER_HEX));
                        }
                    }
                }
            }
        });
        return b.append(quote).toString();
    }

    /** template.HTMLEscapeString. */
    static String html(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("&#34;");
                case '\'' -> b.append("&#39;");
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case 0 -> b.append('\uFFFD');
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** template.JSEscapeString. */
    static String js(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        s.codePoints().forEach(r -> {
            switch (r) {
                case '\\' -> b.append("\\\\");
                case '\'' -> b.append("\\'");
                case '"' -> b.append("\\\"");
                case '<' -> b.append("\\u003C");
                case '>' -> b.append("\\u003E");
                case '&' -> b.append("\\u0026");
                case '=' -> b.append("\\u003D");
                default -> {
                    if (r < ' ') {
                        b.append("\\u00").append(hex(r, 2, UPPER_HEX));
                    } else if (r < 0x80 || isPrint(r)) {
                        b.appendCodePoint(r);
                    } else {
                        b.append("\\u").append(hex(r, r > 0xffff ? 0 : 4, UPPER_HEX));
                    }
                }
            }
        });
        return b.toString();
    }

    /** url.QueryEscape. */
    static String queryEscape(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                b.append((char) c);
            } else if (c == ' ') {
                b.append('+');
            } else {
                b.append('%').append(hex(c, 2, UPPER_HEX));
            }
        }
        return b.toString();
    }

    static String toUpper(String s) {
        return map(s, Character::toUpperCase);
    }

    static String toLower(String s) {
        return map(s, Character::toLowerCase);
    }

    /** strings.Title: the first letter of each word to title case; words are split at Go's separators. */
    static String title(String s) {
        StringBuilder b = new StringBuilder(s.length());
        int prev = ' ';
        for (int i = 0; i < s.length(); ) {
            int r = s.codePointAt(i);
            i += Character.charCount(r);
            b.appendCodePoint(isSeparator(prev) ? Character.toTitleCase(r) : r);
            prev = r;
        }
        return b.toString();
    }

    private static boolean isSeparator(int r) {
        if (r <= 0x7f) {
            return !((r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '_');
        }
        if (Character.isLetter(r) || Character.getType(r) == Character.DECIMAL_DIGIT_NUMBER) {
            return false;
        }
        return r == 0x85 || r == 0xa0 || r == 0x1680 || (r >= 0x2000 && r <= 0x200a) || r == 0x2028 || r == 0x2029
                || r == 0x202f || r == 0x205f || r == 0x3000;
    }

    private static String map(String s, IntUnaryOperator f) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(r -> b.appendCodePoint(f.applyAsInt(r)));
        return b.toString();
    }

    private static String hex(int v, int width, String digits) {
        StringBuilder b = new StringBuilder();
        do {
            b.append(digits.charAt(v & 0xf));
            v >>>= 4;
        } while (v != 0);
        while (b.length() < width) {
            b.append('0');
        }
        return b.reverse().toString();
    }
}
