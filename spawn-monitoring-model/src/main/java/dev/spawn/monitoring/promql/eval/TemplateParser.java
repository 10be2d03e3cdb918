package dev.spawn.monitoring.promql.eval;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Go 1.19's text/template parser for one alert template, as Prometheus 2.42 parses it (the four variables of the
 * rule manager's prefix predeclared): text, actions with trim markers, comments, pipelines, if/else if/else, range,
 * with, break and continue, define, template and block. It accepts only what Go accepts; what it does not model
 * (complex numbers, a template defined twice) and every parse error throws {@link Unsupported}.
 */
final class TemplateParser {

    /** A node of a template's tree. */
    sealed interface Node permits Text, Action, Control, Break, Continue, Template {
    }

    /** {@code {{template "name" pipeline}}} (pipe null when there is none), also where a {@code block} stands. */
    record Template(String name, Pipe pipe) implements Node {
    }

    /** A parsed text: its tree and the templates it defines ({@code define}, {@code block}) by name. */
    record Parsed(List<Node> tree, Map<String, List<Node>> defines) {
    }

    record Text(String text) implements Node {
    }

    /** {@code {{pipeline}}}: printed unless it declares variables. */
    record Action(Pipe pipe) implements Node {
    }

    /** if, range or with: {@code elseList} empty when there is no else. */
    record Control(String keyword, Pipe pipe, List<Node> list, List<Node> elseList) implements Node {
    }

    record Break() implements Node {
    }

    record Continue() implements Node {
    }

    /** Declared ({@code $x :=}) or assigned ({@code $x =}) variables, then commands separated by {@code |}. */
    record Pipe(List<String> decls, boolean assign, List<Command> cmds) {
    }

    record Command(List<Arg> args) {
    }

    /** An operand. */
    sealed interface Arg permits Field, Variable, Dot, Identifier, StringLit, NumberLit, BoolLit, NilLit, SubPipe {
    }

    /** {@code .a.b}: fields of dot. */
    record Field(List<String> names) implements Arg {
    }

    /** {@code $x.a.b} ({@code $} alone is named "$"). */
    record Variable(String name, List<String> fields) implements Arg {
    }

    record Dot() implements Arg {
    }

    /** A function name. */
    record Identifier(String name) implements Arg {
    }

    record StringLit(String value) implements Arg {
    }

    /**
     * A number: {@code ideal} is how it prints and what an interface{} parameter gets (int when the text has none of
     * {@code .eE}, else float64).
     */
    record NumberLit(String text, Object ideal) implements Arg {
    }

    record BoolLit(boolean value) implements Arg {
    }

    record NilLit() implements Arg {
    }

    /** {@code (pipeline).a.b}. */
    record SubPipe(Pipe pipe, List<String> fields) implements Arg {
    }

    private enum Kind { SPACE, END, LPAREN, RPAREN, PIPE, DECLARE, ASSIGN, COMMA, FIELD, VARIABLE, DOT, IDENT, STRING,
        NUMBER, BOOL, NIL, KEYWORD }

    private record Token(Kind kind, String val) {
    }

    private static final Set<String> KEYWORDS = Set.of("if", "else", "end", "range", "with", "break", "continue",
            "define", "template", "block");

    private final String text;
    private final Set<String> functions;
    private int pos;
    /** The tokens of the current action, and where the next is. */
    private List<Token> tokens;
    private int next;
    private boolean rightTrim;
    private Deque<List<String>> scopes = new ArrayDeque<>();
    private int rangeDepth;
    /** How deep in if/range/with the parser is: define is allowed only at the top of the main text. */
    private int depth;
    private boolean inDefinition;
    private final Map<String, List<Node>> defines = new LinkedHashMap<>();

    private TemplateParser(String text, Set<String> functions) {
        this.text = text;
        this.functions = functions;
    }

    /** The tree of {@code text}; {@code predeclared} are variable names (with $) defined at the top. */
    static Parsed parse(String text, Set<String> functions, List<String> predeclared) {
        TemplateParser p = new TemplateParser(text, functions);
        p.scopes.push(new ArrayList<>(predeclared));
        p.scopes.peek().add("$");
        List<Node> list = new ArrayList<>();
        String end = p.itemList(list);
        if (end != null) {
            throw parseError("unexpected {{" + end + "}}");
        }
        return new Parsed(List.copyOf(list), Map.copyOf(p.defines));
    }

    static Unsupported parseError(String what) {
        return new Unsupported("a template Prometheus fails to parse or this parser does not model (" + what + ")");
    }

    /**
     * Reads text and actions into {@code list} until {@code {{end}}} or {@code {{else}}} (returned, "else if" for an
     * else followed by if) or the end of text (null).
     */
    private String itemList(List<Node> list) {
        while (pos < text.length()) {
            int open = text.indexOf("{{", pos);
            String chunk = open < 0 ? text.substring(pos) : text.substring(pos, open);
            if (rightTrim) {
                chunk = stripLeading(chunk);
            }
            rightTrim = false;
            if (open < 0) {
                addText(list, chunk);
                pos = text.length();
                break;
            }
            pos = open + 2;
            boolean leftTrim = text.startsWith("-", pos) && pos + 1 < text.length() && isSpace(text.charAt(pos + 1));
            if (leftTrim) {
                chunk = stripTrailing(chunk);
                pos += 2;
            }
            addText(list, chunk);
            if (text.startsWith("/*", pos)) {
                comment(pos);
                continue;
            }
            lexAction();
            Token first = peekNonSpace();
            if (first.kind() == Kind.KEYWORD) {
                nextNonSpace();
                switch (first.val()) {
                    case "end" -> {
                        expectEnd("end");
                        return "end";
                    }
                    case "else" -> {
                        Token after = peekNonSpace();
                        if (after.kind() == Kind.KEYWORD && after.val().equals("if")) {
                            nextNonSpace();
                            return "else if";
                        }
                        expectEnd("else");
                        return "else";
                    }
                    case "if", "range", "with" -> list.add(control(first.val()));
                    case "break", "continue" -> {
                        if (rangeDepth == 0) {
                            throw parseError("{{" + first.val() + "}} outside {{range}}");
                        }
                        expectEnd(first.val());
                        list.add(first.val().equals("break") ? new Break() : new Continue());
                    }
                    case "define" -> {
                        if (depth > 0 || inDefinition) {
                            throw parseError("unexpected <define>");
                        }
                        String name = templateName();
                        expectEnd("define");
                        define(name, body("define"));
                    }
                    case "template" -> {
                        String name = templateName();
                        list.add(new Template(name, peekNonSpace().kind() == Kind.END ? endOfAction() : pipeline("template")));
                    }
                    case "block" -> {
                        String name = templateName();
                        Pipe pipe = pipeline("block");
                        define(name, body("block"));
                        list.add(new Template(name, pipe));
                    }
                    default -> throw new Unsupported("the template action {{" + first.val() + "}}");
                }
            } else {
                list.add(new Action(pipeline("command")));
            }
        }
        return null;
    }

    private String templateName() {
        Token name = nextNonSpace();
        if (name.kind() != Kind.STRING) {
            throw parseError("unexpected " + name.val() + " in template clause");
        }
        return name.val();
    }

    private Pipe endOfAction() {
        nextNonSpace();
        return null;
    }

    /** A define's or block's body up to its {{end}}, parsed as Go parses a new template: only $ is defined. */
    private List<Node> body(String context) {
        Deque<List<String>> outerScopes = scopes;
        int outerRanges = rangeDepth;
        int outerDepth = depth;
        boolean outerDefinition = inDefinition;
        scopes = new ArrayDeque<>();
        scopes.push(new ArrayList<>(List.of("$")));
        rangeDepth = 0;
        depth = 0;
        inDefinition = true;
        try {
            List<Node> body = new ArrayList<>();
            if (!"end".equals(itemList(body))) {
                throw parseError("unexpected end of " + context);
            }
            return List.copyOf(body);
        } finally {
            scopes = outerScopes;
            rangeDepth = outerRanges;
            depth = outerDepth;
            inDefinition = outerDefinition;
        }
    }

    private void define(String name, List<Node> body) {
        if (defines.containsKey(name) || name.startsWith("__alert_")) {
            throw new Unsupported("a second definition of template " + GoText.quote(name)
                    + " (Go's rules for redefinitions are not modelled)");
        }
        defines.put(name, body);
    }

    private void addText(List<Node> list, String chunk) {
        if (!chunk.isEmpty()) {
            list.add(new Text(chunk));
        }
    }

    private Control control(String keyword) {
        scopes.push(new ArrayList<>());
        depth++;
        try {
            Pipe pipe = pipeline(keyword);
            List<Node> list = new ArrayList<>();
            if (keyword.equals("range")) {
                rangeDepth++;
            }
            String end = itemList(list);
            if (keyword.equals("range")) {
                rangeDepth--;
            }
            List<Node> elseList = new ArrayList<>();
            if ("else if".equals(end)) {
                if (!keyword.equals("if")) {
                    throw parseError("{{else if}} after {{" + keyword + "}}");
                }
                elseList.add(control("if"));
            } else if ("else".equals(end)) {
                end = itemList(elseList);
                if (!"end".equals(end)) {
                    throw parseError(end == null ? "unexpected EOF" : "unexpected {{" + end + "}}");
                }
            } else if (end == null) {
                throw parseError("unexpected EOF");
            }
            return new Control(keyword, pipe, List.copyOf(list), List.copyOf(elseList));
        } finally {
            scopes.pop();
            depth--;
        }
    }

    private void comment(int start) {
        int close = text.indexOf("*/", start + 2);
        if (close < 0) {
            throw parseError("unclosed comment");
        }
        pos = close + 2;
        if (text.startsWith(" -}}", pos) || text.startsWith("\t-}}", pos) || text.startsWith("\n-}}", pos)
                || text.startsWith("\r-}}", pos)) {
            rightTrim = true;
            pos += 4;
        } else if (text.startsWith("}}", pos)) {
            pos += 2;
        } else {
            throw parseError("comment ends before closing delimiter");
        }
    }

    private void expectEnd(String context) {
        if (nextNonSpace().kind() != Kind.END) {
            throw parseError("unexpected token in " + context);
        }
    }

    // ---- pipelines

    private Pipe pipeline(String context) {
        List<String> decls = new ArrayList<>();
        boolean assign = false;
        Token v = peekNonSpace();
        if (v.kind() == Kind.VARIABLE) {
            int mark = next;
            nextNonSpace();
            Token after = peekNonSpace();
            if (after.kind() == Kind.DECLARE || after.kind() == Kind.ASSIGN) {
                nextNonSpace();
                assign = after.kind() == Kind.ASSIGN;
                decls.add(v.val());
            } else if (after.kind() == Kind.COMMA) {
                nextNonSpace();
                if (!context.equals("range")) {
                    throw parseError("too many declarations in " + context);
                }
                decls.add(v.val());
                Token second = nextNonSpace();
                Token op = nextNonSpace();
                if (second.kind() != Kind.VARIABLE || op.kind() != Kind.DECLARE) {
                    throw parseError("range can only initialize variables");
                }
                decls.add(second.val());
            } else {
                next = mark;
            }
        }
        if (assign) {
            lookup(decls.get(0));
        }
        List<Command> cmds = new ArrayList<>();
        while (true) {
            Token t = peekNonSpace();
            if (t.kind() == Kind.END || t.kind() == Kind.RPAREN) {
                if ((t.kind() == Kind.END) != !context.equals("parenthesized pipeline")) {
                    throw parseError("unexpected " + t.kind() + " in " + context);
                }
                nextNonSpace();
                break;
            }
            cmds.add(command());
        }
        if (cmds.isEmpty()) {
            throw parseError("missing value for " + context);
        }
        for (int i = 1; i < cmds.size(); i++) {
            Arg first = cmds.get(i).args().get(0);
            if (first instanceof BoolLit || first instanceof Dot || first instanceof NilLit || first instanceof NumberLit
                    || first instanceof StringLit) {
                throw parseError("non executable command in pipeline stage " + (i + 1));
            }
        }
        if (!assign) {
            decls.forEach(d -> scopes.peek().add(d));
        }
        return new Pipe(List.copyOf(decls), assign, List.copyOf(cmds));
    }

    private Command command() {
        List<Arg> args = new ArrayList<>();
        while (true) {
            peekNonSpace();
            args.add(operand());
            Token t = peek();
            if (t.kind() == Kind.SPACE) {
                next++;
                Token n = peekNonSpace();
                if (n.kind() == Kind.END || n.kind() == Kind.RPAREN) {
                    break;
                }
                if (n.kind() == Kind.PIPE) {
                    nextNonSpace();
                    break;
                }
                continue;
            }
            if (t.kind() == Kind.END || t.kind() == Kind.RPAREN) {
                break;
            }
            if (t.kind() == Kind.PIPE) {
                next++;
                break;
            }
            throw parseError("unexpected " + t.val() + " in operand");
        }
        return new Command(List.copyOf(args));
    }

    private Arg operand() {
        Arg term = term();
        if (peek().kind() != Kind.FIELD) {
            return term;
        }
        List<String> fields = new ArrayList<>();
        while (peek().kind() == Kind.FIELD) {
            fields.add(tokens.get(next++).val().substring(1));
        }
        if (term instanceof Field f) {
            List<String> all = new ArrayList<>(f.names());
            all.addAll(fields);
            return new Field(List.copyOf(all));
        } else if (term instanceof Variable v) {
            List<String> all = new ArrayList<>(v.fields());
            all.addAll(fields);
            return new Variable(v.name(), List.copyOf(all));
        } else if (term instanceof SubPipe s && s.fields().isEmpty()) {
            return new SubPipe(s.pipe(), List.copyOf(fields));
        }
        throw parseError("unexpected . after term");
    }

    private Arg term() {
        Token t = nextNonSpace();
        return switch (t.kind()) {
            case IDENT -> {
                if (!functions.contains(t.val())) {
                    throw parseError("function \"" + t.val() + "\" not defined");
                }
                yield new Identifier(t.val());
            }
            case DOT -> new Dot();
            case NIL -> new NilLit();
            case VARIABLE -> {
                lookup(t.val());
                yield new Variable(t.val(), List.of());
            }
            case FIELD -> new Field(List.of(t.val().substring(1)));
            case BOOL -> new BoolLit(t.val().equals("true"));
            case NUMBER -> number(t.val());
            case STRING -> new StringLit(t.val());
            case LPAREN -> new SubPipe(pipeline("parenthesized pipeline"), List.of());
            default -> throw parseError("unexpected " + t.val() + " in operand");
        };
    }

    private void lookup(String variable) {
        String name = variable.contains(".") ? variable.substring(0, variable.indexOf('.')) : variable;
        for (List<String> scope : scopes) {
            if (scope.contains(name)) {
                return;
            }
        }
        throw parseError("undefined variable \"" + name + "\"");
    }

    private static NumberLit number(String text) {
        return new NumberLit(text, GoNumbers.number(text));
    }

    // ---- lexing one action

    private Token peek() {
        return tokens.get(next);
    }

    private Token peekNonSpace() {
        while (tokens.get(next).kind() == Kind.SPACE) {
            next++;
        }
        return tokens.get(next);
    }

    /** The next token that is no space; at the end of the action, the end again. */
    private Token nextNonSpace() {
        Token t = peekNonSpace();
        if (t.kind() != Kind.END) {
            next++;
        }
        return t;
    }

    /** Lexes the action at pos up to and including its right delimiter, setting rightTrim. */
    private void lexAction() {
        tokens = new ArrayList<>();
        next = 0;
        int parens = 0;
        while (true) {
            if (pos >= text.length()) {
                throw parseError("unclosed action");
            }
            char c = text.charAt(pos);
            if (isSpace(c)) {
                int start = pos;
                while (pos < text.length() && isSpace(text.charAt(pos))) {
                    pos++;
                }
                if (text.startsWith("-}}", pos) && pos > start) {
                    pos += 3;
                    rightTrim = true;
                    break;
                }
                tokens.add(new Token(Kind.SPACE, " "));
                continue;
            }
            if (text.startsWith("}}", pos)) {
                pos += 2;
                break;
            }
            switch (c) {
                case '(' -> {
                    parens++;
                    tokens.add(new Token(Kind.LPAREN, "("));
                    pos++;
                }
                case ')' -> {
                    if (--parens < 0) {
                        throw parseError("unexpected right paren");
                    }
                    tokens.add(new Token(Kind.RPAREN, ")"));
                    pos++;
                }
                case '|' -> {
                    tokens.add(new Token(Kind.PIPE, "|"));
                    pos++;
                }
                case ',' -> {
                    tokens.add(new Token(Kind.COMMA, ","));
                    pos++;
                }
                case '=' -> {
                    tokens.add(new Token(Kind.ASSIGN, "="));
                    pos++;
                }
                case ':' -> {
                    if (!text.startsWith(":=", pos)) {
                        throw parseError("expected :=");
                    }
                    tokens.add(new Token(Kind.DECLARE, ":="));
                    pos += 2;
                }
                case '"' -> tokens.add(new Token(Kind.STRING, quoted()));
                case '`' -> {
                    int close = text.indexOf('`', pos + 1);
                    if (close < 0) {
                        throw parseError("unterminated raw quoted string");
                    }
                    tokens.add(new Token(Kind.STRING, text.substring(pos + 1, close).replace("\r", "")));
                    pos = close + 1;
                }
                case '\'' -> tokens.add(new Token(Kind.NUMBER, charConstant()));
                case '$' -> {
                    int start = pos++;
                    while (pos < text.length() && isAlphaNumeric(text.codePointAt(pos))) {
                        pos += Character.charCount(text.codePointAt(pos));
                    }
                    tokens.add(new Token(Kind.VARIABLE, text.substring(start, pos)));
                    requireTerminator();
                }
                case '.' -> {
                    if (pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))
                            && text.charAt(pos + 1) < 128) {
                        lexNumber();
                        break;
                    }
                    int start = pos++;
                    while (pos < text.length() && isAlphaNumeric(text.codePointAt(pos))) {
                        pos += Character.charCount(text.codePointAt(pos));
                    }
                    tokens.add(pos == start + 1 ? new Token(Kind.DOT, ".")
                            : new Token(Kind.FIELD, text.substring(start, pos)));
                    requireTerminator();
                }
                default -> {
                    if (c == '+' || c == '-' || (c >= '0' && c <= '9')) {
                        lexNumber();
                    } else if (isAlphaNumeric(text.codePointAt(pos))) {
                        int start = pos;
                        while (pos < text.length() && isAlphaNumeric(text.codePointAt(pos))) {
                            pos += Character.charCount(text.codePointAt(pos));
                        }
                        String word = text.substring(start, pos);
                        Kind kind = KEYWORDS.contains(word) ? Kind.KEYWORD
                                : word.equals("true") || word.equals("false") ? Kind.BOOL
                                : word.equals("nil") ? Kind.NIL : Kind.IDENT;
                        tokens.add(new Token(kind, word));
                        requireTerminator();
                    } else {
                        throw parseError("unrecognized character in action");
                    }
                }
            }
        }
        if (parens > 0) {
            throw parseError("unclosed left paren");
        }
        tokens.add(new Token(Kind.END, "}}"));
    }

    /** Go's scanNumber: sign, base prefix, digits, fraction, exponent, imaginary suffix; then no letter or digit. */
    private void lexNumber() {
        int start = pos;
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
        while (accept(digits)) {
            // digits
        }
        if (accept(".")) {
            while (accept(digits)) {
                // fraction
            }
        }
        if ((digits.length() == 11 && accept("eE")) || (digits.length() == 23 && accept("pP"))) {
            accept("+-");
            while (accept("0123456789_")) {
                // exponent
            }
        }
        accept("i");
        if (pos < text.length() && (isAlphaNumeric(text.codePointAt(pos)) || text.charAt(pos) == '+'
                || text.charAt(pos) == '-')) {
            throw parseError("bad number syntax, or a complex number");
        }
        if (pos == start || text.substring(start, pos).matches("[+-]")) {
            throw parseError("bad number syntax");
        }
        tokens.add(new Token(Kind.NUMBER, text.substring(start, pos)));
    }

    /** Go's atTerminator: a word, field or variable must be followed by space, . , | : ( ) or the delimiter. */
    private void requireTerminator() {
        if (pos < text.length() && !isSpace(text.charAt(pos)) && ".,|:()}".indexOf(text.charAt(pos)) < 0) {
            throw parseError("bad character after a word in an action");
        }
    }

    private boolean accept(String valid) {
        if (pos < text.length() && valid.indexOf(text.charAt(pos)) >= 0) {
            pos++;
            return true;
        }
        return false;
    }

    /** A character constant at pos: its code point as the number's text Go's int value (its text never printed). */
    private String charConstant() {
        int end = pos + 1;
        while (true) {
            if (end >= text.length() || text.charAt(end) == '\n') {
                throw parseError("unterminated character constant");
            }
            char c = text.charAt(end);
            if (c == '\\') {
                if (end + 1 >= text.length() || text.charAt(end + 1) == '\n') {
                    throw parseError("unterminated character constant");
                }
                end += 2;
                continue;
            }
            end++;
            if (c == '\'') {
                break;
            }
        }
        String literal = text.substring(pos, end);
        pos = end;
        int[] r = GoNumbers.unquoteChar(literal, 1, '\'');
        if (r[1] != literal.length() - 1) {
            throw parseError("malformed character constant: " + literal);
        }
        return Integer.toString(r[0]);
    }

    /** A double-quoted Go string at pos, unquoted. */
    private String quoted() {
        StringBuilder b = new StringBuilder();
        int i = pos + 1;
        while (true) {
            if (i >= text.length() || text.charAt(i) == '\n') {
                throw parseError("unterminated quoted string");
            }
            if (text.charAt(i) == '"') {
                pos = i + 1;
                return b.toString();
            }
            boolean escape = text.charAt(i) == '\\';
            int[] r = GoNumbers.unquoteChar(text, i, '"');
            char e = escape ? text.charAt(i + 1) : 0;
            if (escape && (e == 'x' || (e >= '0' && e <= '7')) && r[0] > 0x7f) {
                throw new Unsupported("a string escape that makes a byte above 0x7f in a template");
            }
            b.appendCodePoint(r[0]);
            i = r[1];
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isAlphaNumeric(int c) {
        return c == '_' || Character.isLetter(c) || Character.isDigit(c);
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    private static String stripTrailing(String s) {
        int i = s.length();
        while (i > 0 && isSpace(s.charAt(i - 1))) {
            i--;
        }
        return s.substring(0, i);
    }
}
