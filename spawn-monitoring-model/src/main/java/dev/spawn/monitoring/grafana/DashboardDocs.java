package dev.spawn.monitoring.grafana;

import dev.spawn.monitoring.rules.RuleTemplates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** docs/dashboards.md: every dashboard, row and panel with its queries and red lines, from dashboards.md.mustache. */
final class DashboardDocs {

    private static final String TEMPLATE = "dev/spawn/monitoring/grafana/dashboards.md.mustache";

    private DashboardDocs() {
    }

    public static String render(List<Dashboard> dashboards) {
        List<Map<String, Object>> list = new ArrayList<>();
        int panels = 0;
        int queries = 0;
        for (Dashboard dashboard : dashboards) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("title", dashboard.title());
            d.put("path", dashboard.path());
            d.put("uid", dashboard.uid());
            d.put("description", dashboard.description());
            d.put("panelCount", dashboard.panels().size());
            d.put("rowCount", dashboard.rows().size());
            List<Map<String, Object>> variables = new ArrayList<>();
            for (int i = 0; i < dashboard.variables().size(); i++) {
                Variable v = dashboard.variables().get(i);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", v.name());
                m.put("label", v.label());
                m.put("query", v.kind() == Variable.Kind.QUERY ? v.query() : "");
                m.put("multi", v.multi());
                m.put("last", i == dashboard.variables().size() - 1);
                variables.add(m);
            }
            d.put("variables", variables);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Row row : dashboard.rows()) {
                List<Map<String, Object>> rowPanels = new ArrayList<>();
                for (Panel panel : row.panels()) {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("title", panel.title());
                    p.put("type", panel.type());
                    p.put("unit", panel.unit());
                    p.put("description", panel.describe());
                    p.put("targets", panel.targets().stream().map(t -> Map.of("expr", t.expr(), "legend", t.legendFormat())).toList());
                    rowPanels.add(p);
                    queries += panel.targets().size();
                }
                rows.add(Map.of("title", row.title(), "panels", rowPanels));
            }
            d.put("rows", rows);
            panels += dashboard.panels().size();
            list.add(d);
        }
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("count", dashboards.size());
        scope.put("panels", panels);
        scope.put("queries", queries);
        scope.put("dashboards", list);
        return RuleTemplates.renderResource(TEMPLATE, scope);
    }
}
