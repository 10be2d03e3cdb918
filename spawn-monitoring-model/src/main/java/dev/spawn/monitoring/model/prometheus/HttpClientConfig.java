package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.Authorization;
import dev.spawn.monitoring.model.BasicAuth;
import dev.spawn.monitoring.model.TlsConfig;

/**
 * The HTTP client settings Prometheus shares between scrape jobs, remote write/read and
 * Alertmanager endpoints: basic auth, authorization and TLS. At most one of basic auth and
 * authorization may be set.
 */
public record HttpClientConfig(BasicAuth basicAuth, Authorization authorization, TlsConfig tlsConfig) {

    public static final HttpClientConfig NONE = new HttpClientConfig(null, null, null);

    public HttpClientConfig {
        if (basicAuth != null && authorization != null) {
            throw new IllegalArgumentException("basic_auth and authorization cannot both be set");
        }
    }

    public HttpClientConfig withBasicAuth(BasicAuth value) {
        return new HttpClientConfig(value, authorization, tlsConfig);
    }

    public HttpClientConfig withAuthorization(Authorization value) {
        return new HttpClientConfig(basicAuth, value, tlsConfig);
    }

    public HttpClientConfig withTls(TlsConfig value) {
        return new HttpClientConfig(basicAuth, authorization, value);
    }
}
