package dev.spawn.monitoring.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.Secret;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Serializes rendered trees to YAML bytes, once, with fixed settings: insertion-ordered keys (the
 * renderers insert them in the order of the upstream documentation), two-space indentation,
 * {@code \n} line ends, UTF-8, no document marker and one header comment line naming the generator.
 * Nothing here depends on the default locale or line separator.
 */
public final class YamlOutput {

    public static final String GENERATOR = "spawn-monitoring";

    /** Decides which strings are quoted, for the Jackson generator and {@link BlockYaml} alike. */
    static final StringQuotingChecker QUOTING = new AnyReaderQuotingChecker();

    /** Jackson's generators and parsers with the settings above; cheap to build, unlike a mapper. */
    private static final YAMLFactory FACTORY = new ExactYamlFactory(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .stringQuotingChecker(QUOTING));

    /**
     * The mapper, built when first used: only a tree with a node that {@link #emitted} leaves to databind needs it.
     * Building one costs 0.2–0.4 s in a cold JVM (databind's serializers and deserializers), as much as generating a
     * bundle there.
     */
    static final class Jackson {
        static final YAMLMapper MAPPER = new YAMLMapper(FACTORY);

        private Jackson() {
        }
    }

    /**
     * Quotes every string that some YAML reader of the generated files would resolve to something
     * other than the same string, although Jackson's default check writes it plain: SnakeYAML's and
     * PyYAML's YAML 1.1 types (its own resolver decides: booleans {@code yes}/{@code off}, hex, octal,
     * binary and sexagesimal numbers such as {@code 17:00}, {@code 1_000}, {@code .inf}, dates and
     * timestamps, {@code <<}), Go's yaml.v2 (Prometheus 2.42 and Alertmanager 0.25: {@code y}/{@code n},
     * {@code 0o17}, underscores anywhere in a number, {@code 2024-1-2} dates), the YAML 1.2 core schema,
     * and the 1.1 value key {@code =}. Booleans and nulls are quoted in any letter case.
     */
    private static final class AnyReaderQuotingChecker extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;
        private static final Yaml11Types YAML11 = new Yaml11Types();
        private static final Pattern KEYWORD = Pattern.compile(
                "(?i)y|n|yes|no|on|off|true|false|null|~|=|<<|[-+]?\\.?(inf|infinity|nan)");
        /** yaml.v2 drops every {@code _} first, then tries Go's integer (base prefixes in any case) and YAML's float syntax. */
        private static final Pattern GO_NUMBER = Pattern.compile(
                "[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[0-9]+|(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
        /** Hex, octal, binary and sexagesimal forms, also where a reader with a looser pattern than SnakeYAML's would take them ({@code 09:00}). */
        private static final Pattern YAML11_NUMBER = Pattern.compile(
                "[-+]?(0x[0-9a-fA-F_]+|0b[01_]+|0o?[0-7_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?)");
        private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt \\t].*)?", Pattern.DOTALL);

        /** The longest {@link #KEYWORD}: {@code +.infinity}. */
        private static final int LONGEST_KEYWORD = 10;

        /** Strings up to this long are decided once per thread: durations, label values and names repeat in every file. */
        private static final int REMEMBERED_LENGTH = 32;
        private static final int REMEMBERED_COUNT = 8192;
        private static final ThreadLocal<Map<String, Boolean>> DECIDED = ThreadLocal.withInitial(java.util.HashMap::new);

        @Override
        public boolean needToQuoteValue(String value) {
            if (value.length() > REMEMBERED_LENGTH) {
                return decide(value);
            }
            Map<String, Boolean> decided = DECIDED.get();
            Boolean quote = decided.get(value);
            if (quote == null) {
                if (decided.size() >= REMEMBERED_COUNT) {
                    decided.clear(); // bounded: unique strings (values of test series, alert names) come and go
                }
                quote = decide(value);
                decided.put(value, quote);
            }
            return quote;
        }

        private boolean decide(String value) {
            // the patterns only match short values or values that start with a sign, dot or digit: most strings
            // (names, expressions, descriptions) are told apart by their length and first character
            boolean numeric = !value.isEmpty() && "+-.0123456789".indexOf(value.charAt(0)) >= 0;
            return super.needToQuoteValue(value)
                    || (value.length() <= LONGEST_KEYWORD && matches(KEYWORD, value))
                    || (numeric && matches(YAML11_NUMBER, value))
                    // SnakeYAML's resolvers of values that start with a letter (booleans, nulls) match 10 characters at most
                    || ((value.length() <= 10 || !Character.isLetter(value.charAt(0))) && !YAML11.isString(value))
                    || (numeric && matches(GO_NUMBER, value.indexOf('_') < 0 ? value : value.replace("_", "")))
                    || (numeric && matches(DATE, value));
        }
    }

    /**
     * One matcher per pattern and thread, reset for each string: a generated bundle of ten thousand rules checks
     * some hundred thousand strings, and a fresh {@link java.util.regex.Matcher} for each (its group and loop
     * arrays) cost more than the matching.
     */
    private static final ThreadLocal<Map<Pattern, java.util.regex.Matcher>> MATCHERS =
            ThreadLocal.withInitial(java.util.IdentityHashMap::new);

    static boolean matches(Pattern pattern, CharSequence text) {
        return MATCHERS.get().computeIfAbsent(pattern, p -> p.matcher("")).reset(text).matches();
    }

    /**
     * SnakeYAML's YAML 1.1 resolver as {@link Resolver#resolve} applies it to a plain scalar (the same patterns,
     * first characters and length limits, taken as the resolver registers them), with {@link #matches} instead of
     * a new matcher per pattern and string.
     */
    static final class Yaml11Types extends Resolver {
        private record Type(Tag tag, Pattern pattern, int limit) {
        }

        /** By first character, null for any; filled from the super constructor, so without an initializer here. */
        private Map<Character, List<Type>> types;

        @Override
        public void addImplicitResolver(Tag tag, Pattern regexp, String first, int limit) {
            super.addImplicitResolver(tag, regexp, first, limit);
            if (types == null) {
                types = new java.util.HashMap<>();
            }
            // as Resolver does: no first characters, or the character 0, files the pattern under null (any)
            if (first == null) {
                types.computeIfAbsent(null, c -> new ArrayList<>()).add(new Type(tag, regexp, limit));
            } else {
                for (char c : first.toCharArray()) {
                    types.computeIfAbsent(c == 0 ? null : c, k -> new ArrayList<>()).add(new Type(tag, regexp, limit));
                }
            }
        }

        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            if (kind != NodeId.scalar || !implicit) {
                return super.resolve(kind, value, implicit);
            }
            Tag tag = first(types.get(value.isEmpty() ? '\0' : value.charAt(0)), value);
            if (tag == null && types.containsKey(null)) {
                tag = first(types.get(null), value);
            }
            return tag == null ? Tag.STR : tag;
        }

        /** Whether SnakeYAML reads {@code value}, written plain, as a string ({@code resolve(scalar, value, true)} is {@code str}). */
        boolean isString(String value) {
            return Tag.STR.equals(resolve(NodeId.scalar, value, true));
        }

        private static Tag first(List<Type> candidates, String value) {
            if (candidates != null) {
                for (Type t : candidates) {
                    if (value.length() <= t.limit() && matches(t.pattern(), value)) {
                        return t.tag();
                    }
                }
            }
            return null;
        }
    }

    /**
     * Whether a string holds a character that a reader would not take back verbatim from a plain,
     * single-quoted or block scalar: C0 and C1 controls (except the line feed), DEL, NEL, the line and
     * paragraph separators (line breaks in YAML 1.1), the byte order mark, unpaired surrogates and the
     * non-characters U+FFFE/U+FFFF. Such a string is written {@link #doubleQuoted}.
     */
    static boolean needsEscapes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\n') || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 || c == 0xFEFF
                    || c == 0xFFFE || c == 0xFFFF) {
                return true;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a multi-line string reads back the same from a literal block ({@code |}, {@code |-}) without an
     * indentation indicator: its first line starts with no space, no line starts with a tab or ends with a space
     * or tab, it starts with no line break and ends with at most one. Later lines may be indented further (a
     * multi-line PromQL expression keeps its layout). Other multi-line strings are written {@link #doubleQuoted}.
     */
    static boolean blockSafe(String value) {
        if (value.startsWith("\n") || value.endsWith("\n\n") || value.startsWith(" ")) {
            return false;
        }
        for (String line : value.split("\n", -1)) {
            if (!line.isEmpty() && (line.charAt(0) == '\t' || " \t".indexOf(line.charAt(line.length() - 1)) >= 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Marks where a string that {@link #needsEscapes} goes: SnakeYAML's emitter would write it with
     * escapes not every reader knows ({@code \\L}, {@code \\P}, {@code \\_}: snakeyaml-engine rejects them)
     * and a byte order mark raw, so the generator writes the string's UTF-16 units in hex between two
     * U+FEFF (which no other scalar holds raw: every string with one needs escapes) and {@link #toBytes}
     * replaces that with {@link #doubleQuoted}.
     */
    private static final char MARK = '\uFEFF';
    private static final Pattern MARKED = Pattern.compile(MARK + "([0-9a-f]*)" + MARK);

    /** A factory whose generators write {@link #needsEscapes} strings and multi-line ones not {@link #blockSafe} as {@link #MARK}ed hex. */
    private static final class ExactYamlFactory extends YAMLFactory {
        private static final long serialVersionUID = 1L;

        ExactYamlFactory(YAMLFactoryBuilder builder) {
            super(builder);
        }

        @Override
        protected YAMLGenerator _createGenerator(Writer out, IOContext context) throws IOException {
            return new YAMLGenerator(context, _generatorFeatures, _yamlGeneratorFeatures, _quotingChecker, _objectCodec, out, _version) {
                @Override
                public void writeString(String text) throws IOException {
                    if (text != null && (needsEscapes(text) || (text.indexOf('\n') >= 0 && !blockSafe(text)))) {
                        StringBuilder marked = new StringBuilder().append(MARK);
                        text.chars().forEach(c -> marked.append(String.format(java.util.Locale.ROOT, "%04x", c)));
                        _verifyValueWrite("write String value");
                        _writeScalar(marked.append(MARK).toString(), "string", DumperOptions.ScalarStyle.PLAIN);
                    } else {
                        super.writeString(text);
                    }
                }
            };
        }
    }

    /**
     * A double-quoted scalar every YAML 1.1 and 1.2 reader reads as {@code value}: printable characters
     * as they are, {@code \\"}, {@code \\\\}, {@code \\n}, {@code \\t}, and every other character that
     * {@link #needsEscapes} names as {@code \\uXXXX}.
     */
    static String doubleQuoted(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c == '\n') {
                quoted.append("\\n");
            } else if (c == '\t') {
                quoted.append("\\t");
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                quoted.append(c).append(value.charAt(++i));
            } else if (needsEscapes(String.valueOf(c))) {
                quoted.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private YamlOutput() {
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** The YAML text of a tree, preceded by {@code # Generated by spawn-monitoring ...}. */
    public static byte[] toBytes(JsonNode tree, String source) {
        String direct = BlockYaml.write(tree, QUOTING);
        if (direct != null) {
            return (header(source) + direct).getBytes(StandardCharsets.UTF_8);
        }
        return generic(tree, source);
    }

    /** {@link #toBytes} through Jackson's generator and SnakeYAML's emitter, for any tree. */
    static byte[] generic(JsonNode tree, String source) {
        try {
            String body = emitted(tree);
            if (body == null) {
                body = Jackson.MAPPER.writeValueAsString(tree);
            }
            body = MARKED.matcher(body).replaceAll(marked -> {
                String hex = marked.group(1);
                StringBuilder value = new StringBuilder();
                for (int i = 0; i < hex.length(); i += 4) {
                    value.append((char) Integer.parseInt(hex, i, i + 4, 16));
                }
                return java.util.regex.Matcher.quoteReplacement(doubleQuoted(value.toString()));
            });
            // SnakeYAML writes the platform-independent "\n" already; normalise anyway so no setting can leak in
            body = body.replace("\r\n", "\n");
            return (header(source) + body).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a rendered tree", e);
        }
    }

    /**
     * What the mapper's {@code writeValueAsString} writes, through the same generator without the mapper; null for a
     * tree with a node only databind's serializers write (POJO, missing), which the renderers never build.
     */
    static String emitted(JsonNode tree) throws IOException {
        if (!onlyJsonValues(tree)) {
            return null;
        }
        java.io.StringWriter text = new java.io.StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            emit(tree, generator);
        }
        return text.toString();
    }

    private static boolean onlyJsonValues(JsonNode node) {
        if (node.isPojo() || node.isMissingNode()) {
            return false;
        }
        for (JsonNode child : node) {
            if (!onlyJsonValues(child)) {
                return false;
            }
        }
        return true;
    }

    /** Writes a node as databind's node serializers do: the same generator call for each node and number type. */
    private static void emit(JsonNode node, JsonGenerator generator) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                generator.writeStartObject(node);
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    generator.writeFieldName(field.getKey());
                    emit(field.getValue(), generator);
                }
                generator.writeEndObject();
            }
            case ARRAY -> {
                generator.writeStartArray(node, node.size());
                for (JsonNode item : node) {
                    emit(item, generator);
                }
                generator.writeEndArray();
            }
            case STRING -> generator.writeString(node.textValue());
            case BOOLEAN -> generator.writeBoolean(node.booleanValue());
            case NULL -> generator.writeNull();
            case BINARY -> generator.writeBinary(node.binaryValue());
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> generator.writeNumber(node.intValue());
                    case LONG -> generator.writeNumber(node.longValue());
                    case BIG_INTEGER -> generator.writeNumber(node.bigIntegerValue());
                    case FLOAT -> generator.writeNumber(node.floatValue());
                    case DOUBLE -> generator.writeNumber(node.doubleValue());
                    case BIG_DECIMAL -> generator.writeNumber(node.decimalValue());
                }
            }
            default -> throw new IllegalArgumentException("no generator call for a " + node.getNodeType() + " node");
        }
    }

    /** The first line of every generated file (YAML, systemd units): {@code # Generated by spawn-monitoring ...}. */
    public static String header(String source) {
        return "# Generated by " + GENERATOR + (source == null || source.isEmpty() ? "" : " from " + source)
                + ". Do not edit: change the spec and regenerate.\n";
    }

    /** SnakeYAML's YAML 1.1 resolver, the same types, for reading many scalars (the lint's rule files). */
    public static Resolver yaml11Resolver() {
        return new Yaml11Types();
    }

    /**
     * Parses YAML text back into a tree (round-trip tests, drift checks, the generated tests): the tree of the first
     * document that a mapper's {@code readTree} gives, {@link com.fasterxml.jackson.databind.node.MissingNode} for none,
     * read from the same parser's tokens without a mapper.
     */
    public static JsonNode parse(byte[] yaml) {
        try (JsonParser parser = FACTORY.createParser(yaml)) {
            return readTree(parser);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid YAML: " + e.getMessage(), e);
        }
    }

    /**
     * The value at the parser's next token, built as databind's {@code JsonNodeDeserializer} builds it: the same node
     * for each token and number type, a repeated key's value replacing the first one in its place. A loop, not
     * recursion, so that deep nesting cannot exhaust the stack.
     */
    private static JsonNode readTree(JsonParser parser) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        java.util.Deque<ContainerNode<?>> open = new java.util.ArrayDeque<>();
        String key = null;
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
            JsonNode value;
            switch (token) {
                case FIELD_NAME -> {
                    key = parser.currentName();
                    continue;
                }
                case END_OBJECT, END_ARRAY -> {
                    ContainerNode<?> closed = open.pop();
                    if (open.isEmpty()) {
                        return closed;
                    }
                    continue;
                }
                case START_OBJECT -> value = nodes.objectNode();
                case START_ARRAY -> value = nodes.arrayNode();
                case VALUE_STRING -> value = nodes.textNode(parser.getText());
                case VALUE_NUMBER_INT -> value = switch (parser.getNumberType()) {
                    case INT -> nodes.numberNode(parser.getIntValue());
                    case LONG -> nodes.numberNode(parser.getLongValue());
                    default -> nodes.numberNode(parser.getBigIntegerValue());
                };
                // the YAML parser names no decimal kind (UNKNOWN): a double, as databind makes of it
                case VALUE_NUMBER_FLOAT -> value = parser.getNumberTypeFP() == JsonParser.NumberTypeFP.FLOAT32
                        ? nodes.numberNode(parser.getFloatValue()) : nodes.numberNode(parser.getDoubleValue());
                case VALUE_TRUE, VALUE_FALSE -> value = nodes.booleanNode(token == JsonToken.VALUE_TRUE);
                case VALUE_NULL -> value = nodes.nullNode();
                case VALUE_EMBEDDED_OBJECT -> {
                    Object embedded = parser.getEmbeddedObject(); // !!binary
                    value = embedded == null ? nodes.nullNode()
                            : embedded instanceof byte[] bytes ? nodes.binaryNode(bytes) : nodes.pojoNode(embedded);
                }
                default -> throw new IllegalStateException("unexpected token " + token + " from the YAML parser");
            }
            ContainerNode<?> parent = open.peek();
            if (parent instanceof ObjectNode object) {
                object.replace(key, value);
            } else if (parent instanceof ArrayNode array) {
                array.add(value);
            } else if (!value.isContainerNode()) {
                return value;
            }
            if (value.isContainerNode()) {
                open.push((ContainerNode<?>) value);
            }
        }
        if (!open.isEmpty()) {
            throw new java.io.EOFException("the YAML text ends inside a mapping or sequence");
        }
        return nodes.missingNode();
    }

    // --- small helpers the renderers share; each skips absent values so optional keys are left out ---

    public static void put(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    public static void put(ObjectNode node, String key, Duration value) {
        if (value != null) {
            node.put(key, value.toString());
        }
    }

    public static void put(ObjectNode node, String key, Boolean value) {
        if (value != null) {
            node.put(key, value.booleanValue());
        }
    }

    public static void put(ObjectNode node, String key, Integer value) {
        if (value != null) {
            node.put(key, value.intValue());
        }
    }

    public static void put(ObjectNode node, String key, JsonNode value) {
        if (value != null && !(value.isContainerNode() && value.isEmpty())) {
            node.set(key, value);
        }
    }

    public static void putStrings(ObjectNode node, String key, Collection<String> values) {
        if (values != null && !values.isEmpty()) {
            ArrayNode array = node.putArray(key);
            values.forEach(array::add);
        }
    }

    /** Puts a map of strings in the iteration order of {@code values} (callers pass sorted maps). */
    public static void putMap(ObjectNode node, String key, Map<String, String> values) {
        if (values != null && !values.isEmpty()) {
            ObjectNode map = node.putObject(key);
            values.forEach(map::put);
        }
    }

    /** A secret as {@code <key>_file: path} (preferred) or {@code <key>: value} when the user typed it inline. */
    static void putSecret(ObjectNode node, String key, Secret secret) {
        if (secret == null) {
            return;
        }
        // Java 17 has no pattern switch; Secret is sealed to exactly these two
        if (secret instanceof Secret.FromFile f) {
            node.put(key + "_file", f.path());
        } else if (secret instanceof Secret.Inline i) {
            node.put(key, i.value());
        }
    }
}
