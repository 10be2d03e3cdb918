package dev.spawn.monitoring.lint;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.render.YamlOutput;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.Constructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads a Prometheus rule file ({@code groups: [{name, interval, rules: [...]}]}) into {@link LintRule}s with
 * positions, and the {@code # spawn:ignore CHECK[, CHECK]} comments: one on the line before a rule or on any
 * line of it silences those checks for that rule. What it cannot read is a {@link Problem} at its
 * {@code file:line:col}; the schema itself is promtool's to judge.
 */
final class RuleSource {

    private static final Pattern IGNORE = Pattern.compile("#\\s*spawn:ignore\\b(.*)$");
    /** Rule files of ten thousand rules are a few MiB. */
    private static final int MAX_CHARS = 64 * 1024 * 1024;

    /** The rules read, and what could not be read. */
    public record Read(List<LintRule> rules, List<Problem> problems) {
        public Read {
            rules = List.copyOf(rules);
            problems = List.copyOf(problems);
        }
    }

    private final String file;
    private final String source;
    private final String[] lines;
    private final List<Problem> problems = new ArrayList<>();
    private final Spot.Text text;

    private RuleSource(String file, String source) {
        this.file = file;
        this.source = source;
        this.text = new Spot.Text(file, source);
        this.lines = source.split("\n", -1);
    }

    /** The rules of one rule file: {@code file} is its name in findings, {@code source} its text. */
    public static Read read(String file, String source) {
        return new RuleSource(file, source).read();
    }

    private Read read() {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(MAX_CHARS);
            options.setAllowDuplicateKeys(false);
            root = new Yaml(new Constructor(options), new Representer(new DumperOptions()), new DumperOptions(), options,
                    YamlOutput.yaml11Resolver()).compose(new StringReader(source));
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.add(Problem.error(mark == null ? file : file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1),
                    "not a YAML rule file: " + e.getProblem() + "; expected groups: [{name, rules: [...]}]"));
            return new Read(List.of(), problems);
        } catch (YAMLException e) {
            problems.add(Problem.error(file, "not a YAML rule file: " + e.getMessage()));
            return new Read(List.of(), problems);
        }
        List<LintRule> rules = new ArrayList<>();
        if (root == null) {
            return new Read(rules, problems); // an empty file has no rules, as promtool sees it
        }
        Node groups = get(root, "groups");
        if (groups == null) {
            problems.add(Problem.error(where(root), "no 'groups' in the rule file; expected groups: [{name, rules: [...]}]"));
            return new Read(rules, problems);
        }
        for (Node group : items(groups)) {
            long interval = duration(get(group, "interval"));
            Node ruleList = get(group, "rules");
            if (ruleList == null) {
                continue;
            }
            for (Node rule : items(ruleList)) {
                rule(rule, interval).ifPresent(rules::add);
            }
        }
        return new Read(rules, problems);
    }

    private java.util.Optional<LintRule> rule(Node node, long interval) {
        ScalarNode alert = scalar(get(node, "alert"));
        ScalarNode record = scalar(get(node, "record"));
        ScalarNode expr = scalar(get(node, "expr"));
        ScalarNode name = alert != null ? alert : record;
        if (name == null || expr == null) {
            return java.util.Optional.empty(); // promtool reports the missing field
        }
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, Spot> labelAt = new LinkedHashMap<>();
        strings(get(node, "labels"), labels, labelAt);
        Map<String, String> annotations = new LinkedHashMap<>();
        Map<String, Spot> annotationAt = new LinkedHashMap<>();
        strings(get(node, "annotations"), annotations, annotationAt);
        return java.util.Optional.of(new LintRule(name.getValue(), alert != null, text.of(name),
                expr.getValue(), text.of(expr), duration(get(node, "for")), interval, labels, labelAt,
                annotations, annotationAt, ignored(node), ""));
    }

    /** The checks named by {@code # spawn:ignore} on the line before the rule or on its lines. */
    private Set<String> ignored(Node rule) {
        Set<String> checks = new LinkedHashSet<>();
        int first = rule.getStartMark().getLine();
        int last = Math.min(rule.getEndMark().getLine(), lines.length - 1);
        for (int line = Math.max(0, first - 1); line <= last; line++) {
            if (!lines[line].contains("spawn:ignore")) {
                continue;
            }
            Matcher m = IGNORE.matcher(lines[line]);
            if (!m.find()) {
                continue;
            }
            int column = m.start() + 1;
            String names = m.group(1).trim();
            if (names.isEmpty()) {
                problems.add(Problem.error(file + ":" + (line + 1) + ":" + column, "spawn:ignore names no check; expected"
                        + " # spawn:ignore CHECK such as # spawn:ignore alert/always-fires"));
            }
            for (String id : names.split("[,\\s]+")) {
                if (id.isEmpty()) {
                    continue;
                }
                if (Check.byId(id).isEmpty()) {
                    problems.add(Problem.error(file + ":" + (line + 1) + ":" + column, "spawn:ignore names unknown check '"
                            + id + "'" + dev.spawn.monitoring.model.DidYouMean.hint(id, Check.ids())));
                } else {
                    checks.add(id);
                }
            }
        }
        return checks;
    }

    private void strings(Node mapping, Map<String, String> values, Map<String, Spot> at) {
        if (!(mapping instanceof MappingNode m)) {
            return;
        }
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && t.getValueNode() instanceof ScalarNode v) {
                values.put(k.getValue(), v.getValue());
                at.put(k.getValue(), text.of(v));
            }
        }
    }

    private long duration(Node node) {
        ScalarNode s = scalar(node);
        if (s == null) {
            return 0;
        }
        try {
            return Duration.parse(s.getValue()).millis();
        } catch (IllegalArgumentException e) {
            return 0; // promtool reports it
        }
    }

    private String where(Node node) {
        return file + ":" + (node.getStartMark().getLine() + 1) + ":" + (node.getStartMark().getColumn() + 1);
    }

    static Node get(Node mapping, String key) {
        if (!(mapping instanceof MappingNode m)) {
            return null;
        }
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return t.getValueNode();
            }
        }
        return null;
    }

    static List<Node> items(Node node) {
        return node instanceof SequenceNode s ? s.getValue() : List.of();
    }

    static ScalarNode scalar(Node node) {
        return node instanceof ScalarNode s && !s.getTag().getValue().endsWith(":null") ? s : null;
    }
}
