package dev.spawn.monitoring.render;

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
        return auth == null ? null : SectionRenderer.render(auth);
    }

    public static ObjectNode authorization(Authorization auth) {
        return auth == null ? null : SectionRenderer.render(auth);
    }

    public static ObjectNode tls(TlsConfig tls) {
        return tls == null ? null : SectionRenderer.render(tls);
    }
}
