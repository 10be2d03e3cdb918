package dev.spawn.monitoring.check;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.rules.AlertingRule;
import dev.spawn.monitoring.promql.Expr;
import dev.spawn.monitoring.promql.PromQL;
import dev.spawn.monitoring.promql.PromQLException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The mutants of an alerting rule, each one small change that its test cases should notice: a
 * threshold (a number literal on either side of a comparison, through arithmetic) 10% up or down,
 * {@code >} to {@code >=} (and back, and {@code <} with {@code <=}), the comparison flipped
 * ({@code >} to {@code <}, {@code ==} to {@code !=}), a label matcher dropped, {@code for} halved and
 * doubled. Built on the parsed expression, printed back with the PromQL printer. Mutants that cannot
 * differ from the rule are left out: a threshold of 0, a boundary change where a {@code count} meets a constant
 * no count can equal ({@code count(x) > 0}), and a {@code for} change that fires at the same evaluation
 * (Prometheus checks {@code for} only at evaluations, one interval apart).
 */
final class Mutants {

    /** One mutant: the rule as changed, and the change in words ({@code threshold 5 -> 5.5 (+10%)}). */
    public record Mutant(AlertingRule rule, String change) {
    }

    private Mutants() {
    }

    /** The mutants of {@code rule}, evaluated every {@code interval}; none when its expression does not parse. */
    public static List<Mutant> of(AlertingRule rule, Duration interval) {
        List<Mutant> mutants = new ArrayList<>();
        Expr expr;
        try {
            expr = PromQL.parse(rule.expr());
        } catch (PromQLException e) {
            return List.of();
        }
        String original = expr.print();
        Map<String, String> seen = new LinkedHashMap<>();
        for (Variant v : variants(expr, false)) {
            String text = v.expr().print();
            if (!text.equals(original) && seen.putIfAbsent(text, v.change()) == null) {
                mutants.add(new Mutant(with(rule, text, rule.forDuration()), v.change()));
            }
        }
        long f = rule.forDuration().millis();
        long step = Math.max(1, interval.millis());
        for (long changed : new long[] {f / 2, f * 2}) {
            // the alert fires at the first evaluation at least `for` after the condition began to hold
            if (ceilDiv(changed, step) != ceilDiv(f, step)) {
                mutants.add(new Mutant(with(rule, rule.expr(), new Duration(changed)),
                        "for " + rule.forDuration() + " -> " + new Duration(changed)));
            }
        }
        return List.copyOf(mutants);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    private static AlertingRule with(AlertingRule rule, String expr, Duration forDuration) {
        return rule.toBuilder().expr(expr).forDuration(forDuration).build();
    }

    /** An expression with one change applied, and the change in words. */
    private record Variant(Expr expr, String change) {
    }

    /**
     * Every single change of {@code e}. {@code operand}: whether {@code e} sits on a side of a comparison
     * (through arithmetic and parentheses only), where a number literal is a threshold.
     */
    private static List<Variant> variants(Expr e, boolean operand) {
        return e.accept(new Expr.Visitor<List<Variant>>() {
            @Override
            public List<Variant> number(Expr.NumberLiteral n) {
                if (!operand || n.value() == 0 || !Double.isFinite(n.value())) {
                    return List.of();
                }
                String was = new Expr.NumberLiteral(n.value(), n.span()).print();
                return List.of(threshold(n, 1.1, was, "+10%"), threshold(n, 0.9, was, "-10%"));
            }

            @Override
            public List<Variant> string(Expr.StringLiteral s) {
                return List.of();
            }

            @Override
            public List<Variant> vectorSelector(Expr.VectorSelector s) {
                List<Variant> out = new ArrayList<>();
                for (int i = 0; i < s.matchers().size(); i++) {
                    Expr.Matcher m = s.matchers().get(i);
                    List<Expr.Matcher> rest = new ArrayList<>(s.matchers());
                    rest.remove(i);
                    boolean selectsSomething = !s.name().isEmpty() || !rest.isEmpty();
                    if (!m.name().equals("__name__") && selectsSomething) {
                        out.add(new Variant(new Expr.VectorSelector(s.name(), rest, s.modifiers(), s.span()),
                                "matcher " + m.name() + m.op().text() + "\"" + m.value() + "\" dropped"));
                    }
                }
                return out;
            }

            @Override
            public List<Variant> matrixSelector(Expr.MatrixSelector m) {
                return child(m.selector(), false, c -> new Expr.MatrixSelector(c, m.rangeMillis(), m.span()));
            }

            @Override
            public List<Variant> subquery(Expr.Subquery s) {
                return child(s.expr(), false, c -> new Expr.Subquery(c, s.rangeMillis(), s.stepMillis(), s.modifiers(), s.span()));
            }

            @Override
            public List<Variant> call(Expr.Call c) {
                List<Variant> out = new ArrayList<>();
                for (int i = 0; i < c.args().size(); i++) {
                    int at = i;
                    out.addAll(child(c.args().get(i), false, a -> {
                        List<Expr> args = new ArrayList<>(c.args());
                        args.set(at, a);
                        return new Expr.Call(c.function(), args, c.span());
                    }));
                }
                return out;
            }

            @Override
            public List<Variant> aggregate(Expr.Aggregate a) {
                List<Variant> out = new ArrayList<>();
                a.param().ifPresent(p -> out.addAll(child(p, false, q -> new Expr.Aggregate(a.op(), Optional.of(q), a.expr(),
                        a.grouping(), a.without(), a.groupingGiven(), a.span()))));
                out.addAll(child(a.expr(), false, x -> new Expr.Aggregate(a.op(), a.param(), x, a.grouping(), a.without(),
                        a.groupingGiven(), a.span())));
                return out;
            }

            @Override
            public List<Variant> binary(Expr.Binary b) {
                boolean comparison = b.op().isComparison();
                boolean sides = comparison || (operand && !b.op().isSetOperator());
                List<Variant> out = new ArrayList<>();
                if (comparison) {
                    if (!countAgainstNonCount(b)) {
                        boundary(b.op()).ifPresent(op -> out.add(new Variant(withOp(b, op), b.op().text() + " -> " + op.text())));
                    }
                    Expr.BinaryOp flipped = flipped(b.op());
                    out.add(new Variant(withOp(b, flipped), "comparison flipped: " + b.op().text() + " -> " + flipped.text()));
                }
                out.addAll(child(b.lhs(), sides, l -> new Expr.Binary(b.op(), l, b.rhs(), b.returnBool(), b.matching(), b.span())));
                out.addAll(child(b.rhs(), sides, r -> new Expr.Binary(b.op(), b.lhs(), r, b.returnBool(), b.matching(), b.span())));
                return out;
            }

            @Override
            public List<Variant> unary(Expr.Unary u) {
                return child(u.expr(), operand, x -> new Expr.Unary(u.negative(), x, u.span()));
            }

            @Override
            public List<Variant> paren(Expr.Paren p) {
                return child(p.expr(), operand, x -> new Expr.Paren(x, p.span()));
            }
        });
    }

    /** The variants of a child, each put back into a copy of its parent by {@code rebuild}. */
    private static List<Variant> child(Expr child, boolean operand, Function<Expr, Expr> rebuild) {
        return variants(child, operand).stream().map(v -> new Variant(rebuild.apply(v.expr()), v.change())).toList();
    }

    private static Variant threshold(Expr.NumberLiteral n, double factor, String was, String how) {
        // 12 significant digits, so 5 * 1.1 is 5.5 rather than 5.500000000000001
        double value = new BigDecimal(n.value() * factor).round(new MathContext(12)).doubleValue();
        Expr.NumberLiteral changed = new Expr.NumberLiteral(value, n.span());
        return new Variant(changed, "threshold " + was + " -> " + changed.print() + " (" + how + ")");
    }

    /**
     * Whether {@code b} compares a {@code count} with a constant that no count can equal, so that the comparison
     * gives the same answer with or without its boundary ({@code count(x) > 0} and {@code count(x) >= 0} agree
     * everywhere): {@code count} yields a whole number of at least 1 or no sample at all, never 0 or a fraction.
     * The constant is a number literal, or {@code 0 *} a count (which is 0: a count is finite).
     */
    private static boolean countAgainstNonCount(Expr.Binary b) {
        Optional<Double> constant = isCount(b.lhs()) ? constant(b.rhs()) : isCount(b.rhs()) ? constant(b.lhs()) : Optional.empty();
        return constant.filter(c -> c < 1 || c != Math.rint(c)).isPresent();
    }

    private static boolean isCount(Expr e) {
        return unwrapped(e) instanceof Expr.Aggregate a && a.op() == Expr.AggregateOp.COUNT;
    }

    private static Optional<Double> constant(Expr e) {
        Expr x = unwrapped(e);
        if (x instanceof Expr.NumberLiteral n) {
            return Optional.of(n.value());
        }
        if (x instanceof Expr.Unary u) {
            return constant(u.expr()).map(v -> u.negative() ? -v : v);
        }
        if (x instanceof Expr.Binary m && m.op() == Expr.BinaryOp.MUL
                && (isZero(m.lhs()) && isCount(m.rhs()) || isCount(m.lhs()) && isZero(m.rhs()))) {
            return Optional.of(0.0);
        }
        return Optional.empty();
    }

    private static boolean isZero(Expr e) {
        return unwrapped(e) instanceof Expr.NumberLiteral n && n.value() == 0;
    }

    private static Expr unwrapped(Expr e) {
        return e instanceof Expr.Paren p ? unwrapped(p.expr()) : e;
    }

    private static Expr.Binary withOp(Expr.Binary b, Expr.BinaryOp op) {
        return new Expr.Binary(op, b.lhs(), b.rhs(), b.returnBool(), b.matching(), b.span());
    }

    /** The same comparison with or without its boundary: {@code >} and {@code >=}, {@code <} and {@code <=}. */
    private static Optional<Expr.BinaryOp> boundary(Expr.BinaryOp op) {
        return Optional.ofNullable(switch (op) {
            case GTR -> Expr.BinaryOp.GTE;
            case GTE -> Expr.BinaryOp.GTR;
            case LSS -> Expr.BinaryOp.LTE;
            case LTE -> Expr.BinaryOp.LSS;
            default -> null;
        });
    }

    /** The comparison the other way round: {@code >} to {@code <}, {@code >=} to {@code <=}, {@code ==} to {@code !=}. */
    private static Expr.BinaryOp flipped(Expr.BinaryOp op) {
        return switch (op) {
            case GTR -> Expr.BinaryOp.LSS;
            case GTE -> Expr.BinaryOp.LTE;
            case LSS -> Expr.BinaryOp.GTR;
            case LTE -> Expr.BinaryOp.GTE;
            case EQL -> Expr.BinaryOp.NEQ;
            case NEQ -> Expr.BinaryOp.EQL;
            default -> throw new IllegalArgumentException(op + " is not a comparison");
        };
    }
}
