package dev.spawn.monitoring.promql.eval;

import dev.spawn.monitoring.promql.Expr;
import dev.spawn.monitoring.promql.Expr.BinaryOp;
import dev.spawn.monitoring.promql.Expr.Cardinality;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a parsed expression at one instant as Prometheus 2.42's engine does for a rule (start = end = the
 * evaluation time, lookback delta 5 minutes). Results are exactly Prometheus' for what is implemented; anything else
 * throws {@link Unsupported}. Errors Prometheus reports at evaluation throw {@link EvaluationError}.
 *
 * <p>Implemented: selectors with {@code offset} and {@code @} (each selector sees only its own window of samples, as
 * the TSDB trims them), subqueries, every operator and aggregation, and the functions except those below (ln, log2,
 * log10, atan, asin, acos, atan2 and integer powers as Go 1.19 on amd64 computes them). Unsupported: exp, sin, cos,
 * tan, the hyperbolic functions, {@code ^} with a fractional exponent (Go's results are not Java's, or depend on the
 * CPU); the native-histogram functions; dates of NaN, infinite or huge values; sorting more
 * than 12 values that tie or hold NaN (sort, sort_desc, topk's output, quantile with NaN, histogram buckets: Go's
 * pdqsort order); a step-less subquery on an engine made without a step; a query that may hold 10,000 samples
 * (promtool's limit).
 *
 * <p>Series are read in the order the storage returns them, and every intermediate vector keeps Prometheus' order,
 * because sums and averages round differently in another order. (Prometheus' head returns series in creation order,
 * which promtool's loader leaves to Go's map iteration, and range evaluations inside subqueries collect series in
 * maps: promtool itself is not deterministic there.) Not thread-safe: it caches per expression and series.
 */
public final class Engine {

    /** Prometheus' default lookback delta. */
    public static final long LOOKBACK_MILLIS = 5 * 60 * 1000;
    /** promtool's engine refuses queries that hold more samples than this (EngineOpts.MaxSamples in its loader). */
    static final long PROMTOOL_MAX_SAMPLES = 10_000;

    private final Storage storage;
    /** Labels of each series read so far, converted once. */
    private final Map<Series, LabelSet> labelCache = new IdentityHashMap<>();
    /** The step-invariant nodes of each expression evaluated, by identity (the same tree is evaluated at every step). */
    private final Map<Expr, Set<Expr>> invariance = new IdentityHashMap<>();

    private final long subqueryStepMillis;
    /**
     * When set, the vectors computed inside subqueries come in a random order, as Prometheus' range evaluation leaves
     * them (rangeEval collects its output series in a Go map): tests use it to show a result is one Prometheus can
     * give. Unset, they keep the order an instant evaluation gives.
     */
    java.util.Random rangeOrder;

    /** An engine whose subqueries must name their step (a step-less one is {@link Unsupported}). */
    public Engine(Storage storage) {
        this(storage, 0);
    }

    /**
     * An engine whose step-less subqueries ({@code x[1h:]}) take {@code subqueryStepMillis}: Prometheus takes the
     * global evaluation interval, promtool its test file's {@code evaluation_interval}.
     */
    public Engine(Storage storage, long subqueryStepMillis) {
        this.storage = storage;
        this.subqueryStepMillis = subqueryStepMillis;
    }

    long subqueryStepMillis() {
        return subqueryStepMillis;
    }

    /** {@code expr} at {@code timeMillis}. */
    @SuppressWarnings("unchecked") // a range vector is evaluated as a List of Range
    public Value eval(Expr expr, long timeMillis) {
        Run run = new Run(timeMillis, storage.maxTime(), Window.of(expr, timeMillis),
                invariance.computeIfAbsent(expr, StepInvariance::wrapped));
        Object v = run.eval(expr, timeMillis);
        if (v instanceof Double d) {
            return new Value.Scalar(d);
        }
        if (v instanceof String s) {
            return new Value.Str(s);
        }
        if (v instanceof Vec vec) {
            List<Value.Sample> out = new ArrayList<>(vec.size());
            for (int i = 0; i < vec.size(); i++) {
                out.add(new Value.Sample(vec.labels(i).toMap(), vec.value(i)));
            }
            return new Value.Vector(out);
        }
        List<Series> out = new ArrayList<>();
        for (Range r : (List<Range>) v) {
            out.add(new Series(r.labels.toMap(), java.util.Arrays.copyOf(r.times, r.size), java.util.Arrays.copyOf(r.values, r.size)));
        }
        return new Value.Matrix(out);
    }

    /** An instant vector being built: labels, values and (for timestamp()) sample times, in Prometheus' order. */
    static final class Vec {
        private LabelSet[] labels;
        private double[] values;
        private long[] times;
        private int size;

        Vec(int capacity) {
            labels = new LabelSet[Math.max(capacity, 1)];
            values = new double[labels.length];
            times = new long[labels.length];
        }

        void add(LabelSet l, double v, long t) {
            if (size == labels.length) {
                int n = size * 2;
                labels = java.util.Arrays.copyOf(labels, n);
                values = java.util.Arrays.copyOf(values, n);
                times = java.util.Arrays.copyOf(times, n);
            }
            labels[size] = l;
            values[size] = v;
            times[size] = t;
            size++;
        }

        int size() {
            return size;
        }

        LabelSet labels(int i) {
            return labels[i];
        }

        double value(int i) {
            return values[i];
        }

        long time(int i) {
            return times[i];
        }

        void set(int i, LabelSet l, double v) {
            labels[i] = l;
            values[i] = v;
        }

        /** Sorted by each label set's rank: a range evaluation's order, fixed for all steps. */
        void reorder(Map<LabelSet, Integer> ranks) {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, java.util.Comparator.comparing(i -> ranks.get(labels[i])));
            LabelSet[] l = new LabelSet[size];
            double[] v = new double[size];
            long[] t = new long[size];
            for (int i = 0; i < size; i++) {
                l[i] = labels[order[i]];
                v[i] = values[order[i]];
                t[i] = times[order[i]];
            }
            System.arraycopy(l, 0, labels, 0, size);
            System.arraycopy(v, 0, values, 0, size);
            System.arraycopy(t, 0, times, 0, size);
        }

        /** Prometheus' ContainsSameLabelset check, which every step's result goes through. */
        Vec checked() {
            if (size > 1) {
                Set<LabelSet> seen = new HashSet<>(size * 2);
                for (int i = 0; i < size; i++) {
                    if (!seen.add(labels[i])) {
                        throw new EvaluationError("vector cannot contain metrics with the same labelset");
                    }
                }
            }
            return this;
        }
    }

    /** One series of a range vector: the points of a selector's range or of a subquery. */
    static final class Range {
        final LabelSet labels;
        long[] times;
        double[] values;
        int size;

        Range(LabelSet labels, long[] times, double[] values, int size) {
            this.labels = labels;
            this.times = times;
            this.values = values;
            this.size = size;
        }
    }

    /** The state of one evaluation: the selections made, the sample count. */
    final class Run {
        final long evalTime;
        /** The last visible sample time of the storage. */
        final long maxTime;
        /** Each selector's visible samples. */
        final Window window;
        private final Map<Expr.VectorSelector, List<Series>> selected = new IdentityHashMap<>();
        private final Set<Expr> invariant;
        /** The start of the current evaluator: the evaluation time, or inside a subquery its first step. */
        long start;
        /** How many subqueries the evaluation is inside. */
        int subqueryDepth;
        /** With {@link #rangeOrder}: each node's random order of its output series, the same at every step. */
        private final Map<Expr, Map<LabelSet, Integer>> ranks = new IdentityHashMap<>();

        Map<LabelSet, Integer> rank(Expr node) {
            return ranks.computeIfAbsent(node, n -> new java.util.HashMap<>());
        }

        int rank(Expr node, LabelSet labels) {
            return rank(node).computeIfAbsent(labels, l -> rangeOrder.nextInt());
        }
        private long samples;

        Run(long evalTime, long maxTime, Window window, Set<Expr> invariant) {
            this.evalTime = evalTime;
            this.maxTime = maxTime;
            this.window = window;
            this.invariant = invariant;
            this.start = evalTime;
        }

        Engine engine() {
            return Engine.this;
        }

        /** Counts samples held; Prometheus' peak is at most this total, so below promtool's limit it cannot fail. */
        void count(long n) {
            samples += n;
            if (samples >= PROMTOOL_MAX_SAMPLES) {
                throw new Unsupported("the query holds 10,000 samples or more; promtool's sample limit may apply");
            }
        }

        /** Evaluates at {@code ts}: a Double (scalar), a String, a Vec or a List of Range. */
        Object eval(Expr expr, long ts) {
            boolean wrapped = invariant.contains(expr);
            Object v = node(expr, wrapped ? start : ts);
            if (rangeOrder != null && subqueryDepth > 0 && !wrapped && v instanceof Vec vec && byRangeEval(expr)) {
                for (int i = 0; i < vec.size(); i++) {
                    rank(expr, vec.labels(i));
                }
                vec.reorder(rank(expr));
            }
            // Every node's result counts (Prometheus counts each step's result of rangeEval, number literals too).
            count(v instanceof Vec vec ? vec.size() : 1);
            return v;
        }

        private Object node(Expr expr, long ts) {
            return expr.accept(new Expr.Visitor<Object>() {
                @Override
                public Object number(Expr.NumberLiteral e) {
                    return e.value();
                }

                @Override
                public Object string(Expr.StringLiteral e) {
                    return e.value();
                }

                @Override
                public Object vectorSelector(Expr.VectorSelector e) {
                    return selectVector(e, ts, false);
                }

                @Override
                public Object matrixSelector(Expr.MatrixSelector e) {
                    return selectRange(e, ts);
                }

                @Override
                public Object subquery(Expr.Subquery e) {
                    return Subqueries.eval(Run.this, e, ts);
                }

                @Override
                public Object call(Expr.Call e) {
                    return Functions.call(Run.this, e, ts);
                }

                @Override
                public Object aggregate(Expr.Aggregate e) {
                    return Aggregations.aggregate(Run.this, e, ts).checked();
                }

                @Override
                public Object binary(Expr.Binary e) {
                    return Run.this.binary(e, ts);
                }

                @Override
                public Object unary(Expr.Unary e) {
                    Object v = eval(e.expr(), ts);
                    if (!e.negative()) {
                        return v;
                    }
                    if (v instanceof Double d) {
                        return -d;
                    }
                    Vec in = (Vec) v;
                    Vec out = new Vec(in.size());
                    for (int i = 0; i < in.size(); i++) {
                        out.add(in.labels(i).without(LabelSet.NAME), -in.value(i), ts);
                    }
                    count(out.size());
                    return out.checked();
                }

                @Override
                public Object paren(Expr.Paren e) {
                    return eval(e.expr(), ts);
                }
            });
        }

        double scalar(Expr e, long ts) {
            return (Double) eval(e, ts);
        }

        Vec vector(Expr e, long ts) {
            return (Vec) eval(e, ts);
        }

        /**
         * The time a selector or subquery reads at when evaluated at {@code ts}: minus its offset, and with {@code @}
         * Prometheus' offset {@code offset + start - T} fixed for the current evaluator: T itself at the evaluator's
         * start (where step-invariant nodes are evaluated), moving with the steps elsewhere (a function's matrix argument
         * inside a subquery).
         */
        long refTime(Expr.Modifiers m, long ts) {
            long ref = ts - m.offsetMillis();
            if (m.at().isPresent()) {
                Expr.At at = m.at().get();
                ref -= start - (at.kind() == Expr.AtKind.TIMESTAMP ? fromFloatSeconds(at.timestamp()) : evalTime);
            }
            return ref;
        }

        LabelSet labels(Series s) {
            return labelCache.computeIfAbsent(s, x -> LabelSet.of(x.labels()));
        }

        List<Series> select(Expr.VectorSelector e) {
            List<Series> s = selected.get(e);
            if (s == null) {
                List<Expr.Matcher> matchers = e.matchers();
                if (!e.name().isEmpty()) {
                    matchers = new ArrayList<>(e.matchers());
                    matchers.add(0, new Expr.Matcher(LabelSet.NAME, Expr.MatchOp.EQUAL, e.name()));
                }
                s = storage.select(matchers);
                selected.put(e, s);
            }
            return s;
        }

        /**
         * An instant vector selector ({@code vectorSelectorSingle}): per series the last sample at or before the
         * reference time, unless older than the lookback delta (a sample exactly 5m old still counts) or a stale
         * marker. {@code timestampQuirk}: timestamp() of a selector with {@code @} ignores its offset, as 2.42 does.
         */
        Vec selectVector(Expr.VectorSelector e, long ts, boolean timestampQuirk) {
            long ref = timestampQuirk && e.modifiers().at().isPresent()
                    ? refTime(new Expr.Modifiers(0, e.modifiers().at()), start) : refTime(e.modifiers(), ts);
            List<Series> series = select(e);
            Vec out = new Vec(series.size());
            long visible = Math.min(ref, Math.min(maxTime, window.max(e)));
            long first = window.min(e);
            for (Series s : series) {
                int i = s.lastAtOrBefore(visible);
                if (i < 0 || s.time(i) < first) {
                    continue;
                }
                long t = s.time(i);
                double v = s.value(i);
                if (t < ref - LOOKBACK_MILLIS || Series.isStale(v)) {
                    continue;
                }
                out.add(labels(s), v, t);
            }
            count(out.size());
            return out;
        }

        /** A range selector: per series the non-stale samples in [ref - range, ref] (both ends included in 2.42). */
        List<Range> selectRange(Expr.MatrixSelector m, long ts) {
            Expr.VectorSelector e = selectorOf(m);
            long maxt = refTime(e.modifiers(), ts);
            long mint = maxt - m.rangeMillis();
            List<Range> out = new ArrayList<>();
            for (Series s : select(e)) {
                Range r = points(s, Math.max(mint, window.min(e)), Math.min(maxt, Math.min(maxTime, window.max(e))));
                if (r != null) {
                    out.add(r);
                }
            }
            return out;
        }

        private Range points(Series s, long mint, long maxt) {
            int from = s.firstAtOrAfter(mint);
            int to = s.lastAtOrBefore(maxt);
            if (to < from) {
                return null;
            }
            int n = to - from + 1;
            long[] t = new long[n];
            double[] v = new double[n];
            int k = 0;
            for (int i = from; i <= to; i++) {
                double x = s.value(i);
                if (!Series.isStale(x)) {
                    t[k] = s.time(i);
                    v[k++] = x;
                }
            }
            if (k == 0) {
                return null;
            }
            count(k);
            return new Range(labels(s), t, v, k);
        }

        private Object binary(Expr.Binary e, long ts) {
            BinaryOp op = e.op();
            Object l = eval(e.lhs(), ts);
            Object r = eval(e.rhs(), ts);
            if (l instanceof Double a && r instanceof Double b) {
                return scalarBinop(op, a, b);
            }
            Vec out;
            if (l instanceof Vec lv && r instanceof Vec rv) {
                Cardinality card = e.matching().map(Expr.VectorMatching::card).orElse(Cardinality.ONE_TO_ONE);
                if (op.isSetOperator()) {
                    card = Cardinality.MANY_TO_MANY;
                }
                boolean on = e.matching().map(Expr.VectorMatching::on).orElse(false);
                List<String> names = e.matching().map(Expr.VectorMatching::labels).orElse(List.of());
                List<String> include = e.matching().map(Expr.VectorMatching::include).orElse(List.of());
                out = switch (op) {
                    case AND, OR, UNLESS -> BinaryOps.set(op, lv, rv, on, names);
                    default -> BinaryOps.vectorBinop(op, lv, rv, card, on, names, include, e.returnBool());
                };
            } else if (l instanceof Vec lv) {
                out = BinaryOps.vectorScalar(op, lv, (Double) r, false, e.returnBool());
            } else {
                out = BinaryOps.vectorScalar(op, (Vec) r, (Double) l, true, e.returnBool());
            }
            count(out.size());
            return out.checked();
        }
    }

    /** Whether Prometheus computes the node with rangeEval (whose range output is in map order). */
    private static boolean byRangeEval(Expr e) {
        if (e instanceof Expr.Call c) {
            return c.args().stream().map(Engine::unwrap)
                    .noneMatch(a -> a instanceof Expr.MatrixSelector || a instanceof Expr.Subquery);
        }
        return e instanceof Expr.Aggregate || e instanceof Expr.Binary;
    }

    static Expr unwrap(Expr e) {
        while (e instanceof Expr.Paren p) {
            e = p.expr();
        }
        return e;
    }

    static Expr.VectorSelector selectorOf(Expr.MatrixSelector m) {
        return (Expr.VectorSelector) unwrap(m.selector());
    }

    /** Go's {@code int64(math.Round(ts * 1000))}: half away from zero. */
    static long fromFloatSeconds(double seconds) {
        double x = seconds * 1000;
        double t = x < 0 ? Math.ceil(x) : Math.floor(x);
        if (Math.abs(x - t) >= 0.5) {
            t += Math.signum(x);
        }
        return (long) t;
    }

    static double scalarBinop(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> GoMath.pow(a, b);
            case MOD -> a % b;
            case EQL -> a == b ? 1 : 0;
            case NEQ -> a != b ? 1 : 0;
            case GTR -> a > b ? 1 : 0;
            case LSS -> a < b ? 1 : 0;
            case GTE -> a >= b ? 1 : 0;
            case LTE -> a <= b ? 1 : 0;
            case ATAN2 -> GoMath.atan2(a, b);
            default -> throw new IllegalStateException("operator " + op + " between scalars");
        };
    }
}
