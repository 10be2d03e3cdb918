package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.decl.Key;
import java.util.List;

/** Prometheus' {@code alerting:} block: alert relabelling and the Alertmanagers to send to. */
public record AlertingConfig(
        @Key(value = "alert_relabel_configs", doc = "Relabelling of alerts before they are sent.")
        List<RelabelConfig> alertRelabelConfigs,
        @Key(value = "alertmanagers", doc = "The Alertmanagers alerts are sent to.") List<AlertmanagerEndpoint> alertmanagers) {

    public AlertingConfig {
        alertRelabelConfigs = List.copyOf(alertRelabelConfigs == null ? List.of() : alertRelabelConfigs);
        alertmanagers = List.copyOf(alertmanagers == null ? List.of() : alertmanagers);
    }
}
