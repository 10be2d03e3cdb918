package dev.spawn.monitoring.promql.eval;

import dev.spawn.monitoring.promql.Expr.BinaryOp;
import dev.spawn.monitoring.promql.Expr.Cardinality;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Binary operators between vectors and scalars, as promql/engine.go's VectorBinop, VectorAnd/Or/Unless and VectorscalarBinop. */
final class BinaryOps {

    private BinaryOps() {
    }

    /** Whether the operation drops the metric name (the arithmetic ones). */
    static boolean dropsName(BinaryOp op) {
        return switch (op) {
            case ADD, SUB, MUL, DIV, POW, MOD -> true;
            default -> false;
        };
    }

    /** The labels two series are matched on: only the {@code on} labels, or all but the ignored ones and the name. */
    static LabelSet signature(LabelSet l, boolean on, List<String> names) {
        return on ? l.keep(names) : l.drop(names, true);
    }

    static Engine.Vec set(BinaryOp op, Engine.Vec lhs, Engine.Vec rhs, boolean on, List<String> names) {
        Engine.Vec out = new Engine.Vec(lhs.size() + (op == BinaryOp.OR ? rhs.size() : 0));
        switch (op) {
            case AND -> {
                if (lhs.size() == 0 || rhs.size() == 0) {
                    return out;
                }
                Set<LabelSet> right = signatures(rhs, on, names);
                for (int i = 0; i < lhs.size(); i++) {
                    if (right.contains(signature(lhs.labels(i), on, names))) {
                        copy(lhs, i, out);
                    }
                }
            }
            case OR -> {
                if (lhs.size() == 0 || rhs.size() == 0) {
                    Engine.Vec only = lhs.size() == 0 ? rhs : lhs;
                    for (int i = 0; i < only.size(); i++) {
                        copy(only, i, out);
                    }
                    return out;
                }
                Set<LabelSet> left = signatures(lhs, on, names);
                for (int i = 0; i < lhs.size(); i++) {
                    copy(lhs, i, out);
                }
                for (int i = 0; i < rhs.size(); i++) {
                    if (!left.contains(signature(rhs.labels(i), on, names))) {
                        copy(rhs, i, out);
                    }
                }
            }
            case UNLESS -> {
                Set<LabelSet> right = lhs.size() == 0 || rhs.size() == 0 ? Set.of() : signatures(rhs, on, names);
                for (int i = 0; i < lhs.size(); i++) {
                    if (!right.contains(signature(lhs.labels(i), on, names))) {
                        copy(lhs, i, out);
                    }
                }
            }
            default -> throw new IllegalStateException(op + " is no set operator");
        }
        return out;
    }

    private static Set<LabelSet> signatures(Engine.Vec v, boolean on, List<String> names) {
        Set<LabelSet> s = new HashSet<>(v.size() * 2);
        for (int i = 0; i < v.size(); i++) {
            s.add(signature(v.labels(i), on, names));
        }
        return s;
    }

    private static void copy(Engine.Vec from, int i, Engine.Vec to) {
        to.add(from.labels(i), from.value(i), from.time(i));
    }

    static Engine.Vec vectorBinop(BinaryOp op, Engine.Vec lhs, Engine.Vec rhs, Cardinality card, boolean on,
            List<String> names, List<String> include, boolean returnBool) {
        Engine.Vec out = new Engine.Vec(Math.max(lhs.size(), rhs.size()));
        if (lhs.size() == 0 || rhs.size() == 0) {
            return out;
        }
        boolean swap = card == Cardinality.ONE_TO_MANY;
        Engine.Vec many = swap ? rhs : lhs;
        Engine.Vec one = swap ? lhs : rhs;
        Map<LabelSet, Integer> oneSigs = new HashMap<>(one.size() * 2);
        for (int i = 0; i < one.size(); i++) {
            LabelSet sig = signature(one.labels(i), on, names);
            Integer dup = oneSigs.put(sig, i);
            if (dup != null) {
                LabelSet matched = on ? one.labels(i).keep(names) : one.labels(i).drop(names, true);
                throw new EvaluationError("found duplicate series for the match group " + matched + " on the "
                        + (swap ? "left" : "right") + " hand-side of the operation: [" + one.labels(i) + ", "
                        + one.labels(dup) + "];many-to-many matching not allowed: matching labels must be unique on one side");
            }
        }
        Map<LabelSet, Set<LabelSet>> matched = new HashMap<>();
        for (int i = 0; i < many.size(); i++) {
            LabelSet sig = signature(many.labels(i), on, names);
            Integer j = oneSigs.get(sig);
            if (j == null) {
                continue;
            }
            double vl = many.value(i);
            double vr = one.value(j);
            if (swap) {
                double t = vl;
                vl = vr;
                vr = t;
            }
            double value;
            boolean keep = true;
            switch (op) {
                case ADD -> value = vl + vr;
                case SUB -> value = vl - vr;
                case MUL -> value = vl * vr;
                case DIV -> value = vl / vr;
                case POW -> value = GoMath.pow(vl, vr);
                case MOD -> value = vl % vr;
                case ATAN2 -> value = GoMath.atan2(vl, vr);
                default -> {
                    value = vl;
                    keep = compare(op, vl, vr);
                }
            }
            if (returnBool) {
                value = keep ? 1 : 0;
            } else if (!keep) {
                continue;
            }
            LabelSet metric = resultMetric(many.labels(i), one.labels(j), op, card, on, names, include);
            if (returnBool) {
                metric = metric.without(LabelSet.NAME);
            }
            if (card == Cardinality.ONE_TO_ONE) {
                if (matched.containsKey(sig)) {
                    throw new EvaluationError("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
                }
                matched.put(sig, null);
            } else {
                Set<LabelSet> inserted = matched.computeIfAbsent(sig, k -> new HashSet<>());
                if (!inserted.add(metric)) {
                    throw new EvaluationError("multiple matches for labels: grouping labels must ensure unique matches");
                }
            }
            out.add(metric, value, 0);
        }
        return out;
    }

    static boolean compare(BinaryOp op, double a, double b) {
        return switch (op) {
            case EQL -> a == b;
            case NEQ -> a != b;
            case GTR -> a > b;
            case LSS -> a < b;
            case GTE -> a >= b;
            case LTE -> a <= b;
            default -> throw new IllegalStateException(op + " is no comparison");
        };
    }

    private static LabelSet resultMetric(LabelSet many, LabelSet one, BinaryOp op, Cardinality card, boolean on,
            List<String> names, List<String> include) {
        LabelSet m = many;
        if (dropsName(op)) {
            m = m.without(LabelSet.NAME);
        }
        if (card == Cardinality.ONE_TO_ONE) {
            m = on ? m.keep(names) : m.drop(names, false);
        }
        for (String name : include) {
            m = m.with(name, one.get(name));
        }
        return m;
    }

    static Engine.Vec vectorScalar(BinaryOp op, Engine.Vec vec, double scalar, boolean swap, boolean returnBool) {
        Engine.Vec out = new Engine.Vec(vec.size());
        boolean drop = dropsName(op) || returnBool;
        for (int i = 0; i < vec.size(); i++) {
            double lv = vec.value(i);
            double rv = scalar;
            if (swap) {
                lv = scalar;
                rv = vec.value(i);
            }
            double value;
            boolean keep = true;
            if (op.isComparison()) {
                keep = compare(op, lv, rv);
                value = swap ? rv : lv;
            } else {
                value = Engine.scalarBinop(op, lv, rv);
            }
            if (returnBool) {
                value = keep ? 1 : 0;
                keep = true;
            }
            if (keep) {
                out.add(drop ? vec.labels(i).without(LabelSet.NAME) : vec.labels(i), value, vec.time(i));
            }
        }
        return out;
    }
}
