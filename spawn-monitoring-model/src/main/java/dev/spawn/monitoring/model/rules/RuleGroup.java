package dev.spawn.monitoring.model.rules;

import dev.spawn.monitoring.model.Duration;
import java.util.List;
import java.util.Objects;

/** A Prometheus rule group: a name, an optional evaluation interval and its rules in order. */
public record RuleGroup(String name, Duration interval, List<Rule> rules) {

    public RuleGroup {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a rule group needs a name");
        }
        rules = List.copyOf(rules == null ? List.of() : rules);
    }
}
