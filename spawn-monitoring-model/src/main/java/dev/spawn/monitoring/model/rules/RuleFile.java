package dev.spawn.monitoring.model.rules;

import java.util.List;
import java.util.Objects;

/**
 * One rule file of the bundle, e.g. {@code alerts/cost-alerts.yaml}: its path relative to the
 * bundle root (and to prometheus.yaml, which lists it under {@code rule_files}) and its groups.
 */
public record RuleFile(String path, List<RuleGroup> groups) {

    public RuleFile {
        Objects.requireNonNull(path, "path");
        groups = List.copyOf(groups == null ? List.of() : groups);
    }
}
