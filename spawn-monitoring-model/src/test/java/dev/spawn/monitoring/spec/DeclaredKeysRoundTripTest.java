package dev.spawn.monitoring.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spawn.monitoring.model.decl.Section;
import dev.spawn.monitoring.model.decl.Section.Field;
import dev.spawn.monitoring.model.decl.Section.Shape;
import dev.spawn.monitoring.model.prometheus.PrometheusConfig;
import dev.spawn.monitoring.render.PrometheusRenderer;
import dev.spawn.monitoring.render.PrometheusRendererTest;
import dev.spawn.monitoring.render.YamlOutput;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every declared key of prometheus.yml makes the whole trip: the kitchen sink sets each of them (a
 * walk over the declarations proves it), is rendered, read back by the same reader as the spec, and
 * comes back equal.
 */
class DeclaredKeysRoundTripTest {

    @Test
    void kitchenSinkRoundTripsThroughRendererAndReader() {
        PrometheusConfig config = PrometheusRendererTest.kitchenSink();
        String yaml = new String(PrometheusRenderer.toBytes(config, "test"), StandardCharsets.UTF_8);
        assertThat(UpstreamFiles.prometheus("prometheus.yaml", yaml)).isEqualTo(config);
    }

    @Test
    void kitchenSinkSetsEveryDeclaredKey() {
        JsonNode rendered = YamlOutput.parse(PrometheusRenderer.toBytes(PrometheusRendererTest.kitchenSink(), "test"));
        Set<String> declared = new TreeSet<>();
        Set<String> seen = new TreeSet<>();
        declared(PrometheusConfig.class, declared, new TreeSet<>());
        visit(PrometheusConfig.class, rendered, seen);
        declared.removeAll(seen);
        assertThat(declared).as("declared keys the kitchen sink never sets").isEmpty();
    }

    private static void declared(Class<?> type, Set<String> out, Set<String> done) {
        if (!done.add(type.getName())) {
            return;
        }
        for (Field f : Section.of(type).keys()) {
            Shape shape = f.shape();
            if (shape instanceof Shape.Nested n && f.key().inline()) {
                declared(n.type(), out, done);
            } else if (shape instanceof Shape.Variants v) {
                v.variants().forEach(c -> {
                    out.add(type.getSimpleName() + "." + Section.variant(c).value());
                    if (!Section.variant(c).opaque()) {
                        declared(c, out, done);
                    }
                });
            } else {
                out.add(type.getSimpleName() + "." + f.name());
                element(shape).ifPresent(t -> declared(t, out, done));
            }
        }
    }

    private static java.util.Optional<Class<?>> element(Shape shape) {
        if (shape instanceof Shape.Nested n) {
            return java.util.Optional.of(n.type());
        }
        if (shape instanceof Shape.ListOf l) {
            return element(l.element());
        }
        if (shape instanceof Shape.MapOf m) {
            return element(m.value());
        }
        return java.util.Optional.empty();
    }

    private static void visit(Class<?> type, JsonNode node, Set<String> seen) {
        for (Field f : Section.of(type).keys()) {
            Shape shape = f.shape();
            if (shape instanceof Shape.Nested n && f.key().inline()) {
                visit(n.type(), node, seen);
            } else if (shape instanceof Shape.Variants v) {
                for (Class<?> c : v.variants()) {
                    String key = Section.variant(c).value();
                    if (Section.variant(c).opaque()) {
                        node.fieldNames().forEachRemaining(name -> {
                            if (name.matches(key.replace("*", "[a-z0-9_]+")) && !Section.of(type).names().contains(name)) {
                                seen.add(type.getSimpleName() + "." + key);
                            }
                        });
                    } else if (node.has(key)) {
                        seen.add(type.getSimpleName() + "." + key);
                        node.get(key).forEach(item -> visit(c, item, seen));
                    }
                }
            } else if (node.has(f.name()) || (!f.key().file().isEmpty() && node.has(f.key().file()))) {
                seen.add(type.getSimpleName() + "." + f.name());
                JsonNode value = node.has(f.name()) ? node.get(f.name()) : node.get(f.key().file());
                element(shape).ifPresent(t -> {
                    if (shape instanceof Shape.Nested) {
                        visit(t, value, seen);
                    } else if (shape instanceof Shape.ListOf) {
                        value.forEach(item -> visit(t, item, seen));
                    } else {
                        value.forEach(item -> visit(t, item, seen));
                    }
                });
            }
        }
    }
}
