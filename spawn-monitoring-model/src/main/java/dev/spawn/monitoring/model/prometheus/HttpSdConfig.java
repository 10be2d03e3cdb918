package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.HttpClientConfig;
import dev.spawn.monitoring.model.decl.Key;
import dev.spawn.monitoring.model.decl.Variant;
import java.util.Objects;

/** {@code <http_sd_config>}: targets fetched as JSON from an HTTP endpoint. */
@Variant(value = "http_sd_configs", doc = "HTTP-based service discovery.")
public record HttpSdConfig(
        @Key(value = "url", doc = "URL from which the targets are fetched.", required = true, pattern = "https?://.+",
                expected = "an http:// or https:// URL")
        String url,
        @Key(value = "refresh_interval", doc = "Refresh interval to re-query the endpoint.", byDefault = "60s")
        Duration refreshInterval,
        @Key(value = "", inline = true, doc = "HTTP client settings.") HttpClientConfig http) implements Discovery {

    public HttpSdConfig {
        Objects.requireNonNull(url, "url");
        http = http == null ? HttpClientConfig.NONE : http;
    }
}
