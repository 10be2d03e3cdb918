package dev.spawn.monitoring.promql.eval;

import dev.spawn.monitoring.promql.Expr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Subqueries: the inner expression at every step aligned to a multiple of the step inside the range, as 2.42 aligns
 * them (the first multiple at or after {@code end - range}, both ends included).
 */
final class Subqueries {

    private Subqueries() {
    }

    static List<Engine.Range> eval(Engine.Run run, Expr.Subquery e, long ts) {
        long step = e.stepMillis() > 0 ? e.stepMillis() : run.engine().subqueryStepMillis();
        if (step <= 0) {
            throw new Unsupported("a subquery without a step (it takes the evaluation interval, which the engine is not given)");
        }
        long end = run.refTime(e.modifiers(), ts);
        long from = end - e.rangeMillis();
        long first = aligned(from, step);
        // Prometheus evaluates the subquery once for its whole evaluator: its start is aligned from the enclosing
        // evaluator's start, whatever the step (it is the start step-invariant parts inside are evaluated at).
        long outerStart = run.start;
        long offset = ts - end;
        run.start = aligned(outerStart - offset - e.rangeMillis(), step);
        run.subqueryDepth++;
        Map<LabelSet, Engine.Range> series = new LinkedHashMap<>();
        int steps = (int) ((end - first) / step) + 1;
        try {
            for (long t = first; t <= end; t += step) {
                Engine.Vec v = run.vector(e.expr(), t);
                for (int i = 0; i < v.size(); i++) {
                    Engine.Range r = series.computeIfAbsent(v.labels(i), l -> new Engine.Range(l, new long[Math.max(steps, 1)],
                            new double[Math.max(steps, 1)], 0));
                    r.times[r.size] = t;
                    r.values[r.size++] = v.value(i);
                }
            }
        } finally {
            run.start = outerStart;
            run.subqueryDepth--;
        }
        run.count(series.values().stream().mapToLong(r -> r.size).sum());
        List<Engine.Range> out = new ArrayList<>(series.values());
        if (run.engine().rangeOrder != null) {
            // A subquery's series come in its inner node's order: storage order or Go's map order, random in promtool.
            out.sort(java.util.Comparator.comparing(r -> run.rank(e, r.labels)));
        }
        return out;
    }

    /** The first multiple of {@code step} at or after {@code t} (Go's division truncates toward zero, as Java's does). */
    private static long aligned(long t, long step) {
        long a = step * (t / step);
        return a < t ? a + step : a;
    }
}
