package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.Secret;

/**
 * The {@code global:} section: defaults the receivers fall back to, and {@code resolve_timeout}.
 * Every field is optional (null = absent, Alertmanager's default applies). Secrets given by file
 * render as {@code smtp_auth_password_file} and {@code slack_api_url_file}, both read by 0.25.
 */
public record AlertmanagerGlobal(Duration resolveTimeout, String smtpFrom, String smtpSmarthost, String smtpHello,
        String smtpAuthUsername, Secret smtpAuthPassword, Boolean smtpRequireTls, Secret slackApiUrl,
        String pagerdutyUrl, HttpConfig httpConfig) {

    /** No global settings at all; the section is left out. */
    public static final AlertmanagerGlobal EMPTY = builder().build();

    public AlertmanagerGlobal {
        Invariants.optional(smtpFrom, "global smtp_from");
        Invariants.optional(smtpSmarthost, "global smtp_smarthost");
        Invariants.optional(smtpHello, "global smtp_hello");
        Invariants.optional(smtpAuthUsername, "global smtp_auth_username");
        Invariants.optional(pagerdutyUrl, "global pagerduty_url");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().resolveTimeout(resolveTimeout).smtpFrom(smtpFrom).smtpSmarthost(smtpSmarthost)
                .smtpHello(smtpHello).smtpAuth(smtpAuthUsername, smtpAuthPassword).smtpRequireTls(smtpRequireTls)
                .slackApiUrl(slackApiUrl).pagerdutyUrl(pagerdutyUrl).httpConfig(httpConfig);
    }

    /** Builds an {@link AlertmanagerGlobal}; unset fields stay absent. */
    public static final class Builder {
        private Duration resolveTimeout;
        private String smtpFrom;
        private String smtpSmarthost;
        private String smtpHello;
        private String smtpAuthUsername;
        private Secret smtpAuthPassword;
        private Boolean smtpRequireTls;
        private Secret slackApiUrl;
        private String pagerdutyUrl;
        private HttpConfig httpConfig;

        private Builder() {
        }

        public Builder resolveTimeout(Duration value) {
            this.resolveTimeout = value;
            return this;
        }

        public Builder smtpFrom(String value) {
            this.smtpFrom = value;
            return this;
        }

        /** {@code host:port} of the SMTP server. */
        public Builder smtpSmarthost(String value) {
            this.smtpSmarthost = value;
            return this;
        }

        public Builder smtpHello(String value) {
            this.smtpHello = value;
            return this;
        }

        public Builder smtpAuth(String username, Secret password) {
            this.smtpAuthUsername = username;
            this.smtpAuthPassword = password;
            return this;
        }

        public Builder smtpRequireTls(Boolean value) {
            this.smtpRequireTls = value;
            return this;
        }

        public Builder slackApiUrl(Secret value) {
            this.slackApiUrl = value;
            return this;
        }

        public Builder pagerdutyUrl(String value) {
            this.pagerdutyUrl = value;
            return this;
        }

        public Builder httpConfig(HttpConfig value) {
            this.httpConfig = value;
            return this;
        }

        public AlertmanagerGlobal build() {
            return new AlertmanagerGlobal(resolveTimeout, smtpFrom, smtpSmarthost, smtpHello, smtpAuthUsername,
                    smtpAuthPassword, smtpRequireTls, slackApiUrl, pagerdutyUrl, httpConfig);
        }
    }
}
