package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.decl.Key;
import java.util.List;

/**
 * {@code <receiver>}: a named list of notification integrations, several of one type allowed. A
 * receiver without any is legal (Alertmanager's "blackhole" receiver drops what is routed to it).
 */
public record Receiver(
        @Key(value = "name", doc = "The unique name of the receiver.", required = true) String name,
        @Key(value = "<type>_configs",
                doc = "The receiver's notification integrations.") List<ReceiverConfig> configs) {

    public Receiver {
        Invariants.nonBlank(name, "receiver name");
        configs = Invariants.list(configs, "configs of receiver " + name);
    }

    public static Receiver of(String name, ReceiverConfig... configs) {
        return new Receiver(name, List.of(configs));
    }

    /** The configs of one type, in their order (the renderer groups them by type). */
    public <T extends ReceiverConfig> List<T> configs(Class<T> type) {
        return configs.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
