package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.HttpClientConfig;
import dev.spawn.monitoring.model.Secret;
import dev.spawn.monitoring.model.decl.Key;
import dev.spawn.monitoring.model.decl.Variant;

/** {@code <telegram_config>}. The bot token has no file form in 0.25 (inline only). */
@Variant(value = "telegram_configs", doc = "Telegram messages.")
public record TelegramConfig(
        @Key(value = "send_resolved", doc = "Whether to notify about resolved alerts.",
                byDefault = "true", nullIsEmpty = true) Boolean sendResolved,
        @Key(value = "api_url", doc = "The Telegram API URL.", byDefault = "global.telegram_api_url") String apiUrl,
        @Key(value = "bot_token", doc = "Telegram bot token (no file form in 0.25).", required = true) Secret botToken,
        @Key(value = "chat_id", doc = "ID of the chat where to send the messages.", required = true) Long chatId,
        @Key(value = "message", doc = "Message template.") String message,
        @Key(value = "disable_notifications", doc = "Disable telegram notifications.", byDefault = "false")
        Boolean disableNotifications,
        @Key(value = "parse_mode", doc = "Parse mode for telegram message.", byDefault = "MarkdownV2",
                oneOf = {"Markdown", "MarkdownV2", "HTML"})
        String parseMode,
        @Key(value = "http_config", doc = "The HTTP client's configuration.", byDefault = "global.http_config")
        HttpClientConfig httpConfig) implements ReceiverConfig {

    public TelegramConfig {
        Invariants.inlineOnly(java.util.Objects.requireNonNull(botToken, "telegram_config needs a bot_token"),
                "telegram_config bot_token");
        java.util.Objects.requireNonNull(chatId, "telegram_config needs a chat_id");
    }

    public static TelegramConfig of(Secret botToken, long chatId) {
        return builder().botToken(botToken).chatId(chatId).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .sendResolved(sendResolved)
                .apiUrl(apiUrl)
                .botToken(botToken)
                .chatId(chatId)
                .message(message)
                .disableNotifications(disableNotifications)
                .parseMode(parseMode)
                .httpConfig(httpConfig);
    }

    /** Builds a {@link TelegramConfig}; botToken (inline) and chatId are required. */
    public static final class Builder {
        private Boolean sendResolved;
        private String apiUrl;
        private Secret botToken;
        private Long chatId;
        private String message;
        private Boolean disableNotifications;
        private String parseMode;
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

        public Builder botToken(Secret value) {
            this.botToken = value;
            return this;
        }

        public Builder chatId(Long value) {
            this.chatId = value;
            return this;
        }

        public Builder message(String value) {
            this.message = value;
            return this;
        }

        public Builder disableNotifications(Boolean value) {
            this.disableNotifications = value;
            return this;
        }

        public Builder parseMode(String value) {
            this.parseMode = value;
            return this;
        }

        public Builder httpConfig(HttpClientConfig value) {
            this.httpConfig = value;
            return this;
        }

        public TelegramConfig build() {
            return new TelegramConfig(sendResolved, apiUrl, botToken, chatId, message, disableNotifications,
                    parseMode, httpConfig);
        }
    }
}
