package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.TlsConfig;
import dev.spawn.monitoring.model.decl.Key;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Prometheus' {@code tracing:} block: exporting traces of its own work over OTLP. */
public record TracingConfig(
        @Key(value = "client_type", doc = "The client used to export the traces.", byDefault = "grpc", oneOf = {"grpc", "http"})
        String clientType,
        @Key(value = "endpoint", doc = "The endpoint to send the traces to, as host:port.") String endpoint,
        @Key(value = "sampling_fraction", doc = "Probability a given trace is sampled.", byDefault = "0", min = 0, max = 1)
        Double samplingFraction,
        @Key(value = "insecure", doc = "Disable transport security for the client.", byDefault = "false") Boolean insecure,
        @Key(value = "headers", doc = "Key-value pairs associated with the gRPC or HTTP headers.") Map<String, String> headers,
        @Key(value = "compression", doc = "Compression key for the gRPC client.", oneOf = {"gzip"}) String compression,
        @Key(value = "timeout", doc = "Maximum time the exporter waits for each batch export.", byDefault = "10s")
        Duration timeout,
        @Key(value = "tls_config", doc = "TLS settings.") TlsConfig tlsConfig) {

    public TracingConfig {
        headers = Collections.unmodifiableMap(new TreeMap<>(headers == null ? Map.of() : headers));
        RemoteWrite.requireOwnHeaders(headers, "tracing");
        boolean any = clientType != null || samplingFraction != null || insecure != null || !headers.isEmpty()
                || compression != null || timeout != null || tlsConfig != null;
        if (endpoint == null && any) {
            throw new IllegalArgumentException("tracing has no endpoint; expected the host:port to send traces to");
        }
        if (endpoint != null && endpoint.contains("://")) {
            throw new IllegalArgumentException("tracing endpoint '" + endpoint + "' must be host:port, without a scheme");
        }
    }

    public static final TracingConfig NONE = new TracingConfig(null, null, null, null, null, null, null, null);

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.clientType = clientType;
        b.endpoint = endpoint;
        b.samplingFraction = samplingFraction;
        b.insecure = insecure;
        b.headers = headers;
        b.compression = compression;
        b.timeout = timeout;
        b.tlsConfig = tlsConfig;
        return b;
    }

    /** Fluent construction; {@link #build()} checks the record's invariants. */
    public static final class Builder {
        private String clientType;
        private String endpoint;
        private Double samplingFraction;
        private Boolean insecure;
        private Map<String, String> headers;
        private String compression;
        private Duration timeout;
        private TlsConfig tlsConfig;

        private Builder() {
        }

        public Builder clientType(String value) {
            this.clientType = value;
            return this;
        }

        public Builder endpoint(String value) {
            this.endpoint = value;
            return this;
        }

        public Builder samplingFraction(Double value) {
            this.samplingFraction = value;
            return this;
        }

        public Builder insecure(Boolean value) {
            this.insecure = value;
            return this;
        }

        public Builder headers(Map<String, String> value) {
            this.headers = value;
            return this;
        }

        public Builder compression(String value) {
            this.compression = value;
            return this;
        }

        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        public Builder tlsConfig(TlsConfig value) {
            this.tlsConfig = value;
            return this;
        }

        public TracingConfig build() {
            return new TracingConfig(clientType, endpoint, samplingFraction, insecure, headers, compression, timeout, tlsConfig);
        }
    }
}
