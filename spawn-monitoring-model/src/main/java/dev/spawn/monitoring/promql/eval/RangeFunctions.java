package dev.spawn.monitoring.promql.eval;

import dev.spawn.monitoring.promql.Expr;
import java.util.ArrayList;
import java.util.List;

/** The functions over a range vector (promql/functions.go), for each series of a range selector or subquery. */
final class RangeFunctions {

    private RangeFunctions() {
    }

    static Engine.Vec call(Engine.Run run, Expr.Call e, int matrixIndex, long ts) {
        String name = e.function().name();
        List<Expr> args = e.args();
        double[] scalars = new double[args.size()];
        for (int i = 0; i < args.size(); i++) {
            if (i != matrixIndex) {
                scalars[i] = run.scalar(args.get(i), ts);
            }
        }
        Expr arg = Engine.unwrap(args.get(matrixIndex));
        List<Engine.Range> matrix;
        long rangeMillis;
        long maxt;
        if (arg instanceof Expr.MatrixSelector m) {
            matrix = run.selectRange(m, ts);
            rangeMillis = m.rangeMillis();
            maxt = run.refTime(Engine.selectorOf(m).modifiers(), ts);
        } else {
            Expr.Subquery sq = (Expr.Subquery) arg;
            matrix = Subqueries.eval(run, sq, ts);
            rangeMillis = sq.rangeMillis();
            maxt = run.refTime(sq.modifiers(), ts);
        }
        Engine.Vec out = new Engine.Vec(matrix.size());
        for (Engine.Range r : matrix) {
            double v = switch (name) {
                case "rate" -> extrapolatedRate(r, maxt - rangeMillis, maxt, rangeMillis, true, true);
                case "increase" -> extrapolatedRate(r, maxt - rangeMillis, maxt, rangeMillis, true, false);
                case "delta" -> extrapolatedRate(r, maxt - rangeMillis, maxt, rangeMillis, false, false);
                case "irate" -> instantValue(r, true);
                case "idelta" -> instantValue(r, false);
                case "deriv" -> r.size < 2 ? NOTHING : linearRegression(r, r.times[0])[0];
                case "predict_linear" -> {
                    if (r.size < 2) {
                        yield NOTHING;
                    }
                    double[] si = linearRegression(r, ts);
                    yield si[0] * scalars[1] + si[1];
                }
                case "holt_winters" -> holtWinters(r, scalars[1], scalars[2]);
                case "avg_over_time" -> avgOverTime(r);
                case "count_over_time" -> r.size;
                case "last_over_time" -> r.values[r.size - 1];
                case "present_over_time", "absent_over_time" -> 1;
                case "max_over_time" -> {
                    double max = r.values[0];
                    for (int i = 0; i < r.size; i++) {
                        if (r.values[i] > max || Double.isNaN(max)) {
                            max = r.values[i];
                        }
                    }
                    yield max;
                }
                case "min_over_time" -> {
                    double min = r.values[0];
                    for (int i = 0; i < r.size; i++) {
                        if (r.values[i] < min || Double.isNaN(min)) {
                            min = r.values[i];
                        }
                    }
                    yield min;
                }
                case "sum_over_time" -> {
                    double[] sc = {0, 0};
                    for (int i = 0; i < r.size; i++) {
                        kahanInc(r.values[i], sc);
                    }
                    yield Double.isInfinite(sc[0]) ? sc[0] : sc[0] + sc[1];
                }
                case "stddev_over_time" -> Math.sqrt(variance(r));
                case "stdvar_over_time" -> variance(r);
                case "quantile_over_time" -> {
                    List<Double> values = new ArrayList<>(r.size);
                    for (int i = 0; i < r.size; i++) {
                        values.add(r.values[i]);
                    }
                    yield Aggregations.quantile(scalars[0], values);
                }
                case "changes" -> {
                    int changes = 0;
                    for (int i = 1; i < r.size; i++) {
                        double prev = r.values[i - 1];
                        double cur = r.values[i];
                        if (cur != prev && !(Double.isNaN(cur) && Double.isNaN(prev))) {
                            changes++;
                        }
                    }
                    yield changes;
                }
                case "resets" -> {
                    int resets = 0;
                    for (int i = 1; i < r.size; i++) {
                        if (r.values[i] < r.values[i - 1]) {
                            resets++;
                        }
                    }
                    yield resets;
                }
                default -> throw new Unsupported("the function " + name + "()");
            };
            if (nothing(v)) {
                continue;
            }
            out.add(name.equals("last_over_time") ? r.labels : r.labels.without(LabelSet.NAME), v, ts);
        }
        if (name.equals("absent_over_time")) {
            Engine.Vec absent = new Engine.Vec(1);
            if (out.size() == 0) {
                absent.add(Functions.absentLabels(arg instanceof Expr.MatrixSelector ? arg : null), 1, ts);
            }
            return absent;
        }
        run.count(out.size());
        return out.checked();
    }

    /**
     * The marker for "no output for this series": a NaN with a payload no computation makes (only a stored NaN with
     * these very bits, passed through last_over_time and the like, could look the same). It spares a box per sample.
     */
    private static final double NOTHING = Double.longBitsToDouble(0x7ff8dead0000beefL);

    private static boolean nothing(double v) {
        return Double.doubleToRawLongBits(v) == 0x7ff8dead0000beefL;
    }

    private static double extrapolatedRate(Engine.Range r, long rangeStart, long rangeEnd, long rangeMillis,
            boolean isCounter, boolean isRate) {
        int n = r.size;
        if (n < 2) {
            return NOTHING;
        }
        double first = r.values[0];
        double result = r.values[n - 1] - first;
        if (isCounter) {
            double prev = first;
            for (int i = 1; i < n; i++) {
                double cur = r.values[i];
                if (cur < prev) {
                    result += prev;
                }
                prev = cur;
            }
        }
        double durationToStart = (double) (r.times[0] - rangeStart) / 1000;
        double durationToEnd = (double) (rangeEnd - r.times[n - 1]) / 1000;
        double sampledInterval = (double) (r.times[n - 1] - r.times[0]) / 1000;
        double averageDurationBetweenSamples = sampledInterval / (double) (n - 1);
        if (isCounter && result > 0 && first >= 0) {
            double durationToZero = sampledInterval * (first / result);
            if (durationToZero < durationToStart) {
                durationToStart = durationToZero;
            }
        }
        double threshold = averageDurationBetweenSamples * 1.1;
        double extrapolateToInterval = sampledInterval;
        extrapolateToInterval += durationToStart < threshold ? durationToStart : averageDurationBetweenSamples / 2;
        extrapolateToInterval += durationToEnd < threshold ? durationToEnd : averageDurationBetweenSamples / 2;
        double factor = extrapolateToInterval / sampledInterval;
        if (isRate) {
            factor /= rangeSeconds(rangeMillis);
        }
        return result * factor;
    }

    /** Go's Duration.Seconds(): whole seconds plus the nanosecond remainder divided, not one division. */
    private static double rangeSeconds(long millis) {
        long nanos = millis * 1_000_000;
        long sec = nanos / 1_000_000_000L;
        long nsec = nanos % 1_000_000_000L;
        return (double) sec + (double) nsec / 1e9;
    }

    private static double instantValue(Engine.Range r, boolean isRate) {
        int n = r.size;
        if (n < 2) {
            return NOTHING;
        }
        double last = r.values[n - 1];
        double previous = r.values[n - 2];
        double result = isRate && last < previous ? last : last - previous;
        long sampledInterval = r.times[n - 1] - r.times[n - 2];
        if (sampledInterval == 0) {
            return NOTHING;
        }
        if (isRate) {
            result /= (double) sampledInterval / 1000;
        }
        return result;
    }

    private static void kahanInc(double inc, double[] sc) {
        double sum = sc[0];
        double t = sum + inc;
        if (Math.abs(sum) >= Math.abs(inc)) {
            sc[1] += (sum - t) + inc;
        } else {
            sc[1] += (inc - t) + sum;
        }
        sc[0] = t;
    }

    /** {slope, intercept} of the least-squares line, x in seconds from {@code interceptTime}. */
    private static double[] linearRegression(Engine.Range r, long interceptTime) {
        double n = 0;
        double[] x = {0, 0};
        double[] y = {0, 0};
        double[] xy = {0, 0};
        double[] x2 = {0, 0};
        double initY = r.values[0];
        boolean constY = true;
        for (int i = 0; i < r.size; i++) {
            double v = r.values[i];
            if (constY && i > 0 && v != initY) {
                constY = false;
            }
            n += 1.0;
            double xi = (double) (r.times[i] - interceptTime) / 1e3;
            kahanInc(xi, x);
            kahanInc(v, y);
            kahanInc(xi * v, xy);
            kahanInc(xi * xi, x2);
        }
        if (constY) {
            if (Double.isInfinite(initY)) {
                return new double[] {Double.NaN, Double.NaN};
            }
            return new double[] {0, initY};
        }
        double sumX = x[0] + x[1];
        double sumY = y[0] + y[1];
        double sumXY = xy[0] + xy[1];
        double sumX2 = x2[0] + x2[1];
        double covXY = sumXY - sumX * sumY / n;
        double varX = sumX2 - sumX * sumX / n;
        double slope = covXY / varX;
        double intercept = sumY / n - slope * sumX / n;
        return new double[] {slope, intercept};
    }

    private static double holtWinters(Engine.Range r, double sf, double tf) {
        if (sf <= 0 || sf >= 1) {
            throw new EvaluationError("invalid smoothing factor. Expected: 0 < sf < 1, got: " + String.format(java.util.Locale.ROOT, "%f", sf));
        }
        if (tf <= 0 || tf >= 1) {
            throw new EvaluationError("invalid trend factor. Expected: 0 < tf < 1, got: " + String.format(java.util.Locale.ROOT, "%f", tf));
        }
        int l = r.size;
        if (l < 2) {
            return NOTHING;
        }
        double s0 = 0;
        double s1 = r.values[0];
        double b = r.values[1] - r.values[0];
        for (int i = 1; i < l; i++) {
            double x = sf * r.values[i];
            b = i - 1 == 0 ? b : tf * (s1 - s0) + (1 - tf) * b;
            double y = (1 - sf) * (s1 + b);
            s0 = s1;
            s1 = x + y;
        }
        return s1;
    }

    private static double avgOverTime(Engine.Range r) {
        double mean = 0;
        double count = 0;
        double[] mc = {0, 0};
        for (int i = 0; i < r.size; i++) {
            double v = r.values[i];
            count++;
            mean = mc[0];
            if (Double.isInfinite(mean)) {
                if (Double.isInfinite(v) && (mean > 0) == (v > 0)) {
                    continue;
                }
                if (!Double.isInfinite(v) && !Double.isNaN(v)) {
                    continue;
                }
            }
            kahanInc(v / count - mean / count, mc);
        }
        mean = mc[0];
        if (Double.isInfinite(mean)) {
            return mean;
        }
        return mean + mc[1];
    }

    private static double variance(Engine.Range r) {
        double count = 0;
        double[] mean = {0, 0};
        double[] aux = {0, 0};
        for (int i = 0; i < r.size; i++) {
            double v = r.values[i];
            count++;
            double delta = v - (mean[0] + mean[1]);
            kahanInc(delta / count, mean);
            kahanInc(delta * (v - (mean[0] + mean[1])), aux);
        }
        return (aux[0] + aux[1]) / count;
    }
}
