package dev.spawn.monitoring.model.prometheus;

import java.util.List;
import java.util.Objects;

/** The whole of {@code prometheus.yaml}. Rule file paths are relative to the config file. */
public record PrometheusConfig(GlobalConfig global, AlertingConfig alerting, List<String> ruleFiles,
        List<ScrapeConfig> scrapeConfigs, List<RemoteWrite> remoteWrite, List<RemoteRead> remoteRead) {

    public PrometheusConfig {
        Objects.requireNonNull(global, "global");
        alerting = alerting == null ? new AlertingConfig(null, null) : alerting;
        ruleFiles = List.copyOf(ruleFiles == null ? List.of() : ruleFiles);
        scrapeConfigs = List.copyOf(scrapeConfigs == null ? List.of() : scrapeConfigs);
        remoteWrite = List.copyOf(remoteWrite == null ? List.of() : remoteWrite);
        remoteRead = List.copyOf(remoteRead == null ? List.of() : remoteRead);
    }
}
