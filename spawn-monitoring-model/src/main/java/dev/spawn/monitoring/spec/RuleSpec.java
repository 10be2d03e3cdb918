package dev.spawn.monitoring.spec;

import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.model.rules.Severity;
import dev.spawn.monitoring.rules.CustomRule;
import dev.spawn.monitoring.rules.RuleOverride;
import dev.spawn.monitoring.rules.RuleTestCase;
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

    /** {@code rules.custom[i]}: an alert of the user's own. */
    static void custom(SpawnMonitoring monitoring, SpecDocument.CustomRuleSpec c, Node node, int index, SpecProblems problems) {
        Map<String, NodeTuple> entries = new SectionReader(problems).entries(node, "");
        Node nameNode = entries.get("name").getValueNode();
        problems.element("rules." + c.name(), nameNode);
        problems.element("rules.custom[" + index + "]", node);
        problems.element("custom rule " + c.name(), nameNode);
        problems.element("custom rule " + c.name() + ".expr", entries.get("expr").getValueNode());
        List<RuleTestCase> tests = c.tests() == null ? List.of() : c.tests().stream().map(RuleSpec::testCase).toList();
        try {
            monitoring.customRule(new CustomRule(c.name(), c.expr(), c.forDuration(),
                    c.severity() == null ? Severity.WARNING : c.severity(), c.labels(), c.annotations(), tests));
            Optional.ofNullable(c.tier()).ifPresent(t -> monitoring.ruleTier(c.name(), t));
        } catch (IllegalArgumentException e) {
            problems.error(node, e.getMessage());
        }
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
