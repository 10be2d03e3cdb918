package dev.spawn.monitoring.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a JSON tree as Grafana exports a dashboard: two-space indentation, {@code \n} line ends,
 * {@code "key": value}, {@code []} and {@code {}} for empty containers; the same characters as Jackson's
 * {@code DefaultPrettyPrinter} configured so (the tests hold the two to each other). Written by hand because an
 * {@code ObjectMapper} costs 0.2–0.4 s to build in a cold JVM (the Maven goals run in one), more than writing every
 * dashboard.
 */
final class PrettyJson {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PrettyJson() {
    }

    /**
     * The JSON text of a tree of objects, arrays, strings, numbers, booleans and nulls.
     *
     * @throws IllegalArgumentException for a node that is none of these (binary, POJO, missing): a dashboard holds none
     */
    static String write(JsonNode tree) {
        StringBuilder out = new StringBuilder(8192);
        value(tree, 0, out);
        return out.toString();
    }

    private static void value(JsonNode node, int depth, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                out.append('{');
                Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    string(field.getKey(), newline(out, depth + 1)).append(": ");
                    value(field.getValue(), depth + 1, out);
                    if (fields.hasNext()) {
                        out.append(',');
                    }
                }
                if (!node.isEmpty()) {
                    newline(out, depth);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    value(node.get(i), depth + 1, newline(out, depth + 1));
                    if (i + 1 < node.size()) {
                        out.append(',');
                    }
                }
                if (!node.isEmpty()) {
                    newline(out, depth);
                }
                out.append(']');
            }
            case STRING -> string(node.textValue(), out);
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            case NUMBER -> number(node, out);
            default -> throw new IllegalArgumentException("no JSON text for a " + node.getNodeType() + " node");
        }
    }

    /** As Jackson writes each kind of number: {@code Double.toString} and the like, non-finite values as strings. */
    private static void number(JsonNode node, StringBuilder out) {
        switch (node.numberType()) {
            case INT -> out.append(node.intValue());
            case LONG -> out.append(node.longValue());
            case BIG_INTEGER -> out.append(node.bigIntegerValue());
            case BIG_DECIMAL -> out.append(node.decimalValue());
            case FLOAT -> finite(Float.toString(node.floatValue()), Float.isFinite(node.floatValue()), out);
            case DOUBLE -> finite(Double.toString(node.doubleValue()), Double.isFinite(node.doubleValue()), out);
        }
    }

    private static void finite(String number, boolean finite, StringBuilder out) {
        if (finite) {
            out.append(number);
        } else {
            string(number, out);
        }
    }

    private static StringBuilder newline(StringBuilder out, int depth) {
        out.append('\n');
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
        return out;
    }

    /** A JSON string: quote, backslash and C0 controls escaped ({@code \\n}-style where JSON has one, else {@code \\u00XX}), the rest as it is. */
    private static StringBuilder string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
