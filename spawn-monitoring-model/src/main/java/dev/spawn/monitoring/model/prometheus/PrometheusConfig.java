package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.decl.Key;
import java.util.List;
import java.util.Objects;

/** The whole of {@code prometheus.yaml}. Rule file paths are relative to the config file. */
public record PrometheusConfig(
        @Key(value = "global", doc = "Settings for every other section.") GlobalConfig global,
        @Key(value = "rule_files", doc = "Rule files (globs allowed) to read rules and alerts from.") List<String> ruleFiles,
        @Key(value = "scrape_configs", doc = "Scrape jobs.") List<ScrapeConfig> scrapeConfigs,
        @Key(value = "alerting", doc = "Alert relabelling and the Alertmanagers to send to.") AlertingConfig alerting,
        @Key(value = "remote_write", doc = "Remote write endpoints.") List<RemoteWrite> remoteWrite,
        @Key(value = "remote_read", doc = "Remote read endpoints.") List<RemoteRead> remoteRead,
        @Key(value = "storage", doc = "Runtime-reloadable storage settings.") StorageConfig storage,
        @Key(value = "tracing", doc = "Tracing of Prometheus itself.") TracingConfig tracing) {

    public PrometheusConfig {
        Objects.requireNonNull(global, "global");
        alerting = alerting == null ? new AlertingConfig(null, null) : alerting;
        ruleFiles = List.copyOf(ruleFiles == null ? List.of() : ruleFiles);
        scrapeConfigs = List.copyOf(scrapeConfigs == null ? List.of() : scrapeConfigs);
        remoteWrite = List.copyOf(remoteWrite == null ? List.of() : remoteWrite);
        remoteRead = List.copyOf(remoteRead == null ? List.of() : remoteRead);
        storage = storage == null ? StorageConfig.NONE : storage;
        tracing = tracing == null ? TracingConfig.NONE : tracing;
    }

    /** A builder with every part unset (null, or empty). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this PrometheusConfig's parts, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.global = global;
        b.ruleFiles = ruleFiles;
        b.scrapeConfigs = scrapeConfigs;
        b.alerting = alerting;
        b.remoteWrite = remoteWrite;
        b.remoteRead = remoteRead;
        b.storage = storage;
        b.tracing = tracing;
        return b;
    }

    /** Fluent construction of a {@link PrometheusConfig}; {@link #build()} checks the record's invariants. */
    public static final class Builder {
        private GlobalConfig global;
        private List<String> ruleFiles;
        private List<ScrapeConfig> scrapeConfigs;
        private AlertingConfig alerting;
        private List<RemoteWrite> remoteWrite;
        private List<RemoteRead> remoteRead;
        private StorageConfig storage;
        private TracingConfig tracing;

        private Builder() {
        }

        public Builder global(GlobalConfig value) {
            this.global = value;
            return this;
        }

        public Builder ruleFiles(List<String> value) {
            this.ruleFiles = value;
            return this;
        }

        public Builder scrapeConfigs(List<ScrapeConfig> value) {
            this.scrapeConfigs = value;
            return this;
        }

        public Builder alerting(AlertingConfig value) {
            this.alerting = value;
            return this;
        }

        public Builder remoteWrite(List<RemoteWrite> value) {
            this.remoteWrite = value;
            return this;
        }

        public Builder remoteRead(List<RemoteRead> value) {
            this.remoteRead = value;
            return this;
        }

        public Builder storage(StorageConfig value) {
            this.storage = value;
            return this;
        }

        public Builder tracing(TracingConfig value) {
            this.tracing = value;
            return this;
        }

        public PrometheusConfig build() {
            return new PrometheusConfig(global, ruleFiles, scrapeConfigs, alerting, remoteWrite, remoteRead, storage,
                    tracing);
        }
    }
}
