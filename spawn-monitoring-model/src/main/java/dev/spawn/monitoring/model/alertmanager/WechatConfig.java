package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.HttpClientConfig;
import dev.spawn.monitoring.model.Secret;
import dev.spawn.monitoring.model.decl.Key;
import dev.spawn.monitoring.model.decl.Variant;

/** {@code <wechat_config>}. The API secret has no file form in 0.25 (inline only); null falls back to global. */
@Variant(value = "wechat_configs", doc = "WeChat messages.")
public record WechatConfig(
        @Key(value = "send_resolved", doc = "Whether to notify about resolved alerts.",
                byDefault = "false") Boolean sendResolved,
        @Key(value = "api_secret", doc = "The API key for the WeChat API (no file form in 0.25).",
                byDefault = "global.wechat_api_secret")
        Secret apiSecret,
        @Key(value = "api_url", doc = "The WeChat API URL.", byDefault = "global.wechat_api_url") String apiUrl,
        @Key(value = "corp_id", doc = "The corp id for authentication.",
                byDefault = "global.wechat_api_corp_id") String corpId,
        @Key(value = "message", doc = "API request data as defined by the WeChat API.") String message,
        @Key(value = "message_type", doc = "Type of the message: text or markdown.", byDefault = "text",
                oneOf = {"text", "markdown"})
        String messageType,
        @Key(value = "agent_id", doc = "The agent id.") String agentId,
        @Key(value = "to_user", doc = "The users to notify.") String toUser,
        @Key(value = "to_party", doc = "The parties to notify.") String toParty,
        @Key(value = "to_tag", doc = "The tags to notify.") String toTag,
        @Key(value = "http_config", doc = "The HTTP client's configuration.", byDefault = "global.http_config")
        HttpClientConfig httpConfig) implements ReceiverConfig {

    public WechatConfig {
        Invariants.inlineOnly(apiSecret, "wechat_config api_secret");
    }

    public static WechatConfig of(String agentId, String toUser) {
        return builder().agentId(agentId).toUser(toUser).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .sendResolved(sendResolved)
                .apiSecret(apiSecret)
                .apiUrl(apiUrl)
                .corpId(corpId)
                .message(message)
                .messageType(messageType)
                .agentId(agentId)
                .toUser(toUser)
                .toParty(toParty)
                .toTag(toTag)
                .httpConfig(httpConfig);
    }

    /** Builds a {@link WechatConfig}; unset parts take global's. */
    public static final class Builder {
        private Boolean sendResolved;
        private Secret apiSecret;
        private String apiUrl;
        private String corpId;
        private String message;
        private String messageType;
        private String agentId;
        private String toUser;
        private String toParty;
        private String toTag;
        private HttpClientConfig httpConfig;

        private Builder() {
        }

        public Builder sendResolved(Boolean value) {
            this.sendResolved = value;
            return this;
        }

        public Builder apiSecret(Secret value) {
            this.apiSecret = value;
            return this;
        }

        public Builder apiUrl(String value) {
            this.apiUrl = value;
            return this;
        }

        public Builder corpId(String value) {
            this.corpId = value;
            return this;
        }

        public Builder message(String value) {
            this.message = value;
            return this;
        }

        public Builder messageType(String value) {
            this.messageType = value;
            return this;
        }

        public Builder agentId(String value) {
            this.agentId = value;
            return this;
        }

        public Builder toUser(String value) {
            this.toUser = value;
            return this;
        }

        public Builder toParty(String value) {
            this.toParty = value;
            return this;
        }

        public Builder toTag(String value) {
            this.toTag = value;
            return this;
        }

        public Builder httpConfig(HttpClientConfig value) {
            this.httpConfig = value;
            return this;
        }

        public WechatConfig build() {
            return new WechatConfig(sendResolved, apiSecret, apiUrl, corpId, message, messageType, agentId, toUser,
                    toParty, toTag, httpConfig);
        }
    }
}
