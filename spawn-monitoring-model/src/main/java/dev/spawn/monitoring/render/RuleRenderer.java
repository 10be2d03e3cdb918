package dev.spawn.monitoring.render;

import static dev.spawn.monitoring.render.YamlOutput.put;
import static dev.spawn.monitoring.render.YamlOutput.putMap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spawn.monitoring.model.rules.AlertingRule;
import dev.spawn.monitoring.model.rules.RecordingRule;
import dev.spawn.monitoring.model.rules.Rule;
import dev.spawn.monitoring.model.rules.RuleFile;
import dev.spawn.monitoring.model.rules.RuleGroup;

/** Renders a {@link RuleFile} to the {@code groups:} document Prometheus loads from {@code rule_files}. */
public final class RuleRenderer {

    private RuleRenderer() {
    }

    public static byte[] toBytes(RuleFile file, String source) {
        return YamlOutput.toBytes(render(file), source);
    }

    public static ObjectNode render(RuleFile file) {
        ObjectNode root = YamlOutput.object();
        ArrayNode groups = root.putArray("groups");
        for (RuleGroup group : file.groups()) {
            ObjectNode g = groups.addObject();
            g.put("name", group.name());
            put(g, "interval", group.interval());
            if (group.limit() != null && group.limit() > 0) {
                g.put("limit", group.limit());
            }
            ArrayNode rules = g.putArray("rules");
            group.rules().forEach(rule -> rules.add(rule(rule)));
        }
        return root;
    }

    static ObjectNode rule(Rule rule) {
        ObjectNode n = YamlOutput.object();
        if (rule instanceof AlertingRule a) {
            n.put("alert", a.alert());
            n.put("expr", a.expr());
            if (a.forDuration().millis() > 0) {
                put(n, "for", a.forDuration());
            }
            put(n, "keep_firing_for", a.keepFiringFor());
            putMap(n, "labels", a.labels());
            putMap(n, "annotations", a.annotations());
        } else if (rule instanceof RecordingRule r) {
            n.put("record", r.record());
            n.put("expr", r.expr());
            putMap(n, "labels", r.labels());
        }
        return n;
    }
}
