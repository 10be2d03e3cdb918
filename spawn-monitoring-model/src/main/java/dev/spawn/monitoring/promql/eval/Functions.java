package dev.spawn.monitoring.promql.eval;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.spawn.monitoring.promql.Expr;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;

/** Prometheus 2.42's functions (promql/functions.go), evaluated at one instant. */
final class Functions {

    private static final java.util.regex.Pattern LABEL_NAME = java.util.regex.Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private Functions() {
    }

    static Object call(Engine.Run run, Expr.Call e, long ts) {
        String name = e.function().name();
        List<Expr> args = e.args();
        if (name.equals("timestamp") && Engine.unwrap(args.get(0)) instanceof Expr.VectorSelector vs) {
            Engine.Vec in = run.selectVector(vs, ts, true);
            return mapped(run, in, v -> v, true, in).checked();
        }
        for (int i = 0; i < args.size(); i++) {
            Expr a = Engine.unwrap(args.get(i));
            if (a instanceof Expr.MatrixSelector || a instanceof Expr.Subquery) {
                return RangeFunctions.call(run, e, i, ts);
            }
        }
        Object result = switch (name) {
            case "abs" -> simple(run, args, ts, Math::abs);
            case "ceil" -> simple(run, args, ts, Math::ceil);
            case "floor" -> simple(run, args, ts, Math::floor);
            case "sqrt" -> simple(run, args, ts, Math::sqrt);
            case "rad" -> simple(run, args, ts, v -> v * Math.PI / 180);
            case "deg" -> simple(run, args, ts, v -> v * 180 / Math.PI);
            case "sgn" -> simple(run, args, ts, v -> v < 0 ? -1 : v > 0 ? 1 : v);
            case "clamp" -> {
                Engine.Vec in = run.vector(args.get(0), ts);
                double min = run.scalar(args.get(1), ts);
                double max = run.scalar(args.get(2), ts);
                yield max < min ? new Engine.Vec(0) : mapped(run, in, v -> Math.max(min, Math.min(max, v)), true, null);
            }
            case "clamp_max" -> {
                Engine.Vec in = run.vector(args.get(0), ts);
                double max = run.scalar(args.get(1), ts);
                yield mapped(run, in, v -> Math.min(max, v), true, null);
            }
            case "clamp_min" -> {
                Engine.Vec in = run.vector(args.get(0), ts);
                double min = run.scalar(args.get(1), ts);
                yield mapped(run, in, v -> Math.max(min, v), true, null);
            }
            case "round" -> {
                Engine.Vec in = run.vector(args.get(0), ts);
                double toNearest = args.size() >= 2 ? run.scalar(args.get(1), ts) : 1;
                double inverse = 1.0 / toNearest;
                yield mapped(run, in, v -> Math.floor(v * inverse + 0.5) / inverse, true, null);
            }
            case "time" -> (double) ts / 1000;
            case "pi" -> Math.PI;
            case "scalar" -> {
                Engine.Vec in = run.vector(args.get(0), ts);
                yield in.size() == 1 ? in.value(0) : Double.NaN;
            }
            case "vector" -> {
                Engine.Vec out = new Engine.Vec(1);
                out.add(LabelSet.EMPTY, run.scalar(args.get(0), ts), ts);
                yield out;
            }
            case "absent" -> {
                Engine.Vec in = run.vector(args.get(0), ts);
                Engine.Vec out = new Engine.Vec(1);
                if (in.size() == 0) {
                    out.add(absentLabels(Engine.unwrap(args.get(0))), 1, ts);
                }
                yield out;
            }
            case "timestamp" -> {
                Engine.Vec in = run.vector(args.get(0), ts);
                yield mapped(run, in, v -> (double) ts / 1000, true, null);
            }
            case "sort", "sort_desc" -> {
                Engine.Vec in = run.vector(args.get(0), ts);
                int[] order = new int[in.size()];
                double[] values = new double[in.size()];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                    values[i] = in.value(i);
                }
                // sort: NaN last = reverse of (descending, NaN first); sort_desc: reverse of (ascending, NaN first).
                GoSort.sort(order, values, name.equals("sort") ? (a, b) -> GoSort.byReverseValue(b, a) : (a, b) -> GoSort.byValue(b, a));
                Engine.Vec out = new Engine.Vec(order.length);
                for (int i : order) {
                    out.add(in.labels(i), in.value(i), in.time(i));
                }
                yield out;
            }
            case "label_replace" -> labelReplace(run, e, ts);
            case "label_join" -> labelJoin(run, e, ts);
            case "histogram_quantile" -> histogramQuantile(run, e, ts);
            case "days_in_month", "day_of_month", "day_of_week", "day_of_year", "hour", "minute", "month", "year" ->
                    date(run, name, args, ts);
            case "ln" -> simple(run, args, ts, GoMath::log);
            case "atan" -> simple(run, args, ts, GoMath::atan);
            case "asin" -> simple(run, args, ts, GoMath::asin);
            case "acos" -> simple(run, args, ts, GoMath::acos);
            case "log2" -> simple(run, args, ts, GoMath::log2);
            case "log10" -> simple(run, args, ts, GoMath::log10);
            case "exp", "sin", "cos", "tan", "sinh", "cosh", "tanh", "asinh",
                    "acosh", "atanh" -> throw new Unsupported(name + "() (Go's sin/cos/tan are not ported; its Exp,"
                    + " which the hyperbolic functions use, depends on the CPU's FMA)");
            default -> throw new Unsupported("the function " + name + "()");
        };
        if (result instanceof Engine.Vec v) {
            return v.checked();
        }
        return result;
    }

    private static Engine.Vec simple(Engine.Run run, List<Expr> args, long ts, DoubleUnaryOperator f) {
        return mapped(run, run.vector(args.get(0), ts), f, true, null);
    }

    /** Each sample's value mapped, its name dropped; with {@code times}, the value is the sample's timestamp in seconds. */
    private static Engine.Vec mapped(Engine.Run run, Engine.Vec in, DoubleUnaryOperator f, boolean dropName, Engine.Vec times) {
        Engine.Vec out = new Engine.Vec(in.size());
        for (int i = 0; i < in.size(); i++) {
            double v = times != null ? (double) times.time(i) / 1000 : f.applyAsDouble(in.value(i));
            out.add(dropName ? in.labels(i).without(LabelSet.NAME) : in.labels(i), v, in.time(i));
        }
        run.count(out.size());
        return out;
    }

    /** createLabelsForAbsentFunction: the labels of equality matchers, a label matched twice or otherwise left out. */
    static LabelSet absentLabels(Expr arg) {
        Expr.VectorSelector vs;
        if (arg instanceof Expr.VectorSelector v) {
            vs = v;
        } else if (arg instanceof Expr.MatrixSelector m) {
            vs = Engine.selectorOf(m);
        } else {
            return LabelSet.EMPTY;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        java.util.Set<String> has = new java.util.HashSet<>();
        for (Expr.Matcher m : vs.matchers()) {
            if (m.name().equals(LabelSet.NAME)) {
                continue;
            }
            if (m.op() == Expr.MatchOp.EQUAL && !has.contains(m.name())) {
                labels.put(m.name(), m.value());
                has.add(m.name());
            } else {
                labels.remove(m.name());
            }
        }
        return LabelSet.of(labels);
    }

    private static String stringArg(Expr e) {
        return ((Expr.StringLiteral) Engine.unwrap(e)).value();
    }

    private static Engine.Vec labelReplace(Engine.Run run, Expr.Call e, long ts) {
        Engine.Vec in = run.vector(e.args().get(0), ts);
        String dst = stringArg(e.args().get(1));
        String repl = stringArg(e.args().get(2));
        String src = stringArg(e.args().get(3));
        String regex = stringArg(e.args().get(4));
        Pattern re;
        try {
            re = Pattern.compile("^(?:" + regex + ")$");
        } catch (PatternSyntaxException ex) {
            throw new EvaluationError("invalid regular expression in label_replace(): " + regex);
        }
        if (!LABEL_NAME.matcher(dst).matches()) {
            throw new EvaluationError("invalid destination label name in label_replace(): " + dst);
        }
        Engine.Vec out = new Engine.Vec(in.size());
        for (int i = 0; i < in.size(); i++) {
            LabelSet l = in.labels(i);
            String value = l.get(src);
            Matcher m = re.matcher(value);
            if (m.matches()) {
                String res = expand(re, m, repl, value);
                l = l.with(dst, res);
            }
            out.add(l, in.value(i), in.time(i));
        }
        run.count(out.size());
        return out;
    }

    /** Go's Regexp.Expand of {@code template} for the match {@code m}. */
    static String expand(Pattern re, Matcher m, String template, String src) {
        StringBuilder b = new StringBuilder();
        GoRegexp.expand(b, re, m, template);
        return b.toString();
    }

    private static Engine.Vec labelJoin(Engine.Run run, Expr.Call e, long ts) {
        Engine.Vec in = run.vector(e.args().get(0), ts);
        String dst = stringArg(e.args().get(1));
        String sep = stringArg(e.args().get(2));
        List<String> srcs = new ArrayList<>();
        for (int i = 3; i < e.args().size(); i++) {
            String src = stringArg(e.args().get(i));
            if (!LABEL_NAME.matcher(src).matches()) {
                throw new EvaluationError("invalid source label name in label_join(): " + src);
            }
            srcs.add(src);
        }
        if (!LABEL_NAME.matcher(dst).matches()) {
            throw new EvaluationError("invalid destination label name in label_join(): " + dst);
        }
        Engine.Vec out = new Engine.Vec(in.size());
        for (int i = 0; i < in.size(); i++) {
            LabelSet l = in.labels(i);
            StringBuilder joined = new StringBuilder();
            for (int k = 0; k < srcs.size(); k++) {
                if (k > 0) {
                    joined.append(sep);
                }
                joined.append(l.get(srcs.get(k)));
            }
            out.add(l.with(dst, joined.toString()), in.value(i), in.time(i));
        }
        run.count(out.size());
        return out;
    }

    private static Engine.Vec histogramQuantile(Engine.Run run, Expr.Call e, long ts) {
        double q = run.scalar(e.args().get(0), ts);
        Engine.Vec in = run.vector(e.args().get(1), ts);
        Map<LabelSet, List<double[]>> buckets = new LinkedHashMap<>();
        Map<LabelSet, LabelSet> metrics = new HashMap<>();
        for (int i = 0; i < in.size(); i++) {
            LabelSet l = in.labels(i);
            OptionalDouble upper = GoFormat.parseFloat(l.get("le"));
            if (upper.isEmpty()) {
                continue;
            }
            LabelSet sig = l.without("le");
            buckets.computeIfAbsent(sig, k -> new ArrayList<>()).add(new double[] {upper.getAsDouble(), in.value(i)});
            metrics.computeIfAbsent(sig, k -> k.without(LabelSet.NAME));
        }
        // Prometheus emits the groups in Go's map order: an order-sensitive sum over them is not deterministic there.
        Engine.Vec out = new Engine.Vec(buckets.size());
        buckets.forEach((sig, b) -> out.add(metrics.get(sig), bucketQuantile(q, b), ts));
        run.count(out.size());
        return out;
    }

    /** promql/quantile.go's bucketQuantile over classic buckets. */
    static double bucketQuantile(double q, List<double[]> in) {
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        // sort.Sort by upper bound: equal bounds are coalesced by adding their counts, whose order changes the sum.
        List<double[]> b = new ArrayList<>(in);
        int[] order = new int[b.size()];
        double[] bounds = new double[b.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            bounds[i] = b.get(i)[0];
        }
        GoSort.sort(order, bounds, (x, y) -> x < y);
        List<double[]> sorted = new ArrayList<>();
        for (int i : order) {
            sorted.add(b.get(i).clone());
        }
        if (sorted.get(sorted.size() - 1)[0] != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        // coalesceBuckets
        List<double[]> c = new ArrayList<>();
        double[] last = sorted.get(0);
        for (int i = 1; i < sorted.size(); i++) {
            double[] x = sorted.get(i);
            if (x[0] == last[0]) {
                last[1] += x[1];
            } else {
                c.add(last);
                last = x;
            }
        }
        c.add(last);
        // ensureMonotonic
        double max = c.get(0)[1];
        for (int i = 1; i < c.size(); i++) {
            if (c.get(i)[1] > max) {
                max = c.get(i)[1];
            } else if (c.get(i)[1] < max) {
                c.get(i)[1] = max;
            }
        }
        if (c.size() < 2) {
            return Double.NaN;
        }
        double observations = c.get(c.size() - 1)[1];
        if (observations == 0) {
            return Double.NaN;
        }
        double rank = q * observations;
        int n = c.size() - 1;
        int lo = 0;
        int hi = n;
        while (lo < hi) { // sort.Search: the first bucket whose count reaches the rank
            int h = (lo + hi) >>> 1;
            if (!(c.get(h)[1] >= rank)) {
                lo = h + 1;
            } else {
                hi = h;
            }
        }
        int idx = lo;
        if (idx == c.size() - 1) {
            return c.get(c.size() - 2)[0];
        }
        if (idx == 0 && c.get(0)[0] <= 0) {
            return c.get(0)[0];
        }
        double bucketStart = 0;
        double bucketEnd = c.get(idx)[0];
        double count = c.get(idx)[1];
        if (idx > 0) {
            bucketStart = c.get(idx - 1)[0];
            count -= c.get(idx - 1)[1];
            rank -= c.get(idx - 1)[1];
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / count);
    }

    private static Engine.Vec date(Engine.Run run, String name, List<Expr> args, long ts) {
        Engine.Vec out;
        if (args.isEmpty()) {
            out = new Engine.Vec(1);
            out.add(LabelSet.EMPTY, dateField(name, ts / 1000), ts); // Go's division truncates
            return out;
        }
        Engine.Vec in = run.vector(args.get(0), ts);
        out = new Engine.Vec(in.size());
        for (int i = 0; i < in.size(); i++) {
            double v = in.value(i);
            if (Double.isNaN(v) || Math.abs(v) > 1e11) {
                throw new Unsupported(name + "() of " + GoFormat.formatV(v) + " (Go's int64 conversion and calendar)");
            }
            out.add(in.labels(i).without(LabelSet.NAME), dateField(name, (long) v), in.time(i));
        }
        run.count(out.size());
        return out;
    }

    private static double dateField(String name, long seconds) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        return switch (name) {
            case "days_in_month" -> t.toLocalDate().lengthOfMonth();
            case "day_of_month" -> t.getDayOfMonth();
            case "day_of_week" -> t.getDayOfWeek().getValue() % 7;
            case "day_of_year" -> t.getDayOfYear();
            case "hour" -> t.getHour();
            case "minute" -> t.getMinute();
            case "month" -> t.getMonthValue();
            case "year" -> t.getYear();
            default -> throw new IllegalStateException(name);
        };
    }
}
