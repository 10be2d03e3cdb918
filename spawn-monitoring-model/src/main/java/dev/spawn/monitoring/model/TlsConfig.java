package dev.spawn.monitoring.model;

/**
 * {@code <tls_config>} as Prometheus and Alertmanager share it. Keys and certificates are always
 * referenced by file; {@code insecureSkipVerify} is null when not set.
 */
public record TlsConfig(String caFile, String certFile, String keyFile, String serverName,
        Boolean insecureSkipVerify, String minVersion) {

    public TlsConfig {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("tls_config needs both cert_file and key_file, or neither");
        }
        if (minVersion != null && !minVersion.matches("TLS1[0-3]")) {
            throw new IllegalArgumentException("tls_config min_version '" + minVersion + "' is not one of TLS10, TLS11, TLS12, TLS13");
        }
    }

    public static TlsConfig ca(String caFile) {
        return new TlsConfig(caFile, null, null, null, null, null);
    }

    public static TlsConfig mutual(String caFile, String certFile, String keyFile) {
        return new TlsConfig(caFile, certFile, keyFile, null, null, null);
    }
}
