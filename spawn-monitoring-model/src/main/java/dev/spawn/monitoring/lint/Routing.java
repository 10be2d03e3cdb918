package dev.spawn.monitoring.lint;

import dev.spawn.monitoring.model.Matcher;
import dev.spawn.monitoring.model.Problem;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The parts of an alertmanager.yml that {@code spawn:lint} checks against the labels alerts carry: the routing
 * tree (matchers, group_by, receiver), the inhibitions, and the receivers' templates, each with its position
 * and its path ({@code route.routes[0]}, {@code inhibit_rules[1]}, {@code receivers[slack].slack_configs[0].title}).
 * Deprecated {@code match}/{@code match_re} maps are read as the matchers they mean.
 */
record Routing(Route root, List<Inhibition> inhibitions, List<Template> templates, List<Problem> problems) {

    /** One matcher of a route or inhibition, where it is written. */
    public record At(Matcher matcher, Spot spot) {
    }

    /** A route: its own matchers, its effective receiver and group_by ({@code null} = {@code ...}, all labels). */
    public record Route(String path, Spot spot, String receiver, List<At> matchers, List<String> groupBy,
            Map<String, Spot> groupByAt, List<Route> routes) {
    }

    public record Inhibition(String path, Spot spot, List<At> source, List<At> target, List<String> equal,
            Map<String, Spot> equalAt) {
    }

    /** A string of a receiver's configuration holding a template ({{ ... }}). */
    public record Template(String receiver, String path, String text, Spot spot) {
    }

    /** The routing of an alertmanager.yml named {@code file} with text {@code source}. */
    public static Routing read(String file, String source) {
        List<Problem> problems = new ArrayList<>();
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            root = new Yaml(options).compose(new StringReader(source));
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            problems.add(Problem.error(mark == null ? file : file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1),
                    "not a YAML Alertmanager configuration: " + e.getProblem()));
            return new Routing(null, List.of(), List.of(), problems);
        } catch (YAMLException e) {
            problems.add(Problem.error(file, "not a YAML Alertmanager configuration: " + e.getMessage()));
            return new Routing(null, List.of(), List.of(), problems);
        }
        Spot.Text text = new Spot.Text(file, source);
        Reader reader = new Reader(text, problems);
        Node routeNode = RuleSource.get(root, "route");
        Route route = routeNode == null ? null : reader.route(routeNode, "route", null, List.of("alertname"));
        List<Inhibition> inhibitions = new ArrayList<>();
        List<Node> inhibitNodes = RuleSource.items(RuleSource.get(root, "inhibit_rules"));
        for (int i = 0; i < inhibitNodes.size(); i++) {
            Node n = inhibitNodes.get(i);
            String path = "inhibit_rules[" + i + "]";
            List<At> source0 = reader.matchers(n, "source_matchers", "source_match", "source_match_re");
            List<At> target = reader.matchers(n, "target_matchers", "target_match", "target_match_re");
            Map<String, Spot> equalAt = new java.util.LinkedHashMap<>();
            List<String> equal = reader.strings(RuleSource.get(n, "equal"), equalAt);
            inhibitions.add(new Inhibition(path, text.of(n), source0, target, equal, equalAt));
        }
        List<Template> templates = new ArrayList<>();
        for (Node receiver : RuleSource.items(RuleSource.get(root, "receivers"))) {
            ScalarNode name = RuleSource.scalar(RuleSource.get(receiver, "name"));
            if (name != null) {
                reader.templates(receiver, name.getValue(), "receivers[" + name.getValue() + "]", templates);
            }
        }
        return new Routing(route, inhibitions, templates, problems);
    }

    private record Reader(Spot.Text text, List<Problem> problems) {

        Route route(Node node, String path, String parentReceiver, List<String> parentGroupBy) {
            ScalarNode receiverNode = RuleSource.scalar(RuleSource.get(node, "receiver"));
            String receiver = receiverNode != null ? receiverNode.getValue() : parentReceiver;
            Node groupByNode = RuleSource.get(node, "group_by");
            Map<String, Spot> groupByAt = new java.util.LinkedHashMap<>();
            List<String> groupBy = parentGroupBy;
            if (groupByNode != null) {
                List<String> own = strings(groupByNode, groupByAt);
                groupBy = own.contains("...") ? null : own;
            }
            List<At> matchers = matchers(node, "matchers", "match", "match_re");
            List<Route> children = new ArrayList<>();
            List<Node> childNodes = RuleSource.items(RuleSource.get(node, "routes"));
            for (int i = 0; i < childNodes.size(); i++) {
                children.add(route(childNodes.get(i), path + ".routes[" + i + "]", receiver, groupBy));
            }
            return new Route(path, text.of(node), receiver, matchers, groupBy, groupByAt, children);
        }

        List<At> matchers(Node node, String key, String equalKey, String regexKey) {
            List<At> out = new ArrayList<>();
            for (Node item : RuleSource.items(RuleSource.get(node, key))) {
                ScalarNode s = RuleSource.scalar(item);
                if (s == null) {
                    continue;
                }
                for (String part : split(s.getValue())) {
                    try {
                        out.add(new At(Matcher.parse(part), text.of(s)));
                    } catch (IllegalArgumentException e) {
                        // amtool check-config reports a matcher it cannot parse
                    }
                }
            }
            map(node, equalKey, Matcher.Op.EQ, out);
            map(node, regexKey, Matcher.Op.RE, out);
            return out;
        }

        private void map(Node node, String key, Matcher.Op op, List<At> out) {
            if (RuleSource.get(node, key) instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k && t.getValueNode() instanceof ScalarNode v) {
                        try {
                            out.add(new At(new Matcher(k.getValue(), op, v.getValue()), text.of(k)));
                        } catch (IllegalArgumentException e) {
                            // amtool reports it
                        }
                    }
                }
            }
        }

        /** {@code {a="b", c=~"d"}} in one entry, as Alertmanager's matcher parser allows. */
        private static List<String> split(String text) {
            String t = text.strip();
            if (t.startsWith("{") && t.endsWith("}")) {
                t = t.substring(1, t.length() - 1);
            }
            List<String> parts = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c == '\\' && quoted && i + 1 < t.length()) {
                    current.append(c).append(t.charAt(++i));
                    continue;
                }
                if (c == '"') {
                    quoted = !quoted;
                }
                if (c == ',' && !quoted) {
                    parts.add(current.toString());
                    current.setLength(0);
                } else {
                    current.append(c);
                }
            }
            if (!current.toString().isBlank()) {
                parts.add(current.toString());
            }
            return parts;
        }

        List<String> strings(Node node, Map<String, Spot> at) {
            List<String> out = new ArrayList<>();
            for (Node item : RuleSource.items(node)) {
                ScalarNode s = RuleSource.scalar(item);
                if (s != null) {
                    out.add(s.getValue());
                    at.putIfAbsent(s.getValue(), text.of(s));
                }
            }
            return out;
        }

        /** Every string under a receiver that holds {{ ... }}, with its path. */
        void templates(Node node, String receiver, String path, List<Template> out) {
            if (node instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k) {
                        templates(t.getValueNode(), receiver, path + "." + k.getValue(), out);
                    }
                }
            } else if (node instanceof org.yaml.snakeyaml.nodes.SequenceNode s) {
                for (int i = 0; i < s.getValue().size(); i++) {
                    templates(s.getValue().get(i), receiver, path + "[" + i + "]", out);
                }
            } else if (node instanceof ScalarNode s && s.getValue().contains("{{")) {
                out.add(new Template(receiver, path, s.getValue(), text.of(s)));
            }
        }
    }
}
