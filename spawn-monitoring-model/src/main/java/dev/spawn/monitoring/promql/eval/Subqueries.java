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
        long start = step * (from / step); // Go's division truncates toward zero, as Java's does
        if (start < from) {
            start += step;
        }
        Map<LabelSet, Engine.Range> series = new LinkedHashMap<>();
        int steps = (int) ((end - start) / step) + 1;
        for (long t = start; t <= end; t += step) {
            Engine.Vec v = run.vector(e.expr(), t);
            for (int i = 0; i < v.size(); i++) {
                Engine.Range r = series.computeIfAbsent(v.labels(i), l -> new Engine.Range(l, new long[Math.max(steps, 1)],
                        new double[Math.max(steps, 1)], 0));
                r.times[r.size] = t;
                r.values[r.size++] = v.value(i);
            }
        }
        run.count(series.values().stream().mapToLong(r -> r.size).sum());
        return new ArrayList<>(series.values());
    }
}
