package dev.spawn.monitoring.render;

import static dev.spawn.monitoring.render.YamlOutput.put;
import static dev.spawn.monitoring.render.YamlOutput.putSecret;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spawn.monitoring.model.Authorization;
import dev.spawn.monitoring.model.BasicAuth;
import dev.spawn.monitoring.model.TlsConfig;

/**
 * The HTTP client sections Prometheus and Alertmanager share ({@code basic_auth},
 * {@code authorization}, {@code tls_config}); each returns null when absent.
 */
public final class HttpSections {

    private HttpSections() {
    }

    public static ObjectNode basicAuth(BasicAuth auth) {
        if (auth == null) {
            return null;
        }
        ObjectNode node = YamlOutput.object();
        node.put("username", auth.username());
        putSecret(node, "password", auth.password());
        return node;
    }

    public static ObjectNode authorization(Authorization auth) {
        if (auth == null) {
            return null;
        }
        ObjectNode node = YamlOutput.object();
        node.put("type", auth.type());
        putSecret(node, "credentials", auth.credentials());
        return node;
    }

    public static ObjectNode tls(TlsConfig tls) {
        if (tls == null) {
            return null;
        }
        ObjectNode node = YamlOutput.object();
        put(node, "ca_file", tls.caFile());
        put(node, "cert_file", tls.certFile());
        put(node, "key_file", tls.keyFile());
        put(node, "server_name", tls.serverName());
        put(node, "insecure_skip_verify", tls.insecureSkipVerify());
        put(node, "min_version", tls.minVersion());
        return node;
    }
}
