package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.HttpClientConfig;
import dev.spawn.monitoring.model.SigV4Config;
import dev.spawn.monitoring.model.decl.Key;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** {@code <remote_write>}: where samples are sent, how (HTTP, sigv4, queue) and which (write relabelling). */
public record RemoteWrite(
        @Key(value = "url", doc = "The URL of the endpoint to send samples to.", required = true)
        String url,
        @Key(value = "remote_timeout", doc = "Timeout for requests to the remote write endpoint.", byDefault = "30s")
        Duration remoteTimeout,
        @Key(value = "headers", doc = "Custom HTTP headers sent with each request, e.g. X-Scope-OrgID for a tenant.")
        Map<String, String> headers,
        @Key(value = "write_relabel_configs", doc = "Relabelling of samples before they are sent.")
        List<RelabelConfig> writeRelabelConfigs,
        @Key(value = "name", doc = "Name of the remote write config; unique among remote writes.") String name,
        @Key(value = "send_exemplars", doc = "Whether exemplars are sent.", byDefault = "false") Boolean sendExemplars,
        @Key(value = "send_native_histograms", doc = "Whether native histogram samples are sent.", byDefault = "false")
        Boolean sendNativeHistograms,
        @Key(value = "", inline = true, doc = "HTTP client settings.") HttpClientConfig http,
        @Key(value = "sigv4", doc = "AWS Signature Version 4 signing (Amazon Managed Service for Prometheus).")
        SigV4Config sigv4,
        @Key(value = "queue_config", doc = "Tuning of the remote write queue.") QueueConfig queueConfig,
        @Key(value = "metadata_config", doc = "Sending of metric metadata.") MetadataConfig metadataConfig) {

    /** Headers Prometheus sets itself and refuses in {@code headers}. */
    private static final List<String> RESERVED_HEADERS = List.of("host", "authorization", "content-encoding", "content-type",
            "x-prometheus-remote-write-version", "user-agent", "connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "www-authenticate", "retry-after");

    public RemoteWrite {
        Objects.requireNonNull(url, "url");
        headers = Collections.unmodifiableMap(new TreeMap<>(headers == null ? Map.of() : headers));
        requireOwnHeaders(headers, "remote_write");
        http = http == null ? HttpClientConfig.NONE : http;
        writeRelabelConfigs = List.copyOf(writeRelabelConfigs == null ? List.of() : writeRelabelConfigs);
        if (sigv4 != null && (http.basicAuth() != null || http.authorization() != null || http.oauth2() != null
                || http.bearerToken() != null)) {
            throw new IllegalArgumentException("remote_write sigv4 cannot be combined with basic_auth, authorization, oauth2"
                    + " or bearer_token");
        }
    }

    /** Refuses the headers Prometheus sets itself (remote write, and tracing, which uses the same list). */
    static void requireOwnHeaders(Map<String, String> headers, String section) {
        for (String header : headers.keySet()) {
            if (RESERVED_HEADERS.contains(header.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException(section + " header '" + header + "' is reserved; Prometheus sets it itself");
            }
        }
    }

    public RemoteWrite(String url, String name, Duration remoteTimeout, HttpClientConfig http,
            List<RelabelConfig> writeRelabelConfigs, QueueConfig queueConfig) {
        this(url, remoteTimeout, null, writeRelabelConfigs, name, null, null, http, null, queueConfig, null);
    }

    /** This remote write sending to {@code value} instead. */
    public RemoteWrite withUrl(String value) {
        return new RemoteWrite(value, remoteTimeout, headers, writeRelabelConfigs, name, sendExemplars, sendNativeHistograms, http,
                sigv4, queueConfig, metadataConfig);
    }

    public static RemoteWrite to(String url) {
        return builder(url).build();
    }

    public static Builder builder(String url) {
        return new Builder(url);
    }

    /** Fluent construction; {@link #build()} checks. */
    public static final class Builder {
        private final String url;
        private Duration remoteTimeout;
        private final Map<String, String> headers = new TreeMap<>();
        private final List<RelabelConfig> writeRelabelConfigs = new ArrayList<>();
        private String name;
        private Boolean sendExemplars;
        private Boolean sendNativeHistograms;
        private HttpClientConfig http;
        private SigV4Config sigv4;
        private QueueConfig queueConfig;
        private MetadataConfig metadataConfig;

        private Builder(String url) {
            this.url = url;
        }

        public Builder remoteTimeout(Duration value) {
            this.remoteTimeout = value;
            return this;
        }

        public Builder header(String header, String value) {
            this.headers.put(header, value);
            return this;
        }

        public Builder writeRelabel(RelabelConfig value) {
            this.writeRelabelConfigs.add(value);
            return this;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder sendExemplars(Boolean value) {
            this.sendExemplars = value;
            return this;
        }

        public Builder sendNativeHistograms(Boolean value) {
            this.sendNativeHistograms = value;
            return this;
        }

        public Builder http(HttpClientConfig value) {
            this.http = value;
            return this;
        }

        public Builder sigv4(SigV4Config value) {
            this.sigv4 = value;
            return this;
        }

        public Builder queueConfig(QueueConfig value) {
            this.queueConfig = value;
            return this;
        }

        public Builder metadataConfig(MetadataConfig value) {
            this.metadataConfig = value;
            return this;
        }

        public RemoteWrite build() {
            return new RemoteWrite(url, remoteTimeout, headers, writeRelabelConfigs, name, sendExemplars, sendNativeHistograms,
                    http, sigv4, queueConfig, metadataConfig);
        }
    }
}
