package dev.spawn.monitoring.model.rules;

import java.util.Locale;

/** The four categories of spawn alerts; each is rendered to its own rule file. */
public enum Category {
    LIFECYCLE, COST, CAPACITY, PERFORMANCE;

    /** The value of the {@code category} label and the spec key: {@code lifecycle}, {@code cost}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The rule file this category renders to, relative to the bundle root. */
    public String ruleFile() {
        return "alerts/" + id() + "-alerts.yaml";
    }

    public static Category fromId(String id) {
        for (Category c : values()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown category '" + id + "'; expected one of lifecycle, cost, capacity, performance");
    }
}
