package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.Secret;

/**
 * {@code <slack_config>}. The incoming-webhook URL is a secret: a file becomes {@code api_url_file}
 * (Alertmanager 0.25 reads it), an inline value {@code api_url}; null falls back to the global
 * {@code slack_api_url}.
 */
public record SlackConfig(Boolean sendResolved, Secret apiUrl, HttpConfig httpConfig, String channel,
        String username, String title, String text) implements ReceiverConfig {

    public SlackConfig {
        Invariants.nonBlank(channel, "slack_config channel");
        Invariants.optional(username, "slack_config username");
        Invariants.optional(title, "slack_config title");
        Invariants.optional(text, "slack_config text");
    }

    /** A channel notified through {@code apiUrl} (null: the global URL), resolved alerts included. */
    public static SlackConfig of(String channel, Secret apiUrl) {
        return new SlackConfig(true, apiUrl, null, channel, null, null, null);
    }
}
