package dev.spawn.monitoring.model.prometheus;

import java.util.List;

/** Prometheus' {@code alerting:} block: alert relabelling and the Alertmanagers to send to. */
public record AlertingConfig(List<RelabelConfig> alertRelabelConfigs, List<AlertmanagerEndpoint> alertmanagers) {

    public AlertingConfig {
        alertRelabelConfigs = List.copyOf(alertRelabelConfigs == null ? List.of() : alertRelabelConfigs);
        alertmanagers = List.copyOf(alertmanagers == null ? List.of() : alertmanagers);
    }
}
