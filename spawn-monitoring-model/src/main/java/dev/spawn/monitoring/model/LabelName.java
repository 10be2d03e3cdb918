package dev.spawn.monitoring.model;

import dev.spawn.monitoring.model.decl.Internal;
import java.util.Map;
import java.util.regex.Pattern;

/** The label-name rules Prometheus enforces (legacy validation, as every released 2.x server does). */
@Internal
public final class LabelName {

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private LabelName() {
    }

    public static boolean isLegal(String name) {
        return name != null && LEGAL.matcher(name).matches() && !name.startsWith("__");
    }

    /** Like {@link #isLegal} but also admits reserved names such as {@code __address__} (relabelling). */
    public static boolean isLegalIncludingReserved(String name) {
        return name != null && LEGAL.matcher(name).matches();
    }

    public static boolean isLegalMetricName(String name) {
        return name != null && METRIC.matcher(name).matches();
    }

    /** Throws with a message naming the element when a user-supplied label name is not legal. */
    public static String require(String name, String where) {
        if (!isLegal(name)) {
            throw new IllegalArgumentException(describeIllegal(name, where));
        }
        return name;
    }

    public static Map<String, String> requireAll(Map<String, String> labels, String where) {
        labels.keySet().forEach(k -> require(k, where));
        return labels;
    }

    public static String describeIllegal(String name, String where) {
        return "illegal label name '" + name + "' in " + where
                + "; expected [a-zA-Z_][a-zA-Z0-9_]* not starting with '__'";
    }
}
