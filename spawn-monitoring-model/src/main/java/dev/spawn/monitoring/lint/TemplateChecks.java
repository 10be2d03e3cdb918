package dev.spawn.monitoring.lint;

import dev.spawn.monitoring.promql.Labels;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * template/syntax, template/label and template/value-in-label on a rule's labels and annotations, and
 * labels/template on the receivers' notification templates, all on {@link GoTemplate}'s parse.
 */
final class TemplateChecks {

    private TemplateChecks() {
    }

    /** The templates of one rule, against the labels its expression's output carries. */
    static void rule(LintRule rule, Labels output, Linter linter) {
        String element = rule.element();
        for (Map.Entry<String, String> label : rule.labels().entrySet()) {
            Spot spot = rule.labelAt().getOrDefault(label.getKey(), rule.nameAt());
            template(rule, "label " + label.getKey(), label.getValue(), spot, output, true, linter, element);
        }
        for (Map.Entry<String, String> annotation : rule.annotations().entrySet()) {
            Spot spot = rule.annotationAt().getOrDefault(annotation.getKey(), rule.nameAt());
            template(rule, "annotation " + annotation.getKey(), annotation.getValue(), spot, output, false, linter, element);
        }
    }

    private static void template(LintRule rule, String where, String text, Spot spot, Labels output, boolean isLabel,
            Linter linter, String element) {
        if (!text.contains("{{")) {
            return;
        }
        GoTemplate.Result parsed = linter.ruleTemplate(text);
        for (GoTemplate.Problem p : parsed.problems()) {
            linter.add(Check.TEMPLATE_SYNTAX, spot.at(p.offset()), where + " of " + rule.name() + ": " + p.message(),
                    element, -1, rule.ignored());
        }
        if (!parsed.ok()) {
            return;
        }
        for (GoTemplate.Reference r : parsed.references()) {
            boolean value = (r.root().equals("$value") || r.root().equals(".Value")) && r.key().isEmpty();
            if (isLabel && value && !inCondition(text, r.offset())) {
                linter.add(Check.TEMPLATE_VALUE_IN_LABEL, spot.at(r.offset()), where + " of " + rule.name() + " holds"
                        + " the value; each evaluation then makes a new alert and the old one resolves, so notifications"
                        + " never stop; put the value in an annotation", element, -1, rule.ignored());
            }
            if ((r.root().equals("$labels") || r.root().equals(".Labels")) && !r.key().isEmpty()
                    && !output.possibly(r.key())) {
                linter.add(Check.TEMPLATE_LABEL, spot.at(r.offset()), where + " of " + rule.name() + " reads $labels."
                        + r.key() + ", which the expression's output never carries, so it renders empty; it carries "
                        + describe(output), element, -1, rule.ignored());
            }
        }
    }

    /**
     * Whether the reference sits in the condition of an {@code if}/{@code else if}/{@code with} action: a label
     * such as {@code {{ if gt $value 80.0 }}critical{{ end }}} changes only when the value crosses 80.
     */
    static boolean inCondition(String text, int offset) {
        int open = text.lastIndexOf("{{", offset);
        if (open < 0) {
            return false;
        }
        String action = text.substring(open + 2, offset).replaceFirst("^-\\s", "").strip();
        return action.startsWith("if ") || action.startsWith("else if ") || action.startsWith("with ")
                || action.equals("if") || action.equals("with");
    }

    private static String describe(Labels labels) {
        Set<String> all = new TreeSet<>(labels.possible());
        all.remove("__name__");
        return all.isEmpty() ? "no labels" : String.join(", ", all);
    }

    /** labels/template: each receiver template's .CommonLabels.x and .GroupLabels.x against the routes using it. */
    static void receivers(List<Routing.Template> templates, Map<String, List<RoutingChecks.RouteUse>> uses,
            Consumer<Finding> sink) {
        for (Routing.Template t : templates) {
            List<RoutingChecks.RouteUse> routes = uses.getOrDefault(t.receiver(), List.of());
            if (routes.isEmpty()) {
                continue;
            }
            GoTemplate.Result parsed = GoTemplate.parse(t.text(), GoTemplate.ALERTMANAGER_FUNCTIONS, Set.of());
            if (!parsed.ok()) {
                continue; // amtool check-config reports it
            }
            for (GoTemplate.Reference r : parsed.references()) {
                if (r.key().isEmpty()) {
                    continue;
                }
                if (r.root().equals(".CommonLabels")) {
                    List<Alerts.Shape> reaching = routes.stream().flatMap(u -> u.reaching().stream()).distinct().toList();
                    if (!reaching.isEmpty() && reaching.stream().noneMatch(s -> s.mayCarry(r.key()))) {
                        sink.accept(new Finding(t.spot().at(r.offset()), Check.LABELS_TEMPLATE.defaultSeverity(),
                                Check.LABELS_TEMPLATE, "receiver " + t.receiver() + " reads .CommonLabels." + r.key()
                                + ", which none of the alerts routed to it (" + Alerts.names(reaching) + ") carry, so it"
                                + " renders empty", RoutingChecks.element(t.path()), -1));
                    }
                } else if (r.root().equals(".GroupLabels")) {
                    boolean grouped = routes.stream().anyMatch(u -> u.route().groupBy() == null
                            || u.route().groupBy().contains(r.key()));
                    if (!grouped) {
                        Set<String> groupBy = new TreeSet<>();
                        routes.forEach(u -> groupBy.addAll(u.route().groupBy()));
                        sink.accept(new Finding(t.spot().at(r.offset()), Check.LABELS_TEMPLATE.defaultSeverity(),
                                Check.LABELS_TEMPLATE, "receiver " + t.receiver() + " reads .GroupLabels." + r.key()
                                + ", but the routes to it group by " + (groupBy.isEmpty() ? "nothing" : String.join(", ", groupBy))
                                + ", so it renders empty; add " + r.key() + " to group_by or read .CommonLabels",
                                RoutingChecks.element(t.path()), -1));
                    }
                }
            }
        }
    }
}
