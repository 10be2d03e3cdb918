package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.decl.Opaque;
import dev.spawn.monitoring.model.decl.Variant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One entry of a discovery kind this project does not model ({@code kubernetes_sd_configs},
 * {@code consul_sd_configs}, ...), kept as written; {@code promtool check config} checks it.
 */
@Variant(value = "*_sd_configs", doc = "Any other Prometheus 2.42 service discovery, passed through for promtool to check.",
        opaque = true)
public record OtherSdConfig(String key, Map<String, Object> body) implements Discovery, Opaque {

    public OtherSdConfig {
        Objects.requireNonNull(key, "key");
        if (!key.matches("[a-z0-9_]+_sd_configs")) {
            throw new IllegalArgumentException("'" + key + "' is not a discovery list; expected a name such as kubernetes_sd_configs");
        }
        body = Collections.unmodifiableMap(new TreeMap<>(body == null ? Map.of() : body));
    }
}
