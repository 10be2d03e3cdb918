package dev.spawn.monitoring.model;

import dev.spawn.monitoring.model.decl.Key;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HTTP client settings ({@code <http_config>} of prometheus/common) that Prometheus embeds in
 * scrape jobs, remote write/read, Alertmanager endpoints and some discovery kinds. At most one of
 * basic auth, authorization, OAuth 2.0 and bearer token may be set.
 */
public record HttpClientConfig(
        @Key(value = "basic_auth", doc = "HTTP basic authentication.") BasicAuth basicAuth,
        @Key(value = "authorization", doc = "The Authorization header.") Authorization authorization,
        @Key(value = "oauth2", doc = "OAuth 2.0 client credentials.") OAuth2 oauth2,
        @Key(value = "bearer_token", file = "bearer_token_file", doc = "Deprecated: use authorization.") Secret bearerToken,
        @Key(value = "follow_redirects", doc = "Whether to follow HTTP 3xx redirects.", byDefault = "true",
                nullIsEmpty = true)
        Boolean followRedirects,
        @Key(value = "enable_http2", doc = "Whether to enable HTTP/2.", byDefault = "true", nullIsEmpty = true)
        Boolean enableHttp2,
        @Key(value = "tls_config", doc = "TLS settings.") TlsConfig tlsConfig,
        @Key(value = "proxy_url", doc = "Optional proxy URL.", pattern = "(https?|socks5)://.+",
                expected = "an http://, https:// or socks5:// URL")
        String proxyUrl,
        @Key(value = "proxy_connect_header", doc = "Headers to send to proxies during CONNECT requests.")
        Map<String, List<String>> proxyConnectHeader) {

    public static final HttpClientConfig NONE = HttpClientConfig.builder().build();

    public HttpClientConfig {
        int auths = (basicAuth != null ? 1 : 0) + (authorization != null ? 1 : 0) + (oauth2 != null ? 1 : 0)
                + (bearerToken != null ? 1 : 0);
        if (auths > 1) {
            throw new IllegalArgumentException("at most one of basic_auth, authorization, oauth2 and bearer_token may be set");
        }
        proxyConnectHeader = Collections.unmodifiableMap(new TreeMap<>(proxyConnectHeader == null ? Map.of() : proxyConnectHeader));
        if (!proxyConnectHeader.isEmpty() && proxyUrl == null) {
            throw new IllegalArgumentException("proxy_connect_header needs a proxy_url");
        }
    }

    /** A builder with every part unset (null, or empty). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this HttpClientConfig's parts, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.basicAuth = basicAuth;
        b.authorization = authorization;
        b.oauth2 = oauth2;
        b.bearerToken = bearerToken;
        b.followRedirects = followRedirects;
        b.enableHttp2 = enableHttp2;
        b.tlsConfig = tlsConfig;
        b.proxyUrl = proxyUrl;
        b.proxyConnectHeader = proxyConnectHeader;
        return b;
    }

    /** Fluent construction of a {@link HttpClientConfig}; {@link #build()} checks the record's invariants. */
    public static final class Builder {
        private BasicAuth basicAuth;
        private Authorization authorization;
        private OAuth2 oauth2;
        private Secret bearerToken;
        private Boolean followRedirects;
        private Boolean enableHttp2;
        private TlsConfig tlsConfig;
        private String proxyUrl;
        private Map<String, List<String>> proxyConnectHeader;

        private Builder() {
        }

        public Builder basicAuth(BasicAuth value) {
            this.basicAuth = value;
            return this;
        }

        public Builder authorization(Authorization value) {
            this.authorization = value;
            return this;
        }

        public Builder oauth2(OAuth2 value) {
            this.oauth2 = value;
            return this;
        }

        public Builder bearerToken(Secret value) {
            this.bearerToken = value;
            return this;
        }

        public Builder followRedirects(Boolean value) {
            this.followRedirects = value;
            return this;
        }

        public Builder enableHttp2(Boolean value) {
            this.enableHttp2 = value;
            return this;
        }

        public Builder tlsConfig(TlsConfig value) {
            this.tlsConfig = value;
            return this;
        }

        public Builder proxyUrl(String value) {
            this.proxyUrl = value;
            return this;
        }

        public Builder proxyConnectHeader(Map<String, List<String>> value) {
            this.proxyConnectHeader = value;
            return this;
        }

        public HttpClientConfig build() {
            return new HttpClientConfig(basicAuth, authorization, oauth2, bearerToken, followRedirects, enableHttp2,
                    tlsConfig, proxyUrl, proxyConnectHeader);
        }
    }
}
