package dev.spawn.monitoring.grafana;

import dev.spawn.monitoring.model.DidYouMean;
import dev.spawn.monitoring.model.decl.Internal;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.rules.MetricCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks a dashboard must pass before it is written, every problem collected: what Grafana needs
 * of its structure (panel ids unique, every panel inside the 24 columns and overlapping no other,
 * every variable a query uses defined, units Grafana knows) and what the metric catalogue says of
 * its queries ({@link QueryLint}, run on each query with the variables' sample values put in).
 * promtool's parse of the same queries is {@link DashboardQueries}.
 */
@Internal
public final class DashboardCheck {

    /** Grafana's own variables and the value the checks give each. */
    static final Map<String, String> BUILT_INS = builtIns();

    /** {@code $name}, {@code ${name}}, {@code ${name:format}} and {@code [[name]]}; not {@code $1} (a label_replace group). */
    private static final Pattern VARIABLE = Pattern.compile(
            "\\$\\{([a-zA-Z_][a-zA-Z0-9_]*)(?::[a-z]+)?}|\\$([a-zA-Z_][a-zA-Z0-9_]*)|\\[\\[([a-zA-Z_][a-zA-Z0-9_]*)]]");

    private DashboardCheck() {
    }

    private static Map<String, String> builtIns() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("__interval", "1m");
        values.put("__interval_ms", "60000");
        values.put("__rate_interval", "4m");
        values.put("__range", "6h");
        values.put("__range_s", "21600");
        values.put("__range_ms", "21600000");
        return values;
    }

    /** Every problem of these dashboards: each one's own, then names and uids used twice. */
    public static List<Problem> check(List<Dashboard> dashboards, MetricCatalog catalog) {
        return check(dashboards, catalog, Set.of());
    }

    /** As {@link #check(List, MetricCatalog)}, with the labels the bundle's alerting rules set known on {@code ALERTS}. */
    public static List<Problem> check(List<Dashboard> dashboards, MetricCatalog catalog, Set<String> alertLabels) {
        List<Problem> problems = new ArrayList<>();
        QueryLint lint = new QueryLint(catalog, alertLabels);
        Set<String> names = new TreeSet<>();
        for (Dashboard dashboard : dashboards) {
            if (!names.add(dashboard.name())) {
                problems.add(Problem.error(where(dashboard), "a second dashboard named '" + dashboard.name()
                        + "'; expected each dashboard (file and uid) once"));
            }
            problems.addAll(check(dashboard, lint));
        }
        return problems;
    }

    static List<Problem> check(Dashboard dashboard, QueryLint lint) {
        List<Problem> problems = new ArrayList<>();
        structure(dashboard, problems);
        Map<String, Variable> variables = new LinkedHashMap<>();
        for (Variable v : dashboard.variables()) {
            if (variables.put(v.name(), v) != null) {
                problems.add(Problem.error(where(dashboard) + ", variable " + v.name(), "variable '" + v.name()
                        + "' is defined twice"));
            }
        }
        if (!dashboard.panels().isEmpty() && variables.values().stream().noneMatch(v -> v.kind() == Variable.Kind.DATASOURCE)) {
            problems.add(Problem.error(where(dashboard), "no datasource variable; every panel queries ${datasource},"
                    + " expected Variable.datasource() among the variables"));
        }
        for (Variable v : dashboard.variables()) {
            if (v.kind() == Variable.Kind.QUERY) {
                String at = where(dashboard) + ", variable " + v.name();
                substitute(v.query(), variables, at, problems).flatMap(DashboardCheck::labelValuesSelector).ifPresent(selector ->
                        lint.check(selector).forEach(f -> problems.add(Problem.error(at, f + " (in " + v.query() + ")"))));
            }
        }
        for (Panel panel : dashboard.panels()) {
            if (!Units.isKnown(panel.unit())) {
                problems.add(Problem.error(where(dashboard, panel), "unit '" + panel.unit() + "' is not a Grafana unit"
                        + DidYouMean.hint(panel.unit(), Units.known().keySet())));
            }
            Set<String> refIds = new TreeSet<>();
            for (Target target : panel.targets()) {
                String at = where(dashboard, panel, target);
                if (!refIds.add(target.refId())) {
                    problems.add(Problem.error(at, "refId " + target.refId() + " is used twice in the panel"));
                }
                substitute(target.expr(), variables, at, problems).ifPresent(query ->
                        lint.check(query).forEach(f -> problems.add(Problem.error(at, f + " in: " + target.expr()))));
            }
        }
        return problems;
    }

    private static void structure(Dashboard dashboard, List<Problem> problems) {
        Map<Integer, String> ids = new HashMap<>();
        List<Map.Entry<String, GridPos>> placed = new ArrayList<>();
        for (Row row : dashboard.rows()) {
            String rowAt = where(dashboard) + ", row " + row.id() + " '" + row.title() + "'";
            id(ids, row.id(), rowAt, problems);
            placed.add(Map.entry(rowAt, row.gridPos()));
            for (Panel panel : row.panels()) {
                String at = where(dashboard, panel);
                id(ids, panel.id(), at, problems);
                if (panel.gridPos().right() > GridPos.COLUMNS) {
                    problems.add(Problem.error(at, "gridPos " + panel.gridPos() + " ends at column " + panel.gridPos().right()
                            + "; expected x + w of at most " + GridPos.COLUMNS));
                }
                if (panel.gridPos().y() <= row.y()) {
                    problems.add(Problem.error(at, "gridPos " + panel.gridPos() + " is not below its row '" + row.title()
                            + "' at y=" + row.y()));
                }
                placed.add(Map.entry(at, panel.gridPos()));
            }
        }
        for (int i = 0; i < placed.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (placed.get(i).getValue().overlaps(placed.get(j).getValue())) {
                    problems.add(Problem.error(placed.get(i).getKey(), "gridPos " + placed.get(i).getValue() + " overlaps "
                            + placed.get(j).getKey() + " at " + placed.get(j).getValue()));
                }
            }
        }
    }

    private static void id(Map<Integer, String> ids, int id, String at, List<Problem> problems) {
        String first = ids.putIfAbsent(id, at);
        if (first != null) {
            problems.add(Problem.error(at, "panel id " + id + " is already taken by " + first + "; expected unique ids"));
        }
    }

    /**
     * The query with each variable replaced by its sample value (Grafana's own by a fixed duration);
     * empty, with a problem, when it uses a variable the dashboard does not define.
     */
    static java.util.Optional<String> substitute(String query, Map<String, Variable> variables, String at,
            List<Problem> problems) {
        Matcher m = VARIABLE.matcher(query);
        StringBuilder out = new StringBuilder();
        boolean ok = true;
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String value = BUILT_INS.get(name);
            if (value == null && variables.containsKey(name)) {
                value = variables.get(name).sample();
            }
            if (value == null) {
                ok = false;
                List<String> known = new ArrayList<>(variables.keySet());
                if (name.startsWith("__")) {
                    known = new ArrayList<>(BUILT_INS.keySet());
                }
                problems.add(Problem.error(at, "variable $" + name + " is not defined" + DidYouMean.hint(name, known)
                        + " in: " + query));
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return ok ? java.util.Optional.of(out.toString()) : java.util.Optional.empty();
    }

    /** The series selector of {@code label_values(selector, label)}, checked as a query {@code count by (label) (selector)}. */
    private static java.util.Optional<String> labelValuesSelector(String query) {
        Matcher m = Pattern.compile("label_values\\((.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)").matcher(query.strip());
        return m.matches() ? java.util.Optional.of("count by (" + m.group(2) + ") (" + m.group(1) + ")") : java.util.Optional.empty();
    }

    static String where(Dashboard dashboard) {
        return "dashboard " + dashboard.name();
    }

    static String where(Dashboard dashboard, Panel panel) {
        return where(dashboard) + ", panel " + panel.id() + " '" + panel.title() + "'";
    }

    static String where(Dashboard dashboard, Panel panel, Target target) {
        return where(dashboard, panel) + ", query " + target.refId();
    }
}
