package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.Duration;
import java.util.List;

/**
 * One entry of {@code alerting.alertmanagers} ({@code <alertmanager_config>}): how Prometheus finds
 * and reaches a set of Alertmanagers. Discovery is static or by file.
 */
public record AlertmanagerEndpoint(String scheme, String pathPrefix, Duration timeout, HttpClientConfig http,
        List<Discovery> discovery) {

    public AlertmanagerEndpoint {
        http = http == null ? HttpClientConfig.NONE : http;
        discovery = List.copyOf(discovery == null ? List.of() : discovery);
        for (Discovery d : discovery) {
            if (d instanceof Ec2SdConfig) {
                throw new IllegalArgumentException("Alertmanagers are found by static or file discovery, not EC2");
            }
        }
        if (scheme != null && !scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("alertmanager scheme '" + scheme + "'; expected http or https");
        }
    }

    public static AlertmanagerEndpoint statik(List<String> targets) {
        return new AlertmanagerEndpoint(null, null, null, null, List.of(new StaticConfig(targets, null)));
    }
}
