package dev.spawn.monitoring.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerConfig;

/**
 * Renders an {@link AlertmanagerConfig} to the {@code alertmanager.yml} tree through its declaration
 * ({@link SectionRenderer}): keys in the order of the Alertmanager 0.25 configuration reference,
 * receiver integrations grouped by type in the reference's order, absent values left out so
 * Alertmanager's defaults apply, secrets under their {@code _file} key when given by file.
 */
public final class AlertmanagerRenderer {

    private AlertmanagerRenderer() {
    }

    public static ObjectNode render(AlertmanagerConfig config) {
        return SectionRenderer.render(config);
    }

    public static byte[] toBytes(AlertmanagerConfig config, String source) {
        return YamlOutput.toBytes(render(config), source);
    }
}
