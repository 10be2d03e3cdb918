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
        @Key(value = "follow_redirects", doc = "Whether to follow HTTP 3xx redirects.", byDefault = "true")
        Boolean followRedirects,
        @Key(value = "enable_http2", doc = "Whether to enable HTTP/2.", byDefault = "true") Boolean enableHttp2,
        @Key(value = "tls_config", doc = "TLS settings.") TlsConfig tlsConfig,
        @Key(value = "proxy_url", doc = "Optional proxy URL.", pattern = "(https?|socks5)://.+",
                expected = "an http://, https:// or socks5:// URL")
        String proxyUrl,
        @Key(value = "proxy_connect_header", doc = "Headers to send to proxies during CONNECT requests.")
        Map<String, List<String>> proxyConnectHeader) {

    public static final HttpClientConfig NONE = new HttpClientConfig(null, null, null);

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

    public HttpClientConfig(BasicAuth basicAuth, Authorization authorization, TlsConfig tlsConfig) {
        this(basicAuth, authorization, null, null, null, null, tlsConfig, null, null);
    }

    public HttpClientConfig withBasicAuth(BasicAuth value) {
        return new HttpClientConfig(value, authorization, oauth2, bearerToken, followRedirects, enableHttp2, tlsConfig, proxyUrl,
                proxyConnectHeader);
    }

    public HttpClientConfig withAuthorization(Authorization value) {
        return new HttpClientConfig(basicAuth, value, oauth2, bearerToken, followRedirects, enableHttp2, tlsConfig, proxyUrl,
                proxyConnectHeader);
    }

    public HttpClientConfig withOAuth2(OAuth2 value) {
        return new HttpClientConfig(basicAuth, authorization, value, bearerToken, followRedirects, enableHttp2, tlsConfig,
                proxyUrl, proxyConnectHeader);
    }

    public HttpClientConfig withTls(TlsConfig value) {
        return new HttpClientConfig(basicAuth, authorization, oauth2, bearerToken, followRedirects, enableHttp2, value, proxyUrl,
                proxyConnectHeader);
    }

    public HttpClientConfig withProxyUrl(String value) {
        return new HttpClientConfig(basicAuth, authorization, oauth2, bearerToken, followRedirects, enableHttp2, tlsConfig, value,
                proxyConnectHeader);
    }

    public HttpClientConfig withRedirectsAndHttp2(Boolean follow, Boolean http2) {
        return new HttpClientConfig(basicAuth, authorization, oauth2, bearerToken, follow, http2, tlsConfig, proxyUrl,
                proxyConnectHeader);
    }
}
