package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.HttpClientConfig;
import dev.spawn.monitoring.model.Secret;
import dev.spawn.monitoring.model.decl.Key;
import dev.spawn.monitoring.model.decl.Variant;

/** {@code <wechat_config>}. The API secret has no file form in 0.25 (inline only); null falls back to global. */
@Variant(value = "wechat_configs", doc = "WeChat messages.")
public record WechatConfig(
        @Key(value = "send_resolved", doc = "Whether to notify about resolved alerts.", byDefault = "false") Boolean sendResolved,
        @Key(value = "api_secret", doc = "The API key for the WeChat API (no file form in 0.25).",
                byDefault = "global.wechat_api_secret")
        Secret apiSecret,
        @Key(value = "api_url", doc = "The WeChat API URL.", byDefault = "global.wechat_api_url") String apiUrl,
        @Key(value = "corp_id", doc = "The corp id for authentication.", byDefault = "global.wechat_api_corp_id") String corpId,
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
        return new WechatConfig(null, null, null, null, null, null, agentId, toUser, null, null, null);
    }
}
