package dev.spawn.monitoring.grafana;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spawn.monitoring.model.decl.Internal;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.render.YamlOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every query of a set of dashboards, its variables replaced by their sample values, as one rules file
 * of recording rules ({@code spawn_dashboard_query_1}, ...) so that one {@code promtool check rules}
 * parses them all; promtool's messages are traced back to the dashboard, panel and query (or
 * variable) by the rule's position. The file is a check's scratch, never part of the bundle.
 */
@Internal
public final class DashboardQueries {

    public static final String FILE = "dashboard-queries.yaml";
    static final String GROUP = "spawn-dashboard-queries";

    private static final Pattern RULE_ERROR = Pattern.compile(
            "^\\S+?:(?: \\d+:\\d+:)? group \"" + GROUP + "\", rule (?<index>\\d+), \"[^\"]*\": (?<message>.*)$");

    /** One query: where it is, as written and as promtool sees it. */
    public record Query(String location, String expr, String substituted) {
    }

    private final List<Query> queries;

    private DashboardQueries(List<Query> queries) {
        this.queries = List.copyOf(queries);
    }

    /** The panel queries and the selectors of query variables; a query using an undefined variable is left out (DashboardCheck reports it). */
    public static DashboardQueries of(List<Dashboard> dashboards) {
        List<Query> queries = new ArrayList<>();
        for (Dashboard dashboard : dashboards) {
            Map<String, Variable> variables = new LinkedHashMap<>();
            dashboard.variables().forEach(v -> variables.put(v.name(), v));
            for (Panel panel : dashboard.panels()) {
                for (Target target : panel.targets()) {
                    DashboardCheck.substitute(target.expr(), variables, "", new ArrayList<>()).ifPresent(q ->
                            queries.add(new Query(DashboardCheck.where(dashboard, panel, target), target.expr(), q)));
                }
            }
        }
        return new DashboardQueries(queries);
    }

    public List<Query> queries() {
        return queries;
    }

    public int size() {
        return queries.size();
    }

    /** The rules file promtool checks. */
    public byte[] ruleFile() {
        ObjectNode root = YamlOutput.object();
        ObjectNode group = root.putArray("groups").addObject();
        group.put("name", GROUP);
        ArrayNode rules = group.putArray("rules");
        for (int i = 0; i < queries.size(); i++) {
            rules.addObject().put("record", "spawn_dashboard_query_" + (i + 1)).put("expr", queries.get(i).substituted());
        }
        return YamlOutput.toBytes(root, "dashboard queries");
    }

    /** promtool's output as problems at the queries it names; lines that name no query are left to the caller. */
    public List<Problem> problems(String promtoolOutput) {
        List<Problem> problems = new ArrayList<>();
        for (String line : promtoolOutput.lines().toList()) {
            Matcher m = RULE_ERROR.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            int index = Integer.parseInt(m.group("index")) - 1;
            if (index >= 0 && index < queries.size()) {
                Query q = queries.get(index);
                // promtool's line:col count in the query as it saw it, with the sample values put in
                problems.add(Problem.error(q.location(), "promtool: " + m.group("message") + " in: " + q.expr()
                        + (q.substituted().equals(q.expr()) ? "" : " (parsed as: " + q.substituted() + ")")));
            }
        }
        return problems;
    }
}
