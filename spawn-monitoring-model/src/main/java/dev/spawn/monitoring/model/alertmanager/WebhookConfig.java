package dev.spawn.monitoring.model.alertmanager;

/**
 * {@code <webhook_config>}. The URL is a plain string, not a {@link dev.spawn.monitoring.model.Secret}:
 * Alertmanager 0.25 has no {@code url_file} (amtool rejects it), so the URL always lands in the
 * generated file; put credentials in {@link HttpConfig} (by file) rather than in the URL.
 *
 * @param maxAlerts the most alerts sent in one message; 0 means no cap, null leaves the default (0)
 */
public record WebhookConfig(Boolean sendResolved, String url, HttpConfig httpConfig, Integer maxAlerts)
        implements ReceiverConfig {

    public WebhookConfig {
        Invariants.nonBlank(url, "webhook_config url");
        Invariants.nonNegative(maxAlerts, "webhook_config max_alerts");
    }

    public static WebhookConfig of(String url) {
        return new WebhookConfig(null, url, null, null);
    }
}
