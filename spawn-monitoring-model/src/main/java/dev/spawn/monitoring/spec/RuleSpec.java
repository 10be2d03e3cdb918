package dev.spawn.monitoring.spec;

import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.rules.Severity;
import dev.spawn.monitoring.rules.CustomRule;
import dev.spawn.monitoring.rules.RuleOverride;
import dev.spawn.monitoring.rules.RuleTestCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** The {@code rules:} part of the spec: overrides of default rules by name, and custom rules. */
final class RuleSpec {

    private RuleSpec() {
    }

    /** {@code rules.<name>}: threshold, parameters, for, severity, labels, annotations, runbook_url, enabled. */
    static void apply(SpawnMonitoring monitoring, String name, SpecMap r, SpecProblems problems) {
        Optional<Boolean> enabled = r.bool("enabled");
        Optional<Double> threshold = r.number("threshold");
        List<Consumer<RuleOverride>> parameters = new ArrayList<>();
        r.value("parameters").flatMap(v -> SpecMap.open(problems, v, r.path("parameters"), null)).ifPresent(p -> {
            for (String key : p.entries().keySet()) {
                parameter(p, key, problems).ifPresent(parameters::add);
            }
        });
        Optional<Duration> forDuration = r.duration("for");
        Severity severity = SpecReader.severity(r, problems);
        Map<String, String> labels = r.stringMap("labels", true).orElse(Map.of());
        Map<String, String> annotations = r.stringMap("annotations", false).orElse(Map.of());
        Optional<String> runbook = r.string("runbook_url");
        problems.element("rule " + name, r.node());
        if (enabled.isPresent() && !enabled.get()) {
            monitoring.disableRule(name);
            return;
        }
        monitoring.rule(name, o -> {
            threshold.ifPresent(o::threshold);
            parameters.forEach(p -> p.accept(o));
            forDuration.ifPresent(o::forDuration);
            if (severity != null) {
                o.severity(severity);
            }
            labels.forEach(o::label);
            annotations.forEach(o::annotation);
            runbook.ifPresent(o::runbookUrl);
        });
    }

    /**
     * {@code rules.<name>.parameters.<key>}: a number ({@code threshold: 3}) or a string scalar, such as a
     * duration ({@code window: 12h}); the rule's definition decides which the parameter takes.
     */
    private static Optional<Consumer<RuleOverride>> parameter(SpecMap p, String key, SpecProblems problems) {
        Optional<Node> value = p.value(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get() instanceof ScalarNode s && isNumber(s)) {
            double number = Double.parseDouble(s.getValue());
            return Optional.of(o -> o.parameter(key, number));
        }
        if (value.get() instanceof ScalarNode s && s.getTag().equals(Tag.STR)) {
            return Optional.of(o -> o.parameter(key, s.getValue()));
        }
        problems.error(value.get(), "wrong type for " + p.path(key) + ": expected a number (3, 0.2) or a duration (12h), got "
                + SpecMap.describe(value.get()));
        return Optional.empty();
    }

    /** {@code rules.custom[i]}: an alert of the user's own. */
    static void custom(SpawnMonitoring monitoring, SpecMap c, int index, SpecProblems problems) {
        boolean ok = c.require("name") & c.require("expr");
        Optional<String> name = c.string("name");
        Optional<String> expr = c.string("expr");
        Optional<Duration> forDuration = c.duration("for");
        Severity severity = SpecReader.severity(c, problems);
        Map<String, String> labels = c.stringMap("labels", true).orElse(Map.of());
        Map<String, String> annotations = c.stringMap("annotations", false).orElse(Map.of());
        List<RuleTestCase> tests = c.maps("tests", "rules.custom[].tests[]").stream().map(RuleSpec::testCase)
                .flatMap(Optional::stream).toList();
        if (!ok || name.isEmpty() || expr.isEmpty()) {
            return;
        }
        problems.element("rules." + name.get(), c.value("name").orElseThrow());
        problems.element("rules.custom[" + index + "]", c.node());
        problems.element("custom rule " + name.get(), c.value("name").orElseThrow());
        problems.element("custom rule " + name.get() + ".expr", c.value("expr").orElseThrow());
        try {
            monitoring.customRule(new CustomRule(name.get(), expr.get(), forDuration.orElse(null),
                    severity == null ? Severity.WARNING : severity, labels, annotations, tests));
        } catch (IllegalArgumentException e) {
            problems.error(c.node(), e.getMessage());
        }
    }

    /**
     * {@code rules.custom[i].tests[j]}: a promtool case as in rule-definitions (name, at, input series,
     * expected alerts; no alerts = the rule stays silent), without {@code [[ ]]} parameters.
     */
    private static Optional<RuleTestCase> testCase(SpecMap t) {
        boolean ok = t.require("name") & t.require("at");
        Optional<String> name = t.string("name");
        Optional<String> at = t.duration("at").flatMap(d -> t.string("at"));
        List<RuleTestCase.InputSeries> input = new ArrayList<>();
        for (SpecMap s : t.maps("input", "rules.custom[].tests[].input[]")) {
            boolean complete = s.require("series") & s.require("values");
            Optional<String> series = s.string("series");
            Optional<String> values = s.string("values");
            Optional<Integer> copies = s.integer("copies");
            if (complete && series.isPresent() && values.isPresent()) {
                input.add(new RuleTestCase.InputSeries(series.get(), values.get(), copies.map(String::valueOf).orElse(null)));
            }
        }
        List<RuleTestCase.ExpectedAlert> alerts = new ArrayList<>();
        for (SpecMap a : t.maps("alerts", "rules.custom[].tests[].alerts[]")) {
            alerts.add(new RuleTestCase.ExpectedAlert(a.stringMap("labels", true).orElse(Map.of()), a.string("value").orElse(null)));
        }
        if (!ok || name.isEmpty() || at.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RuleTestCase(name.get(), at.get(), input, alerts));
    }

    static boolean isNumber(ScalarNode s) {
        return s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT);
    }
}
