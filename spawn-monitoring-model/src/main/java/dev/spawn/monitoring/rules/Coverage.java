package dev.spawn.monitoring.rules;

import dev.spawn.monitoring.model.DidYouMean;
import dev.spawn.monitoring.model.Problem;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

    /**
     * The gate every alert passes, a default's, a custom rule's or one of the user's rule files': an error at
     * {@code location} when its cases fall short of the coverage {@code set}; a warning when it has no case at all
     * and coverage is not set ({@code null}) or is {@link #NONE} (as untested custom rules were before coverage was
     * checked); else nothing. Unset coverage means {@link #FIRE_AND_SILENT} for an alert with cases.
     */
    static Optional<Problem> gate(Coverage set, String location, String alert, List<RuleTestCase> tests) {
        if (tests.isEmpty() && (set == null || set == NONE)) {
            return Optional.of(Problem.warning(location, "alert " + alert + " has no test cases, so nothing proves that it"
                    + " fires when it should; add a case that fires and one that stays silent under its tests"));
        }
        Coverage required = set == null ? FIRE_AND_SILENT : set;
        List<String> missing = required.missing(tests.stream().anyMatch(RuleTestCase::fires), tests.stream().anyMatch(t -> !t.fires()));
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Problem.error(location, "rule " + alert + " has no " + String.join(" and no ", missing)
                + " (rules.coverage: " + required.id() + "); add " + (missing.size() == 1 ? "it" : "them")
                + " to its tests, or relax rules.coverage"));
    }

    /** What a rule with these cases lacks under this coverage, in words ("case that stays silent"), or nothing. */
    private List<String> missing(boolean fires, boolean silent) {
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
