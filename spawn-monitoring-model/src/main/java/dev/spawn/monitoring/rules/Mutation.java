package dev.spawn.monitoring.rules;

import java.util.Locale;

/**
 * What a surviving mutant means to {@code spawn:check} ({@code rules.mutation} in a spec): a warning (the
 * default) or an error. A survivor is a change of a rule (a threshold 10% off, {@code >} for {@code >=}, a
 * matcher dropped, {@code for} halved) that none of its cases tells apart, so the cases would pass vacuously.
 */
public enum Mutation {
    WARN, FAIL;

    /** The spec spelling: {@code warn}, {@code fail}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
