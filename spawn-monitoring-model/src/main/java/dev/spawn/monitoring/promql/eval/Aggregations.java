package dev.spawn.monitoring.promql.eval;

import dev.spawn.monitoring.promql.Expr;
import dev.spawn.monitoring.promql.Expr.AggregateOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The aggregation operators, as promql/engine.go's aggregation(): groups in first-seen order, values in input order. */
final class Aggregations {

    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private Aggregations() {
    }

    /** One group's running state. */
    private static final class Group {
        final LabelSet labels;
        double value;
        double mean;
        int count;
        /** topk/bottomk heap and quantile values: indexes into the input vector. */
        Heap heap;
        List<Double> values;

        Group(LabelSet labels, double v) {
            this.labels = labels;
            this.value = v;
            this.mean = v;
            this.count = 1;
        }
    }

    static Engine.Vec aggregate(Engine.Run run, Expr.Aggregate e, long ts) {
        AggregateOp op = e.op();
        List<String> grouping = new ArrayList<>(new TreeSet<>(e.grouping()));
        boolean without = e.without();
        double param = 0;
        String valueLabel = null;
        if (op == AggregateOp.COUNT_VALUES) {
            valueLabel = (String) run.eval(e.param().orElseThrow(), ts);
        } else if (e.param().isPresent()) {
            param = run.scalar(e.param().get(), ts);
        }
        Engine.Vec vec = run.vector(e.expr(), ts);
        Engine.Vec out = new Engine.Vec(4);
        long k = 0;
        if (op == AggregateOp.TOPK || op == AggregateOp.BOTTOMK) {
            if (!(param <= 9.223372036854775807E18 && param >= -9.223372036854775808E18)) {
                throw new EvaluationError("Scalar value " + GoFormat.formatV(param) + " overflows int64");
            }
            k = (long) param;
            if (k < 1) {
                return out;
            }
        }
        if (op == AggregateOp.COUNT_VALUES) {
            if (!LABEL_NAME.matcher(valueLabel).matches()) {
                throw new EvaluationError("invalid label name " + GoFormat.quote(valueLabel));
            }
            if (!without) {
                grouping.add(valueLabel);
            }
        }
        Map<LabelSet, Group> groups = new HashMap<>();
        List<Group> ordered = new ArrayList<>();
        for (int i = 0; i < vec.size(); i++) {
            LabelSet metric = vec.labels(i);
            double v = vec.value(i);
            if (op == AggregateOp.COUNT_VALUES) {
                metric = metric.with(valueLabel, GoFormat.formatF(v));
            }
            LabelSet key = without ? metric.drop(grouping, true) : metric.keep(grouping);
            Group g = groups.get(key);
            if (g == null) {
                g = new Group(key, v);
                groups.put(key, g);
                ordered.add(g);
                switch (op) {
                    case STDVAR, STDDEV -> g.value = 0;
                    case TOPK, BOTTOMK -> {
                        g.heap = new Heap(vec, op == AggregateOp.TOPK);
                        g.heap.items.add(i);
                    }
                    case QUANTILE -> {
                        g.values = new ArrayList<>();
                        g.values.add(v);
                    }
                    case GROUP -> g.value = 1;
                    default -> {
                    }
                }
                continue;
            }
            switch (op) {
                case SUM -> g.value += v;
                case AVG -> {
                    g.count++;
                    if (Double.isInfinite(g.mean)) {
                        if (Double.isInfinite(v) && (g.mean > 0) == (v > 0)) {
                            break;
                        }
                        if (!Double.isInfinite(v) && !Double.isNaN(v)) {
                            break;
                        }
                    }
                    g.mean += v / g.count - g.mean / g.count;
                }
                case GROUP -> {
                }
                case MAX -> {
                    if (g.value < v || Double.isNaN(g.value)) {
                        g.value = v;
                    }
                }
                case MIN -> {
                    if (g.value > v || Double.isNaN(g.value)) {
                        g.value = v;
                    }
                }
                case COUNT, COUNT_VALUES -> g.count++;
                case STDVAR, STDDEV -> {
                    g.count++;
                    double delta = v - g.mean;
                    g.mean += delta / g.count;
                    g.value += delta * (v - g.mean);
                }
                case TOPK, BOTTOMK -> g.heap.offer(i, k);
                case QUANTILE -> g.values.add(v);
                default -> throw new IllegalStateException(op.text());
            }
        }
        for (Group g : ordered) {
            switch (op) {
                case AVG -> g.value = g.mean;
                case COUNT, COUNT_VALUES -> g.value = g.count;
                case STDVAR -> g.value = g.value / g.count;
                case STDDEV -> g.value = Math.sqrt(g.value / g.count);
                case TOPK, BOTTOMK -> {
                    // sort.Sort(sort.Reverse(heap)): the heap's Less with its arguments swapped.
                    int[] order = g.heap.items.stream().mapToInt(Integer::intValue).toArray();
                    double[] values = new double[vec.size()];
                    for (int i : order) {
                        values[i] = vec.value(i);
                    }
                    if (order.length > 1) {
                        GoSort.sort(order, values, op == AggregateOp.TOPK ? (a, b) -> GoSort.byValue(b, a) : (a, b) -> GoSort.byReverseValue(b, a));
                    }
                    for (int i : order) {
                        out.add(vec.labels(i), vec.value(i), 0);
                    }
                    continue;
                }
                case QUANTILE -> g.value = quantile(param, g.values);
                default -> {
                }
            }
            out.add(g.labels, g.value, 0);
        }
        run.count(out.size());
        return out;
    }

    /**
     * Go's container/heap over {@code vectorByValueHeap} (topk: the smallest on top, NaN smallest) or
     * {@code vectorByReverseValueHeap} (bottomk), operation for operation: which of equal values survive depends on it.
     */
    static final class Heap {
        final List<Integer> items = new ArrayList<>();
        private final Engine.Vec vec;
        private final boolean top;

        Heap(Engine.Vec vec, boolean top) {
            this.vec = vec;
            this.top = top;
        }

        private boolean less(int i, int j) {
            double a = vec.value(items.get(i));
            double b = vec.value(items.get(j));
            if (Double.isNaN(a)) {
                return true;
            }
            return top ? a < b : a > b;
        }

        private void swap(int i, int j) {
            Integer t = items.get(i);
            items.set(i, items.get(j));
            items.set(j, t);
        }

        void offer(int i, long k) {
            double first = vec.value(items.get(0));
            double v = vec.value(i);
            boolean better = top ? first < v : first > v;
            if (items.size() < k || better || Double.isNaN(first)) {
                if (items.size() == k) {
                    if (k == 1) {
                        items.set(0, i);
                        return;
                    }
                    pop();
                }
                items.add(i);
                up(items.size() - 1);
            }
        }

        private void pop() {
            int n = items.size() - 1;
            swap(0, n);
            down(0, n);
            items.remove(n);
        }

        private void up(int j) {
            while (true) {
                int i = (j - 1) / 2;
                if (i == j || !less(j, i)) {
                    break;
                }
                swap(i, j);
                j = i;
            }
        }

        private void down(int i0, int n) {
            int i = i0;
            while (true) {
                int j1 = 2 * i + 1;
                if (j1 >= n || j1 < 0) {
                    break;
                }
                int j = j1;
                int j2 = j1 + 1;
                if (j2 < n && less(j2, j1)) {
                    j = j2;
                }
                if (!less(j, i)) {
                    break;
                }
                swap(i, j);
                i = j;
            }
        }
    }

    /** promql/quantile.go's quantile(): the values sorted as Go's sort.Sort leaves them, then interpolated. */
    static double quantile(double q, List<Double> values) {
        if (values.isEmpty() || Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        double[] v = new double[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i);
        }
        GoSort.sortByValue(v);
        double n = v.length;
        double rank = q * (n - 1);
        double lower = Math.max(0, Math.floor(rank));
        double upper = Math.min(n - 1, lower + 1);
        double weight = rank - Math.floor(rank);
        return v[(int) lower] * (1 - weight) + v[(int) upper] * weight;
    }
}
