package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.decl.Key;

/**
 * Prometheus' {@code storage:} block: the runtime-reloadable storage settings (retention and the data
 * path are flags, see {@link PrometheusFlags}).
 */
public record StorageConfig(
        @Key(value = "tsdb", doc = "Runtime-reloadable TSDB settings.") Tsdb tsdb,
        @Key(value = "exemplars", doc = "Exemplar storage settings.") Exemplars exemplars) {

    /** {@code storage.tsdb}. */
    public record Tsdb(
            @Key(value = "out_of_order_time_window", doc = "How far back an out-of-order sample may be ingested.",
                    byDefault = "0s")
            Duration outOfOrderTimeWindow) {
    }

    /** {@code storage.exemplars}. */
    public record Exemplars(
            @Key(value = "max_exemplars", doc = "Maximum number of exemplars kept in memory for all series; 0 disables.",
                    byDefault = "100000", min = 0)
            Long maxExemplars) {
    }

    public static final StorageConfig NONE = new StorageConfig(null, null);
}
