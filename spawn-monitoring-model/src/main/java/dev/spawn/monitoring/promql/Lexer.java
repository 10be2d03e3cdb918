package dev.spawn.monitoring.promql;

import dev.spawn.monitoring.promql.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The PromQL lexer of Prometheus 2.42 (promql/parser/lex.go), state for state: its modes inside
 * braces and brackets decide what a character means (inside {@code [...]} a letter is a colon
 * token, inside braces keywords are plain identifiers), so the same inputs are accepted. It stops
 * at the first error item, which the parser reports where it reaches it.
 */
final class Lexer {

    private static final Map<String, Kind> KEYWORDS = Map.ofEntries(
            Map.entry("and", Kind.LAND), Map.entry("or", Kind.LOR), Map.entry("unless", Kind.LUNLESS),
            Map.entry("atan2", Kind.ATAN2),
            Map.entry("sum", Kind.SUM), Map.entry("avg", Kind.AVG), Map.entry("count", Kind.COUNT),
            Map.entry("min", Kind.MIN), Map.entry("max", Kind.MAX), Map.entry("group", Kind.GROUP),
            Map.entry("stddev", Kind.STDDEV), Map.entry("stdvar", Kind.STDVAR), Map.entry("topk", Kind.TOPK),
            Map.entry("bottomk", Kind.BOTTOMK), Map.entry("count_values", Kind.COUNT_VALUES),
            Map.entry("quantile", Kind.QUANTILE),
            Map.entry("offset", Kind.OFFSET), Map.entry("by", Kind.BY), Map.entry("without", Kind.WITHOUT),
            Map.entry("on", Kind.ON), Map.entry("ignoring", Kind.IGNORING), Map.entry("group_left", Kind.GROUP_LEFT),
            Map.entry("group_right", Kind.GROUP_RIGHT), Map.entry("bool", Kind.BOOL),
            Map.entry("start", Kind.START), Map.entry("end", Kind.END),
            Map.entry("inf", Kind.NUMBER), Map.entry("nan", Kind.NUMBER));

    private static final int EOF = -1;

    private final String input;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int start;
    private int width;
    private int parenDepth;
    private boolean braceOpen;
    private boolean bracketOpen;
    private boolean gotColon;
    private int stringOpen;
    private boolean done;

    private Lexer(String input) {
        this.input = input;
    }

    /** Every item up to and including the first EOF or ERROR item; comments left out. */
    static List<Token> lex(String input) {
        Lexer lexer = new Lexer(input);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (!done) {
            if (braceOpen) {
                insideBraces();
            } else {
                statements();
            }
        }
    }

    private int next() {
        if (pos >= input.length()) {
            width = 0;
            return EOF;
        }
        int c = input.codePointAt(pos);
        width = Character.charCount(c);
        pos += width;
        return c;
    }

    private int peek() {
        int c = next();
        backup();
        return c;
    }

    private void backup() {
        pos -= width;
    }

    private boolean accept(String valid) {
        int c = next();
        if (c != EOF && valid.indexOf(c) >= 0) {
            return true;
        }
        backup();
        return false;
    }

    private void acceptRun(String valid) {
        while (accept(valid)) {
            // consume
        }
    }

    private void emit(Kind kind) {
        tokens.add(new Token(kind, start, input.substring(start, pos)));
        start = pos;
        if (kind == Kind.EOF) {
            done = true;
        }
    }

    private void error(String message) {
        tokens.add(new Token(Kind.ERROR, start, message));
        done = true;
    }

    private void statements() {
        if (input.startsWith("#", pos)) {
            lineComment();
            return;
        }
        int r = next();
        if (r == EOF) {
            if (parenDepth != 0) {
                error("unclosed left parenthesis");
            } else if (bracketOpen) {
                error("unclosed left bracket");
            } else {
                emit(Kind.EOF);
            }
            return;
        }
        switch (r) {
            case ',' -> emit(Kind.COMMA);
            case '*' -> emit(Kind.MUL);
            case '/' -> emit(Kind.DIV);
            case '%' -> emit(Kind.MOD);
            case '+' -> emit(Kind.ADD);
            case '-' -> emit(Kind.SUB);
            case '^' -> emit(Kind.POW);
            case '@' -> emit(Kind.AT);
            case '=' -> {
                int t = peek();
                if (t == '=') {
                    next();
                    emit(Kind.EQLC);
                } else if (t == '~') {
                    error("unexpected character after '=': " + goQuoteRune(t));
                } else {
                    emit(Kind.EQL);
                }
            }
            case '!' -> {
                int t = next();
                if (t == '=') {
                    emit(Kind.NEQ);
                } else {
                    error("unexpected character after '!': " + goQuoteRune(t));
                }
            }
            case '<' -> {
                if (peek() == '=') {
                    next();
                    emit(Kind.LTE);
                } else {
                    emit(Kind.LSS);
                }
            }
            case '>' -> {
                if (peek() == '=') {
                    next();
                    emit(Kind.GTE);
                } else {
                    emit(Kind.GTR);
                }
            }
            case '"', '\'' -> {
                stringOpen = r;
                string(false);
            }
            case '`' -> {
                stringOpen = r;
                string(true);
            }
            case '(' -> {
                emit(Kind.LEFT_PAREN);
                parenDepth++;
            }
            case ')' -> {
                emit(Kind.RIGHT_PAREN);
                parenDepth--;
                if (parenDepth < 0) {
                    // Go's errorf overwrites the item just emitted: the parser sees only the error.
                    tokens.remove(tokens.size() - 1);
                    error("unexpected right parenthesis " + goQuoteRune(r));
                }
            }
            case '{' -> {
                emit(Kind.LEFT_BRACE);
                braceOpen = true;
            }
            case '[' -> {
                if (bracketOpen) {
                    error("unexpected left bracket " + goQuoteRune(r));
                    return;
                }
                gotColon = false;
                emit(Kind.LEFT_BRACKET);
                skipSpaces();
                bracketOpen = true;
                duration();
            }
            case ']' -> {
                if (!bracketOpen) {
                    error("unexpected right bracket " + goQuoteRune(r));
                    return;
                }
                emit(Kind.RIGHT_BRACKET);
                bracketOpen = false;
            }
            default -> {
                if (isSpace(r)) {
                    skipSpaces();
                } else if (isDigit(r) || (r == '.' && isDigit(peek()))) {
                    backup();
                    numberOrDuration();
                } else if (isAlpha(r) || r == ':') {
                    if (!bracketOpen) {
                        backup();
                        keywordOrIdentifier();
                    } else if (gotColon) {
                        error("unexpected colon " + goQuoteRune(r));
                    } else {
                        // Inside brackets Prometheus emits any letter or colon as the subquery colon.
                        emit(Kind.COLON);
                        gotColon = true;
                    }
                } else {
                    error("unexpected character: " + goQuoteRune(r));
                }
            }
        }
    }

    private void insideBraces() {
        if (input.startsWith("#", pos)) {
            lineComment();
            return;
        }
        int r = next();
        switch (r) {
            case EOF -> error("unexpected end of input inside braces");
            case ',' -> emit(Kind.COMMA);
            case '"', '\'' -> {
                stringOpen = r;
                string(false);
            }
            case '`' -> {
                stringOpen = r;
                string(true);
            }
            case '=' -> {
                if (next() == '~') {
                    emit(Kind.EQL_REGEX);
                } else {
                    backup();
                    emit(Kind.EQL);
                }
            }
            case '!' -> {
                int nr = next();
                if (nr == '~') {
                    emit(Kind.NEQ_REGEX);
                } else if (nr == '=') {
                    emit(Kind.NEQ);
                } else {
                    error("unexpected character after '!' inside braces: " + goQuoteRune(nr));
                }
            }
            case '{' -> error("unexpected left brace " + goQuoteRune(r));
            case '}' -> {
                emit(Kind.RIGHT_BRACE);
                braceOpen = false;
            }
            default -> {
                if (isSpace(r)) {
                    skipSpaces();
                } else if (isAlpha(r)) {
                    while (isAlphaNumeric(next())) {
                        // absorb
                    }
                    backup();
                    emit(Kind.IDENTIFIER);
                } else {
                    error("unexpected character inside braces: " + goQuoteRune(r));
                }
            }
        }
    }

    private void escape() {
        int c = next();
        int n;
        int base;
        int max;
        if (c == 'a' || c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't' || c == 'v' || c == '\\' || c == stringOpen) {
            return;
        } else if (c >= '0' && c <= '7') {
            n = 3;
            base = 8;
            max = 255;
        } else if (c == 'x') {
            c = next();
            n = 2;
            base = 16;
            max = 255;
        } else if (c == 'u') {
            c = next();
            n = 4;
            base = 16;
            max = Character.MAX_CODE_POINT;
        } else if (c == 'U') {
            c = next();
            n = 8;
            base = 16;
            max = Character.MAX_CODE_POINT;
        } else if (c == EOF) {
            error("escape sequence not terminated");
            return;
        } else {
            error("unknown escape sequence " + goUnicode(c));
            return;
        }
        long x = 0;
        while (n > 0) {
            int d = digitValue(c);
            if (d >= base) {
                if (c == EOF) {
                    error("escape sequence not terminated");
                } else {
                    error("illegal character " + goUnicode(c) + " in escape sequence");
                }
                return;
            }
            x = x * base + d;
            n--;
            if (n > 0) {
                c = next();
            }
        }
        if (x > max || (0xD800 <= x && x < 0xE000)) {
            error("escape sequence is an invalid Unicode code point");
        }
    }

    private static int digitValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        } else if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return 16;
    }

    /** A quoted string (escapes checked, no newline) or, when raw, a backtick string; the opening quote is read. */
    private void string(boolean raw) {
        while (true) {
            int c = next();
            if (c == '\\' && !raw) {
                escape();
                if (done) {
                    return;
                }
            } else if (c == 0xFFFD) {
                // Go decodes U+FFFD as utf8.RuneError and rejects it.
                error("invalid UTF-8 rune");
                return;
            } else if (c == EOF || (c == '\n' && !raw)) {
                error(raw ? "unterminated raw string" : "unterminated quoted string");
                return;
            } else if (c == stringOpen) {
                emit(Kind.STRING);
                return;
            }
        }
    }

    private void skipSpaces() {
        while (isSpace(peek())) {
            next();
        }
        start = pos;
    }

    private void lineComment() {
        pos++;
        int r = next();
        while (r != '\r' && r != '\n' && r != EOF) {
            r = next();
        }
        backup();
        // Comments are dropped here: the parser skips them anyway.
        start = pos;
    }

    private void duration() {
        if (scanNumber()) {
            error("missing unit character in duration");
        } else if (!acceptRemainingDuration()) {
            error("bad duration syntax: " + goQuote(input.substring(start, pos)));
        } else {
            backup();
            emit(Kind.DURATION);
        }
    }

    private void numberOrDuration() {
        if (scanNumber()) {
            emit(Kind.NUMBER);
        } else if (acceptRemainingDuration()) {
            backup();
            emit(Kind.DURATION);
        } else {
            error("bad number or duration syntax: " + goQuote(input.substring(start, pos)));
        }
    }

    private boolean acceptRemainingDuration() {
        if (!accept("smhdwy")) {
            return false;
        }
        accept("s");
        while (accept("0123456789")) {
            acceptRun("0123456789");
            if (!accept("smhdw")) {
                return false;
            }
            accept("s");
        }
        return !isAlphaNumeric(next());
    }

    private boolean scanNumber() {
        String digits = "0123456789";
        if (accept("0") && accept("xX")) {
            digits = "0123456789abcdefABCDEF";
        }
        acceptRun(digits);
        if (accept(".")) {
            acceptRun(digits);
        }
        if (accept("eE")) {
            accept("+-");
            acceptRun("0123456789");
        }
        return !isAlphaNumeric(peek());
    }

    private void keywordOrIdentifier() {
        int r = next();
        while (isAlphaNumeric(r) || r == ':') {
            r = next();
        }
        backup();
        String word = input.substring(start, pos);
        Kind keyword = KEYWORDS.get(word.toLowerCase(Locale.ROOT));
        if (keyword != null) {
            emit(keyword);
        } else if (word.indexOf(':') < 0) {
            emit(Kind.IDENTIFIER);
        } else {
            emit(Kind.METRIC_IDENTIFIER);
        }
    }

    static boolean isSpace(int r) {
        return r == ' ' || r == '\t' || r == '\n' || r == '\r';
    }

    static boolean isDigit(int r) {
        return r >= '0' && r <= '9';
    }

    static boolean isAlpha(int r) {
        return r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
    }

    static boolean isAlphaNumeric(int r) {
        return isAlpha(r) || isDigit(r);
    }

    /** Whether a string is a label name ({@code [a-zA-Z_][a-zA-Z0-9_]*}). */
    static boolean isLabel(String s) {
        if (s.isEmpty() || !isAlpha(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!isAlphaNumeric(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code %q} of a string, close enough for messages. */
    static String goQuote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case 7 -> b.append("\\a");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case 11 -> b.append("\\v");
                // U+FFFD stands for bytes that were no UTF-8; written raw the lexer would reject it
                case 0xFFFD -> b.append("\\ufffd");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", c));
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.append('"').toString();
    }

    private static String goQuoteRune(int c) {
        if (c == EOF) {
            return "'\\x00'";
        }
        return switch (c) {
            case '\'' -> "'\\''";
            case '\\' -> "'\\\\'";
            case '\n' -> "'\\n'";
            case '\r' -> "'\\r'";
            case '\t' -> "'\\t'";
            case 7 -> "'\\a'";
            case '\b' -> "'\\b'";
            case '\f' -> "'\\f'";
            case 11 -> "'\\v'";
            default -> c < 0x20 ? String.format("'\\x%02x'", c) : "'" + new String(Character.toChars(c)) + "'";
        };
    }

    private static String goUnicode(int c) {
        // Go's %#U: the code point, then the character itself unescaped when printable.
        return String.format("U+%04X", c) + (c >= 0x20 && c != 0x7f ? " '" + new String(Character.toChars(c)) + "'" : "");
    }
}
