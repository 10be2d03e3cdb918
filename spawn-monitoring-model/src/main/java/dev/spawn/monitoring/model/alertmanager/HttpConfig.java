package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.Authorization;
import dev.spawn.monitoring.model.BasicAuth;
import dev.spawn.monitoring.model.TlsConfig;

/**
 * {@code <http_config>} of a receiver (or of {@code global}): how Alertmanager authenticates to and
 * trusts the endpoint it notifies. Every part is optional (null = absent); secrets go by file where
 * the user gives a file.
 */
public record HttpConfig(BasicAuth basicAuth, Authorization authorization, TlsConfig tlsConfig, String proxyUrl) {

    public HttpConfig {
        if (basicAuth != null && authorization != null) {
            throw new IllegalArgumentException("http_config may set basic_auth or authorization, not both");
        }
        Invariants.optional(proxyUrl, "http_config proxy_url");
    }

    public static HttpConfig basicAuth(BasicAuth basicAuth) {
        return new HttpConfig(basicAuth, null, null, null);
    }

    public static HttpConfig authorization(Authorization authorization) {
        return new HttpConfig(null, authorization, null, null);
    }

    public static HttpConfig tls(TlsConfig tlsConfig) {
        return new HttpConfig(null, null, tlsConfig, null);
    }

    public HttpConfig withTls(TlsConfig tls) {
        return new HttpConfig(basicAuth, authorization, tls, proxyUrl);
    }

    public HttpConfig withProxyUrl(String url) {
        return new HttpConfig(basicAuth, authorization, tlsConfig, url);
    }
}
