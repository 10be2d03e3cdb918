package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.HttpClientConfig;
import dev.spawn.monitoring.model.decl.Key;
import dev.spawn.monitoring.model.decl.Variant;

/** {@code <webex_config>}: the bot's token goes in {@code http_config.authorization} (required upstream). */
@Variant(value = "webex_configs", doc = "Webex messages.")
public record WebexConfig(
        @Key(value = "send_resolved", doc = "Whether to notify about resolved alerts.",
                byDefault = "true", nullIsEmpty = true) Boolean sendResolved,
        @Key(value = "api_url", doc = "The Webex Teams API URL.", byDefault = "global.webex_api_url") String apiUrl,
        @Key(value = "room_id", doc = "ID of the Webex Teams room where to send the messages.",
                required = true) String roomId,
        @Key(value = "message", doc = "Message template.") String message,
        @Key(value = "http_config", doc = "The HTTP client's configuration; needs authorization (the bot token).",
                required = true)
        HttpClientConfig httpConfig) implements ReceiverConfig {

    public WebexConfig {
        Invariants.nonBlank(roomId, "webex_config room_id");
        if (httpConfig == null || httpConfig.authorization() == null) {
            throw new IllegalArgumentException("webex_config needs http_config.authorization (the bot token)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .sendResolved(sendResolved)
                .apiUrl(apiUrl)
                .roomId(roomId)
                .message(message)
                .httpConfig(httpConfig);
    }

    /** Builds a {@link WebexConfig}; roomId and httpConfig with authorization are required. */
    public static final class Builder {
        private Boolean sendResolved;
        private String apiUrl;
        private String roomId;
        private String message;
        private HttpClientConfig httpConfig;

        private Builder() {
        }

        public Builder sendResolved(Boolean value) {
            this.sendResolved = value;
            return this;
        }

        public Builder apiUrl(String value) {
            this.apiUrl = value;
            return this;
        }

        public Builder roomId(String value) {
            this.roomId = value;
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

        public WebexConfig build() {
            return new WebexConfig(sendResolved, apiUrl, roomId, message, httpConfig);
        }
    }
}
