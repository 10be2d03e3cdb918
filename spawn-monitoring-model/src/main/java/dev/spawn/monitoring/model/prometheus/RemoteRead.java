package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.LabelName;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** {@code <remote_read>}: a long-term store queried for old data. */
public record RemoteRead(String url, String name, Duration remoteTimeout, Boolean readRecent,
        Map<String, String> requiredMatchers, HttpClientConfig http) {

    public RemoteRead {
        Objects.requireNonNull(url, "url");
        requiredMatchers = Collections.unmodifiableMap(new TreeMap<>(LabelName.requireAll(
                requiredMatchers == null ? Map.of() : requiredMatchers, "remote_read required_matchers")));
        http = http == null ? HttpClientConfig.NONE : http;
    }

    public static RemoteRead from(String url) {
        return new RemoteRead(url, null, null, null, null, null);
    }
}
