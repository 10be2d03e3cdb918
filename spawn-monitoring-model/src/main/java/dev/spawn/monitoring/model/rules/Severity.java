package dev.spawn.monitoring.model.rules;

import java.util.Locale;

/** Alert severities, most severe first; inhibition silences each level by the one above it. */
public enum Severity {
    CRITICAL, WARNING, INFO;

    /** The value of the {@code severity} label. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity fromId(String id) {
        for (Severity s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + id + "'; expected one of critical, warning, info");
    }
}
