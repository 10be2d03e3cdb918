package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.HttpClientConfig;
import dev.spawn.monitoring.model.LabelName;
import dev.spawn.monitoring.model.decl.Key;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** {@code <remote_read>}: a long-term store queried for old data. */
public record RemoteRead(
        @Key(value = "url", doc = "The URL of the endpoint to query from.", required = true)
        String url,
        @Key(value = "name", doc = "Name of the remote read config; unique among remote reads.") String name,
        @Key(value = "required_matchers", doc = "Equality matchers that must be present in a selector to query this endpoint.",
                labelNames = true)
        Map<String, String> requiredMatchers,
        @Key(value = "remote_timeout", doc = "Timeout for requests to the remote read endpoint.", byDefault = "1m")
        Duration remoteTimeout,
        @Key(value = "headers", doc = "Custom HTTP headers sent with each request.") Map<String, String> headers,
        @Key(value = "read_recent", doc = "Whether reads go to remote storage for ranges local storage has complete data for.",
                byDefault = "false")
        Boolean readRecent,
        @Key(value = "", inline = true, doc = "HTTP client settings.") HttpClientConfig http,
        @Key(value = "filter_external_labels", doc = "Whether to use the external labels as selectors for the remote read.",
                byDefault = "true", nullIsEmpty = true)
        Boolean filterExternalLabels) {

    public RemoteRead {
        Objects.requireNonNull(url, "url");
        requiredMatchers = Collections.unmodifiableMap(new TreeMap<>(LabelName.requireAll(
                requiredMatchers == null ? Map.of() : requiredMatchers, "remote_read required_matchers")));
        headers = Collections.unmodifiableMap(new TreeMap<>(headers == null ? Map.of() : headers));
        RemoteWrite.requireOwnHeaders(headers, "remote_read");
        http = http == null ? HttpClientConfig.NONE : http;
    }

    public RemoteRead(String url, String name, Duration remoteTimeout, Boolean readRecent, Map<String, String> requiredMatchers,
            HttpClientConfig http) {
        this(url, name, requiredMatchers, remoteTimeout, null, readRecent, http, null);
    }

    public static RemoteRead from(String url) {
        return new RemoteRead(url, null, null, null, null, null, null, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.url = url;
        b.name = name;
        b.requiredMatchers = requiredMatchers;
        b.remoteTimeout = remoteTimeout;
        b.headers = headers;
        b.readRecent = readRecent;
        b.http = http;
        b.filterExternalLabels = filterExternalLabels;
        return b;
    }

    /** Fluent construction; {@link #build()} checks the record's invariants. */
    public static final class Builder {
        private String url;
        private String name;
        private Map<String, String> requiredMatchers;
        private Duration remoteTimeout;
        private Map<String, String> headers;
        private Boolean readRecent;
        private HttpClientConfig http;
        private Boolean filterExternalLabels;

        private Builder() {
        }

        public Builder url(String value) {
            this.url = value;
            return this;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder requiredMatchers(Map<String, String> value) {
            this.requiredMatchers = value;
            return this;
        }

        public Builder remoteTimeout(Duration value) {
            this.remoteTimeout = value;
            return this;
        }

        public Builder headers(Map<String, String> value) {
            this.headers = value;
            return this;
        }

        public Builder readRecent(Boolean value) {
            this.readRecent = value;
            return this;
        }

        public Builder http(HttpClientConfig value) {
            this.http = value;
            return this;
        }

        public Builder filterExternalLabels(Boolean value) {
            this.filterExternalLabels = value;
            return this;
        }

        public RemoteRead build() {
            return new RemoteRead(url, name, requiredMatchers, remoteTimeout, headers, readRecent, http, filterExternalLabels);
        }
    }
}
