package dev.spawn.monitoring.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;

/**
 * Random JSON trees for writers held to Jackson's: nested objects and arrays (empty ones too), strings from a given
 * pool, booleans, nulls and every kind of number node, with values near the edges of their formats.
 */
public final class RandomTrees {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RandomTrees() {
    }

    /** An object (one time in ten an array) of up to four levels. */
    public static JsonNode tree(List<String> strings, Random random) {
        return fill(random.nextInt(10) == 0 ? NODES.arrayNode() : NODES.objectNode(), strings, random, 0);
    }

    private static JsonNode fill(JsonNode container, List<String> strings, Random random, int depth) {
        int size = random.nextInt(5);
        for (int i = 0; i < size; i++) {
            JsonNode value = switch (random.nextInt(depth >= 4 ? 6 : 8)) {
                case 0, 1 -> NODES.textNode(strings.get(random.nextInt(strings.size())));
                case 2 -> number(random);
                case 3 -> NODES.booleanNode(random.nextBoolean());
                case 4 -> NODES.nullNode();
                case 5 -> random.nextBoolean() ? NODES.objectNode() : NODES.arrayNode();
                case 6 -> fill(NODES.objectNode(), strings, random, depth + 1);
                default -> fill(NODES.arrayNode(), strings, random, depth + 1);
            };
            if (container instanceof ObjectNode object) {
                object.set(strings.get(random.nextInt(strings.size())), value);
            } else {
                ((ArrayNode) container).add(value);
            }
        }
        return container;
    }

    /** Any kind of number node: int, long, short, big integer, decimal, float, double (NaN and infinities too). */
    public static JsonNode number(Random random) {
        double d = switch (random.nextInt(6)) {
            case 0 -> random.nextGaussian();
            case 1 -> Math.scalb(random.nextDouble(), random.nextInt(2000) - 1000);
            case 2 -> Math.rint(random.nextGaussian() * 1e6);
            case 3 -> List.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, 0.001, 1e7, 1e-3).get(random.nextInt(6));
            default -> Double.longBitsToDouble(random.nextLong());
        };
        return switch (random.nextInt(7)) {
            case 0 -> NODES.numberNode(random.nextInt());
            case 1 -> NODES.numberNode(random.nextLong());
            case 2 -> NODES.numberNode((short) random.nextInt());
            case 3 -> NODES.numberNode(new BigInteger(100, random).negate());
            case 4 -> NODES.numberNode(Double.isFinite(d) ? new BigDecimal(d) : BigDecimal.valueOf(random.nextLong(), random.nextInt(40) - 20));
            case 5 -> NODES.numberNode((float) d);
            default -> NODES.numberNode(d);
        };
    }
}
