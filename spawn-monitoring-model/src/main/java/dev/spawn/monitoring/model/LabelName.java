package dev.spawn.monitoring.model;

import dev.spawn.monitoring.model.decl.Internal;
import java.util.Map;

/** The label-name rules Prometheus enforces (legacy validation, as every released 2.x server does). */
@Internal
public final class LabelName {

    private LabelName() {
    }

    /** {@code [a-zA-Z_][a-zA-Z0-9_]*}, not starting with {@code __}. */
    public static boolean isLegal(String name) {
        return name != null && matches(name, false) && !name.startsWith("__");
    }

    /** Like {@link #isLegal} but also admits reserved names such as {@code __address__} (relabelling). */
    public static boolean isLegalIncludingReserved(String name) {
        return name != null && matches(name, false);
    }

    /** {@code [a-zA-Z_:][a-zA-Z0-9_:]*}. */
    public static boolean isLegalMetricName(String name) {
        return name != null && matches(name, true);
    }

    /** The patterns above, written out: every label of every rule and test case is checked, some million names at 10k rules. */
    private static boolean matches(String name, boolean colon) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon && c == ':')
                    || (i > 0 && c >= '0' && c <= '9');
            if (!legal) {
                return false;
            }
        }
        return true;
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
