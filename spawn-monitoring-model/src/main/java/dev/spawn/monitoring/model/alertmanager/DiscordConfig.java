package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.HttpClientConfig;
import dev.spawn.monitoring.model.Secret;
import dev.spawn.monitoring.model.decl.Key;
import dev.spawn.monitoring.model.decl.Variant;

/** {@code <discord_config>} (new in 0.25, not yet in its docs). The webhook URL has no file form in 0.25 (inline only). */
@Variant(value = "discord_configs", doc = "Discord messages.")
public record DiscordConfig(
        @Key(value = "send_resolved", doc = "Whether to notify about resolved alerts.",
                byDefault = "true", nullIsEmpty = true) Boolean sendResolved,
        @Key(value = "webhook_url", doc = "The Discord webhook URL (no file form in 0.25).",
                required = true) Secret webhookUrl,
        @Key(value = "title", doc = "Message title template.") String title,
        @Key(value = "message", doc = "Message body template.") String message,
        @Key(value = "http_config", doc = "The HTTP client's configuration.", byDefault = "global.http_config")
        HttpClientConfig httpConfig) implements ReceiverConfig {

    public DiscordConfig {
        Invariants.inlineOnly(java.util.Objects.requireNonNull(webhookUrl, "discord_config needs a webhook_url"),
                "discord_config webhook_url");
    }

    public static DiscordConfig of(Secret webhookUrl) {
        return builder().webhookUrl(webhookUrl).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .sendResolved(sendResolved)
                .webhookUrl(webhookUrl)
                .title(title)
                .message(message)
                .httpConfig(httpConfig);
    }

    /** Builds a {@link DiscordConfig}; webhookUrl (inline) is required. */
    public static final class Builder {
        private Boolean sendResolved;
        private Secret webhookUrl;
        private String title;
        private String message;
        private HttpClientConfig httpConfig;

        private Builder() {
        }

        public Builder sendResolved(Boolean value) {
            this.sendResolved = value;
            return this;
        }

        public Builder webhookUrl(Secret value) {
            this.webhookUrl = value;
            return this;
        }

        public Builder title(String value) {
            this.title = value;
            return this;
        }

        public Builder message(String value) {
            this.message = value;
            return this;
        }

        public Builder httpConfig(HttpClientConfig value) {
            this.httpConfig = value;
            return this;
        }

        public DiscordConfig build() {
            return new DiscordConfig(sendResolved, webhookUrl, title, message, httpConfig);
        }
    }
}
