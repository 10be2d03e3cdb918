package dev.spawn.monitoring.rules;

import dev.spawn.monitoring.model.DidYouMean;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.model.rules.Category;
import dev.spawn.monitoring.model.rules.Severity;
import java.io.StringReader;
import dev.spawn.monitoring.model.decl.Section;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the YAML of rule-definitions/ with SnakeYAML nodes, so that every problem names
 * {@code file:line:col}. Problems are collected over the whole file before it fails, as javac does.
 * The format is documented in rule-definitions/README.md.
 */
final class RuleDefinitionReader {

    private final String source;
    private final List<Problem> problems = new ArrayList<>();

    private RuleDefinitionReader(String source) {
        this.source = source;
    }

    /** The rules of one category file ({@code lifecycle.yaml}, ...); {@code source} names it in messages. */
    static RuleGroupDefinition readCategory(String source, String yaml, Category category) {
        RuleDefinitionReader reader = new RuleDefinitionReader(source);
        Map<String, Node> top = reader.mapping(reader.compose(yaml), Set.of("group", "interval", "rules"));
        String group = reader.string(top, "group", "spawn-" + category.id());
        Duration interval = reader.duration(top, "interval", Duration.ofSeconds(60));
        List<RuleDefinition> rules = new ArrayList<>();
        for (Node node : reader.sequence(top.get("rules"))) {
            try {
                rules.add(reader.rule(node, category));
            } catch (IllegalArgumentException e) {
                reader.problems.add(Problem.error(reader.at(node), e.getMessage()));
            }
        }
        reader.failOnProblems();
        return new RuleGroupDefinition(category, group, interval, rules);
    }

    /** The metric catalog, {@code metrics.yaml}. */
    static MetricCatalog readMetrics(String source, String yaml) {
        RuleDefinitionReader reader = new RuleDefinitionReader(source);
        Map<String, Node> top = reader.mapping(reader.compose(yaml), Set.of("target_labels", "metrics"));
        List<String> targetLabels = new ArrayList<>();
        for (Node node : reader.sequence(top.get("target_labels"))) {
            targetLabels.add(reader.string(reader.mapping(node, Set.of("name", "help")), "name", null));
        }
        List<MetricCatalog.Metric> metrics = new ArrayList<>();
        for (Node node : reader.sequence(top.get("metrics"))) {
            Map<String, Node> m = reader.mapping(node, Section.of(MetricCatalog.Metric.class).names());
            try {
                metrics.add(new MetricCatalog.Metric(reader.string(m, "name", null), reader.string(m, "type", "gauge"),
                        reader.strings(m.get("labels")), reader.string(m, "help", ""), reader.number(m, "min"),
                        reader.number(m, "max")));
            } catch (IllegalArgumentException | NullPointerException e) {
                reader.problems.add(Problem.error(reader.at(node), String.valueOf(e.getMessage())));
            }
        }
        reader.failOnProblems();
        return new MetricCatalog(metrics, targetLabels);
    }

    private RuleDefinition rule(Node node, Category category) {
        Map<String, Node> r = mapping(node, Set.of("name", "severity", "for", "for_minimum", "for_maximum", "parameters", "expr", "labels",
                "annotations", "meaning", "action", "tests"));
        String name = required(r, "name");
        List<Parameter> parameters = new ArrayList<>();
        for (Node p : sequence(r.get("parameters"))) {
            Map<String, Node> pm = mapping(p, Set.of("name", "default", "description", "minimum", "maximum"));
            try {
                parameters.add(new Parameter(required(pm, "name"), required(pm, "default"), string(pm, "description", ""),
                        string(pm, "minimum", null), string(pm, "maximum", null)));
            } catch (IllegalArgumentException e) {
                problems.add(Problem.error(at(p), e.getMessage()));
            }
        }
        List<RuleTestCase> tests = new ArrayList<>();
        for (Node t : sequence(r.get("tests"))) {
            tests.add(testCase(t));
        }
        Severity severity = Severity.WARNING;
        try {
            severity = Severity.fromId(required(r, "severity"));
        } catch (IllegalArgumentException e) {
            problems.add(Problem.error(at(r.getOrDefault("severity", node)), e.getMessage()));
        }
        return new RuleDefinition(name, category, severity, duration(r, "for", Duration.ZERO),
                duration(r, "for_minimum", null), duration(r, "for_maximum", null), required(r, "expr"),
                stringMap(r.get("labels")), stringMap(r.get("annotations")), parameters, tests,
                string(r, "meaning", ""), string(r, "action", ""), at(node));
    }

    private RuleTestCase testCase(Node node) {
        Map<String, Node> t = mapping(node, Set.of("name", "at", "input", "alerts"));
        List<RuleTestCase.InputSeries> input = new ArrayList<>();
        for (Node s : sequence(t.get("input"))) {
            Map<String, Node> sm = mapping(s, Set.of("series", "values", "copies"));
            input.add(new RuleTestCase.InputSeries(required(sm, "series"), required(sm, "values"), string(sm, "copies", null)));
        }
        List<RuleTestCase.ExpectedAlert> alerts = new ArrayList<>();
        for (Node a : sequence(t.get("alerts"))) {
            Map<String, Node> am = mapping(a, Set.of("labels", "value"));
            alerts.add(new RuleTestCase.ExpectedAlert(stringMap(am.get("labels")), string(am, "value", null)));
        }
        return new RuleTestCase(required(t, "name"), required(t, "at"), input, alerts);
    }

    // --- node access; every failure becomes a problem at the node's position ---

    private Node compose(String yaml) {
        try {
            Node node = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
            if (node == null) {
                throw new ValidationException(List.of(Problem.error(source, "the file is empty")));
            }
            return node;
        } catch (MarkedYAMLException e) {
            String where = e.getProblemMark() == null ? source
                    : source + ":" + (e.getProblemMark().getLine() + 1) + ":" + (e.getProblemMark().getColumn() + 1);
            throw new ValidationException(List.of(Problem.error(where, "not valid YAML: " + e.getProblem())));
        }
    }

    private Map<String, Node> mapping(Node node, Set<String> allowed) {
        Map<String, Node> map = new LinkedHashMap<>();
        if (!(node instanceof MappingNode)) {
            problems.add(Problem.error(at(node), "expected a mapping"));
            return map;
        }
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
            String key = scalar(tuple.getKeyNode());
            if (!allowed.contains(key)) {
                problems.add(Problem.error(at(tuple.getKeyNode()), "unknown field '" + key + "'"
                        + DidYouMean.hint(key, allowed.stream().sorted().toList())));
            }
            map.put(key, tuple.getValueNode());
        }
        return map;
    }

    private List<Node> sequence(Node node) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof SequenceNode)) {
            problems.add(Problem.error(at(node), "expected a list"));
            return List.of();
        }
        return ((SequenceNode) node).getValue();
    }

    private String scalar(Node node) {
        if (!(node instanceof ScalarNode)) {
            problems.add(Problem.error(at(node), "expected a single value"));
            return "";
        }
        return ((ScalarNode) node).getValue();
    }

    private String string(Map<String, Node> map, String key, String fallback) {
        Node node = map.get(key);
        return node == null ? fallback : scalar(node);
    }

    private Double number(Map<String, Node> map, String key) {
        String text = string(map, key, null);
        if (text == null) {
            return null;
        }
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            problems.add(Problem.error(at(map.get(key)), "'" + text + "' is not a number; expected one such as 100"));
            return null;
        }
    }

    private String required(Map<String, Node> map, String key) {
        String value = string(map, key, null);
        if (value == null) {
            throw new IllegalArgumentException("missing field '" + key + "'");
        }
        return value;
    }

    private Duration duration(Map<String, Node> map, String key, Duration fallback) {
        String text = string(map, key, null);
        if (text == null) {
            return fallback;
        }
        try {
            return Duration.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(Problem.error(at(map.get(key)), e.getMessage()));
            return fallback;
        }
    }

    private List<String> strings(Node node) {
        return sequence(node).stream().map(this::scalar).toList();
    }

    private Map<String, String> stringMap(Node node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node == null) {
            return map;
        }
        if (!(node instanceof MappingNode)) {
            problems.add(Problem.error(at(node), "expected a mapping"));
            return map;
        }
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
            map.put(scalar(tuple.getKeyNode()), scalar(tuple.getValueNode()));
        }
        return map;
    }

    private String at(Node node) {
        if (node == null || node.getStartMark() == null) {
            return source;
        }
        return source + ":" + (node.getStartMark().getLine() + 1) + ":" + (node.getStartMark().getColumn() + 1);
    }

    private void failOnProblems() {
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }
}
