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

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.clientId = clientId;
        b.clientSecret = clientSecret;
        b.scopes = scopes;
        b.tokenUrl = tokenUrl;
        b.endpointParams = endpointParams;
        b.tlsConfig = tlsConfig;
        b.proxyUrl = proxyUrl;
        return b;
    }

    /** Fluent construction; {@link #build()} checks the record's invariants. */
    public static final class Builder {
        private String clientId;
        private Secret clientSecret;
        private List<String> scopes;
        private String tokenUrl;
        private Map<String, String> endpointParams;
        private TlsConfig tlsConfig;
        private String proxyUrl;

        private Builder() {
        }

        public Builder clientId(String value) {
            this.clientId = value;
            return this;
        }

        public Builder clientSecret(Secret value) {
            this.clientSecret = value;
            return this;
        }

        public Builder scopes(List<String> value) {
            this.scopes = value;
            return this;
        }

        public Builder tokenUrl(String value) {
            this.tokenUrl = value;
            return this;
        }

        public Builder endpointParams(Map<String, String> value) {
            this.endpointParams = value;
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

        public OAuth2 build() {
            return new OAuth2(clientId, clientSecret, scopes, tokenUrl, endpointParams, tlsConfig, proxyUrl);
        }
    }
}
