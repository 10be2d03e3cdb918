package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.Secret;

/**
 * {@code <pagerduty_config>}: exactly one of {@code routingKey} (Events API v2) and {@code serviceKey}
 * (v1). Both are secrets; files become {@code routing_key_file} / {@code service_key_file}, which
 * Alertmanager 0.25 reads. {@code url} null falls back to the global {@code pagerduty_url}.
 */
public record PagerdutyConfig(Boolean sendResolved, Secret routingKey, Secret serviceKey, String url,
        String client, String clientUrl, String description, String severity, HttpConfig httpConfig)
        implements ReceiverConfig {

    public PagerdutyConfig {
        if ((routingKey == null) == (serviceKey == null)) {
            throw new IllegalArgumentException("pagerduty_config needs exactly one of routing_key and service_key");
        }
        Invariants.optional(url, "pagerduty_config url");
        Invariants.optional(client, "pagerduty_config client");
        Invariants.optional(clientUrl, "pagerduty_config client_url");
        Invariants.optional(description, "pagerduty_config description");
        Invariants.optional(severity, "pagerduty_config severity");
    }

    /** An Events API v2 integration with the default URL and texts. */
    public static PagerdutyConfig routingKey(Secret routingKey) {
        return new PagerdutyConfig(null, routingKey, null, null, null, null, null, null, null);
    }
}
