package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.decl.Key;

/** Remote write {@code queue_config}; absent values take Prometheus' defaults. */
public record QueueConfig(
        @Key(value = "capacity", doc = "Number of samples to buffer per shard before reading from the WAL blocks.",
                byDefault = "2500", min = 1)
        Integer capacity,
        @Key(value = "max_shards", doc = "Maximum number of shards, i.e. amount of concurrency.", byDefault = "200", min = 1)
        Integer maxShards,
        @Key(value = "min_shards", doc = "Minimum number of shards, i.e. amount of concurrency.", byDefault = "1", min = 1)
        Integer minShards,
        @Key(value = "max_samples_per_send", doc = "Maximum number of samples per send.", byDefault = "500", min = 1)
        Integer maxSamplesPerSend,
        @Key(value = "batch_send_deadline", doc = "Maximum time a sample will wait in buffer.", byDefault = "5s")
        Duration batchSendDeadline,
        @Key(value = "min_backoff", doc = "Initial retry delay, doubled for every retry.", byDefault = "30ms") Duration minBackoff,
        @Key(value = "max_backoff", doc = "Maximum retry delay.", byDefault = "5s") Duration maxBackoff,
        @Key(value = "retry_on_http_429", doc = "Retry upon receiving a 429 status code from the remote-write storage.",
                byDefault = "false")
        Boolean retryOnHttp429) {

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

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.capacity = capacity;
        b.maxShards = maxShards;
        b.minShards = minShards;
        b.maxSamplesPerSend = maxSamplesPerSend;
        b.batchSendDeadline = batchSendDeadline;
        b.minBackoff = minBackoff;
        b.maxBackoff = maxBackoff;
        b.retryOnHttp429 = retryOnHttp429;
        return b;
    }

    /** Fluent construction; {@link #build()} checks the record's invariants. */
    public static final class Builder {
        private Integer capacity;
        private Integer maxShards;
        private Integer minShards;
        private Integer maxSamplesPerSend;
        private Duration batchSendDeadline;
        private Duration minBackoff;
        private Duration maxBackoff;
        private Boolean retryOnHttp429;

        private Builder() {
        }

        public Builder capacity(Integer value) {
            this.capacity = value;
            return this;
        }

        public Builder maxShards(Integer value) {
            this.maxShards = value;
            return this;
        }

        public Builder minShards(Integer value) {
            this.minShards = value;
            return this;
        }

        public Builder maxSamplesPerSend(Integer value) {
            this.maxSamplesPerSend = value;
            return this;
        }

        public Builder batchSendDeadline(Duration value) {
            this.batchSendDeadline = value;
            return this;
        }

        public Builder minBackoff(Duration value) {
            this.minBackoff = value;
            return this;
        }

        public Builder maxBackoff(Duration value) {
            this.maxBackoff = value;
            return this;
        }

        public Builder retryOnHttp429(Boolean value) {
            this.retryOnHttp429 = value;
            return this;
        }

        public QueueConfig build() {
            return new QueueConfig(capacity, maxShards, minShards, maxSamplesPerSend, batchSendDeadline, minBackoff, maxBackoff, retryOnHttp429);
        }
    }
}
