package dev.spawn.monitoring.model;

import dev.spawn.monitoring.model.decl.Key;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** {@code <oauth2>}: client-credentials OAuth 2.0, the secret preferably by file. */
public record OAuth2(
        @Key(value = "client_id", doc = "OAuth 2.0 client id.", required = true) String clientId,
        @Key(value = "client_secret", file = "client_secret_file", doc = "Client secret, preferably read from client_secret_file.",
                required = true)
        Secret clientSecret,
        @Key(value = "scopes", doc = "Scopes for the token request.") List<String> scopes,
        @Key(value = "token_url", doc = "The URL to fetch the token from.", required = true) String tokenUrl,
        @Key(value = "endpoint_params", doc = "Optional parameters to append to the token URL.") Map<String, String> endpointParams,
        @Key(value = "tls_config", doc = "TLS settings for the token request.") TlsConfig tlsConfig,
        @Key(value = "proxy_url", doc = "Proxy URL for the token request.") String proxyUrl) {

    public OAuth2 {
        Objects.requireNonNull(clientId, "client_id");
        Objects.requireNonNull(clientSecret, "client_secret");
        Objects.requireNonNull(tokenUrl, "token_url");
        scopes = List.copyOf(scopes == null ? List.of() : scopes);
        endpointParams = Collections.unmodifiableMap(new TreeMap<>(endpointParams == null ? Map.of() : endpointParams));
    }

    public static OAuth2 clientCredentials(String clientId, Secret clientSecret, String tokenUrl) {
        return new OAuth2(clientId, clientSecret, null, tokenUrl, null, null, null);
    }
}
