package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.decl.Key;

/** Remote write {@code metadata_config}: whether and how often metric metadata is sent. */
public record MetadataConfig(
        @Key(value = "send", doc = "Whether metric metadata is sent to remote storage.", byDefault = "true", nullIsEmpty = true) Boolean send,
        @Key(value = "send_interval", doc = "How frequently metric metadata is sent.", byDefault = "1m") Duration sendInterval,
        @Key(value = "max_samples_per_send", doc = "Maximum number of samples per send.", byDefault = "500", min = 1)
        Integer maxSamplesPerSend) {
}
