package dev.spawn.monitoring.promql;

import static dev.spawn.monitoring.promql.ValueType.MATRIX;
import static dev.spawn.monitoring.promql.ValueType.SCALAR;
import static dev.spawn.monitoring.promql.ValueType.STRING;
import static dev.spawn.monitoring.promql.ValueType.VECTOR;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A PromQL function of Prometheus 2.42 (promql/parser/functions.go): its argument types, how many
 * optional trailing arguments it takes ({@code variadic}: 0 none, n up to n more of the last type,
 * -1 any number) and its return type.
 */
public record Function(String name, List<ValueType> argTypes, int variadic, ValueType returnType) {

    private static final Map<String, Function> ALL = table();

    public Function {
        argTypes = List.copyOf(argTypes);
    }

    /** The function named so, as Prometheus 2.42 knows it (names are case-sensitive). */
    static Optional<Function> named(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    /** Every function, by name. */
    public static Map<String, Function> all() {
        return ALL;
    }

    /** The fewest arguments a call takes. */
    int minArgs() {
        return variadic == 0 ? argTypes.size() : argTypes.size() - 1;
    }

    /** The most arguments a call takes, or -1 for no limit. */
    int maxArgs() {
        return variadic == 0 ? argTypes.size() : variadic < 0 ? -1 : argTypes.size() - 1 + variadic;
    }

    private static Map<String, Function> table() {
        Map<String, Function> t = new TreeMap<>();
        for (String name : List.of("abs", "absent", "acos", "acosh", "asin", "asinh", "atan", "atanh", "ceil", "cos",
                "cosh", "deg", "exp", "floor", "histogram_count", "histogram_sum", "ln", "log10", "log2", "rad", "sgn",
                "sin", "sinh", "sort", "sort_desc", "sqrt", "tan", "tanh", "timestamp")) {
            add(t, name, 0, VECTOR, VECTOR);
        }
        for (String name : List.of("absent_over_time", "avg_over_time", "changes", "count_over_time", "delta", "deriv",
                "idelta", "increase", "irate", "last_over_time", "max_over_time", "min_over_time", "present_over_time",
                "rate", "resets", "stddev_over_time", "stdvar_over_time", "sum_over_time")) {
            add(t, name, 0, VECTOR, MATRIX);
        }
        for (String name : List.of("days_in_month", "day_of_month", "day_of_week", "day_of_year", "hour", "minute",
                "month", "year")) {
            add(t, name, 1, VECTOR, VECTOR);
        }
        add(t, "clamp", 0, VECTOR, VECTOR, SCALAR, SCALAR);
        add(t, "clamp_max", 0, VECTOR, VECTOR, SCALAR);
        add(t, "clamp_min", 0, VECTOR, VECTOR, SCALAR);
        add(t, "histogram_fraction", 0, VECTOR, SCALAR, SCALAR, VECTOR);
        add(t, "histogram_quantile", 0, VECTOR, SCALAR, VECTOR);
        add(t, "holt_winters", 0, VECTOR, MATRIX, SCALAR, SCALAR);
        add(t, "label_replace", 0, VECTOR, VECTOR, STRING, STRING, STRING, STRING);
        add(t, "label_join", -1, VECTOR, VECTOR, STRING, STRING, STRING);
        add(t, "pi", 0, SCALAR);
        add(t, "predict_linear", 0, VECTOR, MATRIX, SCALAR);
        add(t, "quantile_over_time", 0, VECTOR, SCALAR, MATRIX);
        add(t, "round", 1, VECTOR, VECTOR, SCALAR);
        add(t, "scalar", 0, SCALAR, VECTOR);
        add(t, "time", 0, SCALAR);
        add(t, "vector", 0, VECTOR, SCALAR);
        return Collections.unmodifiableMap(t);
    }

    private static void add(Map<String, Function> table, String name, int variadic, ValueType returns, ValueType... args) {
        table.put(name, new Function(name, List.of(args), variadic, returns));
    }
}
