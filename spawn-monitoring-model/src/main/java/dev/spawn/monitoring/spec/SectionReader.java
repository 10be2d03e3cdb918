package dev.spawn.monitoring.spec;

import dev.spawn.monitoring.model.DidYouMean;
import dev.spawn.monitoring.model.LabelName;
import dev.spawn.monitoring.model.Secret;
import dev.spawn.monitoring.model.decl.Key;
import dev.spawn.monitoring.model.decl.Section;
import dev.spawn.monitoring.model.decl.Section.Field;
import dev.spawn.monitoring.model.decl.Section.Shape;
import dev.spawn.monitoring.model.decl.Variant;
import java.lang.reflect.InvocationTargetException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads any declared section ({@link Section}) from SnakeYAML nodes: unknown and duplicate keys with
 * a did-you-mean, merge keys ({@code <<: *base}), YAML 1.1 numbers ({@code 0x1F}, {@code 1_000},
 * {@code .inf}), bounds, secrets and their file twins, nested and inline sections and variant lists.
 * Every problem is reported at its node and reading goes on; a section with a problem inside is not
 * built, so one mistake gives one message.
 */
final class SectionReader {

    private final SpecProblems problems;
    private final Map<Object, Node> origins = new IdentityHashMap<>();

    SectionReader(SpecProblems problems) {
        this.problems = problems;
    }

    /** Reads {@code node} as a whole {@code type} section. */
    <T> Optional<T> read(Class<T> type, Node node, String where) {
        return readOnto(type, null, node, where);
    }

    /**
     * Reads {@code node} as changes to {@code base}: keys the node sets replace the base's values (maps
     * are merged key by key), the others keep them.
     */
    <T> Optional<T> readOnto(Class<T> type, T base, Node node, String where) {
        Object value = section(type, base, node, where);
        return Optional.ofNullable(type.cast(value));
    }

    /**
     * Reads a section whose record has no invariants of its own (a container of other sections) even when
     * some of its keys are wrong: those are reported and left null, the rest is read, so a mistake in one
     * part of the spec never hides the problems of another.
     */
    <T> Optional<T> readEach(Class<T> type, Node node, String where) {
        Map<String, NodeTuple> entries = entries(node, where);
        if (entries == null) {
            return Optional.empty();
        }
        Section section = Section.of(type);
        Set<String> consumed = new HashSet<>();
        Object[] values = fill(section, null, entries, consumed, node, where);
        unknownKeys(section, entries, consumed, where);
        return Optional.ofNullable(type.cast(build(section, values, node)));
    }

    /** Reports the keys nothing consumed; a {@code <secret>_file} the tool version does not have is said as such. */
    private void unknownKeys(Section section, Map<String, NodeTuple> entries, Set<String> consumed, String where) {
        Set<String> names = section.names();
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (consumed.contains(e.getKey())) {
                continue;
            }
            Optional<Field> fileless = secretsOf(section).stream()
                    .filter(f -> f.key().file().isEmpty() && e.getKey().equals(f.name() + "_file")).findFirst();
            problems.error(e.getValue().getKeyNode(), fileless.isPresent()
                    ? "'" + e.getKey() + "' in " + named(where) + ": " + fileless.get().name() + " has no file form in the"
                            + " Prometheus/Alertmanager version this bundle is for; expected " + fileless.get().name()
                            + " inline (it then lands in the generated file: keep that out of version control)"
                    : "unknown field '" + e.getKey() + "' in " + named(where) + DidYouMean.hint(e.getKey(), names));
        }
    }

    /** The secret keys of a section, its inline sections' included. */
    private static List<Field> secretsOf(Section section) {
        List<Field> out = new ArrayList<>();
        for (Field f : section.keys()) {
            if (f.shape() instanceof Shape.Secret) {
                out.add(f);
            } else if (f.shape() instanceof Shape.Nested n && f.key().inline()) {
                out.addAll(secretsOf(Section.of(n.type())));
            }
        }
        return out;
    }

    /** The node a value read by this reader came from (to place the model's later problems). */
    Optional<Node> origin(Object value) {
        return Optional.ofNullable(origins.get(value));
    }

    /** The mapping's entries with merge keys resolved; duplicate and non-scalar keys reported. Null if not a mapping. */
    Map<String, NodeTuple> entries(Node node, String where) {
        if (!(node instanceof MappingNode mapping)) {
            if (!isNull(node)) {
                problems.error(node, "wrong type for " + named(where) + ": expected a mapping, got " + describe(node));
            }
            return null;
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        Map<String, NodeTuple> merged = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (keyNode.getTag().equals(Tag.MERGE)) {
                merge(tuple.getValueNode(), merged, where);
                continue;
            }
            if (!(keyNode instanceof ScalarNode key)) {
                problems.error(keyNode, "expected a plain field name in " + named(where) + ", got " + describe(keyNode));
                continue;
            }
            NodeTuple first = entries.get(key.getValue());
            if (first != null) {
                problems.error(keyNode, "duplicate field '" + key.getValue() + "' in " + named(where) + " (first at "
                        + problems.at(first.getKeyNode().getStartMark()) + ")");
                continue;
            }
            entries.put(key.getValue(), tuple);
        }
        // explicit keys win over merged ones, as YAML's merge key says
        merged.forEach(entries::putIfAbsent);
        return entries;
    }

    private void merge(Node value, Map<String, NodeTuple> into, String where) {
        List<Node> sources = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
        for (Node source : sources) {
            Map<String, NodeTuple> entries = entries(source, where + " (merged)");
            if (entries != null) {
                entries.forEach(into::putIfAbsent);
            }
        }
    }

    private Object section(Class<?> type, Object base, Node node, String where) {
        Map<String, NodeTuple> entries = entries(node, where);
        if (entries == null) {
            return null;
        }
        Section section = Section.of(type);
        Set<String> consumed = new HashSet<>();
        int before = errorCount();
        Object[] values = fill(section, base, entries, consumed, node, where);
        unknownKeys(section, entries, consumed, where);
        if (values == null || errorCount() > before) {
            return null;
        }
        return build(section, values, node);
    }

    private Object build(Section section, Object[] values, Node node) {
        try {
            Object built = section.construct(values);
            origins.put(built, node);
            return built;
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.error(node, e.getMessage() == null ? "incomplete " + section.type().getSimpleName() : e.getMessage());
            return null;
        }
    }

    /** One value per component, from the entries (marking what it used) or the base. */
    private Object[] fill(Section section, Object base, Map<String, NodeTuple> entries, Set<String> consumed, Node node,
            String where) {
        Object[] values = new Object[section.size()];
        if (base != null) {
            for (Field f : section.keys()) {
                values[f.index()] = f.get(base);
            }
            for (int i = 0; i < values.length; i++) {
                int index = i;
                if (section.keys().stream().noneMatch(f -> f.index() == index)) {
                    values[i] = componentValue(base, i);
                }
            }
        }
        for (Field f : section.keys()) {
            Key key = f.key();
            String path = path(where, f.name());
            if (f.shape() instanceof Shape.Nested n && key.inline()) {
                Object inner = base == null ? null : f.get(base);
                int before = errorCount();
                Object[] innerValues = fill(Section.of(n.type()), inner, entries, consumed, node, where);
                values[f.index()] = innerValues == null || errorCount() > before ? null
                        : build(Section.of(n.type()), innerValues, node);
                continue;
            }
            if (f.shape() instanceof Shape.Variants v) {
                List<Object> items = variants(v, entries, consumed, where, Section.of(section.type()).names());
                if (items != null && (!items.isEmpty() || base == null)) {
                    values[f.index()] = items;
                }
                continue;
            }
            if (f.shape() instanceof Shape.Secret) {
                Optional<Secret> secret = secret(entries, consumed, key, where);
                if (secret.isPresent()) {
                    values[f.index()] = secret.get();
                } else if (key.required() && base == null) {
                    missing(node, key.file().isEmpty() ? key.value() : key.file(), where);
                }
                continue;
            }
            if (key.rest()) {
                Map<String, Object> rest = new LinkedHashMap<>();
                Set<String> declared = section.names();
                for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
                    if (!declared.contains(e.getKey())) {
                        consumed.add(e.getKey());
                        Node v = e.getValue().getValueNode();
                        Object item = value(((Shape.MapOf) f.shape()).value(), key, v, path(where, e.getKey()));
                        if (item != null) {
                            origins.putIfAbsent(item, e.getValue().getKeyNode());
                            rest.put(e.getKey(), item);
                        }
                    }
                }
                values[f.index()] = rest;
                continue;
            }
            NodeTuple tuple = entries.get(f.name());
            if (tuple != null) {
                consumed.add(f.name());
            }
            if (tuple != null && isNull(tuple.getValueNode()) && key.nullIsEmpty()) {
                values[f.index()] = empty(f, tuple.getValueNode(), path);
                continue;
            }
            if (tuple == null || isNull(tuple.getValueNode())) {
                if (key.required() && base == null) {
                    missing(node, f.name(), where);
                }
                continue;
            }
            Object value = value(f.shape(), key, tuple.getValueNode(), path);
            if (value == null) {
                continue;
            }
            if (base != null && value instanceof Map<?, ?> m && values[f.index()] instanceof Map<?, ?> old) {
                Map<Object, Object> mergedMap = new LinkedHashMap<>(old);
                mergedMap.putAll(m);
                value = mergedMap;
            }
            values[f.index()] = value;
        }
        return values;
    }

    /** The empty value a null gives a {@link Key#nullIsEmpty()} key, as yaml.v2 writes the zero value over the default. */
    private Object empty(Field f, Node node, String path) {
        Class<?> type = f.shape() instanceof Shape.Scalar s ? s.type() : null;
        if (type == String.class) {
            return checkString("", f.key(), node, path);
        }
        if (type == Boolean.class || type == boolean.class) {
            return false;
        }
        if (f.shape() instanceof Shape.ListOf) {
            return List.of();
        }
        if (type != null && type.isEnum()) {
            List<String> ids = Arrays.stream(type.getEnumConstants()).map(c -> Section.enumId((Enum<?>) c)).toList();
            problems.error(node, path + " has no value; an empty " + f.name() + " is refused, not read as the default "
                    + f.key().byDefault() + "; expected one of " + String.join(", ", ids));
            return null;
        }
        throw new IllegalStateException(f.name() + ": nullIsEmpty is declared for strings, booleans, lists and enumerations only");
    }

    private static Object componentValue(Object record, int index) {
        try {
            java.lang.reflect.Method accessor = record.getClass().getRecordComponents()[index].getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Object> variants(Shape.Variants v, Map<String, NodeTuple> entries, Set<String> consumed, String where,
            Set<String> declared) {
        List<Object> out = new ArrayList<>();
        boolean any = false;
        for (Class<?> c : v.variants()) {
            Variant variant = Section.variant(c);
            if (variant.opaque()) {
                Pattern glob = Pattern.compile(variant.value().replace("*", "[a-z0-9_]+"));
                for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
                    if (!declared.contains(e.getKey()) && glob.matcher(e.getKey()).matches()) {
                        consumed.add(e.getKey());
                        any = true;
                        for (Node item : items(e.getValue().getValueNode(), path(where, e.getKey()))) {
                            Object raw = raw(item);
                            if (raw instanceof Map<?, ?> body) {
                                out.add(opaque(c, e.getKey(), body, item));
                            } else {
                                problems.error(item, "wrong type for an entry of " + path(where, e.getKey())
                                        + ": expected a mapping, got " + describe(item));
                            }
                        }
                    }
                }
                continue;
            }
            NodeTuple tuple = entries.get(variant.value());
            if (tuple == null) {
                continue;
            }
            consumed.add(variant.value());
            any = true;
            List<Node> items = items(tuple.getValueNode(), path(where, variant.value()));
            for (int i = 0; i < items.size(); i++) {
                if (isNull(items.get(i))) {
                    // a section left out is absent, but an item of a list has to say something
                    wrongType(items.get(i), path(where, variant.value()) + "[" + i + "]", "a mapping");
                    continue;
                }
                Object item = section(c, null, items.get(i), path(where, variant.value()) + "[" + i + "]");
                if (item != null) {
                    out.add(item);
                }
            }
        }
        return any || out.isEmpty() ? out : null;
    }

    private Object opaque(Class<?> c, String key, Map<?, ?> body, Node node) {
        try {
            java.lang.reflect.Constructor<?> make = c.getDeclaredConstructor(String.class, Map.class);
            make.setAccessible(true);
            Object built = make.newInstance(key, body);
            origins.put(built, node);
            return built;
        } catch (InvocationTargetException e) {
            problems.error(node, e.getCause().getMessage());
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Node> items(Node node, String path) {
        if (node instanceof SequenceNode seq) {
            return seq.getValue();
        }
        if (!isNull(node)) {
            wrongType(node, path, "a list");
        }
        return List.of();
    }

    private Optional<Secret> secret(Map<String, NodeTuple> entries, Set<String> consumed, Key key, String where) {
        String inlineKey = key.value();
        String fileKey = key.file();
        NodeTuple inline = entries.get(inlineKey);
        NodeTuple file = fileKey.isEmpty() ? null : entries.get(fileKey);
        if (inline != null) {
            consumed.add(inlineKey);
        }
        if (file != null) {
            consumed.add(fileKey);
        }
        Optional<String> inlineValue = inline == null || isNull(inline.getValueNode()) ? Optional.empty()
                : Optional.ofNullable((String) value(new Shape.Scalar(String.class), key, inline.getValueNode(),
                        path(where, inlineKey)));
        Optional<String> fileValue = file == null || isNull(file.getValueNode()) ? Optional.empty()
                : Optional.ofNullable((String) value(new Shape.Scalar(String.class), key, file.getValueNode(),
                        path(where, fileKey)));
        if (inlineValue.isPresent() && fileValue.isPresent()) {
            problems.error(inline.getValueNode(), "both " + fileKey + " and " + inlineKey + " in " + named(where)
                    + "; expected only " + fileKey);
            return Optional.empty();
        }
        if (inlineValue.isPresent()) {
            problems.warning(inline.getValueNode(), "inline secret '" + inlineKey + "' in " + named(where)
                    + (fileKey.isEmpty() ? "; this setting has no file form in this tool version, so the value lands in"
                            + " the generated file: keep that file out of version control"
                            : "; expected " + fileKey + " (a path the server reads at run time), so the secret stays out of"
                                    + " generated files and version control"));
            return Optional.of(Secret.inline(inlineValue.get()));
        }
        return fileValue.map(Secret::file);
    }

    /** A value of the given shape, or null after reporting what was wrong. */
    Object value(Shape shape, Key key, Node node, String path) {
        if (shape instanceof Shape.Scalar s) {
            return scalar(s.type(), key, node, path);
        }
        if (shape instanceof Shape.ListOf l) {
            if (!(node instanceof SequenceNode seq)) {
                wrongType(node, path, "a list of " + plural(l.element()));
                return null;
            }
            List<Object> out = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < seq.getValue().size(); i++) {
                Node item = seq.getValue().get(i);
                Object v = isNull(item) ? null : value(l.element(), key, item, path + "[" + i + "]");
                if (v == null) {
                    if (isNull(item)) {
                        wrongType(item, path + "[" + i + "]", "a value");
                    }
                    ok = false;
                } else {
                    out.add(v);
                }
            }
            return ok ? out : null;
        }
        if (shape instanceof Shape.MapOf m) {
            Map<String, NodeTuple> entries = entries(node, path);
            if (entries == null) {
                return null;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            boolean ok = true;
            for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
                if (key.labelNames() && !LabelName.isLegal(e.getKey())) {
                    problems.error(e.getValue().getKeyNode(), LabelName.describeIllegal(e.getKey(), path));
                    ok = false;
                    continue;
                }
                Node v = e.getValue().getValueNode();
                if (isNull(v) && key.regexValues()) {
                    problems.error(v, "no regex for label '" + e.getKey() + "' in " + path + "; expected a regular expression"
                            + " ('' for the empty one)");
                    ok = false;
                    continue;
                }
                Object value = isNull(v) ? "" : value(m.value(), key, v, path + "." + e.getKey());
                if (value == null) {
                    ok = false;
                } else {
                    out.put(e.getKey(), value);
                }
            }
            return ok ? out : null;
        }
        if (shape instanceof Shape.Nested n) {
            return section(n.type(), null, node, path);
        }
        if (shape instanceof Shape.Raw) {
            return raw(node);
        }
        if (shape instanceof Shape.Secret) {
            throw new IllegalStateException("secrets are read with their file twin");
        }
        if (shape instanceof Shape.Variants) {
            throw new IllegalStateException("variants are read from the enclosing mapping");
        }
        throw new IllegalStateException("unknown shape " + shape);
    }

    private Object scalar(Class<?> type, Key key, Node node, String path) {
        if (!(node instanceof ScalarNode s)) {
            wrongType(node, path, expected(type, key));
            return null;
        }
        String text = s.getValue();
        Tag tag = s.getTag();
        if (type == String.class) {
            if (tag.equals(Tag.BINARY)) {
                text = binary(s, path);
            }
            return text == null ? null : checkString(text, key, node, path);
        }
        if (type == Boolean.class || type == boolean.class) {
            if (!tag.equals(Tag.BOOL)) {
                wrongType(node, path, "true or false");
                return null;
            }
            String lower = text.toLowerCase(Locale.ROOT);
            return lower.equals("true") || lower.equals("yes") || lower.equals("on");
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            // Go's yaml.v2 reads any plain scalar strconv.ParseInt(_, 0, 64) takes, 0o17 among them
            boolean plain = s.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN;
            BigInteger value = tag.equals(Tag.INT) || (plain && tag.equals(Tag.STR)) ? yamlInteger(text) : null;
            if (value == null) {
                wrongType(node, path, "an integer");
                return null;
            }
            boolean isInt = type == Integer.class || type == int.class;
            double min = Math.max(key.min(), isInt ? Integer.MIN_VALUE : Long.MIN_VALUE);
            double max = Math.min(key.max(), isInt ? Integer.MAX_VALUE : Long.MAX_VALUE);
            if (value.compareTo(BigInteger.valueOf((long) min)) < 0 || value.compareTo(BigInteger.valueOf((long) max)) > 0) {
                problems.error(node, "value " + text + " for " + path + " is out of range; expected an integer from "
                        + (long) min + " to " + (long) max);
                return null;
            }
            return isInt ? (Object) value.intValue() : (Object) value.longValue();
        }
        if (type == Double.class || type == double.class) {
            Double value = tag.equals(Tag.INT) ? Optional.ofNullable(yamlInteger(text)).map(BigInteger::doubleValue).orElse(null)
                    : tag.equals(Tag.FLOAT) ? yamlFloat(text) : null;
            if (value == null) {
                wrongType(node, path, "a number");
                return null;
            }
            if (value.isNaN()) {
                problems.error(node, "value " + text + " for " + path + " is not a number; expected a number from "
                        + bound(key.min()) + " to " + bound(key.max()));
                return null;
            }
            if (value < key.min() || value > key.max()) {
                problems.error(node, "value " + text + " for " + path + " is out of range; expected a number from "
                        + bound(key.min()) + " to " + bound(key.max()));
                return null;
            }
            return value;
        }
        if (type.isEnum()) {
            List<String> ids = Arrays.stream(type.getEnumConstants()).map(c -> Section.enumId((Enum<?>) c)).toList();
            int i = ids.indexOf(text);
            if (i < 0) {
                problems.error(node, "unknown value '" + text + "' for " + path
                        + DidYouMean.closest(text, ids).map(c -> "; did you mean '" + c + "'?").orElse("")
                        + "; expected one of " + String.join(", ", ids));
                return null;
            }
            return type.getEnumConstants()[i];
        }
        try {
            return Section.textParser(type).invoke(null, text);
        } catch (InvocationTargetException e) {
            String message = e.getCause().getMessage();
            if (type == dev.spawn.monitoring.model.Duration.class) {
                problems.error(node, "bad duration '" + text + "' for " + path
                        + "; expected a Prometheus duration such as 30s, 5m or 1h30m (units: ms, s, m, h, d, w, y)");
            } else {
                problems.error(node, "bad value for " + path + ": " + message);
            }
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A {@code !!binary} scalar as the text yaml.v2 gives a Go string: its base64 decoded. Bytes that are not UTF-8
     * are reported (Prometheus refuses them in labels, and no YAML file can carry them back), giving null.
     */
    private String binary(ScalarNode node, String path) {
        try {
            byte[] bytes = java.util.Base64.getMimeDecoder().decode(node.getValue());
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
            problems.error(node, (path.isEmpty() ? "bad value" : "bad value for " + path) + ": the !!binary value is not base64 of UTF-8 text;"
                    + " expected text");
            return null;
        }
    }

    private String checkString(String text, Key key, Node node, String path) {
        if (key.oneOf().length > 0 && !Arrays.asList(key.oneOf()).contains(text)) {
            problems.error(node, "unknown value '" + text + "' for " + path + "; expected one of "
                    + String.join(", ", key.oneOf()));
            return null;
        }
        if (!key.pattern().isEmpty() && !text.matches(key.pattern())) {
            problems.error(node, "bad value '" + text + "' for " + path + "; expected " + key.expected());
            return null;
        }
        return text;
    }

    private static String plural(Shape element) {
        if (element instanceof Shape.Scalar s) {
            Class<?> t = s.type();
            return t == String.class ? "strings" : t == Integer.class || t == Long.class ? "integers"
                    : t == Double.class ? "numbers" : t == Boolean.class ? "booleans"
                    : t == dev.spawn.monitoring.model.Duration.class ? "durations" : "values";
        }
        return element instanceof Shape.Nested n ? "mappings" : "values";
    }

    private static String bound(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String expected(Class<?> type, Key key) {
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == dev.spawn.monitoring.model.Duration.class) {
            return "a duration such as 30s";
        }
        return "a string";
    }

    /** An integer in YAML 1.1 form as Go's yaml.v2 reads it: sign, underscores, 0x, 0o, 0b, leading-zero octal. */
    static BigInteger yamlInteger(String text) {
        String t = text.replace("_", "");
        boolean negative = t.startsWith("-");
        if (t.startsWith("-") || t.startsWith("+")) {
            t = t.substring(1);
        }
        int radix = 10;
        if (t.startsWith("0x") || t.startsWith("0X")) {
            radix = 16;
            t = t.substring(2);
        } else if (t.startsWith("0b")) {
            radix = 2;
            t = t.substring(2);
        } else if (t.startsWith("0o")) {
            radix = 8;
            t = t.substring(2);
        } else if (t.length() > 1 && t.startsWith("0")) {
            radix = 8;
            t = t.substring(1);
        }
        if (t.isEmpty() || t.startsWith("-") || t.startsWith("+")) {
            return null;
        }
        try {
            BigInteger v = new BigInteger(t, radix);
            return negative ? v.negate() : v;
        } catch (NumberFormatException e) {
            return null; // sexagesimal 1:30 and the like: not a number Prometheus reads
        }
    }

    static Double yamlFloat(String text) {
        String t = text.replace("_", "");
        switch (t.toLowerCase(Locale.ROOT)) {
            case ".inf", "+.inf":
                return Double.POSITIVE_INFINITY;
            case "-.inf":
                return Double.NEGATIVE_INFINITY;
            case ".nan":
                return Double.NaN;
            default:
                try {
                    return Double.valueOf(t);
                } catch (NumberFormatException e) {
                    return null;
                }
        }
    }

    /** Any YAML value as plain Java: maps (in order), lists, strings, numbers, booleans. */
    Object raw(Node node) {
        if (node instanceof ScalarNode s) {
            Tag tag = s.getTag();
            if (tag.equals(Tag.NULL)) {
                return null;
            }
            if (tag.equals(Tag.BOOL)) {
                return scalar(Boolean.class, null, node, "");
            }
            if (tag.equals(Tag.INT)) {
                BigInteger v = yamlInteger(s.getValue());
                return v == null ? s.getValue() : v.bitLength() < 64 ? (Object) v.longValue() : v;
            }
            if (tag.equals(Tag.FLOAT)) {
                Double d = yamlFloat(s.getValue());
                return d == null ? s.getValue() : d;
            }
            if (tag.equals(Tag.BINARY)) {
                return binary(s, "");
            }
            return s.getValue();
        }
        if (node instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            seq.getValue().forEach(n -> out.add(raw(n)));
            return out;
        }
        Map<String, NodeTuple> entries = entries(node, "");
        Map<String, Object> out = new TreeMap<>();
        if (entries != null) {
            entries.forEach((k, t) -> out.put(k, raw(t.getValueNode())));
        }
        return out;
    }

    private void missing(Node node, String key, String where) {
        problems.error(node, "missing field '" + key + "' in " + named(where));
    }

    void wrongType(Node v, String at, String expected) {
        problems.error(v, "wrong type for " + at + ": expected " + expected + ", got " + describe(v));
    }

    private int errorCount() {
        return problems.errorCount();
    }

    static String path(String where, String key) {
        return where.isEmpty() ? key : where + "." + key;
    }

    static String named(String where) {
        return where.isEmpty() ? "the top level" : where;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    /** How a node looks to a user: "a mapping", "a list", "the integer '3'", "nothing". */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) node;
        String kind = s.getTag().equals(Tag.INT) ? "the integer" : s.getTag().equals(Tag.FLOAT) ? "the number"
                : s.getTag().equals(Tag.BOOL) ? "the boolean" : s.getTag().equals(Tag.NULL) ? "nothing" : "the string";
        return s.getTag().equals(Tag.NULL) ? kind : kind + " '" + s.getValue() + "'";
    }
}
