package dev.spawn.monitoring.promql.eval;

import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One series: its labels ({@code __name__} among them) and its samples in time order, timestamps in milliseconds.
 * A stale marker is the value {@link #STALE_NAN}, told apart from other NaNs by its bits ({@link #isStale}).
 */
public final class Series {

    /** Prometheus' staleness marker: a NaN with the bits {@code 0x7ff0000000000002}. */
    public static final double STALE_NAN = Double.longBitsToDouble(0x7ff0000000000002L);

    private final SortedMap<String, String> labels;
    private final long[] times;
    private final double[] values;
    private final int size;

    /** {@code times} ascending; the arrays are not copied: the caller hands them over. */
    public Series(SortedMap<String, String> labels, long[] times, double[] values) {
        Objects.requireNonNull(labels, "labels");
        if (times.length != values.length) {
            throw new IllegalArgumentException("times and values differ in length");
        }
        this.labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        this.times = times;
        this.values = values;
        this.size = times.length;
    }

    private Series(Series whole, int size) {
        this.labels = whole.labels;
        this.times = whole.times;
        this.values = whole.values;
        this.size = size;
    }

    /** This series without its samples after {@code maxTime}: a view, nothing copied. */
    public Series until(long maxTime) {
        int n = lastAtOrBefore(maxTime) + 1;
        return n == size ? this : new Series(this, n);
    }

    /** Whether {@code value} is the staleness marker (not just any NaN). */
    public static boolean isStale(double value) {
        return Double.doubleToRawLongBits(value) == 0x7ff0000000000002L;
    }

    public SortedMap<String, String> labels() {
        return labels;
    }

    public int size() {
        return size;
    }

    public long time(int i) {
        return times[i];
    }

    public double value(int i) {
        return values[i];
    }

    /** The index of the last sample at or before {@code t}, or -1. */
    public int lastAtOrBefore(long t) {
        int i = Arrays.binarySearch(times, 0, size, t);
        return i >= 0 ? i : -i - 2;
    }

    /** The index of the first sample at or after {@code t}; {@link #size()} when none. */
    public int firstAtOrAfter(long t) {
        int i = Arrays.binarySearch(times, 0, size, t);
        return i >= 0 ? i : -i - 1;
    }

    @Override
    public String toString() {
        return labels + " (" + size + " samples)";
    }
}
