package dev.spawn.monitoring.lint;

import dev.spawn.monitoring.model.Matcher;
import dev.spawn.monitoring.promql.Expr;
import dev.spawn.monitoring.promql.LabelFlow;
import dev.spawn.monitoring.promql.Labels;
import dev.spawn.monitoring.promql.PromQL;
import dev.spawn.monitoring.promql.PromQLProblem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Runs every check of {@link Check} over rules and, when given, the Alertmanager routing they are sent to.
 * Each finding carries the severity the context gives its check; a check set {@code off} and a check a rule
 * ignores ({@code # spawn:ignore}) give none. Findings come back in file order.
 */
final class Linter {

    private static final Pattern CAMEL_CASE = Pattern.compile("[A-Z][a-zA-Z0-9]*");
    /** The severities the spawn routing knows when no Alertmanager configuration is given. */
    static final Set<String> DEFAULT_SEVERITIES = Set.of("critical", "warning", "info");

    private final LintContext ctx;
    private final List<Finding> findings = new ArrayList<>();
    /** Rule templates parsed in this run, by text: generated rules share their annotation templates. */
    private final Map<String, GoTemplate.Result> templates = new java.util.HashMap<>();

    private Linter(LintContext ctx) {
        this.ctx = ctx;
    }

    /** The findings on {@code rules}, and on {@code routing} (null: no routing checks) against the alerts they make. */
    public static List<Finding> lint(LintContext ctx, List<LintRule> rules, Routing routing) {
        Linter linter = new Linter(ctx);
        Set<String> severities = routing == null || routing.root() == null ? DEFAULT_SEVERITIES : severities(routing.root());
        List<Alerts.Shape> shapes = new ArrayList<>();
        for (LintRule rule : rules) {
            linter.rule(rule, severities).ifPresent(shapes::add);
        }
        if (routing != null) {
            RoutingChecks.run(ctx, new Alerts(shapes), routing, linter::add);
        }
        List<Finding> out = new ArrayList<>(linter.findings);
        out.sort(Finding.ORDER);
        return out;
    }

    /**
     * The severity values the routing knows: spawn's (critical, warning, info), which a root route without severity
     * routes takes too, and any other value its matchers name ({@code page}, {@code ticket}).
     */
    private static Set<String> severities(Routing.Route root) {
        Set<String> out = new TreeSet<>(DEFAULT_SEVERITIES);
        collect(root, out);
        return out;
    }

    private static void collect(Routing.Route route, Set<String> out) {
        for (Routing.At at : route.matchers()) {
            Matcher m = at.matcher();
            if (m.name().equals("severity")) {
                if (m.op() == Matcher.Op.EQ) {
                    out.add(m.value());
                } else if (m.op() == Matcher.Op.RE && m.value().matches("[a-zA-Z0-9_|-]+")) {
                    out.addAll(List.of(m.value().split("\\|")));
                }
            }
        }
        route.routes().forEach(r -> collect(r, out));
    }

    void add(Check check, Position at, String message, String element, int offset, Set<String> ignored) {
        Check.Severity severity = ctx.severity(check);
        if (severity == Check.Severity.OFF || ignored.contains(check.id())) {
            return;
        }
        findings.add(new Finding(at, severity, check, message, element, offset));
    }

    private void add(Finding f) {
        add(f.check(), f.position(), f.message(), f.element(), f.offset(), Set.of());
    }

    /** The checks of one rule; for an alerting rule, the shape of its alerts for the routing checks. */
    private Optional<Alerts.Shape> rule(LintRule rule, Set<String> severities) {
        String exprElement = rule.element().isEmpty() ? "" : rule.element() + ".expr";
        PromQL.Analysis analysis = PromQL.analyse(rule.expr());
        for (PromQLProblem p : analysis.syntax()) {
            add(Check.PROMQL_SYNTAX, rule.exprAt().at(p.offset()), p.message(), exprElement, p.offset(), rule.ignored());
        }
        for (PromQLProblem p : analysis.types()) {
            add(Check.PROMQL_TYPE, rule.exprAt().at(p.offset()), p.message(), exprElement, p.offset(), rule.ignored());
        }
        Labels output = Labels.UNKNOWN;
        if (analysis.expr().isPresent()) {
            Expr expr = analysis.expr().get();
            ExprChecks.run(ctx, expr, rule.alert(), (check, offset, message) ->
                    add(check, rule.exprAt().at(offset), message, exprElement, offset, rule.ignored()));
            output = LabelFlow.of(expr, ctx.labelFlow());
        }
        TemplateChecks.rule(rule, analysis.expr().isPresent() ? output : Labels.UNKNOWN, this);
        if (!rule.alert()) {
            return Optional.empty();
        }
        style(rule, severities);
        return Optional.of(Alerts.shape(rule.name(), output, rule.labels(), ctx.externalLabels(), ctx.alertRelabel()));
    }

    private void style(LintRule rule, Set<String> severities) {
        if (!CAMEL_CASE.matcher(rule.name()).matches()) {
            add(Check.STYLE_NAME, rule.nameAt().start(), "alert name '" + rule.name() + "' is not CamelCase; expected"
                    + " a name such as " + camel(rule.name()), rule.element(), -1, rule.ignored());
        }
        String severity = rule.labels().get("severity");
        if (severity == null) {
            add(Check.STYLE_SEVERITY, rule.nameAt().start(), "alert " + rule.name() + " has no severity label; the routing"
                    + " knows " + String.join(", ", new TreeSet<>(severities)), rule.element(), -1, rule.ignored());
        } else if (!severities.contains(severity) && !severity.contains("{{")) {
            add(Check.STYLE_SEVERITY, rule.labelAt().getOrDefault("severity", rule.nameAt()).start(), "severity '"
                    + severity + "' of alert " + rule.name() + " is not one the routing knows; expected one of "
                    + String.join(", ", new TreeSet<>(severities)), rule.element(), -1, rule.ignored());
        }
        List<String> missing = new ArrayList<>();
        for (String key : List.of("summary", "description")) {
            if (rule.annotations().getOrDefault(key, "").isBlank()) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            add(Check.STYLE_ANNOTATIONS, rule.nameAt().start(), "alert " + rule.name() + " has no " + String.join(" and no ", missing)
                    + " annotation; notifications then say only the alert's name", rule.element(), -1, rule.ignored());
        }
    }

    private static String camel(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : name.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.length() == 0 ? "HighCpuUsage" : out.toString();
    }

    /** Every label name in a set of sets, for messages. */
    static String labels(Set<String> labels) {
        return String.join(", ", new LinkedHashSet<>(labels));
    }

    /** A label or annotation template of a rule, parsed with Prometheus' functions and variables (once per text). */
    GoTemplate.Result ruleTemplate(String text) {
        return templates.computeIfAbsent(text,
                t -> GoTemplate.parse(t, GoTemplate.PROMETHEUS_FUNCTIONS, GoTemplate.PROMETHEUS_VARIABLES));
    }

    LintContext context() {
        return ctx;
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
