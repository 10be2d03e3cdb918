package dev.spawn.monitoring.rules;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.rules.Category;
import java.util.List;
import java.util.Objects;

/** The definitions of one category file: the group name, its evaluation interval and its rules. */
record RuleGroupDefinition(Category category, String name, Duration interval, List<RuleDefinition> rules) {

    public RuleGroupDefinition {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interval, "interval");
        rules = List.copyOf(rules);
    }
}
