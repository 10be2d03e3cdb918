package dev.spawn.monitoring.rules;

import dev.spawn.monitoring.model.rules.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The custom rules of a {@link RuleSet}, added in constant time although every rule set is immutable: rule sets
 * that extend one another share one append-only list and each sees its first {@code size} rules; adding to a rule
 * set whose list another one already extended copies it (once, then appends are cheap again). An index of the
 * first rule of each name and severity answers "is this alert taken" without a scan.
 */
final class CustomRules {

    private final Shared shared;
    private final int size;

    private record Shared(List<CustomRule> rules, Map<String, Integer> first) {
    }

    private CustomRules(Shared shared, int size) {
        this.shared = shared;
        this.size = size;
    }

    /** No custom rules; each call its own, so that the lists of unrelated rule sets never mix. */
    static CustomRules none() {
        return new CustomRules(new Shared(new ArrayList<>(), new HashMap<>()), 0);
    }

    CustomRules with(CustomRule rule) {
        synchronized (shared) {
            if (shared.rules().size() == size) {
                append(shared, rule, size);
                return new CustomRules(shared, size + 1);
            }
        }
        Shared copy = new Shared(new ArrayList<>(), new HashMap<>());
        for (CustomRule r : rules()) {
            append(copy, r, copy.rules().size());
        }
        append(copy, rule, size);
        return new CustomRules(copy, size + 1);
    }

    private static void append(Shared to, CustomRule rule, int index) {
        to.rules().add(rule);
        to.first().putIfAbsent(key(rule.name(), rule.severity()), index);
    }

    /** Whether one of these rules is named {@code name} at {@code severity}. */
    boolean contains(String name, Severity severity) {
        synchronized (shared) {
            Integer at = shared.first().get(key(name, severity));
            return at != null && at < size;
        }
    }

    /** These rules in the order they were added (a copy). */
    List<CustomRule> rules() {
        synchronized (shared) {
            return List.copyOf(shared.rules().subList(0, size));
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    private static String key(String name, Severity severity) {
        return severity.name() + " " + name;
    }
}
