package dev.spawn.monitoring.rules;

import dev.spawn.monitoring.model.DidYouMean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which test cases every alert must have ({@code rules.coverage} in a spec): one that fires and one that
 * stays silent (the default), one that fires, or none required. A case that fires proves the alert can
 * fire at all; a silent one, just short of it, proves that it does not fire on everything.
 */
public enum Coverage {
    FIRE_AND_SILENT, FIRE, NONE;

    /** The spec spelling: {@code fire-and-silent}, {@code fire}, {@code none}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Coverage fromId(String id) {
        return Arrays.stream(values()).filter(c -> c.id().equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown coverage '" + id + "'" + DidYouMean.hint(id, ids())));
    }

    static List<String> ids() {
        return Arrays.stream(values()).map(Coverage::id).toList();
    }

    /** What a rule with these cases lacks under this coverage, in words ("case that stays silent"), or nothing. */
    List<String> missing(boolean fires, boolean silent) {
        List<String> missing = new java.util.ArrayList<>();
        if (this != NONE && !fires) {
            missing.add("case that fires");
        }
        if (this == FIRE_AND_SILENT && !silent) {
            missing.add("case that stays silent");
        }
        return missing;
    }
}
