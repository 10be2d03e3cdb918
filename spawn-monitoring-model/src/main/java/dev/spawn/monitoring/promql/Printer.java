package dev.spawn.monitoring.promql;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints an expression back as PromQL, in the canonical form of Prometheus' {@code String()}
 * ({@code sum by (a) (x)}, {@code x[5m] offset 1h}), adding parentheses only where a tree built in
 * code would otherwise read back differently. Parsing what it prints gives the same tree.
 */
final class Printer implements Expr.Visitor<String> {

    private static final Printer INSTANCE = new Printer();

    private Printer() {
    }

    static String print(Expr e) {
        return e.accept(INSTANCE);
    }

    @Override
    public String number(Expr.NumberLiteral e) {
        return number(e.value());
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return (v == 0 && 1 / v < 0) ? "-0" : Long.toString((long) v);
        }
        String plain = new BigDecimal(Double.toString(v)).toPlainString();
        if (plain.contains(".")) {
            plain = plain.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return plain.equals("-0") ? "-0" : plain;
    }

    @Override
    public String string(Expr.StringLiteral e) {
        return Lexer.goQuote(e.value());
    }

    @Override
    public String vectorSelector(Expr.VectorSelector e) {
        return bareSelector(e) + modifiers(e.modifiers());
    }

    private static String bareSelector(Expr.VectorSelector e) {
        String matchers = e.matchers().stream()
                .map(m -> m.name() + m.op().text() + Lexer.goQuote(m.value()))
                .collect(Collectors.joining(", "));
        if (e.name().isEmpty()) {
            return "{" + matchers + "}";
        }
        return e.matchers().isEmpty() ? e.name() : e.name() + "{" + matchers + "}";
    }

    private static String modifiers(Expr.Modifiers m) {
        StringBuilder b = new StringBuilder();
        m.at().ifPresent(at -> b.append(" @ ").append(switch (at.kind()) {
            case START -> "start()";
            case END -> "end()";
            case TIMESTAMP -> String.format(java.util.Locale.ROOT, "%.3f", at.timestamp());
        }));
        if (m.offsetMillis() != 0) {
            b.append(" offset ").append(Durations.format(m.offsetMillis()));
        }
        return b.toString();
    }

    @Override
    public String matrixSelector(Expr.MatrixSelector e) {
        if (e.selector() instanceof Expr.VectorSelector vs) {
            return bareSelector(vs) + "[" + Durations.format(e.rangeMillis()) + "]" + modifiers(vs.modifiers());
        }
        return print(e.selector()) + "[" + Durations.format(e.rangeMillis()) + "]";
    }

    @Override
    public String subquery(Expr.Subquery e) {
        String step = e.stepMillis() == 0 ? "" : Durations.format(e.stepMillis());
        return operand(e.expr()) + "[" + Durations.format(e.rangeMillis()) + ":" + step + "]" + modifiers(e.modifiers());
    }

    @Override
    public String call(Expr.Call e) {
        return e.function().name() + "(" + join(e.args()) + ")";
    }

    @Override
    public String aggregate(Expr.Aggregate e) {
        StringBuilder b = new StringBuilder(e.op().text());
        if (e.without()) {
            b.append(" without (").append(String.join(", ", e.grouping())).append(") ");
        } else if (!e.grouping().isEmpty()) {
            b.append(" by (").append(String.join(", ", e.grouping())).append(") ");
        }
        b.append('(');
        e.param().ifPresent(p -> b.append(print(p)).append(", "));
        return b.append(print(e.expr())).append(')').toString();
    }

    @Override
    public String binary(Expr.Binary e) {
        StringBuilder b = new StringBuilder();
        boolean leftParens = needsParens(e.lhs(), e.op(), true);
        boolean rightParens = needsParens(e.rhs(), e.op(), false);
        b.append(leftParens ? "(" + print(e.lhs()) + ")" : print(e.lhs()));
        b.append(' ').append(e.op().text());
        if (e.returnBool()) {
            b.append(" bool");
        }
        e.matching().ifPresent(m -> {
            if (m.labelsGiven() || !m.labels().isEmpty()) {
                b.append(m.on() ? " on(" : " ignoring(").append(String.join(", ", m.labels())).append(')');
            }
            switch (m.card()) {
                case MANY_TO_ONE -> b.append(" group_left(").append(String.join(", ", m.include())).append(')');
                case ONE_TO_MANY -> b.append(" group_right(").append(String.join(", ", m.include())).append(')');
                default -> {
                }
            }
        });
        b.append(' ');
        return b.append(rightParens ? "(" + print(e.rhs()) + ")" : print(e.rhs())).toString();
    }

    /** Whether a child of a binary operation would bind differently when printed bare. */
    private static boolean needsParens(Expr child, Expr.BinaryOp parent, boolean left) {
        if (child instanceof Expr.Binary b) {
            int p = b.op().precedence();
            if (p != parent.precedence()) {
                return p < parent.precedence();
            }
            return parent.isRightAssociative() == left;
        }
        if (child instanceof Expr.Unary || (child instanceof Expr.NumberLiteral n && (n.value() < 0 || isNegativeZero(n.value())))) {
            // -a ^ b reads as -(a ^ b)
            return parent == Expr.BinaryOp.POW && left;
        }
        return false;
    }

    private static boolean isNegativeZero(double v) {
        return Double.doubleToRawLongBits(v) == Long.MIN_VALUE;
    }

    @Override
    public String unary(Expr.Unary e) {
        String inner = print(e.expr());
        boolean parens = e.expr() instanceof Expr.Binary b && b.op() != Expr.BinaryOp.POW;
        return (e.negative() ? "-" : "+") + (parens ? "(" + inner + ")" : inner);
    }

    @Override
    public String paren(Expr.Paren e) {
        return "(" + print(e.expr()) + ")";
    }

    /** The operand of a postfix [..:..]: bare when nothing could take the brackets from it. */
    private static String operand(Expr e) {
        String s = print(e);
        return e instanceof Expr.Binary || e instanceof Expr.Unary ? "(" + s + ")" : s;
    }

    private static String join(List<Expr> args) {
        return args.stream().map(Printer::print).collect(Collectors.joining(", "));
    }
}
