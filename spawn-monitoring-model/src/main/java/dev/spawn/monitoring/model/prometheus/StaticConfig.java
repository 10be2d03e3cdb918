package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.LabelName;
import dev.spawn.monitoring.model.decl.Key;
import dev.spawn.monitoring.model.decl.Variant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code <static_config>}: fixed targets (usually {@code host:port}) and labels for all of them. */
@Variant(value = "static_configs", doc = "Statically configured targets.")
public record StaticConfig(
        @Key(value = "targets", doc = "The targets, as host:port.", required = true,
                nullIsEmpty = true) List<String> targets,
        @Key(value = "labels", doc = "Labels assigned to all metrics scraped from the targets.", labelNames = true)
        Map<String, String> labels) implements Discovery {

    public StaticConfig {
        targets = List.copyOf(targets == null ? List.of() : targets);
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(
                LabelName.requireAll(labels == null ? Map.of() : labels, "static_config labels")));
        for (String t : targets) {
            // any __address__ Prometheus takes: host:port, a host alone (the scheme's port), or a URL that relabelling
            // moves into a parameter (the blackbox exporter pattern)
            if (t.isBlank() || t.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("static target '" + t + "' is empty or contains whitespace; expected"
                        + " host:port, or a URL that relabelling turns into a parameter");
            }
        }
    }

    /**
     * Prometheus 2.42 refuses a static target with a {@code /} in a job (or Alertmanager set) without relabelling:
     * only relabelling can move such a URL into a parameter (the blackbox exporter's pattern).
     */
    static void requireHostsWithoutRelabelling(List<Discovery> discovery, List<RelabelConfig> relabelConfigs, String what) {
        if (!relabelConfigs.isEmpty()) {
            return;
        }
        discovery.stream().filter(StaticConfig.class::isInstance).flatMap(d -> ((StaticConfig) d).targets().stream())
                .filter(t -> t.contains("/")).findFirst().ifPresent(t -> {
                    throw new IllegalArgumentException(what + " has static target '" + t + "', which is not a host:port;"
                            + " expected host:port, or relabel_configs that move the URL into a parameter");
                });
    }

    public static StaticConfig of(String... targets) {
        return new StaticConfig(List.of(targets), Map.of());
    }
}
