package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.Secret;
import dev.spawn.monitoring.model.TlsConfig;
import java.util.Map;

/**
 * {@code <email_config>}. Null {@code from}, {@code smarthost}, ... fall back to the {@code smtp_*}
 * keys of {@link AlertmanagerGlobal}. The password is a secret; a file becomes
 * {@code auth_password_file}, which Alertmanager 0.25 reads. Email has no {@code http_config}
 * upstream, only {@code tls_config}.
 */
public record EmailConfig(Boolean sendResolved, String to, String from, String smarthost, String hello,
        String authUsername, Secret authPassword, Boolean requireTls, TlsConfig tlsConfig,
        Map<String, String> headers) implements ReceiverConfig {

    public EmailConfig {
        Invariants.nonBlank(to, "email_config to");
        Invariants.optional(from, "email_config from");
        Invariants.optional(smarthost, "email_config smarthost");
        Invariants.optional(hello, "email_config hello");
        Invariants.optional(authUsername, "email_config auth_username");
        headers = Invariants.sorted(headers, "email_config headers");
    }

    /** Mail to an address through the global SMTP settings. */
    public static EmailConfig to(String to) {
        return new EmailConfig(null, to, null, null, null, null, null, null, null, null);
    }
}
