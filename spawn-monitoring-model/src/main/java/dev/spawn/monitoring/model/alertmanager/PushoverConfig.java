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
        @Key(value = "send_resolved", doc = "Whether to notify about resolved alerts.",
                byDefault = "true", nullIsEmpty = true) Boolean sendResolved,
        @Key(value = "user_key", doc = "The recipient user's key (no file form in 0.25).",
                required = true) Secret userKey,
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
        goDuration(retry, "retry");
        goDuration(expire, "expire");
    }

    /**
     * retry and expire are Go durations, which know no days or weeks: a day or more would be written 1d and refused by
     * Alertmanager (and Pushover retries for at most 3h anyway).
     */
    private static void goDuration(Duration d, String key) {
        if (d != null && d.millis() >= 24L * 3600 * 1000) {
            throw new IllegalArgumentException("pushover_config " + key + " of " + d + " is a day or more; Alertmanager reads it"
                    + " as a Go duration (no d, w or y) and Pushover retries for at most 3h: expected less than 24h, such as 1h");
        }
    }

    public static PushoverConfig of(Secret userKey, Secret token) {
        return builder().userKey(userKey).token(token).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .sendResolved(sendResolved)
                .userKey(userKey)
                .token(token)
                .title(title)
                .message(message)
                .url(url)
                .urlTitle(urlTitle)
                .sound(sound)
                .priority(priority)
                .retry(retry)
                .expire(expire)
                .html(html)
                .httpConfig(httpConfig);
    }

    /** Builds a {@link PushoverConfig}; userKey and token are required (inline). */
    public static final class Builder {
        private Boolean sendResolved;
        private Secret userKey;
        private Secret token;
        private String title;
        private String message;
        private String url;
        private String urlTitle;
        private String sound;
        private String priority;
        private Duration retry;
        private Duration expire;
        private Boolean html;
        private HttpClientConfig httpConfig;

        private Builder() {
        }

        public Builder sendResolved(Boolean value) {
            this.sendResolved = value;
            return this;
        }

        public Builder userKey(Secret value) {
            this.userKey = value;
            return this;
        }

        public Builder token(Secret value) {
            this.token = value;
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

        public Builder url(String value) {
            this.url = value;
            return this;
        }

        public Builder urlTitle(String value) {
            this.urlTitle = value;
            return this;
        }

        public Builder sound(String value) {
            this.sound = value;
            return this;
        }

        public Builder priority(String value) {
            this.priority = value;
            return this;
        }

        public Builder retry(Duration value) {
            this.retry = value;
            return this;
        }

        public Builder expire(Duration value) {
            this.expire = value;
            return this;
        }

        public Builder html(Boolean value) {
            this.html = value;
            return this;
        }

        public Builder httpConfig(HttpClientConfig value) {
            this.httpConfig = value;
            return this;
        }

        public PushoverConfig build() {
            return new PushoverConfig(sendResolved, userKey, token, title, message, url, urlTitle, sound, priority,
                    retry, expire, html, httpConfig);
        }
    }
}
