package dev.spawn.monitoring.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.Map;

/**
 * Writes the usual shape of a rendered tree straight to text: block mappings and sequences of mappings and
 * scalars (strings, ints, longs and booleans); the text that Jackson's YAML generator and SnakeYAML's emitter give
 * it with {@link YamlOutput}'s settings (two-space indentation, sequence items indented under their key, strings
 * plain or, when {@link YamlOutput#QUOTING} or Jackson's number check asks for quotes, double-quoted; multi-line
 * ones as literal blocks when {@link YamlOutput#blockSafe}; those that need escapes {@link YamlOutput#doubleQuoted}).
 * A generated bundle of ten thousand rules is some twenty thousand small files, and the generic path spends most of
 * its time creating generators and analysing scalars for styles these strings never need; in a cold JVM its first
 * file costs some 50 ms more.
 *
 * <p>Anything else (a key that is not printable ASCII, a string with U+00A0 or a character outside the Basic
 * Multilingual Plane, a string SnakeYAML would write single-quoted, a key long enough to be written as a complex
 * key, a sequence in a sequence, an empty mapping or sequence in a sequence, other scalar types) makes
 * {@link #write} return null, and {@link YamlOutput} takes the generic path for the whole tree.
 * {@code BlockYamlTest} holds both paths to the same bytes.
 */
final class BlockYaml {

    /** Well below SnakeYAML's 128 characters, from which a key is written as a complex key ({@code ? key}). */
    private static final int LONGEST_KEY = 100;

    private final StringQuotingChecker quoting;
    private final StringBuilder out = new StringBuilder(512);

    private BlockYaml(StringQuotingChecker quoting) {
        this.quoting = quoting;
    }

    /** The YAML text of {@code root} (without header), or null when it holds something this writer leaves to SnakeYAML. */
    static String write(JsonNode root, StringQuotingChecker quoting) {
        if (!(root instanceof ObjectNode object) || object.isEmpty()) {
            return null;
        }
        BlockYaml yaml = new BlockYaml(quoting);
        return yaml.mapping(object, 0, false) ? yaml.out.toString() : null;
    }

    /**
     * Writes the entries at {@code indent}; with {@code inline} the first one continues the line of a sequence
     * item's {@code - }.
     */
    private boolean mapping(ObjectNode node, int indent, boolean inline) {
        boolean first = true;
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!(first && inline)) {
                indent(indent);
            }
            first = false;
            if (!key(entry.getKey())) {
                return false;
            }
            out.append(':');
            JsonNode value = entry.getValue();
            if (value instanceof ObjectNode child) {
                if (child.isEmpty()) {
                    out.append(" {}\n");
                } else {
                    out.append('\n');
                    if (!mapping(child, indent + 2, false)) {
                        return false;
                    }
                }
            } else if (value instanceof ArrayNode array) {
                if (array.isEmpty()) {
                    out.append(" []\n");
                } else {
                    out.append('\n');
                    if (!sequence(array, indent + 2)) {
                        return false;
                    }
                }
            } else {
                out.append(' ');
                if (!scalar(value, indent + 2)) {
                    return false;
                }
                out.append('\n');
            }
        }
        return true;
    }

    /** Writes the items with their {@code - } at {@code indent}, their content two columns further. */
    private boolean sequence(ArrayNode node, int indent) {
        for (JsonNode item : node) {
            indent(indent);
            out.append("- ");
            if (item instanceof ObjectNode child) {
                if (child.isEmpty() || !mapping(child, indent + 2, true)) {
                    return false;
                }
            } else if (item instanceof ArrayNode || !scalar(item, indent + 2)) {
                return false;
            } else {
                out.append('\n');
            }
        }
        return true;
    }

    private void indent(int columns) {
        for (int i = 0; i < columns; i++) {
            out.append(' ');
        }
    }

    private boolean key(String key) {
        if (key.isEmpty() || key.length() > LONGEST_KEY || !printableAscii(key)) {
            return false;
        }
        if (quoting.needToQuoteName(key)) {
            doubleQuoted(key);
            return true;
        }
        return plain(key);
    }

    /** Writes a scalar; the lines of a literal block at {@code indent}. */
    private boolean scalar(JsonNode node, int indent) {
        if (node.isTextual()) {
            String text = node.textValue();
            if (text.isEmpty()) {
                out.append("\"\"");
                return true;
            }
            boolean multiLine = text.indexOf('\n') >= 0;
            if (YamlOutput.needsEscapes(text) || (multiLine && !YamlOutput.blockSafe(text))) {
                // what the generator's marked strings become
                out.append(YamlOutput.doubleQuoted(text));
                return true;
            }
            if (multiLine) {
                return literal(text, indent);
            }
            if (!printable(text)) {
                return false;
            }
            if (quoting.needToQuoteValue(text) || plainNumber(text)) {
                doubleQuoted(text);
                return true;
            }
            return plain(text);
        }
        if (node.isInt() || node.isLong()) {
            out.append(node.longValue());
            return true;
        }
        if (node.isBoolean()) {
            out.append(node.booleanValue());
            return true;
        }
        return false;
    }

    /**
     * A {@link YamlOutput#blockSafe} multi-line string as a literal block, {@code |} when it ends with a line break,
     * {@code |-} when not; empty lines are left without indentation, as the emitter leaves them.
     */
    private boolean literal(String text, int indent) {
        boolean broken = text.endsWith("\n");
        out.append(broken ? "|" : "|-");
        for (String line : (broken ? text.substring(0, text.length() - 1) : text).split("\n", -1)) {
            out.append('\n');
            if (!line.isEmpty()) {
                if (!printable(line)) {
                    return false;
                }
                indent(indent);
                out.append(line);
            }
        }
        return true;
    }

    /**
     * Writes {@code text} plain when SnakeYAML's emitter would (no indicator first, no {@code ": "} or
     * {@code " #"}, no {@code :} last, no space at either end, no document marker); false otherwise, where it
     * would choose single quotes.
     */
    private boolean plain(String text) {
        if ("-?:,[]{}#&*!|>'\"%@` ".indexOf(text.charAt(0)) >= 0 || text.charAt(text.length() - 1) == ' '
                || text.charAt(text.length() - 1) == ':' || text.contains(": ") || text.contains(" #")
                || text.startsWith("...")) {
            return false;
        }
        out.append(text);
        return true;
    }

    /** SnakeYAML's double-quoted form of a {@link #printable} string: only {@code "} and {@code \} are escaped. */
    private void doubleQuoted(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    /**
     * Whether Jackson's {@code YAMLGenerator.PLAIN_NUMBER_P}, {@code [+-]?[0-9]*(\\.[0-9]*)?}, matches {@code text}: the
     * strings it quotes with {@code ALWAYS_QUOTE_NUMBERS_AS_STRINGS}. Written out, since every plain string asks.
     */
    static boolean plainNumber(String text) {
        int i = 0;
        int end = text.length();
        if (i < end && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        while (i < end && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        if (i < end && text.charAt(i) == '.') {
            i++;
            while (i < end && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
        }
        return i == end;
    }

    /**
     * Whether every character is printable ASCII or one that SnakeYAML's emitter, allowing Unicode, writes as it is
     * in a plain and a double-quoted scalar (a unit such as °C, a name): the printable ones of the Basic Multilingual
     * Plane above U+00A0 (which it would escape as {@code \_}), except the line and paragraph separators and the byte
     * order mark ({@link YamlOutput#needsEscapes} sends those to the escapes).
     */
    private static boolean printable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean printable = (c >= 0x20 && c <= 0x7E) || (c > 0xA0 && c <= 0xD7FF && c != 0x2028 && c != 0x2029)
                    || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);
            if (!printable) {
                return false;
            }
        }
        return true;
    }

    private static boolean printableAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
