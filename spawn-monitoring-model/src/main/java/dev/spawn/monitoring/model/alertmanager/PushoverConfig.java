package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.HttpClientConfig;
import dev.spawn.monitoring.model.Secret;
import dev.spawn.monitoring.model.decl.Key;
import dev.spawn.monitoring.model.decl.Variant;
import dev.spawn.monitoring.model.Duration;

/**
 * {@code <pushover_config>}. Alertmanager 0.25 reads {@code user_key} and {@code token} only inline
 * (the {@code _file} forms came in 0.26), so file secrets are refused. {@code retry} and
 * {@code expire} are Go durations: use s, m and h.
 */
@Variant(value = "pushover_configs", doc = "Pushover notifications.")
public record PushoverConfig(
        @Key(value = "send_resolved", doc = "Whether to notify about resolved alerts.", byDefault = "true") Boolean sendResolved,
        @Key(value = "user_key", doc = "The recipient user's key (no file form in 0.25).", required = true) Secret userKey,
        @Key(value = "token", doc = "Your registered application's API token (no file form in 0.25).", required = true)
        Secret token,
        @Key(value = "title", doc = "Notification title.") String title,
        @Key(value = "message", doc = "Notification message.") String message,
        @Key(value = "url", doc = "A supplementary URL shown alongside the message.") String url,
        @Key(value = "url_title", doc = "The title of the supplementary URL.") String urlTitle,
        @Key(value = "sound", doc = "The notification sound.") String sound,
        @Key(value = "priority", doc = "Priority, see https://pushover.net/api#priority.") String priority,
        @Key(value = "retry", doc = "How often the servers send the same notification to the user.", byDefault = "1m")
        Duration retry,
        @Key(value = "expire", doc = "How long the notification is retried unless acknowledged.", byDefault = "1h")
        Duration expire,
        @Key(value = "html", doc = "Whether the message is HTML.", byDefault = "false") Boolean html,
        @Key(value = "http_config", doc = "The HTTP client's configuration.", byDefault = "global.http_config")
        HttpClientConfig httpConfig) implements ReceiverConfig {

    public PushoverConfig {
        Invariants.inlineOnly(java.util.Objects.requireNonNull(userKey, "pushover_config needs a user_key"),
                "pushover_config user_key");
        Invariants.inlineOnly(java.util.Objects.requireNonNull(token, "pushover_config needs a token"), "pushover_config token");
    }

    public static PushoverConfig of(Secret userKey, Secret token) {
        return new PushoverConfig(null, userKey, token, null, null, null, null, null, null, null, null, null, null);
    }
}
