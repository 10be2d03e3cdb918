package dev.spawn.monitoring.promql.eval;

import dev.spawn.monitoring.promql.Expr;

/**
 * The time window of samples a query sees (engine.go's findMinMaxTime): the querier is opened over the union of every
 * selector's window, and the storage trims samples outside it. It matters where a selector reads beyond its own
 * window, as timestamp() of a selector with {@code @} and an offset does.
 */
final class Window {

    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;

    private Window() {
    }

    static Window of(Expr expr, long evalTime) {
        Window w = new Window();
        w.walk(expr, evalTime, 0, 0, null, 0);
        if (w.max == Long.MIN_VALUE) {
            w.min = 0;
            w.max = 0;
        }
        return w;
    }

    /** {@code subqOffset}/{@code subqRange}: sums along the subqueries above; {@code subqAt}: the nearest {@code @} of one. */
    private void walk(Expr e, long evalTime, long subqOffset, long subqRange, Long subqAt, long evalRange) {
        if (e instanceof Expr.VectorSelector vs) {
            long start = subqAt != null ? subqAt : evalTime;
            long end = start;
            if (vs.modifiers().at().isPresent()) {
                start = at(vs.modifiers().at().get(), evalTime);
                end = start;
            } else {
                start = start - subqOffset - subqRange;
                end = end - subqOffset;
            }
            start -= evalRange == 0 ? Engine.LOOKBACK_MILLIS : evalRange;
            start -= vs.modifiers().offsetMillis();
            end -= vs.modifiers().offsetMillis();
            min = Math.min(min, start);
            max = Math.max(max, end);
        } else if (e instanceof Expr.MatrixSelector m) {
            walk(m.selector(), evalTime, subqOffset, subqRange, subqAt, m.rangeMillis());
        } else if (e instanceof Expr.Subquery sq) {
            long off = subqOffset + sq.modifiers().offsetMillis();
            long range = subqRange + sq.rangeMillis();
            Long at = subqAt;
            if (sq.modifiers().at().isPresent()) {
                off = sq.modifiers().offsetMillis();
                range = sq.rangeMillis();
                at = at(sq.modifiers().at().get(), evalTime);
            }
            walk(sq.expr(), evalTime, off, range, at, 0);
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(a -> walk(a, evalTime, subqOffset, subqRange, subqAt, 0));
        } else if (e instanceof Expr.Aggregate a) {
            a.param().ifPresent(p -> walk(p, evalTime, subqOffset, subqRange, subqAt, 0));
            walk(a.expr(), evalTime, subqOffset, subqRange, subqAt, 0);
        } else if (e instanceof Expr.Binary b) {
            walk(b.lhs(), evalTime, subqOffset, subqRange, subqAt, 0);
            walk(b.rhs(), evalTime, subqOffset, subqRange, subqAt, 0);
        } else if (e instanceof Expr.Unary u) {
            walk(u.expr(), evalTime, subqOffset, subqRange, subqAt, 0);
        } else if (e instanceof Expr.Paren p) {
            walk(p.expr(), evalTime, subqOffset, subqRange, subqAt, evalRange);
        }
    }

    private static long at(Expr.At at, long evalTime) {
        return at.kind() == Expr.AtKind.TIMESTAMP ? Engine.fromFloatSeconds(at.timestamp()) : evalTime;
    }
}
