package dev.spawn.monitoring.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.decl.Internal;
import dev.spawn.monitoring.model.decl.Key;
import dev.spawn.monitoring.model.decl.Section;
import dev.spawn.monitoring.model.decl.Section.Field;
import dev.spawn.monitoring.model.decl.Section.Shape;
import dev.spawn.monitoring.model.decl.Variant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generates {@code schemas/spawn-monitoring.schema.json} (JSON Schema draft-07) from the declarations
 * the reader uses, descriptions included so editors show them. One definition per section type,
 * closed ({@code additionalProperties: false}) as the reader is; output is byte-identical everywhere.
 */
@Internal
public final class SchemaGenerator {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String DURATION_PATTERN =
            "^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$";

    private final Map<String, ObjectNode> definitions = new TreeMap<>();

    private SchemaGenerator() {
    }

    /** The schema of the spec file, as the committed text. */
    public static String specSchema() {
        SchemaGenerator g = new SchemaGenerator();
        ObjectNode root = JSON.objectNode();
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.put("$id", "https://spawn.dev/schemas/spawn-monitoring.schema.json");
        root.put("title", "spawn-monitoring.yaml");
        root.put("description", "The monitoring of a spawn fleet: what differs from the spawn defaults. Read by"
                + " spawn-monitoring-maven-plugin (spawn:generate, spawn:check). Generated from the model's declarations.");
        ObjectNode body = g.object(SpecDocument.class);
        root.setAll(body);
        ObjectNode defs = root.putObject("definitions");
        ObjectNode duration = defs.putObject("duration");
        duration.put("type", "string");
        duration.put("pattern", DURATION_PATTERN);
        duration.put("description", "A Prometheus duration such as 30s, 5m or 1h30m");
        g.definitions.forEach(defs::set);
        try {
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            return new ObjectMapper().writer(printer).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode object(Class<?> type) {
        ObjectNode node = JSON.objectNode();
        node.put("type", "object");
        ObjectNode properties = JSON.objectNode();
        ArrayNode required = JSON.arrayNode();
        ObjectNode patterns = JSON.objectNode();
        ObjectNode[] rest = new ObjectNode[1];
        properties(type, properties, required, patterns, rest);
        node.set("properties", properties);
        if (!patterns.isEmpty()) {
            node.set("patternProperties", patterns);
        }
        if (rest[0] != null) {
            node.set("additionalProperties", rest[0]);
        } else {
            node.put("additionalProperties", false);
        }
        ArrayNode either = JSON.arrayNode();
        suppliers(type).forEach((supplied, supplier) -> {
            for (int i = 0; i < required.size(); i++) {
                if (required.get(i).asText().equals(supplied)) {
                    required.remove(i);
                    ArrayNode anyOf = either.addObject().putArray("anyOf");
                    anyOf.addObject().putArray("required").add(supplied);
                    anyOf.addObject().putArray("required").add(supplier);
                    break;
                }
            }
        });
        if (!required.isEmpty()) {
            node.set("required", required);
        }
        if (!either.isEmpty()) {
            node.set("allOf", either);
        }
        return node;
    }

    /** The keys another key of the mapping can stand for ({@link Key#supplies()}), each with that key. */
    private static Map<String, String> suppliers(Class<?> type) {
        Map<String, String> out = new TreeMap<>();
        for (Field f : Section.of(type).keys()) {
            if (f.shape() instanceof Shape.Nested n && f.key().inline()) {
                out.putAll(suppliers(n.type()));
            } else {
                Arrays.stream(f.key().supplies()).forEach(s -> out.put(s, f.name()));
            }
        }
        return out;
    }

    private void properties(Class<?> type, ObjectNode properties, ArrayNode required, ObjectNode patterns, ObjectNode[] rest) {
        for (Field f : Section.of(type).keys()) {
            Key key = f.key();
            Shape shape = f.shape();
            if (shape instanceof Shape.Nested n && key.inline()) {
                properties(n.type(), properties, required, patterns, rest);
            } else if (shape instanceof Shape.Variants v) {
                for (Class<?> c : v.variants()) {
                    Variant variant = Section.variant(c);
                    ObjectNode array = JSON.objectNode();
                    array.put("type", "array");
                    array.put("description", variant.doc());
                    if (variant.opaque()) {
                        array.putObject("items").put("type", "object");
                        patterns.set("^" + variant.value().replace("*", "[a-z0-9_]+") + "$", array);
                    } else {
                        array.set("items", ref(c));
                        properties.set(variant.value(), array);
                    }
                }
            } else if (shape instanceof Shape.Secret) {
                ObjectNode inline = JSON.objectNode();
                inline.put("type", "string");
                inline.put("description", key.doc() + (key.file().isEmpty() ? " Written into the generated file as given."
                        : " Inline: lands in the generated file; prefer " + key.file() + "."));
                properties.set(key.value(), inline);
                if (!key.file().isEmpty()) {
                    ObjectNode file = JSON.objectNode();
                    file.put("type", "string");
                    file.put("description", "Path of a file the server reads " + key.value() + " from at run time.");
                    properties.set(key.file(), file);
                }
                if (key.required()) {
                    required.add(key.file().isEmpty() ? key.value() : key.file());
                }
            } else if (key.rest()) {
                rest[0] = value(((Shape.MapOf) shape).value(), key);
                rest[0].put("description", key.value() + ": " + key.doc());
            } else {
                ObjectNode value = value(shape, key);
                value.put("description", key.doc() + (key.byDefault().isEmpty() ? "" : " Default: " + key.byDefault() + "."));
                properties.set(key.value(), value);
                if (key.required()) {
                    required.add(key.value());
                }
            }
        }
    }

    private ObjectNode value(Shape shape, Key key) {
        ObjectNode node = JSON.objectNode();
        if (shape instanceof Shape.Scalar s) {
            Class<?> t = s.type();
            if (t == String.class) {
                node.put("type", "string");
                if (key.oneOf().length > 0) {
                    ArrayNode values = node.putArray("enum");
                    Arrays.stream(key.oneOf()).forEach(values::add);
                }
                if (!key.pattern().isEmpty()) {
                    node.put("pattern", "^(" + key.pattern() + ")$");
                }
            } else if (t == Boolean.class || t == boolean.class) {
                node.put("type", "boolean");
            } else if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
                node.put("type", "integer");
                bounds(node, key);
            } else if (t == Double.class || t == double.class) {
                node.put("type", "number");
                bounds(node, key);
            } else if (t.isEnum()) {
                node.put("type", "string");
                ArrayNode values = node.putArray("enum");
                Arrays.stream(t.getEnumConstants()).forEach(c -> values.add(Section.enumId((Enum<?>) c)));
            } else if (t == Duration.class) {
                return allOf("#/definitions/duration");
            } else {
                node.put("type", "string");
            }
            return node;
        }
        if (shape instanceof Shape.ListOf l) {
            node.put("type", "array");
            node.set("items", value(l.element(), key));
            return node;
        }
        if (shape instanceof Shape.MapOf m) {
            node.put("type", "object");
            if (key.labelNames()) {
                node.putObject("propertyNames").put("pattern", "^[a-zA-Z_][a-zA-Z0-9_]*$");
            }
            node.set("additionalProperties", value(m.value(), key));
            return node;
        }
        if (shape instanceof Shape.Nested n) {
            return ref(n.type());
        }
        if (shape instanceof Shape.Raw) {
            return node;
        }
        throw new IllegalStateException("no schema for " + shape);
    }

    private static void bounds(ObjectNode node, Key key) {
        if (!Double.isInfinite(key.min())) {
            put(node, "minimum", key.min());
        }
        if (!Double.isInfinite(key.max())) {
            put(node, "maximum", key.max());
        }
    }

    private static void put(ObjectNode node, String name, double value) {
        if (value == Math.rint(value)) {
            node.put(name, (long) value);
        } else {
            node.put(name, value);
        }
    }

    /** A reference to the definition of a section type, written the first time it is met. */
    private ObjectNode ref(Class<?> type) {
        String name = definitionName(type);
        if (!definitions.containsKey(name)) {
            definitions.put(name, JSON.objectNode()); // placeholder: recursive types
            definitions.put(name, object(type));
        }
        return allOf("#/definitions/" + name);
    }

    /** {@code allOf} so a description beside the reference is not ignored (draft-07 ignores siblings of $ref). */
    private static ObjectNode allOf(String pointer) {
        ObjectNode node = JSON.objectNode();
        node.putArray("allOf").addObject().put("$ref", pointer);
        return node;
    }

    private static String definitionName(Class<?> type) {
        String name = type.getSimpleName();
        for (Class<?> outer = type.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
            name = outer.getSimpleName().equals("SpecDocument") ? name : outer.getSimpleName() + "." + name;
        }
        return name;
    }
}
