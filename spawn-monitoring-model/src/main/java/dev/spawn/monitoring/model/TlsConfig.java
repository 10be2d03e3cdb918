package dev.spawn.monitoring.model;

import dev.spawn.monitoring.model.decl.Key;

/**
 * {@code <tls_config>} as Prometheus and Alertmanager share it. Keys and certificates are always
 * referenced by file; {@code insecureSkipVerify} is null when not set.
 */
public record TlsConfig(
        @Key(value = "ca_file", doc = "CA certificate to validate the server certificate with.") String caFile,
        @Key(value = "cert_file", doc = "Certificate file for client certificate authentication.") String certFile,
        @Key(value = "key_file", doc = "Key file for client certificate authentication.") String keyFile,
        @Key(value = "server_name", doc = "ServerName extension to indicate the name of the server.") String serverName,
        @Key(value = "insecure_skip_verify", doc = "Disable validation of the server certificate.", byDefault = "false")
        Boolean insecureSkipVerify,
        @Key(value = "min_version", doc = "Minimum acceptable TLS version.", oneOf = {"TLS10", "TLS11", "TLS12", "TLS13"})
        String minVersion,
        @Key(value = "max_version", doc = "Maximum acceptable TLS version.", oneOf = {"TLS10", "TLS11", "TLS12", "TLS13"})
        String maxVersion) {

    public TlsConfig {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("tls_config needs both cert_file and key_file, or neither");
        }
        for (String version : new String[] {minVersion, maxVersion}) {
            if (version != null && !version.matches("TLS1[0-3]")) {
                throw new IllegalArgumentException("tls_config version '" + version + "' is not one of TLS10, TLS11, TLS12, TLS13");
            }
        }
        if (minVersion != null && maxVersion != null && minVersion.compareTo(maxVersion) > 0) {
            throw new IllegalArgumentException("tls_config min_version " + minVersion + " is above max_version " + maxVersion);
        }
    }

    public TlsConfig(String caFile, String certFile, String keyFile, String serverName, Boolean insecureSkipVerify,
            String minVersion) {
        this(caFile, certFile, keyFile, serverName, insecureSkipVerify, minVersion, null);
    }

    public static TlsConfig ca(String caFile) {
        return new TlsConfig(caFile, null, null, null, null, null, null);
    }

    public static TlsConfig mutual(String caFile, String certFile, String keyFile) {
        return new TlsConfig(caFile, certFile, keyFile, null, null, null, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.caFile = caFile;
        b.certFile = certFile;
        b.keyFile = keyFile;
        b.serverName = serverName;
        b.insecureSkipVerify = insecureSkipVerify;
        b.minVersion = minVersion;
        b.maxVersion = maxVersion;
        return b;
    }

    /** Fluent construction; {@link #build()} checks the record's invariants. */
    public static final class Builder {
        private String caFile;
        private String certFile;
        private String keyFile;
        private String serverName;
        private Boolean insecureSkipVerify;
        private String minVersion;
        private String maxVersion;

        private Builder() {
        }

        public Builder caFile(String value) {
            this.caFile = value;
            return this;
        }

        public Builder certFile(String value) {
            this.certFile = value;
            return this;
        }

        public Builder keyFile(String value) {
            this.keyFile = value;
            return this;
        }

        public Builder serverName(String value) {
            this.serverName = value;
            return this;
        }

        public Builder insecureSkipVerify(Boolean value) {
            this.insecureSkipVerify = value;
            return this;
        }

        public Builder minVersion(String value) {
            this.minVersion = value;
            return this;
        }

        public Builder maxVersion(String value) {
            this.maxVersion = value;
            return this;
        }

        public TlsConfig build() {
            return new TlsConfig(caFile, certFile, keyFile, serverName, insecureSkipVerify, minVersion, maxVersion);
        }
    }
}
