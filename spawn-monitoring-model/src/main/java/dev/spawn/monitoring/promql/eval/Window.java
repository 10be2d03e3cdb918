package dev.spawn.monitoring.promql.eval;

import dev.spawn.monitoring.promql.Expr;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The time window of samples each selector sees (engine.go's getTimeRangesForSelector): the storage is asked with
 * these bounds as hints, and the TSDB trims every sample outside them. It matters where a selector reads beyond its
 * own window: timestamp() of a selector with {@code @} and an offset, a function's {@code @} matrix argument inside
 * a subquery (whose window moves with the steps and finds nothing after the first).
 */
final class Window {

    private final Map<Expr.VectorSelector, long[]> windows = new IdentityHashMap<>();

    private Window() {
    }

    static Window of(Expr expr, long evalTime) {
        Window w = new Window();
        w.walk(expr, evalTime, 0, 0, null, 0);
        return w;
    }

    /** The first visible sample time of the selector. */
    long min(Expr.VectorSelector vs) {
        return windows.get(vs)[0];
    }

    /** The last visible sample time of the selector. */
    long max(Expr.VectorSelector vs) {
        return windows.get(vs)[1];
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
            windows.put(vs, new long[] {start, end});
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
