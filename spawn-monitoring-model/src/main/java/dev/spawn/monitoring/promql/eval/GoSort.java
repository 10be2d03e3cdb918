package dev.spawn.monitoring.promql.eval;

import java.util.Arrays;

/**
 * Go's {@code sort.Sort} where the order it leaves matters (sums downstream round by order; Prometheus' NaN-first
 * comparators are not strict orders). Go 1.19's pdqsort sorts up to 12 elements by insertion sort, which this does
 * exactly; longer inputs are sorted only when no two elements compare equal and none is NaN (then every sort agrees),
 * otherwise {@link Unsupported}.
 */
final class GoSort {

    /** {@code less(i, j)} over positions of the array being sorted. */
    interface Less {
        boolean less(double a, double b);
    }

    private GoSort() {
    }

    /** Sorts {@code order} (indexes into {@code values}) as Go's sort.Sort would with {@code less} on the values. */
    static void sort(int[] order, double[] values, Less less) {
        int n = order.length;
        if (n <= 12) {
            for (int i = 1; i < n; i++) {
                for (int j = i; j > 0 && less.less(values[order[j]], values[order[j - 1]]); j--) {
                    int t = order[j];
                    order[j] = order[j - 1];
                    order[j - 1] = t;
                }
            }
            return;
        }
        double[] sorted = new double[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = values[order[i]];
            if (Double.isNaN(sorted[i])) {
                throw new Unsupported("sorting more than 12 values with NaN among them (Go's pdqsort order)");
            }
        }
        Arrays.sort(sorted);
        for (int i = 1; i < n; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new Unsupported("sorting more than 12 values with equal ones among them (Go's pdqsort order)");
            }
        }
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = order[i];
        }
        Arrays.sort(boxed, (a, b) -> less.less(values[a], values[b]) ? -1 : less.less(values[b], values[a]) ? 1 : 0);
        for (int i = 0; i < n; i++) {
            order[i] = boxed[i];
        }
    }

    /**
     * vectorByValueHeap's order (NaN first, then ascending), as quantile() sorts its values. Only the values are kept,
     * so without NaN any sort gives Go's result, ties and all.
     */
    static void sortByValue(double[] v) {
        boolean nan = false;
        for (double x : v) {
            nan |= Double.isNaN(x);
        }
        if (!nan) {
            Arrays.sort(v);
            return;
        }
        int[] order = new int[v.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        sort(order, v, GoSort::byValue);
        double[] copy = v.clone();
        for (int i = 0; i < order.length; i++) {
            v[i] = copy[order[i]];
        }
    }

    static boolean byValue(double a, double b) {
        return Double.isNaN(a) || a < b;
    }

    static boolean byReverseValue(double a, double b) {
        return Double.isNaN(a) || a > b;
    }
}
