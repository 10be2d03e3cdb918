package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.HttpClientConfig;
import dev.spawn.monitoring.model.decl.Key;
import dev.spawn.monitoring.model.decl.Variant;

/**
 * {@code <webhook_config>}. The URL is a plain string, not a {@link dev.spawn.monitoring.model.Secret}:
 * Alertmanager 0.25 has no {@code url_file} (amtool rejects it), so the URL always lands in the
 * generated file; put credentials in {@code http_config} (by file) rather than in the URL.
 */
@Variant(value = "webhook_configs", doc = "Generic webhooks.")
public record WebhookConfig(
        @Key(value = "send_resolved", doc = "Whether to notify about resolved alerts.",
                byDefault = "true", nullIsEmpty = true) Boolean sendResolved,
        @Key(value = "url", doc = "The endpoint to send HTTP POST requests to.", required = true) String url,
        @Key(value = "http_config", doc = "The HTTP client's configuration.", byDefault = "global.http_config")
        HttpClientConfig httpConfig,
        @Key(value = "max_alerts", doc = "The most alerts sent in one message; 0 means all.", byDefault = "0", min = 0)
        Integer maxAlerts) implements ReceiverConfig {

    public WebhookConfig {
        Invariants.nonBlank(url, "webhook_config url");
        Invariants.nonNegative(maxAlerts, "webhook_config max_alerts");
    }

    public static WebhookConfig of(String url) {
        return new WebhookConfig(null, url, null, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .sendResolved(sendResolved)
                .url(url)
                .httpConfig(httpConfig)
                .maxAlerts(maxAlerts);
    }

    /** Builds a {@link WebhookConfig}; url is required. */
    public static final class Builder {
        private Boolean sendResolved;
        private String url;
        private HttpClientConfig httpConfig;
        private Integer maxAlerts;

        private Builder() {
        }

        public Builder sendResolved(Boolean value) {
            this.sendResolved = value;
            return this;
        }

        public Builder url(String value) {
            this.url = value;
            return this;
        }

        public Builder httpConfig(HttpClientConfig value) {
            this.httpConfig = value;
            return this;
        }

        public Builder maxAlerts(Integer value) {
            this.maxAlerts = value;
            return this;
        }

        public WebhookConfig build() {
            return new WebhookConfig(sendResolved, url, httpConfig, maxAlerts);
        }
    }
}
