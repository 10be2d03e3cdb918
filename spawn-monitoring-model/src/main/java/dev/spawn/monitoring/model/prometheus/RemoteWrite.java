package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.Duration;
import java.util.List;
import java.util.Objects;

/** {@code <remote_write>}: where samples are sent, how, and which (write relabelling). */
public record RemoteWrite(String url, String name, Duration remoteTimeout, HttpClientConfig http,
        List<RelabelConfig> writeRelabelConfigs, QueueConfig queueConfig) {

    public RemoteWrite {
        Objects.requireNonNull(url, "url");
        http = http == null ? HttpClientConfig.NONE : http;
        writeRelabelConfigs = List.copyOf(writeRelabelConfigs == null ? List.of() : writeRelabelConfigs);
    }

    public static RemoteWrite to(String url) {
        return new RemoteWrite(url, null, null, null, null, null);
    }
}
