package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.HttpClientConfig;
import dev.spawn.monitoring.model.decl.Key;
import dev.spawn.monitoring.model.decl.Section;
import java.util.List;

/**
 * One entry of {@code alerting.alertmanagers} ({@code <alertmanager_config>}): how Prometheus finds
 * and reaches a set of Alertmanagers.
 */
public record AlertmanagerEndpoint(
        @Key(value = "timeout", doc = "Per-target Alertmanager timeout when pushing alerts.", byDefault = "10s") Duration timeout,
        @Key(value = "api_version", doc = "The api version of Alertmanager.", byDefault = "v2", oneOf = {"v1", "v2"})
        String apiVersion,
        @Key(value = "path_prefix", doc = "Prefix for the HTTP path alerts are pushed to.", byDefault = "/") String pathPrefix,
        @Key(value = "scheme", doc = "Scheme for requests to Alertmanager.", byDefault = "http", oneOf = {"http", "https"})
        String scheme,
        @Key(value = "", inline = true, doc = "HTTP client settings.") HttpClientConfig http,
        @Key(value = "", doc = "Service discovery configurations.") List<Discovery> discovery,
        @Key(value = "relabel_configs", doc = "Relabelling of discovered Alertmanagers.") List<RelabelConfig> relabelConfigs) {

    public AlertmanagerEndpoint {
        http = http == null ? HttpClientConfig.NONE : http;
        discovery = Section.canonicalOrder(discovery == null ? List.of() : discovery, Discovery.class);
        relabelConfigs = List.copyOf(relabelConfigs == null ? List.of() : relabelConfigs);
        StaticConfig.requireHostsWithoutRelabelling(discovery, relabelConfigs, "alertmanager");
        if (scheme != null && !scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("alertmanager scheme '" + scheme + "'; expected http or https");
        }
    }

    public static AlertmanagerEndpoint statik(List<String> targets) {
        return builder().discovery(List.of(new StaticConfig(targets, null))).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.timeout = timeout;
        b.apiVersion = apiVersion;
        b.pathPrefix = pathPrefix;
        b.scheme = scheme;
        b.http = http;
        b.discovery = discovery;
        b.relabelConfigs = relabelConfigs;
        return b;
    }

    /** Fluent construction; {@link #build()} checks the record's invariants. */
    public static final class Builder {
        private Duration timeout;
        private String apiVersion;
        private String pathPrefix;
        private String scheme;
        private HttpClientConfig http;
        private List<Discovery> discovery;
        private List<RelabelConfig> relabelConfigs;

        private Builder() {
        }

        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        public Builder apiVersion(String value) {
            this.apiVersion = value;
            return this;
        }

        public Builder pathPrefix(String value) {
            this.pathPrefix = value;
            return this;
        }

        public Builder scheme(String value) {
            this.scheme = value;
            return this;
        }

        public Builder http(HttpClientConfig value) {
            this.http = value;
            return this;
        }

        public Builder discovery(List<Discovery> value) {
            this.discovery = value;
            return this;
        }

        public Builder relabelConfigs(List<RelabelConfig> value) {
            this.relabelConfigs = value;
            return this;
        }

        public AlertmanagerEndpoint build() {
            return new AlertmanagerEndpoint(timeout, apiVersion, pathPrefix, scheme, http, discovery, relabelConfigs);
        }
    }
}
