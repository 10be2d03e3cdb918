package dev.spawn.monitoring.lint;

import dev.spawn.monitoring.model.Matcher;
import dev.spawn.monitoring.model.prometheus.RelabelConfig;
import dev.spawn.monitoring.promql.Labels;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The label sets alerts reach Alertmanager with, as far as the rules tell: per alerting rule, the labels with a
 * value known in advance (alertname, the rule's own labels, the external labels) and those its expression
 * certainly or possibly carries (value unknown). A matcher is satisfiable by an alert when some label set the
 * alert can have passes it.
 */
record Alerts(List<Shape> shapes) {

    /** One alerting rule's alerts: labels of known value, and the expression's labels (values unknown). */
    record Shape(String alertname, Map<String, String> fixed, Labels expression) {

        /** Whether the alert can carry {@code label} at all. */
        boolean mayCarry(String label) {
            return fixed.containsKey(label) && !fixed.get(label).isEmpty() || expression.possibly(label);
        }

        /** Whether some alert of this rule can pass {@code m} (a missing label is the empty value, as in Alertmanager). */
        boolean canMatch(Matcher m) {
            String value = fixed.get(m.name());
            if (value != null) {
                return m.matches(Map.of(m.name(), value));
            }
            boolean absentPasses = m.matches(Map.of());
            if (!expression.possibly(m.name())) {
                return absentPasses;
            }
            if (expression.certainly(m.name())) {
                return m.op() != Matcher.Op.EQ || !m.value().isEmpty(); // some value, unknown which
            }
            return true;
        }

        boolean canMatchAll(Collection<Matcher> matchers) {
            return matchers.stream().allMatch(this::canMatch);
        }
    }

    /**
     * The shape of one rule's alerts: its expression's labels without {@code __name__}, its own labels (a
     * templated one of unknown value), alertname, the external labels it does not set itself, then the alert
     * relabelling's labeldrop/labelkeep and replace targets.
     */
    static Shape shape(String alertname, Labels expression, Map<String, String> ruleLabels, Map<String, String> external,
            List<RelabelConfig> relabel) {
        Map<String, String> fixed = new LinkedHashMap<>();
        Set<String> templated = new TreeSet<>();
        ruleLabels.forEach((k, v) -> {
            if (v.contains("{{")) {
                templated.add(k);
            } else {
                fixed.put(k, v);
            }
        });
        Labels own = expression.minus(List.of("__name__")).minus(fixed.keySet()).plus(templated);
        fixed.put("alertname", alertname);
        external.forEach((k, v) -> {
            if (!fixed.containsKey(k) && !own.certainly(k)) {
                fixed.put(k, v);
            }
        });
        Labels expr = own;
        for (RelabelConfig r : relabel) {
            RelabelConfig.Action action = r.action() == null ? RelabelConfig.Action.REPLACE : r.action();
            if (action == RelabelConfig.Action.LABELDROP || action == RelabelConfig.Action.LABELKEEP) {
                var p = com.google.re2j.Pattern.compile("^(?:" + (r.regex() == null ? "(.*)" : r.regex()) + ")$");
                boolean drop = action == RelabelConfig.Action.LABELDROP;
                fixed.keySet().removeIf(k -> p.matcher(k).matches() == drop);
                Set<String> gone = new TreeSet<>();
                expr.possible().forEach(k -> {
                    if (p.matcher(k).matches() == drop) {
                        gone.add(k);
                    }
                });
                expr = expr.minus(gone);
            } else if (action == RelabelConfig.Action.REPLACE && r.targetLabel() != null) {
                fixed.remove(r.targetLabel());
                expr = expr.withUncertain(r.targetLabel());
            }
        }
        return new Shape(alertname, Map.copyOf(fixed), expr);
    }

    List<Shape> matching(Collection<Matcher> matchers) {
        return shapes.stream().filter(s -> s.canMatchAll(matchers)).toList();
    }

    static String names(List<Shape> shapes) {
        List<String> names = shapes.stream().map(Shape::alertname).distinct().sorted().toList();
        return names.size() <= 4 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 4)) + " and " + (names.size() - 4) + " more";
    }
}
