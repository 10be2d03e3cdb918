package dev.spawn.monitoring.promql.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A promtool test group for the engine's differential: input series in promtool's series notation (explicit values,
 * {@code _} gaps, {@code stale} markers, one per interval from 0) and expressions with their evaluation times.
 */
record EvalCase(List<Input> series, List<Query> queries, long intervalSeconds) {

    EvalCase(List<Input> series, List<Query> queries) {
        this(series, queries, 60);
    }

    List<Series> toSeries() {
        return series.stream().map(in -> in.toSeries(intervalSeconds * 1000)).toList();
    }

    /** One input series: its labels and one token per minute. */
    record Input(SortedMap<String, String> labels, List<String> values) {

        /** promtool's series selector text, {@code name{a="b"}}. */
        String selector() {
            StringBuilder b = new StringBuilder(labels.getOrDefault("__name__", "")).append('{');
            boolean first = true;
            for (Map.Entry<String, String> e : labels.entrySet()) {
                if (e.getKey().equals("__name__")) {
                    continue;
                }
                if (!first) {
                    b.append(',');
                }
                first = false;
                b.append(e.getKey()).append('=').append(GoFormat.quote(e.getValue()));
            }
            return b.append('}').toString();
        }

        Series toSeries(long intervalMillis) {
            List<Long> times = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (int i = 0; i < this.values.size(); i++) {
                String v = this.values.get(i);
                if (v.equals("_")) {
                    continue;
                }
                times.add(i * intervalMillis);
                values.add(switch (v) {
                    case "stale" -> Series.STALE_NAN;
                    case "NaN" -> Double.NaN;
                    case "Inf", "+Inf" -> Double.POSITIVE_INFINITY;
                    case "-Inf" -> Double.NEGATIVE_INFINITY;
                    default -> Double.parseDouble(v);
                });
            }
            return new Series(labels, times.stream().mapToLong(Long::longValue).toArray(),
                    values.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    /** An expression evaluated at {@code seconds} after the start. */
    record Query(String expr, long seconds) {
    }

    static Input input(String name, String labels, String values) {
        SortedMap<String, String> l = new TreeMap<>();
        if (!name.isEmpty()) {
            l.put("__name__", name);
        }
        if (!labels.isEmpty()) {
            for (String pair : labels.split(",")) {
                String[] kv = pair.split("=", 2);
                l.put(kv[0].trim(), kv[1].trim());
            }
        }
        return new Input(l, List.of(values.trim().split("\\s+")));
    }
}
