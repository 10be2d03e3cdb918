package dev.spawn.monitoring.spec;

import dev.spawn.monitoring.model.DidYouMean;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.LabelName;
import dev.spawn.monitoring.model.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML mapping of the spec, read field by field with its position kept. Unknown and duplicate
 * keys are reported when the map is opened; each typed getter reports a wrong type or value at the
 * value's position and returns empty, so reading goes on and every problem is found in one run.
 */
final class SpecMap {

    private final SpecProblems problems;
    private final Node node;
    private final String where;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private SpecMap(SpecProblems problems, Node node, String where) {
        this.problems = problems;
        this.node = node;
        this.where = where;
    }

    /** Opens {@code node} as the section {@code section}; {@code where} names it in messages. Empty if not a mapping. */
    static Optional<SpecMap> open(SpecProblems problems, Node node, String where, List<String> accepted) {
        if (!(node instanceof MappingNode mapping)) {
            if (!isNull(node)) {
                problems.error(node, "wrong type for " + (where.isEmpty() ? "the spec" : where) + ": expected a mapping, got "
                        + describe(node));
            }
            return Optional.empty();
        }
        SpecMap map = new SpecMap(problems, node, where);
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode key)) {
                problems.error(keyNode, "expected a plain field name in " + map.named() + ", got " + describe(keyNode));
                continue;
            }
            String name = key.getValue();
            if (map.entries.containsKey(name)) {
                problems.error(keyNode, "duplicate field '" + name + "' in " + map.named() + " (first at "
                        + problems.at(map.entries.get(name).getKeyNode().getStartMark()) + ")");
                continue;
            }
            map.entries.put(name, tuple);
            if (accepted != null && !accepted.contains(name)) {
                problems.error(keyNode, "unknown field '" + name + "' in " + map.named() + DidYouMean.hint(name, accepted));
            }
        }
        return Optional.of(map);
    }

    String named() {
        return where.isEmpty() ? "the top level" : where;
    }

    String where() {
        return where;
    }

    Node node() {
        return node;
    }

    /** Every key with its key node, in file order (for sections whose keys are names, such as rules). */
    Map<String, NodeTuple> entries() {
        return entries;
    }

    String path(String key) {
        return where.isEmpty() ? key : where + "." + key;
    }

    Optional<Node> value(String key) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null || isNull(tuple.getValueNode())) {
            return Optional.empty();
        }
        return Optional.of(tuple.getValueNode());
    }

    Optional<Node> keyNode(String key) {
        return Optional.ofNullable(entries.get(key)).map(NodeTuple::getKeyNode);
    }

    boolean has(String key) {
        return value(key).isPresent();
    }

    Optional<String> string(String key) {
        return value(key).flatMap(v -> scalar(v, path(key), "a string"));
    }

    Optional<Duration> duration(String key) {
        return value(key).flatMap(v -> scalar(v, path(key), "a duration such as 30s").flatMap(text -> {
            try {
                return Optional.of(Duration.parse(text));
            } catch (IllegalArgumentException e) {
                problems.error(v, "bad duration '" + text + "' for " + path(key)
                        + "; expected a Prometheus duration such as 30s, 5m or 1h30m (units: ms, s, m, h, d, w, y)");
                return Optional.empty();
            }
        }));
    }

    Optional<Integer> integer(String key) {
        return value(key).flatMap(v -> typed(v, path(key), Tag.INT, "an integer").map(Integer::valueOf));
    }

    Optional<Double> number(String key) {
        return value(key).flatMap(v -> {
            if (v instanceof ScalarNode s && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
                return Optional.of(Double.valueOf(s.getValue()));
            }
            wrongType(v, path(key), "a number");
            return Optional.empty();
        });
    }

    Optional<Boolean> bool(String key) {
        return value(key).flatMap(v -> typed(v, path(key), Tag.BOOL, "true or false").map(Boolean::valueOf));
    }

    /** A list of strings; a single string is not accepted (a list is what the schema says). */
    Optional<List<String>> strings(String key) {
        return value(key).flatMap(v -> {
            if (!(v instanceof SequenceNode seq)) {
                wrongType(v, path(key), "a list of strings");
                return Optional.empty();
            }
            List<String> out = new ArrayList<>();
            boolean ok = true;
            for (Node item : seq.getValue()) {
                Optional<String> s = scalar(item, path(key) + " entry", "a string");
                ok &= s.isPresent();
                s.ifPresent(out::add);
            }
            return ok ? Optional.of(out) : Optional.empty();
        });
    }

    /** Labels or annotations: string keys (label names, checked if {@code labelNames}) to string values. */
    Optional<Map<String, String>> stringMap(String key, boolean labelNames) {
        return value(key).flatMap(v -> open(problems, v, path(key), null)).map(m -> {
            Map<String, String> out = new LinkedHashMap<>();
            m.entries.forEach((name, tuple) -> {
                if (labelNames && !LabelName.isLegal(name)) {
                    problems.error(tuple.getKeyNode(), LabelName.describeIllegal(name, m.where));
                    return;
                }
                m.string(name).ifPresent(value -> out.put(name, value));
            });
            return out;
        });
    }

    /** A nested section, with its accepted fields. */
    Optional<SpecMap> map(String key, String section) {
        return value(key).flatMap(v -> open(problems, v, path(key), SpecFields.of(section)));
    }

    /** A list of sections; {@code where[i]} names each item. */
    List<SpecMap> maps(String key, String section) {
        List<SpecMap> out = new ArrayList<>();
        value(key).ifPresent(v -> {
            if (!(v instanceof SequenceNode seq)) {
                wrongType(v, path(key), "a list");
                return;
            }
            for (int i = 0; i < seq.getValue().size(); i++) {
                open(problems, seq.getValue().get(i), path(key) + "[" + i + "]", SpecFields.of(section)).ifPresent(out::add);
            }
        });
        return out;
    }

    /**
     * A credential given as {@code <name>_file} (preferred) or inline as {@code <name>}; inline is a
     * warning because the value then lands in the generated file and in version control.
     */
    Optional<Secret> secret(String fileKey, String inlineKey) {
        Optional<String> file = string(fileKey);
        Optional<String> inline = string(inlineKey);
        if (file.isPresent() && inline.isPresent()) {
            problems.error(value(inlineKey).orElseThrow(), "both " + fileKey + " and " + inlineKey + " in " + named()
                    + "; expected only " + fileKey);
            return Optional.empty();
        }
        if (inline.isPresent()) {
            problems.warning(value(inlineKey).orElseThrow(), "inline secret '" + inlineKey + "' in " + named()
                    + "; expected " + fileKey + " (a path the server reads at run time), so the secret stays out of"
                    + " generated files and version control");
            return Optional.of(Secret.inline(inline.get()));
        }
        return file.map(Secret::file);
    }

    /** Reports a required field that is missing, at the position of this map. */
    boolean require(String key) {
        if (!has(key)) {
            problems.error(node, "missing field '" + key + "' in " + named());
            return false;
        }
        return true;
    }

    private Optional<String> scalar(Node v, String at, String expected) {
        if (v instanceof ScalarNode s) {
            return Optional.of(s.getValue());
        }
        wrongType(v, at, expected);
        return Optional.empty();
    }

    private Optional<String> typed(Node v, String at, Tag tag, String expected) {
        if (v instanceof ScalarNode s && s.getTag().equals(tag)) {
            return Optional.of(s.getValue());
        }
        wrongType(v, at, expected);
        return Optional.empty();
    }

    private void wrongType(Node v, String at, String expected) {
        problems.error(v, "wrong type for " + at + ": expected " + expected + ", got " + describe(v));
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

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
