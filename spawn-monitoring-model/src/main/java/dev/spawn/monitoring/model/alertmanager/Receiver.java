package dev.spawn.monitoring.model.alertmanager;

import java.util.List;

/**
 * {@code <receiver>}: a named list of notification integrations. A receiver without any is legal
 * (Alertmanager's "blackhole" receiver drops what is routed to it).
 */
public record Receiver(String name, List<ReceiverConfig> configs) {

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
