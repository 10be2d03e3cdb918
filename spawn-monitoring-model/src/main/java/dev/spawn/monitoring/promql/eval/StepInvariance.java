package dev.spawn.monitoring.promql.eval;

import dev.spawn.monitoring.promql.Expr;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The nodes Prometheus wraps in a StepInvariantExpr (engine.go's PreprocessExpr): evaluated once at the start of
 * their evaluator and repeated at every step. Inside a subquery that start is the subquery's first step, not the
 * current one, which is observable (an aggregation's parameter, a function whose matrix argument has {@code @}).
 */
final class StepInvariance {

    /** Functions whose result changes with the evaluation time although their arguments do not. */
    private static final Set<String> UNSAFE = Set.of("days_in_month", "day_of_month", "day_of_week", "day_of_year", "hour",
            "minute", "month", "year", "predict_linear", "time", "timestamp");

    private final Set<Expr> wrapped = Collections.newSetFromMap(new IdentityHashMap<>());

    private StepInvariance() {
    }

    /** The wrapped nodes of {@code root}, by identity. */
    static Set<Expr> wrapped(Expr root) {
        StepInvariance s = new StepInvariance();
        if (s.invariant(root)) {
            s.wrapped.add(root);
        }
        return s.wrapped;
    }

    private boolean invariant(Expr e) {
        if (e instanceof Expr.VectorSelector vs) {
            return vs.modifiers().at().isPresent();
        }
        if (e instanceof Expr.Aggregate a) {
            return invariant(a.expr()); // the parameter is not looked at, as in Prometheus
        }
        if (e instanceof Expr.Binary b) {
            boolean l = invariant(b.lhs());
            boolean r = invariant(b.rhs());
            if (l && r) {
                return true;
            }
            if (l) {
                wrapped.add(b.lhs());
            }
            if (r) {
                wrapped.add(b.rhs());
            }
            return false;
        }
        if (e instanceof Expr.Call c) {
            boolean all = !UNSAFE.contains(c.function().name());
            boolean[] each = new boolean[c.args().size()];
            for (int i = 0; i < each.length; i++) {
                each[i] = invariant(c.args().get(i));
                all &= each[i];
            }
            if (all) {
                return true;
            }
            for (int i = 0; i < each.length; i++) {
                if (each[i]) {
                    wrapped.add(c.args().get(i));
                }
            }
            return false;
        }
        if (e instanceof Expr.MatrixSelector m) {
            return invariant(m.selector());
        }
        if (e instanceof Expr.Subquery sq) {
            if (invariant(sq.expr())) {
                wrapped.add(sq.expr());
            }
            return sq.modifiers().at().isPresent();
        }
        if (e instanceof Expr.Paren p) {
            return invariant(p.expr());
        }
        if (e instanceof Expr.Unary u) {
            return invariant(u.expr());
        }
        return true; // number and string literals
    }
}
