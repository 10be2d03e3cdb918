package dev.spawn.monitoring.model.rules;

import dev.spawn.monitoring.model.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A Prometheus rule group: a name, an optional evaluation interval, an optional limit (alerts or series a
 * rule may produce; 0 or none: no limit) and its rules in order.
 */
public record RuleGroup(String name, Duration interval, Integer limit, List<Rule> rules) {

    public RuleGroup(String name, Duration interval, List<Rule> rules) {
        this(name, interval, null, rules);
    }

    public RuleGroup {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a rule group needs a name");
        }
        rules = List.copyOf(rules == null ? List.of() : rules);
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("rule group " + name + " has limit " + limit + "; expected 0 (no limit) or more");
        }
    }
}
