package dev.spawn.monitoring.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spawn.monitoring.model.prometheus.PrometheusConfig;

/** Renders a {@link PrometheusConfig} to {@code prometheus.yaml}; the keys and their order come from the model's declarations. */
public final class PrometheusRenderer {

    private PrometheusRenderer() {
    }

    public static byte[] toBytes(PrometheusConfig config, String source) {
        return YamlOutput.toBytes(render(config), source);
    }

    public static ObjectNode render(PrometheusConfig config) {
        return SectionRenderer.render(config);
    }
}
