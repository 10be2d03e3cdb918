package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.Duration;

/** Remote write {@code queue_config}; absent values take Prometheus' defaults. */
public record QueueConfig(Integer capacity, Integer minShards, Integer maxShards, Integer maxSamplesPerSend,
        Duration batchSendDeadline, Duration minBackoff, Duration maxBackoff) {

    public QueueConfig {
        for (Integer n : new Integer[] {capacity, minShards, maxShards, maxSamplesPerSend}) {
            if (n != null && n <= 0) {
                throw new IllegalArgumentException("queue_config sizes must be positive, got " + n);
            }
        }
        if (minShards != null && maxShards != null && minShards > maxShards) {
            throw new IllegalArgumentException("queue_config min_shards " + minShards + " is above max_shards " + maxShards);
        }
    }
}
