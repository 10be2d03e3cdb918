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

    public PrometheusConfig(GlobalConfig global, AlertingConfig alerting, List<String> ruleFiles,
            List<ScrapeConfig> scrapeConfigs, List<RemoteWrite> remoteWrite, List<RemoteRead> remoteRead) {
        this(global, ruleFiles, scrapeConfigs, alerting, remoteWrite, remoteRead, null, null);
    }

    public PrometheusConfig withGlobal(GlobalConfig value) {
        return new PrometheusConfig(value, ruleFiles, scrapeConfigs, alerting, remoteWrite, remoteRead, storage, tracing);
    }
}
