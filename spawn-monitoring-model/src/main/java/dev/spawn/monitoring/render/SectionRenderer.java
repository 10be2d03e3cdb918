package dev.spawn.monitoring.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spawn.monitoring.model.Secret;
import dev.spawn.monitoring.model.decl.Opaque;
import dev.spawn.monitoring.model.decl.Section;
import dev.spawn.monitoring.model.decl.Section.Field;
import dev.spawn.monitoring.model.decl.Section.Shape;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders any declared section ({@link Section}) to a tree: keys in declaration order (the upstream
 * docs' order), absent and empty values left out, secrets under their file twin when they come from
 * a file, variant lists grouped by kind in the order the sealed interface permits them.
 */
public final class SectionRenderer {

    private SectionRenderer() {
    }

    /** The tree of one section; empty when nothing in it is set. */
    public static ObjectNode render(Object section) {
        ObjectNode node = YamlOutput.object();
        into(node, section);
        return node;
    }

    private static void into(ObjectNode node, Object section) {
        for (Field f : Section.of(section.getClass()).keys()) {
            Object value = f.get(section);
            if (value == null) {
                continue;
            }
            Shape shape = f.shape();
            if (shape instanceof Shape.Nested && f.key().inline()) {
                into(node, value);
            } else if (shape instanceof Shape.Variants v) {
                variants(node, v, (List<?>) value);
            } else if (f.key().rest()) {
                // the section's own undeclared keys (rule names under rules:) sit beside its declared ones
                ((Map<?, ?>) value).forEach((k, v) -> node.set(k.toString(), value(((Shape.MapOf) shape).value(), v)));
            } else if (shape instanceof Shape.Secret) {
                if (value instanceof Secret.FromFile file && !f.key().file().isEmpty()) {
                    node.put(f.key().file(), file.path());
                } else if (value instanceof Secret.FromFile file) {
                    throw new IllegalStateException(f.name() + " has no file form; " + file + " cannot be written");
                } else if (value instanceof Secret.Inline inline) {
                    node.put(f.name(), inline.value());
                }
            } else {
                JsonNode rendered = value(shape, value);
                if (rendered != null && !(rendered.isContainerNode() && rendered.isEmpty())) {
                    node.set(f.name(), rendered);
                }
            }
        }
    }

    private static void variants(ObjectNode node, Shape.Variants v, List<?> items) {
        for (Class<?> kind : v.variants()) {
            if (Section.variant(kind).opaque()) {
                Map<String, ArrayNode> byKey = new TreeMap<>();
                items.stream().filter(kind::isInstance).map(Opaque.class::cast).forEach(o ->
                        byKey.computeIfAbsent(o.key(), k -> YamlOutput.array()).add(raw(o.body())));
                byKey.forEach(node::set);
                continue;
            }
            ArrayNode array = YamlOutput.array();
            items.stream().filter(kind::isInstance).forEach(item -> array.add(render(item)));
            if (!array.isEmpty()) {
                node.set(Section.variant(kind).value(), array);
            }
        }
    }

    static JsonNode value(Shape shape, Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (shape instanceof Shape.Scalar) {
            if (value instanceof Enum<?> e) {
                return f.textNode(Section.enumId(e));
            }
            boolean plain = value instanceof String || value instanceof Boolean || value instanceof Number;
            return plain ? raw(value) : f.textNode(value.toString());
        }
        if (shape instanceof Shape.ListOf l) {
            ArrayNode array = f.arrayNode();
            ((Collection<?>) value).forEach(item -> array.add(value(l.element(), item)));
            return array;
        }
        if (shape instanceof Shape.MapOf m) {
            ObjectNode object = f.objectNode();
            ((Map<?, ?>) value).forEach((k, v) -> object.set(k.toString(), value(m.value(), v)));
            return object;
        }
        if (shape instanceof Shape.Nested) {
            return render(value);
        }
        if (shape instanceof Shape.Raw) {
            return raw(value);
        }
        throw new IllegalStateException("cannot render " + shape + " here");
    }

    /** The smallest node that holds the number, as a YAML reader gives it back (so trees compare equal). */
    private static JsonNode number(long l) {
        return l == (int) l ? JsonNodeFactory.instance.numberNode((int) l) : JsonNodeFactory.instance.numberNode(l);
    }

    /** Plain maps, lists and scalars as a tree (maps keep their order). */
    static JsonNode raw(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = f.objectNode();
            map.forEach((k, v) -> object.set(k.toString(), raw(v)));
            return object;
        }
        if (value instanceof Collection<?> list) {
            ArrayNode array = f.arrayNode();
            list.forEach(v -> array.add(raw(v)));
            return array;
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof Long l) {
            return number(l);
        }
        if (value instanceof Integer i) {
            return f.numberNode(i);
        }
        if (value instanceof BigInteger b) {
            return f.numberNode(b);
        }
        if (value instanceof Double d) {
            return f.numberNode(d);
        }
        return f.textNode(value.toString());
    }
}
