package dev.spawn.monitoring.grafana;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;
import java.util.List;

/**
 * Writes a {@link Dashboard} as Grafana's dashboard JSON model (schema version 38, Grafana 10):
 * every object's keys sorted (the tree is built of sorted objects), as Grafana's own export does, two-space indentation, {@code \n} line
 * ends and a final newline, so the same dashboard gives the same bytes everywhere. Panels and targets
 * name the data source {@code ${datasource}}; the variable defaults to the provisioned one.
 */
final class DashboardJson {

    static final int SCHEMA_VERSION = 38;

    private DashboardJson() {
    }

    public static byte[] toBytes(Dashboard dashboard, String datasourceUid) {
        return (PrettyJson.write(tree(dashboard, datasourceUid)) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static ObjectNode tree(Dashboard dashboard, String datasourceUid) {
        ObjectNode root = object();
        ObjectNode annotations = root.putObject("annotations");
        ObjectNode builtIn = annotations.putArray("list").addObject();
        builtIn.put("builtIn", 1);
        builtIn.set("datasource", object().put("type", "grafana").put("uid", "-- Grafana --"));
        builtIn.put("enable", true);
        builtIn.put("hide", true);
        builtIn.put("iconColor", "rgba(0, 211, 255, 1)");
        builtIn.put("name", "Annotations & Alerts");
        builtIn.put("type", "dashboard");
        root.put("description", dashboard.description());
        root.put("editable", false);
        root.put("graphTooltip", 1);
        root.putNull("id");
        root.putArray("links");
        ArrayNode panels = root.putArray("panels");
        for (Row row : dashboard.rows()) {
            ObjectNode r = panels.addObject();
            r.put("collapsed", false);
            r.set("gridPos", gridPos(row.gridPos()));
            r.put("id", row.id());
            r.putArray("panels");
            r.put("title", row.title());
            r.put("type", "row");
            row.panels().forEach(p -> panels.add(panel(p)));
        }
        root.put("refresh", "1m");
        root.put("schemaVersion", SCHEMA_VERSION);
        ArrayNode tags = root.putArray("tags");
        dashboard.tags().forEach(tags::add);
        ArrayNode variables = root.putObject("templating").putArray("list");
        dashboard.variables().forEach(v -> variables.add(variable(v, datasourceUid)));
        root.set("time", object().put("from", "now-6h").put("to", "now"));
        root.putObject("timepicker");
        root.put("timezone", "utc");
        root.put("title", dashboard.title());
        root.put("uid", dashboard.uid());
        root.put("version", 1);
        return root;
    }

    private static ObjectNode panel(Panel panel) {
        ObjectNode p = object();
        p.set("datasource", datasource());
        if (!panel.describe().isEmpty()) {
            p.put("description", panel.describe());
        }
        ObjectNode defaults = object();
        defaults.set("color", object().put("mode", panel instanceof Panel.TimeSeries || panel instanceof Panel.PieChart
                ? "palette-classic" : "thresholds"));
        ObjectNode custom = custom(panel);
        if (custom != null) {
            defaults.set("custom", custom);
        }
        if (panel instanceof Panel.Gauge g) {
            number(defaults, "min", g.min());
            number(defaults, "max", g.max());
        }
        defaults.set("thresholds", thresholds(panel.thresholds()));
        defaults.put("unit", panel.unit());
        ObjectNode fieldConfig = p.putObject("fieldConfig");
        fieldConfig.set("defaults", defaults);
        fieldConfig.putArray("overrides");
        p.set("gridPos", gridPos(panel.gridPos()));
        p.put("id", panel.id());
        p.set("options", options(panel));
        ArrayNode targets = p.putArray("targets");
        for (Target t : panel.targets()) {
            ObjectNode target = targets.addObject();
            target.set("datasource", datasource());
            target.put("editorMode", "code");
            target.put("expr", t.expr());
            if (panel instanceof Panel.Table) {
                target.put("format", "table");
            }
            target.put("instant", t.instant());
            target.put("legendFormat", t.legendFormat().isEmpty() ? "__auto" : t.legendFormat());
            target.put("range", !t.instant());
            target.put("refId", t.refId());
        }
        p.put("title", panel.title());
        p.put("type", panel.type());
        return p;
    }

    /** Kind-specific field settings: thresholds drawn as lines on time series, coloured cells in tables. */
    private static ObjectNode custom(Panel panel) {
        if (panel instanceof Panel.TimeSeries) {
            ObjectNode custom = object();
            custom.put("drawStyle", "line");
            custom.put("fillOpacity", 10);
            custom.put("lineWidth", 1);
            custom.put("showPoints", "never");
            custom.set("thresholdsStyle", object().put("mode", panel.thresholds() == null ? "off" : "line"));
            return custom;
        }
        if (panel instanceof Panel.Table) {
            ObjectNode custom = object();
            custom.put("align", "auto");
            custom.set("cellOptions", object().put("type", panel.thresholds() == null ? "auto" : "color-text"));
            return custom;
        }
        return null;
    }

    private static ObjectNode options(Panel panel) {
        ObjectNode o = object();
        if (panel instanceof Panel.Stat) {
            o.put("colorMode", "value");
            o.put("graphMode", "area");
            o.put("justifyMode", "auto");
            o.put("orientation", "auto");
            o.set("reduceOptions", reduce());
            o.put("textMode", "auto");
        } else if (panel instanceof Panel.Gauge) {
            o.put("orientation", "auto");
            o.set("reduceOptions", reduce());
            o.put("showThresholdLabels", false);
            o.put("showThresholdMarkers", true);
        } else if (panel instanceof Panel.PieChart) {
            ObjectNode legend = object().put("displayMode", "table").put("placement", "right").put("showLegend", true);
            legend.putArray("values").add("value").add("percent");
            o.set("legend", legend);
            o.put("pieType", "pie");
            o.set("reduceOptions", reduce());
            o.set("tooltip", object().put("mode", "single"));
        } else if (panel instanceof Panel.TimeSeries) {
            o.set("legend", object().put("displayMode", "list").put("placement", "bottom").put("showLegend", true));
            o.set("tooltip", object().put("mode", "multi").put("sort", "desc"));
        } else if (panel instanceof Panel.Table) {
            o.put("cellHeight", "sm");
            o.put("showHeader", true);
        }
        return o;
    }

    private static ObjectNode reduce() {
        ObjectNode r = object();
        r.putArray("calcs").add("lastNotNull");
        r.put("fields", "");
        r.put("values", false);
        return r;
    }

    private static ObjectNode thresholds(Thresholds thresholds) {
        ObjectNode t = object();
        t.put("mode", "absolute");
        ArrayNode steps = t.putArray("steps");
        List<Thresholds.Step> list = thresholds == null ? List.of(new Thresholds.Step("green", null)) : thresholds.steps();
        for (Thresholds.Step step : list) {
            ObjectNode s = steps.addObject();
            s.put("color", step.color());
            if (step.value() == null) {
                s.putNull("value");
            } else {
                number(s, "value", step.value());
            }
        }
        return t;
    }

    private static ObjectNode variable(Variable v, String datasourceUid) {
        ObjectNode node = object();
        if (v.kind() == Variable.Kind.DATASOURCE) {
            node.set("current", object().put("selected", false).put("text", datasourceUid).put("value", datasourceUid));
            node.put("hide", 0);
            node.put("includeAll", false);
            node.put("label", v.label());
            node.put("multi", false);
            node.put("name", v.name());
            node.putArray("options");
            node.put("query", v.query());
            node.put("refresh", 1);
            node.put("regex", "");
            node.put("type", "datasource");
            return node;
        }
        if (v.includeAll()) {
            node.put("allValue", ".*");
        }
        node.putObject("current");
        node.set("datasource", datasource());
        node.put("definition", v.query());
        node.put("hide", 0);
        node.put("includeAll", v.includeAll());
        node.put("label", v.label());
        node.put("multi", v.multi());
        node.put("name", v.name());
        node.putArray("options");
        node.set("query", object().put("query", v.query()).put("refId", "PrometheusVariableQueryEditor-VariableQuery"));
        node.put("refresh", 2);
        node.put("regex", "");
        node.put("sort", 1);
        node.put("type", "query");
        return node;
    }

    private static ObjectNode gridPos(GridPos pos) {
        return object().put("h", pos.h()).put("w", pos.w()).put("x", pos.x()).put("y", pos.y());
    }

    private static ObjectNode datasource() {
        return object().put("type", "prometheus").put("uid", "${datasource}");
    }

    /** Whole numbers as integers ({@code 5}, not {@code 5.0}), the rest as decimals. */
    private static void number(ObjectNode node, String key, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            node.put(key, (long) value);
        } else {
            node.put(key, value);
        }
    }

    /** Objects whose keys iterate in sorted order, so the tree is written sorted as it is built. */
    private static final JsonNodeFactory SORTED = new JsonNodeFactory(false) {
        private static final long serialVersionUID = 1L;

        @Override
        public ObjectNode objectNode() {
            return new ObjectNode(this, new TreeMap<>());
        }
    };

    private static ObjectNode object() {
        return SORTED.objectNode();
    }
}
