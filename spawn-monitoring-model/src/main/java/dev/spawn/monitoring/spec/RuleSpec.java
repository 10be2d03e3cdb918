package dev.spawn.monitoring.spec;

import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.model.rules.AlertingRule;
import dev.spawn.monitoring.model.rules.RecordingRule;
import dev.spawn.monitoring.model.rules.Rule;
import dev.spawn.monitoring.model.rules.RuleFile;
import dev.spawn.monitoring.model.rules.RuleGroup;
import dev.spawn.monitoring.model.rules.Severity;
import dev.spawn.monitoring.rules.CustomRule;
import dev.spawn.monitoring.rules.RuleOverride;
import dev.spawn.monitoring.rules.RuleSet;
import dev.spawn.monitoring.rules.RuleTestCase;
import dev.spawn.monitoring.rules.SeriesDescription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** The {@code rules:} part of the spec, read: overrides of default rules by name, and custom rules, applied to the model. */
final class RuleSpec {

    private RuleSpec() {
    }

    /** {@code rules.<name>}: threshold, parameters, for, severity, labels, annotations, runbook_url, enabled, tier. */
    static void apply(SpawnMonitoring monitoring, String name, SpecDocument.RuleOverrideSpec r, Node node, SpecProblems problems) {
        problems.element("rule " + name, node);
        if (Boolean.FALSE.equals(r.enabled())) {
            monitoring.disableRule(name);
            return;
        }
        Map<String, NodeTuple> parameterNodes = r.parameters() == null ? Map.of()
                : new SectionReader(problems).entries(new SectionReader(problems).entries(node, "").get("parameters")
                        .getValueNode(), "");
        for (Map.Entry<String, Object> p : (r.parameters() == null ? Map.<String, Object>of() : r.parameters()).entrySet()) {
            Object value = p.getValue();
            if (!(value instanceof Number) && !(value instanceof String)) {
                problems.error(parameterNodes.get(p.getKey()).getValueNode(), "wrong type for rules." + name + ".parameters."
                        + p.getKey() + ": expected a number (3, 0.2) or a duration (12h), got "
                        + SectionReader.describe(parameterNodes.get(p.getKey()).getValueNode()));
                return;
            }
        }
        Optional.ofNullable(r.tier()).ifPresent(t -> monitoring.ruleTier(name, t));
        monitoring.rule(name, o -> {
            Optional.ofNullable(r.threshold()).ifPresent(o::threshold);
            if (r.parameters() != null) {
                r.parameters().forEach((key, value) -> {
                    if (value instanceof Number n) {
                        o.parameter(key, n.doubleValue());
                    } else {
                        o.parameter(key, (String) value);
                    }
                });
            }
            Optional.ofNullable(r.forDuration()).ifPresent(o::forDuration);
            Optional.ofNullable(r.severity()).ifPresent(o::severity);
            Optional.ofNullable(r.labels()).ifPresent(l -> l.forEach(o::label));
            Optional.ofNullable(r.annotations()).ifPresent(a -> a.forEach(o::annotation));
            Optional.ofNullable(r.runbookUrl()).ifPresent(o::runbookUrl);
        });
    }

    /**
     * {@code rules.custom[i]}: an alert of the user's own, the {@code occurrence}-th of its name (a warning and a
     * critical alert may share one); the second and later are placed by {@link RuleSet#testKey}, as their tests are.
     */
    static void custom(SpawnMonitoring monitoring, SpecDocument.CustomRuleSpec c, Node node, int index, int occurrence,
            SpecProblems problems) {
        Map<String, NodeTuple> entries = new SectionReader(problems).entries(node, "");
        Node nameNode = entries.get("name").getValueNode();
        String key = RuleSet.testKey(c.name(), occurrence);
        problems.element("rules." + key, nameNode);
        problems.element("rules.custom[" + index + "]", node);
        problems.element("custom rule " + key, nameNode);
        problems.element("custom rule " + key + ".expr", entries.get("expr").getValueNode());
        int errors = problems.errorCount();
        checkInput(entries, "rules.custom[" + index + "]", problems);
        if (problems.errorCount() > errors) {
            problems.casesReported("custom rule " + key);
        }
        List<RuleTestCase> tests = c.tests() == null ? List.of() : c.tests().stream().map(RuleSpec::testCase).toList();
        try {
            monitoring.customRule(new CustomRule(c.name(), c.expr(), c.forDuration(),
                    c.severity() == null ? Severity.WARNING : c.severity(), c.labels(), c.annotations(), tests));
            Optional.ofNullable(c.tier()).ifPresent(t -> monitoring.ruleTier(c.name(), t));
        } catch (IllegalArgumentException e) {
            problems.error(node, e.getMessage());
        }
    }

    /** The file {@code rules.groups} is written to. */
    static final String GROUPS_FILE = "alerts/groups.yaml";

    /**
     * {@code rules.groups}: rule groups as Prometheus writes them, into {@value #GROUPS_FILE}, with their alerts'
     * promtool cases. Each rule is an alert or a record, never both; a record has no for, keep_firing_for,
     * annotations or tests; group names are unique. Every problem is placed at its node.
     */
    static void groups(SpawnMonitoring monitoring, List<Map.Entry<SpecDocument.RuleGroupSpec, Node>> groups, boolean complete,
            SectionReader reader, SpecProblems problems) {
        List<RuleGroup> built = new ArrayList<>();
        Map<String, List<RuleTestCase>> tests = new LinkedHashMap<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        Map<String, Integer> alertsNamed = new java.util.HashMap<>();
        boolean failed = !complete;
        for (Map.Entry<SpecDocument.RuleGroupSpec, Node> item : groups) {
            SpecDocument.RuleGroupSpec g = item.getKey();
            Node groupNode = item.getValue();
            Map<String, NodeTuple> entries = reader.entries(groupNode, "");
            if (!names.add(g.name())) {
                problems.error(entries.get("name").getValueNode(), "duplicate rule group name '" + g.name()
                        + "' in rules.groups; expected each group to have its own name");
                failed = true;
            }
            List<Node> ruleNodes = ((org.yaml.snakeyaml.nodes.SequenceNode) entries.get("rules").getValueNode()).getValue();
            List<Rule> rules = new ArrayList<>();
            for (int j = 0; j < g.rules().size(); j++) {
                SpecDocument.GroupRuleSpec r = g.rules().get(j);
                Node ruleNode = ruleNodes.get(j);
                Map<String, NodeTuple> keys = reader.entries(ruleNode, "");
                Optional<Rule> rule = rule(r, ruleNode, keys, "rules.groups[" + g.name() + "].rules[" + j + "]", problems);
                if (rule.isEmpty()) {
                    failed = true;
                    continue;
                }
                rules.add(rule.get());
                Optional.ofNullable(r.tier()).ifPresent(t -> monitoring.ruleTier(rule.get().name(), t));
                if (rule.get() instanceof dev.spawn.monitoring.model.rules.RecordingRule recording) {
                    problems.element("rules." + recording.record(), keys.get("record").getValueNode());
                }
                if (rule.get() instanceof AlertingRule a) {
                    Node nameNode = keys.get("alert").getValueNode();
                    // the second and later alerts of a name are tested on their own and placed by that key
                    String key = RuleSet.testKey(a.alert(), alertsNamed.merge(a.alert(), 1, Integer::sum));
                    problems.element("rules." + key, nameNode);
                    problems.element("custom rule " + key, nameNode);
                    problems.element("custom rule " + key + ".expr", keys.get("expr").getValueNode());
                    if (r.tests() != null) {
                        int errors = problems.errorCount();
                        checkInput(keys, "rules.groups[" + g.name() + "].rules[" + j + "]", problems);
                        if (problems.errorCount() > errors) {
                            problems.casesReported("custom rule " + key);
                        }
                        tests.put(key, r.tests().stream().map(RuleSpec::testCase).toList());
                    }
                }
            }
            try {
                built.add(new RuleGroup(g.name(), g.interval(), g.limit(), rules));
            } catch (IllegalArgumentException e) {
                problems.error(groupNode, e.getMessage());
                failed = true;
            }
        }
        if (!failed) {
            monitoring.ruleFile(new RuleFile(GROUPS_FILE, built), tests);
        }
    }

    private static Optional<Rule> rule(SpecDocument.GroupRuleSpec r, Node node, Map<String, NodeTuple> keys, String where,
            SpecProblems problems) {
        if ((r.alert() == null) == (r.record() == null)) {
            problems.error(node, (r.alert() == null ? "neither alert nor record" : "both alert and record") + " in " + where
                    + "; expected one: alert for an alerting rule, record for a recording rule");
            return Optional.empty();
        }
        try {
            if (r.alert() != null) {
                return Optional.of(new AlertingRule(r.alert(), r.expr(), r.forDuration(), r.keepFiringFor(), r.labels(),
                        r.annotations()));
            }
            boolean ok = true;
            for (String key : List.of("for", "keep_firing_for", "annotations", "tests")) {
                if (keys.containsKey(key)) {
                    problems.error(keys.get(key).getKeyNode(), "'" + key + "' in recording rule " + r.record() + " (" + where
                            + "); expected it on alerting rules only");
                    ok = false;
                }
            }
            return ok ? Optional.of(new RecordingRule(r.record(), r.expr(), r.labels())) : Optional.empty();
        } catch (IllegalArgumentException e) {
            problems.error(node, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A rule's cases as promtool reads them: the input series ({@link SeriesDescription}), copies that can be told
     * apart, expected values that are numbers, case names unique in the rule. Each mistake at its node, so that it is
     * told here, with the others, rather than by promtool about a generated file.
     */
    private static void checkInput(Map<String, NodeTuple> rule, String where, SpecProblems problems) {
        NodeTuple tests = rule.get("tests");
        if (tests == null || !(tests.getValueNode() instanceof org.yaml.snakeyaml.nodes.SequenceNode cases)) {
            return;
        }
        Map<String, Node> names = new LinkedHashMap<>();
        for (int t = 0; t < cases.getValue().size(); t++) {
            Map<String, NodeTuple> test = entriesOf(cases.getValue().get(t));
            Optional<String> name = scalar(test.get("name"));
            if (name.isPresent() && names.containsKey(name.get())) {
                // promtool's report names the case: two of one name could not be told apart
                org.yaml.snakeyaml.error.Mark first = names.get(name.get()).getStartMark();
                problems.error(test.get("name").getValueNode(), "duplicate case name '" + name.get() + "' in " + where
                        + ".tests (also at " + (first.getLine() + 1) + ":" + (first.getColumn() + 1)
                        + "); expected each case of a rule to have its own name");
            } else {
                name.ifPresent(n -> names.put(n, test.get("name").getValueNode()));
            }
            checkAlerts(test.get("alerts"), where + ".tests[" + t + "]", problems);
            NodeTuple input = test.get("input");
            if (input == null || !(input.getValueNode() instanceof org.yaml.snakeyaml.nodes.SequenceNode series)) {
                continue;
            }
            for (int i = 0; i < series.getValue().size(); i++) {
                Map<String, NodeTuple> one = entriesOf(series.getValue().get(i));
                String at = where + ".tests[" + t + "].input[" + i + "]";
                scalar(one.get("copies")).filter(c -> !c.equals("1") && !c.equals("0")).ifPresent(c -> scalar(one.get("series"))
                        .filter(text -> !text.contains("${i}")).ifPresent(text -> problems.error(one.get("copies").getValueNode(),
                                c + " copies of series '" + text + "' in " + at + " would be one series " + c
                                        + " times; expected ${i} in the series (instance_id=\"i-${i}\") to tell the copies apart")));
                scalar(one.get("series")).ifPresent(text -> SeriesDescription.seriesProblem(text.replace("${i}", "1"))
                        .ifPresent(p -> problems.error(one.get("series").getValueNode(), "bad series '" + text + "' in " + at
                                + ".series: " + p + "; expected " + SeriesDescription.SERIES_EXPECTED)));
                scalar(one.get("values")).ifPresent(text -> SeriesDescription.valuesProblem(text)
                        .ifPresent(p -> problems.error(one.get("values").getValueNode(), "bad values '" + text + "' in " + at
                                + ".values: " + p + "; expected " + SeriesDescription.VALUES_EXPECTED)));
            }
        }
    }

    /** The expected alerts of a case: a {@code value} must be a number, as {@code $value} is. */
    private static void checkAlerts(NodeTuple alerts, String where, SpecProblems problems) {
        if (alerts == null || !(alerts.getValueNode() instanceof org.yaml.snakeyaml.nodes.SequenceNode list)) {
            return;
        }
        for (int a = 0; a < list.getValue().size(); a++) {
            NodeTuple value = entriesOf(list.getValue().get(a)).get("value");
            int index = a;
            scalar(value).filter(v -> !isNumber(v)).ifPresent(v -> problems.error(value.getValueNode(), "bad value '" + v + "' in "
                    + where + ".alerts[" + index + "].value; expected the number the alert's $value has (95, 0.5, 1e6)"));
        }
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text);
            return !text.isBlank() && !text.endsWith("d") && !text.endsWith("D") && !text.endsWith("f") && !text.endsWith("F");
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Map<String, NodeTuple> entriesOf(Node node) {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        if (node instanceof org.yaml.snakeyaml.nodes.MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode key) {
                    entries.putIfAbsent(key.getValue(), tuple);
                }
            }
        }
        return entries;
    }

    private static Optional<String> scalar(NodeTuple tuple) {
        return tuple != null && tuple.getValueNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode scalar
                ? Optional.of(scalar.getValue()) : Optional.empty();
    }

    /**
     * {@code rules.custom[i].tests[j]}: a promtool case as in rule-definitions (name, at, input series,
     * expected alerts; no alerts = the rule stays silent), without {@code [[ ]]} parameters.
     */
    private static RuleTestCase testCase(SpecDocument.RuleTestSpec t) {
        List<RuleTestCase.InputSeries> input = t.input() == null ? List.of() : t.input().stream()
                .map(s -> new RuleTestCase.InputSeries(s.series(), s.values(), s.copies() == null ? null : String.valueOf(s.copies())))
                .toList();
        List<RuleTestCase.ExpectedAlert> alerts = t.alerts() == null ? List.of() : t.alerts().stream()
                .map(a -> new RuleTestCase.ExpectedAlert(a.labels() == null ? Map.of() : a.labels(), a.value())).toList();
        return new RuleTestCase(t.name(), t.at().toString(), input, alerts);
    }
}
