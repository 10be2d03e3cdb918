package dev.spawn.monitoring.lint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tokens of a Go text/template with {@code {{ }}} delimiters, as Go 1.19's text/template/parse lexer cuts
 * them: text, actions with trim markers, comments dropped, keywords, and at most one error token, which ends
 * the list (so does EOF). Offsets count Java chars.
 */
final class GoTemplateLexer {

    enum Kind {
        ERROR, BOOL, CHAR, CHAR_CONSTANT, COMPLEX, ASSIGN, DECLARE, EOF, FIELD, IDENTIFIER, LEFT_DELIM, LEFT_PAREN, NUMBER,
        PIPE, RAW_STRING, RIGHT_DELIM, RIGHT_PAREN, SPACE, STRING, TEXT, VARIABLE,
        // keywords, printed as <word> in messages
        BLOCK, BREAK, CONTINUE, DOT, DEFINE, ELSE, END, IF, NIL, RANGE, TEMPLATE, WITH;

        boolean keyword() {
            return ordinal() >= BLOCK.ordinal();
        }
    }

    /** A token: its kind, where it starts and its text (an error token's text is the message). */
    record Token(Kind kind, int pos, String val) {

        /** The token as Go's item.String() prints it in "unexpected ..." messages. */
        String describe() {
            if (kind == Kind.EOF) {
                return "EOF";
            } else if (kind == Kind.ERROR) {
                return val;
            } else if (kind.keyword()) {
                return "<" + val + ">";
            } else if (val.getBytes(StandardCharsets.UTF_8).length > 10) {
                int end = val.offsetByCodePoints(0, Math.min(10, val.codePointCount(0, val.length())));
                return GoLiterals.quote(val.substring(0, end)) + "...";
            }
            return GoLiterals.quote(val);
        }
    }

    private static final Map<String, Kind> KEYWORDS = Map.ofEntries(Map.entry("block", Kind.BLOCK),
            Map.entry("break", Kind.BREAK), Map.entry("continue", Kind.CONTINUE), Map.entry("define", Kind.DEFINE),
            Map.entry("else", Kind.ELSE), Map.entry("end", Kind.END), Map.entry("if", Kind.IF), Map.entry("range", Kind.RANGE),
            Map.entry("nil", Kind.NIL), Map.entry("template", Kind.TEMPLATE), Map.entry("with", Kind.WITH));
    private static final int EOF = -1;
    private static final String LEFT = "{{";
    private static final String RIGHT = "}}";

    private enum State { TEXT, LEFT_DELIM, COMMENT, RIGHT_DELIM, INSIDE, SPACE, IDENTIFIER, FIELD, VARIABLE, CHAR, NUMBER, QUOTE, RAW_QUOTE }

    private final String input;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int start;
    private boolean atEof;
    private int parenDepth;
    private int actionStart;

    private GoTemplateLexer(String input) {
        this.input = input;
    }

    static List<Token> lex(String input) {
        GoTemplateLexer l = new GoTemplateLexer(input);
        State state = State.TEXT;
        while (state != null) {
            state = l.step(state);
        }
        return l.tokens;
    }

    private State step(State state) {
        return switch (state) {
            case TEXT -> lexText();
            case LEFT_DELIM -> lexLeftDelim();
            case COMMENT -> lexComment();
            case RIGHT_DELIM -> lexRightDelim();
            case INSIDE -> lexInsideAction();
            case SPACE -> lexSpace();
            case IDENTIFIER -> lexIdentifier();
            case FIELD -> lexFieldOrVariable(Kind.FIELD);
            case VARIABLE -> atTerminator() ? emitAndInside(Kind.VARIABLE) : lexFieldOrVariable(Kind.VARIABLE);
            case CHAR -> lexQuoted('\'', "unterminated character constant", Kind.CHAR_CONSTANT);
            case NUMBER -> lexNumber();
            case QUOTE -> lexQuoted('"', "unterminated quoted string", Kind.STRING);
            case RAW_QUOTE -> lexRawQuote();
        };
    }

    private int next() {
        if (pos >= input.length()) {
            atEof = true;
            return EOF;
        }
        int r = input.codePointAt(pos);
        pos += Character.charCount(r);
        return r;
    }

    private int peek() {
        int r = next();
        backup();
        return r;
    }

    // As in Go, once the end was read a backup does nothing.
    private void backup() {
        if (!atEof && pos > 0) {
            pos -= Character.charCount(input.codePointBefore(pos));
        }
    }

    private void emit(Kind kind) {
        tokens.add(new Token(kind, start, input.substring(start, pos)));
        start = pos;
    }

    private State emitAndInside(Kind kind) {
        emit(kind);
        return State.INSIDE;
    }

    private void ignore() {
        start = pos;
    }

    private boolean accept(String valid) {
        int r = next();
        if (r != EOF && valid.indexOf(r) >= 0) {
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

    private State error(String message) {
        tokens.add(new Token(Kind.ERROR, start, message));
        return null;
    }

    private State lexText() {
        int x = input.indexOf(LEFT, pos);
        if (x >= 0) {
            pos = x;
            int trimLength = hasLeftTrimMarker(pos + LEFT.length()) ? rightTrimLength(input.substring(start, pos)) : 0;
            pos -= trimLength;
            if (pos > start) {
                emit(Kind.TEXT);
            }
            pos += trimLength;
            ignore();
            return State.LEFT_DELIM;
        }
        pos = input.length();
        if (pos > start) {
            emit(Kind.TEXT);
        }
        emit(Kind.EOF);
        return null;
    }

    private static boolean isSpace(int r) {
        return r == ' ' || r == '\t' || r == '\r' || r == '\n';
    }

    private boolean hasLeftTrimMarker(int at) {
        return at + 1 < input.length() && input.charAt(at) == '-' && isSpace(input.charAt(at + 1));
    }

    private boolean hasRightTrimMarker(int at) {
        return at + 1 < input.length() && isSpace(input.charAt(at)) && input.charAt(at + 1) == '-';
    }

    private static int rightTrimLength(String s) {
        int end = s.length();
        while (end > 0 && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.length() - end;
    }

    private int leftTrimLength(int at) {
        int i = at;
        while (i < input.length() && isSpace(input.charAt(i))) {
            i++;
        }
        return i - at;
    }

    /** Whether a right delimiter starts here; [1] whether it carries a trim marker. */
    private boolean[] atRightDelim() {
        if (hasRightTrimMarker(pos) && input.startsWith(RIGHT, pos + 2)) {
            return new boolean[] {true, true};
        }
        return new boolean[] {input.startsWith(RIGHT, pos), false};
    }

    private State lexLeftDelim() {
        actionStart = pos;
        pos += LEFT.length();
        int afterMarker = hasLeftTrimMarker(pos) ? 2 : 0;
        if (input.startsWith("/*", pos + afterMarker)) {
            pos += afterMarker;
            ignore();
            return State.COMMENT;
        }
        emit(Kind.LEFT_DELIM);
        pos += afterMarker;
        ignore();
        parenDepth = 0;
        return State.INSIDE;
    }

    private State lexComment() {
        pos += 2;
        int i = input.indexOf("*/", pos);
        if (i < 0) {
            return error("unclosed comment");
        }
        pos = i + 2;
        boolean[] delim = atRightDelim();
        if (!delim[0]) {
            return error("comment ends before closing delimiter");
        }
        pos += (delim[1] ? 2 : 0) + RIGHT.length();
        if (delim[1]) {
            pos += leftTrimLength(pos);
        }
        ignore();
        return State.TEXT;
    }

    private State lexRightDelim() {
        boolean trim = hasRightTrimMarker(pos);
        if (trim) {
            pos += 2;
            ignore();
        }
        pos += RIGHT.length();
        emit(Kind.RIGHT_DELIM);
        if (trim) {
            pos += leftTrimLength(pos);
            ignore();
        }
        return State.TEXT;
    }

    private State lexInsideAction() {
        if (atRightDelim()[0]) {
            if (parenDepth == 0) {
                return State.RIGHT_DELIM;
            }
            return error("unclosed left paren");
        }
        int r = next();
        if (r == EOF) {
            // Go reports this where the last token ended; the action's {{ says more.
            start = actionStart;
            return error("unclosed action");
        } else if (isSpace(r)) {
            backup();
            return State.SPACE;
        }
        switch (r) {
            case '=' -> emit(Kind.ASSIGN);
            case ':' -> {
                if (next() != '=') {
                    return error("expected :=");
                }
                emit(Kind.DECLARE);
            }
            case '|' -> emit(Kind.PIPE);
            case '"' -> {
                return State.QUOTE;
            }
            case '`' -> {
                return State.RAW_QUOTE;
            }
            case '$' -> {
                return State.VARIABLE;
            }
            case '\'' -> {
                return State.CHAR;
            }
            case '(' -> {
                emit(Kind.LEFT_PAREN);
                parenDepth++;
            }
            case ')' -> {
                emit(Kind.RIGHT_PAREN);
                parenDepth--;
                if (parenDepth < 0) {
                    return error("unexpected right paren " + GoLiterals.unicode(r));
                }
            }
            default -> {
                if (r == '.' && pos < input.length() && (input.charAt(pos) < '0' || input.charAt(pos) > '9')) {
                    return State.FIELD;
                } else if (r == '.' || r == '+' || r == '-' || (r >= '0' && r <= '9')) {
                    backup();
                    return State.NUMBER;
                } else if (isAlphaNumeric(r)) {
                    backup();
                    return State.IDENTIFIER;
                } else if (r <= 0x7f && r >= 0x20 && r != 0x7f) {
                    emit(Kind.CHAR);
                } else {
                    return error("unrecognized character in action: " + GoLiterals.unicode(r));
                }
            }
        }
        return State.INSIDE;
    }

    private State lexSpace() {
        int spaces = 0;
        while (isSpace(peek())) {
            next();
            spaces++;
        }
        // A trim-marked right delimiter starts with a space: leave that space to it.
        if (hasRightTrimMarker(pos - 1) && input.startsWith(RIGHT, pos + 1)) {
            backup();
            if (spaces == 1) {
                return State.RIGHT_DELIM;
            }
        }
        emit(Kind.SPACE);
        return State.INSIDE;
    }

    private State lexIdentifier() {
        int r;
        do {
            r = next();
        } while (isAlphaNumeric(r));
        backup();
        String word = input.substring(start, pos);
        if (!atTerminator()) {
            return error("bad character " + GoLiterals.unicode(r));
        }
        Kind keyword = KEYWORDS.get(word);
        if (keyword != null) {
            emit(keyword);
        } else if (word.equals("true") || word.equals("false")) {
            emit(Kind.BOOL);
        } else {
            emit(Kind.IDENTIFIER);
        }
        return State.INSIDE;
    }

    private State lexFieldOrVariable(Kind kind) {
        if (atTerminator()) {
            emit(kind == Kind.VARIABLE ? Kind.VARIABLE : Kind.DOT);
            return State.INSIDE;
        }
        int r;
        do {
            r = next();
        } while (isAlphaNumeric(r));
        backup();
        if (!atTerminator()) {
            return error("bad character " + GoLiterals.unicode(r));
        }
        emit(kind);
        return State.INSIDE;
    }

    private boolean atTerminator() {
        int r = peek();
        if (isSpace(r)) {
            return true;
        }
        return switch (r) {
            case EOF, '.', ',', '|', ':', ')', '(' -> true;
            default -> input.startsWith(RIGHT, pos);
        };
    }

    private State lexQuoted(char quote, String unterminated, Kind kind) {
        while (true) {
            int r = next();
            if (r == '\\') {
                int e = next();
                if (e != EOF && e != '\n') {
                    continue;
                }
                return error(unterminated);
            } else if (r == EOF || r == '\n') {
                return error(unterminated);
            } else if (r == quote) {
                emit(kind);
                return State.INSIDE;
            }
        }
    }

    private State lexRawQuote() {
        while (true) {
            int r = next();
            if (r == EOF) {
                return error("unterminated raw quoted string");
            } else if (r == '`') {
                emit(Kind.RAW_STRING);
                return State.INSIDE;
            }
        }
    }

    private State lexNumber() {
        if (!scanNumber()) {
            return error("bad number syntax: " + GoLiterals.quote(input.substring(start, pos)));
        }
        int sign = peek();
        if (sign == '+' || sign == '-') {
            if (!scanNumber() || input.charAt(pos - 1) != 'i') {
                return error("bad number syntax: " + GoLiterals.quote(input.substring(start, pos)));
            }
            emit(Kind.COMPLEX);
        } else {
            emit(Kind.NUMBER);
        }
        return State.INSIDE;
    }

    private boolean scanNumber() {
        accept("+-");
        String digits = "0123456789_";
        if (accept("0")) {
            if (accept("xX")) {
                digits = "0123456789abcdefABCDEF_";
            } else if (accept("oO")) {
                digits = "01234567_";
            } else if (accept("bB")) {
                digits = "01_";
            }
        }
        acceptRun(digits);
        if (accept(".")) {
            acceptRun(digits);
        }
        if (digits.length() == 11 && accept("eE")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        if (digits.length() == 23 && accept("pP")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        accept("i");
        if (isAlphaNumeric(peek())) {
            next();
            return false;
        }
        return true;
    }

    static boolean isAlphaNumeric(int r) {
        return r == '_' || (r >= 0 && (Character.isLetter(r) || Character.isDigit(r)));
    }
}
