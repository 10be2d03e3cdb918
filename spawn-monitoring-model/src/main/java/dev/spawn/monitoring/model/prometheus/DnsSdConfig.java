package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.decl.Key;
import dev.spawn.monitoring.model.decl.Variant;
import java.util.List;

/** {@code <dns_sd_config>}: targets from DNS SRV, A, AAAA or MX records. */
@Variant(value = "dns_sd_configs", doc = "DNS-based service discovery.")
public record DnsSdConfig(
        @Key(value = "names", doc = "DNS domain names to query.", required = true) List<String> names,
        @Key(value = "type", doc = "The type of DNS query.", byDefault = "SRV", oneOf = {"SRV", "A", "AAAA", "MX"}) String type,
        @Key(value = "port", doc = "Port number used if the query type is not SRV.", min = 1, max = 65535) Integer port,
        @Key(value = "refresh_interval", doc = "The time after which the provided names are refreshed.", byDefault = "30s")
        Duration refreshInterval) implements Discovery {

    public DnsSdConfig {
        names = List.copyOf(names == null ? List.of() : names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("DNS discovery needs at least one name");
        }
        if (type != null && !type.equals("SRV") && port == null) {
            throw new IllegalArgumentException("DNS discovery of type " + type + " needs a port");
        }
    }
}
