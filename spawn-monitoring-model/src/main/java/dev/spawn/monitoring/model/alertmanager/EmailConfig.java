package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.HttpClientConfig;
import dev.spawn.monitoring.model.Secret;
import dev.spawn.monitoring.model.TlsConfig;
import dev.spawn.monitoring.model.decl.Key;
import dev.spawn.monitoring.model.decl.Variant;
import java.util.Map;

/**
 * {@code <email_config>}. Null {@code from}, {@code smarthost}, ... fall back to the {@code smtp_*}
 * keys of {@link AlertmanagerGlobal}. The password has a file form ({@code auth_password_file});
 * {@code auth_secret} (CRAM-MD5) has none in 0.25, so it is inline only. E-mail has no
 * {@code http_config} upstream, only {@code tls_config}.
 */
@Variant(value = "email_configs", doc = "E-mail notifications.")
public record EmailConfig(
        @Key(value = "send_resolved", doc = "Whether to notify about resolved alerts.",
                byDefault = "false") Boolean sendResolved,
        @Key(value = "to", doc = "The email address to send notifications to.", required = true) String to,
        @Key(value = "from", doc = "The sender's address.", byDefault = "global.smtp_from") String from,
        @Key(value = "smarthost", doc = "The SMTP host through which emails are sent, host:port.",
                byDefault = "global.smtp_smarthost")
        String smarthost,
        @Key(value = "hello", doc = "The hostname to identify to the SMTP server.",
                byDefault = "global.smtp_hello") String hello,
        @Key(value = "auth_username", doc = "SMTP authentication user name.", byDefault = "global.smtp_auth_username")
        String authUsername,
        @Key(value = "auth_password", file = "auth_password_file",
                doc = "SMTP password (PLAIN/LOGIN), preferably by file.")
        Secret authPassword,
        @Key(value = "auth_secret", doc = "SMTP CRAM-MD5 secret (no file form in 0.25).") Secret authSecret,
        @Key(value = "auth_identity", doc = "SMTP PLAIN identity.") String authIdentity,
        @Key(value = "require_tls", doc = "Whether STARTTLS is required.", byDefault = "global.smtp_require_tls")
        Boolean requireTls,
        @Key(value = "tls_config", doc = "The SMTP TLS configuration.") TlsConfig tlsConfig,
        @Key(value = "html", doc = "The HTML body of the email notification.") String html,
        @Key(value = "text", doc = "The text body of the email notification.") String text,
        @Key(value = "headers", doc = "Further headers email header key/value pairs; overrides To, From, Subject.")
        Map<String, String> headers) implements ReceiverConfig {

    public EmailConfig {
        Invariants.nonBlank(to, "email_config to");
        // Alertmanager 0.25 fills these from the global keys when they are "": empty is the same as left out
        from = Invariants.unsetIfBlank(from);
        smarthost = Invariants.unsetIfBlank(smarthost);
        hello = Invariants.unsetIfBlank(hello);
        authUsername = Invariants.unsetIfBlank(authUsername);
        Invariants.inlineOnly(authSecret, "email_config auth_secret");
        headers = Invariants.sorted(headers, "email_config headers");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String header : headers.keySet()) {
            // Alertmanager compares headers case-insensitively (net/textproto canonical form)
            if (!seen.add(header.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("duplicate header '" + header + "' in email_config headers");
            }
        }
    }

    /** Mail to an address through the global SMTP settings. */
    public static EmailConfig to(String to) {
        return builder(to).build();
    }

    public static Builder builder(String to) {
        return new Builder(to);
    }

    /** E-mail has no http_config upstream. */
    @Override
    public HttpClientConfig httpConfig() {
        return null;
    }

    /** Builds an {@link EmailConfig}; unset parts fall back to global. */
    public static final class Builder {
        private final String to;
        private Boolean sendResolved;
        private String from;
        private String smarthost;
        private String hello;
        private String authUsername;
        private Secret authPassword;
        private Secret authSecret;
        private String authIdentity;
        private Boolean requireTls;
        private TlsConfig tlsConfig;
        private String html;
        private String text;
        private Map<String, String> headers;

        private Builder(String to) {
            this.to = to;
        }

        public Builder sendResolved(Boolean value) {
            sendResolved = value;
            return this;
        }

        public Builder from(String value) {
            from = value;
            return this;
        }

        public Builder smarthost(String value) {
            smarthost = value;
            return this;
        }

        public Builder hello(String value) {
            hello = value;
            return this;
        }

        public Builder auth(String username, Secret password) {
            authUsername = username;
            authPassword = password;
            return this;
        }

        public Builder authSecret(Secret value, String identity) {
            authSecret = value;
            authIdentity = identity;
            return this;
        }

        public Builder requireTls(Boolean value) {
            requireTls = value;
            return this;
        }

        public Builder tlsConfig(TlsConfig value) {
            tlsConfig = value;
            return this;
        }

        public Builder html(String value) {
            html = value;
            return this;
        }

        public Builder text(String value) {
            text = value;
            return this;
        }

        public Builder headers(Map<String, String> value) {
            headers = value;
            return this;
        }

        public EmailConfig build() {
            return new EmailConfig(sendResolved, to, from, smarthost, hello, authUsername, authPassword, authSecret,
                    authIdentity, requireTls, tlsConfig, html, text, headers);
        }
    }
}
