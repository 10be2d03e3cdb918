package dev.spawn.monitoring.promql;

import dev.spawn.monitoring.promql.Expr.AggregateOp;
import dev.spawn.monitoring.promql.Expr.At;
import dev.spawn.monitoring.promql.Expr.AtKind;
import dev.spawn.monitoring.promql.Expr.BinaryOp;
import dev.spawn.monitoring.promql.Expr.Cardinality;
import dev.spawn.monitoring.promql.Expr.MatchOp;
import dev.spawn.monitoring.promql.Expr.Matcher;
import dev.spawn.monitoring.promql.Expr.Modifiers;
import dev.spawn.monitoring.promql.Expr.VectorMatching;
import dev.spawn.monitoring.promql.Token.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recursive-descent parser with precedence climbing for the grammar of Prometheus 2.42
 * (generated_parser.y), then its type checks (parse.go checkAST). Where the yacc grammar resolves a
 * conflict by shifting, this parser does the same: offset, {@code @} and {@code [...]} bind to the
 * operand just before them, unary minus binds like {@code *} (so {@code -a^b} is {@code -(a^b)}),
 * {@code ^} is right-associative, and a {@code (} after group_left/group_right is always its label list.
 */
final class Parser {

    private static final Set<Kind> METRIC_IDENTIFIERS = EnumSet.of(Kind.AVG, Kind.BOTTOMK, Kind.BY, Kind.COUNT,
            Kind.COUNT_VALUES, Kind.GROUP, Kind.IDENTIFIER, Kind.LAND, Kind.LOR, Kind.LUNLESS, Kind.MAX,
            Kind.METRIC_IDENTIFIER, Kind.MIN, Kind.OFFSET, Kind.QUANTILE, Kind.STDDEV, Kind.STDVAR, Kind.SUM, Kind.TOPK,
            Kind.WITHOUT, Kind.START, Kind.END);
    private static final Set<Kind> MAYBE_LABELS = EnumSet.of(Kind.AVG, Kind.BOOL, Kind.BOTTOMK, Kind.BY, Kind.COUNT,
            Kind.COUNT_VALUES, Kind.GROUP, Kind.GROUP_LEFT, Kind.GROUP_RIGHT, Kind.IDENTIFIER, Kind.IGNORING, Kind.LAND,
            Kind.LOR, Kind.LUNLESS, Kind.MAX, Kind.METRIC_IDENTIFIER, Kind.MIN, Kind.OFFSET, Kind.ON, Kind.QUANTILE,
            Kind.STDDEV, Kind.STDVAR, Kind.SUM, Kind.TOPK, Kind.START, Kind.END, Kind.ATAN2);

    /** Thrown to stop at the first syntax error, as yacc's error recovery gives nothing more we use. */
    private static final class SyntaxError extends RuntimeException {
        SyntaxError() {
            super(null, null, false, false);
        }
    }

    private final String input;
    private final List<Token> tokens;
    private final List<PromQLProblem> problems = new ArrayList<>();
    private final int[] lineStarts;
    private int index;
    private int previousEnd;
    /** Where yacc's error recovery would land: inside an aggregation, an unexpected token is "in aggregation". */
    private int aggregationDepth;

    Parser(String input) {
        this.input = input;
        this.tokens = Lexer.lex(input);
        this.lineStarts = lineStarts(input);
    }

    /** How many opening parentheses the text has: a bound on how deep the parser (and the regex parser) recurse. */
    int parentheses() {
        int n = 0;
        for (int i = 0; i < input.length(); i++) {
            n += input.charAt(i) == '(' ? 1 : 0;
        }
        return n;
    }

    List<PromQLProblem> problems() {
        return problems;
    }

    /** Whether the expression parsed and so {@link #problems()} are type problems (checkAST), not syntax ones. */
    boolean typeChecked() {
        return typeChecked;
    }

    /**
     * {@link #parse()}, reporting nesting deeper than the JVM's stack allows as a problem rather than a crash
     * (Prometheus, on Go's growing stacks, has no such limit: thousands of nested parentheses are beyond it).
     */
    private boolean typeChecked;

    Optional<Expr> parseGuarded() {
        try {
            return parse();
        } catch (StackOverflowError e) {
            problems.clear();
            typeChecked = false;
            problem(0, "expression nests too deeply for this parser");
            return Optional.empty();
        }
    }

    /** The expression, or empty when there was a syntax error; {@link #problems()} has the problems. */
    Optional<Expr> parse() {
        Expr expr;
        try {
            if (peek().kind() == Kind.EOF) {
                problem(0, "no expression found in input");
                return Optional.empty();
            }
            expr = expr(0);
            if (peek().kind() != Kind.EOF) {
                unexpected("", "");
            }
        } catch (SyntaxError e) {
            return Optional.empty();
        }
        if (problems.isEmpty()) {
            typeChecked = true;
            check(expr);
        }
        return Optional.of(expr);
    }

    // ---- tokens ----

    private Token peek() {
        return tokens.get(index);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    private Token advance() {
        Token t = tokens.get(index);
        if (t.kind() == Kind.ERROR) {
            unexpected("", "");
        }
        if (index < tokens.size() - 1) {
            index++;
        }
        previousEnd = t.end();
        return t;
    }

    private Token expect(Kind kind, String context, String expected) {
        if (peek().kind() != kind) {
            unexpected(context, expected);
        }
        return advance();
    }

    /** Reports the current token as unexpected (or the lexer's error, when it is one) and stops. */
    private SyntaxError unexpected(String context, String expected) {
        Token t = peek();
        if (t.kind() == Kind.ERROR) {
            problem(t.offset(), t.text());
            throw new SyntaxError();
        }
        StringBuilder message = new StringBuilder("unexpected ").append(t.describe());
        if (context.isEmpty() && aggregationDepth > 0) {
            message.append(" in aggregation");
        } else if (!context.isEmpty()) {
            message.append(" in ").append(context);
        }
        if (!expected.isEmpty()) {
            message.append(", expected ").append(expected);
        }
        problem(t.offset(), message.toString());
        throw new SyntaxError();
    }

    private void problem(int offset, String message) {
        int line = line(offset);
        problems.add(new PromQLProblem(line + 1, offset - lineStarts[line] + 1, offset, message));
    }

    private static int[] lineStarts(String input) {
        int lines = 1;
        for (int i = 0; i < input.length(); i++) {
            lines += input.charAt(i) == '\n' ? 1 : 0;
        }
        int[] starts = new int[lines];
        int line = 1;
        for (int i = 0; i < input.length(); i++) {
            if (input.charAt(i) == '\n') {
                starts[line++] = i + 1;
            }
        }
        return starts;
    }

    private int line(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private Span span(int start) {
        return span(start, previousEnd);
    }

    private Span span(int start, int end) {
        int line = line(start);
        return new Span(start, Math.max(start, end), line + 1, start - lineStarts[line] + 1);
    }

    // ---- expressions ----

    private Expr expr(int minPrecedence) {
        Expr left = unary();
        while (true) {
            BinaryOp op = binaryOp(peek().kind());
            if (op == null || op.precedence() < minPrecedence) {
                return left;
            }
            advance();
            boolean returnBool = false;
            if (peek().kind() == Kind.BOOL) {
                advance();
                returnBool = true;
            }
            Optional<VectorMatching> matching = Optional.empty();
            if (peek().kind() == Kind.ON || peek().kind() == Kind.IGNORING) {
                boolean on = advance().kind() == Kind.ON;
                List<String> labels = groupingLabels();
                Cardinality card = Cardinality.ONE_TO_ONE;
                List<String> include = List.of();
                if (peek().kind() == Kind.GROUP_LEFT || peek().kind() == Kind.GROUP_RIGHT) {
                    card = advance().kind() == Kind.GROUP_LEFT ? Cardinality.MANY_TO_ONE : Cardinality.ONE_TO_MANY;
                    if (peek().kind() == Kind.LEFT_PAREN) {
                        include = groupingLabels();
                    } else if (!startsExpression(peek().kind())) {
                        unexpected("grouping opts", "\"(\"");
                    }
                }
                matching = Optional.of(new VectorMatching(card, labels, on, true, include));
            }
            Expr right = expr(op.isRightAssociative() ? op.precedence() : op.precedence() + 1);
            left = new Expr.Binary(op, left, right, returnBool, matching, span(left.span().start()));
        }
    }

    private static BinaryOp binaryOp(Kind kind) {
        return switch (kind) {
            case LOR -> BinaryOp.OR;
            case LAND -> BinaryOp.AND;
            case LUNLESS -> BinaryOp.UNLESS;
            case EQLC -> BinaryOp.EQL;
            case NEQ -> BinaryOp.NEQ;
            case LTE -> BinaryOp.LTE;
            case LSS -> BinaryOp.LSS;
            case GTE -> BinaryOp.GTE;
            case GTR -> BinaryOp.GTR;
            case ADD -> BinaryOp.ADD;
            case SUB -> BinaryOp.SUB;
            case MUL -> BinaryOp.MUL;
            case DIV -> BinaryOp.DIV;
            case MOD -> BinaryOp.MOD;
            case ATAN2 -> BinaryOp.ATAN2;
            case POW -> BinaryOp.POW;
            default -> null;
        };
    }

    private Expr unary() {
        Kind kind = peek().kind();
        if (kind != Kind.ADD && kind != Kind.SUB) {
            return postfix(primary());
        }
        int start = advance().offset();
        // The grammar gives unary minus the precedence of '*': only '^' binds tighter.
        Expr operand = expr(BinaryOp.POW.precedence());
        boolean negative = kind == Kind.SUB;
        if (operand instanceof Expr.NumberLiteral n) {
            return new Expr.NumberLiteral(negative ? -n.value() : n.value(), span(start, n.span().end()));
        }
        return new Expr.Unary(negative, operand, span(start, operand.span().end()));
    }

    private Expr primary() {
        Token t = peek();
        switch (t.kind()) {
            case NUMBER -> {
                advance();
                return new Expr.NumberLiteral(number(t), span(t.offset()));
            }
            case STRING -> {
                advance();
                return new Expr.StringLiteral(unquote(t.text()), span(t.offset()));
            }
            case LEFT_PAREN -> {
                advance();
                Expr inner = expr(0);
                if (peek().kind() != Kind.RIGHT_PAREN) {
                    unexpected("", "");
                }
                advance();
                return new Expr.Paren(inner, span(t.offset()));
            }
            case LEFT_BRACE -> {
                return selector(null);
            }
            default -> {
                Kind next = peekAt(1).kind();
                if (t.kind() == Kind.IDENTIFIER && next == Kind.LEFT_PAREN) {
                    return call();
                }
                if (t.kind().isAggregator() && (next == Kind.LEFT_PAREN || next == Kind.BY || next == Kind.WITHOUT)) {
                    return aggregate();
                }
                if (METRIC_IDENTIFIERS.contains(t.kind())) {
                    return selector(advance());
                }
                throw unexpected("", "");
            }
        }
    }

    private Expr postfix(Expr operand) {
        Expr e = operand;
        while (true) {
            switch (peek().kind()) {
                case LEFT_BRACKET -> e = rangeOrSubquery(e);
                case OFFSET -> e = offset(e);
                case AT -> e = at(e);
                default -> {
                    return e;
                }
            }
        }
    }

    private Expr rangeOrSubquery(Expr e) {
        Token open = advance();
        if (peek().kind() != Kind.DURATION) {
            unexpected("subquery selector", "duration");
        }
        long range = duration(advance());
        if (peek().kind() == Kind.RIGHT_BRACKET) {
            advance();
            String error = null;
            if (!(e instanceof Expr.VectorSelector vs)) {
                error = "ranges only allowed for vector selectors";
            } else if (vs.modifiers().offsetMillis() != 0) {
                error = "no offset modifiers allowed before range";
            } else if (vs.modifiers().at().isPresent()) {
                error = "no @ modifiers allowed before range";
            }
            if (error != null) {
                problem(open.offset(), error);
            }
            return new Expr.MatrixSelector(e, range, span(e.span().start()));
        }
        if (peek().kind() != Kind.COLON) {
            unexpected("subquery or range", "\":\" or \"]\"");
        }
        advance();
        long step = 0;
        if (peek().kind() == Kind.DURATION) {
            step = duration(advance());
            if (peek().kind() != Kind.RIGHT_BRACKET) {
                unexpected("subquery selector", "\"]\"");
            }
        } else if (peek().kind() != Kind.RIGHT_BRACKET) {
            unexpected("subquery selector", "duration or \"]\"");
        }
        advance();
        return new Expr.Subquery(e, range, step, Modifiers.NONE, span(e.span().start()));
    }

    private Expr offset(Expr e) {
        advance();
        boolean negative = false;
        if (peek().kind() == Kind.SUB) {
            advance();
            negative = true;
        }
        if (peek().kind() != Kind.DURATION) {
            unexpected("offset", "duration");
        }
        long millis = duration(advance());
        long offset = negative ? -millis : millis;
        Modifiers modifiers = modifiers(e, "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
        if (modifiers == null) {
            return e;
        }
        if (modifiers.offsetMillis() != 0) {
            problem(e.span().start(), "offset may not be set multiple times");
            return e;
        }
        return withModifiers(e, modifiers.withOffset(offset));
    }

    private Expr at(Expr e) {
        advance();
        Token t = peek();
        At at;
        if (t.kind() == Kind.START || t.kind() == Kind.END) {
            advance();
            expect(Kind.LEFT_PAREN, "@", "timestamp");
            expect(Kind.RIGHT_PAREN, "@", "timestamp");
            at = new At(t.kind() == Kind.START ? AtKind.START : AtKind.END, 0);
        } else {
            double sign = 1;
            if (t.kind() == Kind.ADD || t.kind() == Kind.SUB) {
                if (peekAt(1).kind() != Kind.NUMBER) {
                    advance();
                    unexpected("@", "timestamp");
                }
                sign = advance().kind() == Kind.SUB ? -1 : 1;
            } else if (t.kind() != Kind.NUMBER) {
                unexpected("@", "timestamp");
            }
            double ts = sign * number(advance());
            if (Double.isNaN(ts) || Double.isInfinite(ts) || ts >= 0x1p63 || ts <= -0x1p63) {
                problem(e.span().start(), "timestamp out of bounds for @ modifier: " + goFloat(ts));
            }
            at = new At(AtKind.TIMESTAMP, ts);
        }
        Modifiers modifiers = modifiers(e, "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery");
        if (modifiers == null) {
            return e;
        }
        if (modifiers.at().isPresent()) {
            problem(e.span().start(), "@ <timestamp> may not be set multiple times");
            return e;
        }
        return withModifiers(e, modifiers.withAt(at));
    }

    /** Go's {@code %f}. */
    private static String goFloat(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return new java.math.BigDecimal(v).setScale(6, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    /** The modifiers an offset or @ would change, or null (with a problem) when the expression takes none. */
    private Modifiers modifiers(Expr e, String notAllowed) {
        if (e instanceof Expr.VectorSelector vs) {
            return vs.modifiers();
        } else if (e instanceof Expr.MatrixSelector ms) {
            if (ms.selector() instanceof Expr.VectorSelector vs) {
                return vs.modifiers();
            }
            problem(e.span().start(), "ranges only allowed for vector selectors");
            return null;
        } else if (e instanceof Expr.Subquery sq) {
            return sq.modifiers();
        }
        problem(e.span().start(), notAllowed);
        return null;
    }

    private Expr withModifiers(Expr e, Modifiers modifiers) {
        Span s = span(e.span().start());
        if (e instanceof Expr.VectorSelector vs) {
            return new Expr.VectorSelector(vs.name(), vs.matchers(), modifiers, s);
        } else if (e instanceof Expr.MatrixSelector ms) {
            Expr.VectorSelector vs = (Expr.VectorSelector) ms.selector();
            return new Expr.MatrixSelector(new Expr.VectorSelector(vs.name(), vs.matchers(), modifiers, vs.span()),
                    ms.rangeMillis(), s);
        }
        Expr.Subquery sq = (Expr.Subquery) e;
        return new Expr.Subquery(sq.expr(), sq.rangeMillis(), sq.stepMillis(), modifiers, s);
    }

    private Expr selector(Token name) {
        int start = name != null ? name.offset() : peek().offset();
        List<Matcher> matchers = new ArrayList<>();
        if (name == null || peek().kind() == Kind.LEFT_BRACE) {
            advance();
            while (peek().kind() != Kind.RIGHT_BRACE) {
                matchers.add(matcher());
                if (peek().kind() == Kind.COMMA) {
                    advance();
                } else if (peek().kind() != Kind.RIGHT_BRACE) {
                    unexpected("label matching", "\",\" or \"}\"");
                }
            }
            advance();
        }
        return new Expr.VectorSelector(name == null ? "" : name.text(), matchers, Modifiers.NONE, span(start));
    }

    private Matcher matcher() {
        if (peek().kind() != Kind.IDENTIFIER) {
            unexpected("label matching", "identifier or \"}\"");
        }
        Token label = advance();
        MatchOp op = switch (peek().kind()) {
            case EQL -> MatchOp.EQUAL;
            case NEQ -> MatchOp.NOT_EQUAL;
            case EQL_REGEX -> MatchOp.REGEX;
            case NEQ_REGEX -> MatchOp.NOT_REGEX;
            default -> throw unexpected("label matching", "label matching operator");
        };
        advance();
        if (peek().kind() != Kind.STRING) {
            unexpected("label matching", "string");
        }
        String quoted = advance().text();
        String value = unquote(quoted);
        if (op == MatchOp.REGEX || op == MatchOp.NOT_REGEX) {
            if (!isUtf8(unquoteBytes(quoted))) {
                // Escapes such as \xff make bytes that are no UTF-8; Go's regexp rejects them.
                problem(label.offset(), "error parsing regexp: invalid UTF-8: `" + value + ")$`");
            } else {
                Re2.check(value).ifPresent(error -> problem(label.offset(), error));
            }
        }
        return new Matcher(label.text(), op, value);
    }

    private Expr call() {
        Token name = advance();
        List<Expr> args = arguments();
        Optional<Function> function = Function.named(name.text());
        if (function.isEmpty()) {
            problem(name.offset(), "unknown function with name " + Lexer.goQuote(name.text()));
            // A placeholder so the tree stays whole; the problem already rejects the expression.
            return new Expr.Call(new Function(name.text(), List.of(), -1, ValueType.NONE), args, span(name.offset()));
        }
        return new Expr.Call(function.get(), args, span(name.offset()));
    }

    /** {@code ( args )} of a call or aggregation; a trailing comma is reported but parsing goes on, as in Prometheus. */
    private List<Expr> arguments() {
        if (peek().kind() != Kind.LEFT_PAREN) {
            unexpected("", "");
        }
        advance();
        List<Expr> args = new ArrayList<>();
        if (peek().kind() == Kind.RIGHT_PAREN) {
            advance();
            return args;
        }
        args.add(expr(0));
        while (peek().kind() == Kind.COMMA) {
            Token comma = advance();
            if (peek().kind() == Kind.ERROR) {
                unexpected("", "");
            }
            if (!startsExpression(peek().kind())) {
                // yacc reduces "args ," before it reports what follows, so this comes first.
                problem(comma.offset(), "trailing commas not allowed in function call args");
                break;
            }
            args.add(expr(0));
        }
        if (peek().kind() != Kind.RIGHT_PAREN) {
            unexpected("", "");
        }
        advance();
        return args;
    }

    private static boolean startsExpression(Kind kind) {
        return switch (kind) {
            case NUMBER, STRING, LEFT_PAREN, LEFT_BRACE, ADD, SUB -> true;
            default -> METRIC_IDENTIFIERS.contains(kind);
        };
    }

    private Expr aggregate() {
        aggregationDepth++;
        Expr aggregate = aggregateBody();
        aggregationDepth--;
        return aggregate;
    }

    private Expr aggregateBody() {
        Token opToken = advance();
        AggregateOp op = AggregateOp.valueOf(opToken.kind().name());
        List<String> grouping = List.of();
        boolean without = false;
        boolean given = false;
        if (peek().kind() == Kind.BY || peek().kind() == Kind.WITHOUT) {
            without = advance().kind() == Kind.WITHOUT;
            grouping = groupingLabels();
            given = true;
        }
        List<Expr> args = arguments();
        if (!given && peek().kind() == Kind.ERROR) {
            // Without a modifier yet, yacc reads the token after ")" to see whether by/without follows, before it
            // checks the arguments.
            unexpected("", "");
        }
        if (!given && (peek().kind() == Kind.BY || peek().kind() == Kind.WITHOUT)) {
            without = advance().kind() == Kind.WITHOUT;
            grouping = groupingLabels();
            given = true;
        }
        Span s = span(opToken.offset());
        if (args.isEmpty()) {
            problem(opToken.offset(), "no arguments for aggregate expression provided");
            return new Expr.Aggregate(op, Optional.empty(), new Expr.NumberLiteral(0, s), grouping, without, given, s);
        }
        int desired = op.takesParameter() ? 2 : 1;
        if (args.size() != desired) {
            problem(opToken.offset(), "wrong number of arguments for aggregate expression provided, expected "
                    + desired + ", got " + args.size());
        }
        Optional<Expr> param = op.takesParameter() ? Optional.of(args.get(0)) : Optional.empty();
        Expr expr = args.get(Math.min(desired, args.size()) - 1);
        return new Expr.Aggregate(op, param, expr, grouping, without, given, s);
    }

    private List<String> groupingLabels() {
        if (peek().kind() != Kind.LEFT_PAREN) {
            unexpected("grouping opts", "\"(\"");
        }
        advance();
        List<String> labels = new ArrayList<>();
        while (peek().kind() != Kind.RIGHT_PAREN) {
            Token t = peek();
            if (!MAYBE_LABELS.contains(t.kind())) {
                unexpected("grouping opts", "label");
            }
            if (!Lexer.isLabel(t.text())) {
                problem(t.offset(), "unexpected " + t.describe() + " in grouping opts, expected label");
            }
            labels.add(advance().text());
            if (peek().kind() == Kind.COMMA) {
                advance();
            } else if (peek().kind() != Kind.RIGHT_PAREN) {
                unexpected("grouping opts", "\",\" or \")\"");
            }
        }
        advance();
        return labels;
    }

    // ---- literals ----

    private long duration(Token t) {
        try {
            long millis = Durations.parseMillis(t.text());
            if (millis == 0) {
                problem(t.offset(), "duration must be greater than 0");
            }
            return millis;
        } catch (IllegalArgumentException e) {
            problem(t.offset(), e.getMessage());
            return 0;
        }
    }

    private double number(Token t) {
        String text = t.text();
        Double value = parseNumber(text);
        if (value == null) {
            problem(t.offset(), "error parsing number: strconv.ParseFloat: parsing " + Lexer.goQuote(text)
                    + ": " + (isDecimalSyntax(text) ? "value out of range" : "invalid syntax"));
            return 0;
        }
        return value;
    }

    /** Go's {@code strconv.ParseInt(s, 0, 64)}, then {@code ParseFloat(s, 64)}, on what the lexer yields; null when both fail. */
    static Double parseNumber(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (lower.equals("nan")) {
            return Double.NaN;
        }
        if (lower.startsWith("0x")) {
            String digits = lower.substring(2);
            if (digits.isEmpty() || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return null;
            }
            try {
                return (double) Long.parseLong(digits, 16);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (lower.length() > 1 && lower.charAt(0) == '0' && lower.chars().allMatch(c -> c >= '0' && c <= '7')) {
            try {
                return (double) Long.parseLong(lower.substring(1), 8);
            } catch (NumberFormatException e) {
                // out of range as an integer: Go falls back to reading it as a decimal float
            }
        }
        if (!isDecimalSyntax(lower)) {
            return null;
        }
        double value = Double.parseDouble(lower);
        return Double.isInfinite(value) ? null : value;
    }

    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("(?i)([0-9]+\\.?[0-9]*|\\.[0-9]+)(e[+-]?[0-9]+)?");

    private static boolean isDecimalSyntax(String s) {
        return DECIMAL.matcher(s).matches();
    }

    /** Prometheus' strutil.Unquote on a string the lexer accepted; escapes build bytes, read back as UTF-8. */
    static String unquote(String quoted) {
        char quote = quoted.charAt(0);
        String body = quoted.substring(1, quoted.length() - 1);
        if (quote == '`' || body.indexOf('\\') < 0) {
            return body;
        }
        return new String(unquoteBytes(quoted), StandardCharsets.UTF_8);
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /** The bytes a quoted string stands for (Go strings are bytes: {@code \xff} is one byte, not a character). */
    private static byte[] unquoteBytes(String quoted) {
        String body = quoted.substring(1, quoted.length() - 1);
        if (quoted.charAt(0) == '`' || body.indexOf('\\') < 0) {
            return body.getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < body.length()) {
            int c = body.codePointAt(i);
            if (c != '\\') {
                bytes.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(c);
                continue;
            }
            char e = body.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'a' -> bytes.write(7);
                case 'b' -> bytes.write(8);
                case 'f' -> bytes.write(12);
                case 'n' -> bytes.write('\n');
                case 'r' -> bytes.write('\r');
                case 't' -> bytes.write('\t');
                case 'v' -> bytes.write(11);
                case 'x' -> {
                    bytes.write(Integer.parseInt(body.substring(i, i + 2), 16));
                    i += 2;
                }
                case 'u', 'U' -> {
                    int n = e == 'u' ? 4 : 8;
                    int cp = Integer.parseInt(body.substring(i, i + n), 16);
                    bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                    i += n;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        bytes.write(Integer.parseInt(body.substring(i - 1, i + 2), 8));
                        i += 2;
                    } else {
                        bytes.write(e);
                    }
                }
            }
        }
        return bytes.toByteArray();
    }

    // ---- type checks (parse.go checkAST) ----

    private ValueType check(Expr node) {
        node.accept(checks);
        return node.type();
    }

    private final Expr.Visitor<Void> checks = new Expr.Visitor<>() {
        @Override
        public Void number(Expr.NumberLiteral e) {
            return null;
        }

        @Override
        public Void string(Expr.StringLiteral e) {
            return null;
        }

        @Override
        public Void vectorSelector(Expr.VectorSelector e) {
            checkSelector(e);
            return null;
        }

        @Override
        public Void matrixSelector(Expr.MatrixSelector e) {
            check(e.selector());
            return null;
        }

        @Override
        public Void subquery(Expr.Subquery e) {
            ValueType t = check(e.expr());
            if (t != ValueType.VECTOR) {
                problem(e.span().start(), "subquery is only allowed on instant vector, got " + goTypeName(t) + " instead");
            }
            return null;
        }

        @Override
        public Void call(Expr.Call c) {
            checkCall(c);
            return null;
        }

        @Override
        public Void aggregate(Expr.Aggregate a) {
            expectType(a.expr(), ValueType.VECTOR, "aggregation expression");
            switch (a.op()) {
                case TOPK, BOTTOMK, QUANTILE -> expectType(a.param().orElseThrow(), ValueType.SCALAR, "aggregation parameter");
                case COUNT_VALUES -> expectType(a.param().orElseThrow(), ValueType.STRING, "aggregation parameter");
                default -> {
                }
            }
            return null;
        }

        @Override
        public Void binary(Expr.Binary b) {
            checkBinary(b);
            return null;
        }

        @Override
        public Void unary(Expr.Unary u) {
            ValueType t = check(u.expr());
            if (t != ValueType.SCALAR && t != ValueType.VECTOR) {
                problem(u.span().start(), "unary expression only allowed on expressions of type scalar or instant vector, got "
                        + Lexer.goQuote(t.documented()));
            }
            return null;
        }

        @Override
        public Void paren(Expr.Paren p) {
            check(p.expr());
            return null;
        }
    };

    private void checkCall(Expr.Call c) {
        Function f = c.function();
        int n = c.args().size();
        if (f.variadic() == 0) {
            if (f.argTypes().size() != n) {
                problem(c.span().start(), "expected " + f.argTypes().size() + " argument(s) in call to "
                        + Lexer.goQuote(f.name()) + ", got " + n);
            }
        } else if (f.minArgs() > n) {
            problem(c.span().start(), "expected at least " + f.minArgs() + " argument(s) in call to "
                    + Lexer.goQuote(f.name()) + ", got " + n);
        } else if (f.variadic() > 0 && f.maxArgs() < n) {
            problem(c.span().start(), "expected at most " + f.maxArgs() + " argument(s) in call to "
                    + Lexer.goQuote(f.name()) + ", got " + n);
        }
        for (int i = 0; i < n; i++) {
            int typeIndex = i;
            if (i >= f.argTypes().size()) {
                if (f.variadic() == 0) {
                    break;
                }
                typeIndex = f.argTypes().size() - 1;
            }
            expectType(c.args().get(i), f.argTypes().get(typeIndex), "call to function " + Lexer.goQuote(f.name()));
        }
    }

    private static String goTypeName(ValueType t) {
        return switch (t) {
            case NONE -> "none";
            case SCALAR -> "scalar";
            case VECTOR -> "vector";
            case MATRIX -> "matrix";
            case STRING -> "string";
        };
    }

    private void expectType(Expr node, ValueType want, String context) {
        ValueType t = check(node);
        if (t != want) {
            problem(node.span().start(), "expected type " + want.documented() + " in " + context + ", got " + t.documented());
        }
    }

    private void checkBinary(Expr.Binary b) {
        ValueType lt = check(b.lhs());
        ValueType rt = check(b.rhs());
        int opOffset = b.lhs().span().end();
        while (opOffset < input.length() && Lexer.isSpace(input.charAt(opOffset))) {
            opOffset++;
        }
        BinaryOp op = b.op();
        if (b.returnBool() && !op.isComparison()) {
            problem(opOffset, "bool modifier can only be used on comparison operators");
        }
        if (op.isComparison() && !b.returnBool() && lt == ValueType.SCALAR && rt == ValueType.SCALAR) {
            problem(opOffset, "comparisons between scalars must use BOOL modifier");
        }
        Cardinality card = b.matching().map(VectorMatching::card).orElse(Cardinality.ONE_TO_ONE);
        if (op.isSetOperator() && card == Cardinality.ONE_TO_ONE) {
            card = Cardinality.MANY_TO_MANY;
        }
        List<String> labels = b.matching().map(VectorMatching::labels).orElse(List.of());
        List<String> include = b.matching().map(VectorMatching::include).orElse(List.of());
        boolean on = b.matching().map(VectorMatching::on).orElse(false);
        for (String l1 : labels) {
            for (String l2 : include) {
                if (l1.equals(l2) && on) {
                    problem(opOffset, "label " + Lexer.goQuote(l1) + " must not occur in ON and GROUP clause at once");
                }
            }
        }
        if (lt != ValueType.SCALAR && lt != ValueType.VECTOR) {
            problem(b.lhs().span().start(), "binary expression must contain only scalar and instant vector types");
        }
        if (rt != ValueType.SCALAR && rt != ValueType.VECTOR) {
            problem(b.rhs().span().start(), "binary expression must contain only scalar and instant vector types");
        }
        if (lt != ValueType.VECTOR || rt != ValueType.VECTOR) {
            if (!labels.isEmpty()) {
                problem(b.span().start(), "vector matching only allowed between instant vectors");
            }
        } else if (op.isSetOperator()) {
            if (card == Cardinality.ONE_TO_MANY || card == Cardinality.MANY_TO_ONE) {
                problem(b.span().start(), "no grouping allowed for " + Lexer.goQuote(op.text()) + " operation");
            }
            if (card != Cardinality.MANY_TO_MANY) {
                problem(b.span().start(), "set operations must always be many-to-many");
            }
        }
        if ((lt == ValueType.SCALAR || rt == ValueType.SCALAR) && op.isSetOperator()) {
            problem(b.span().start(), "set operator " + Lexer.goQuote(op.text()) + " not allowed in binary scalar expression");
        }
    }

    private void checkSelector(Expr.VectorSelector vs) {
        if (!vs.name().isEmpty()) {
            for (Matcher m : vs.matchers()) {
                if (m.name().equals("__name__")) {
                    problem(vs.span().start(), "metric name must not be set twice: " + Lexer.goQuote(vs.name())
                            + " or " + Lexer.goQuote(m.value()));
                }
            }
            return;
        }
        for (Matcher m : vs.matchers()) {
            if (!matchesEmpty(m)) {
                return;
            }
        }
        problem(vs.span().start(), "vector selector must contain at least one non-empty matcher");
    }

    static boolean matchesEmpty(Matcher m) {
        return switch (m.op()) {
            case EQUAL -> m.value().isEmpty();
            case NOT_EQUAL -> !m.value().isEmpty();
            case REGEX -> Re2.matchesEmpty(m.value());
            case NOT_REGEX -> !Re2.matchesEmpty(m.value());
        };
    }
}
