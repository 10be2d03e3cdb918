package dev.spawn.monitoring.rules;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.rules.AlertingRule;
import dev.spawn.monitoring.model.rules.RecordingRule;
import dev.spawn.monitoring.model.rules.Rule;
import dev.spawn.monitoring.model.rules.RuleFile;
import dev.spawn.monitoring.model.rules.RuleGroup;
import dev.spawn.monitoring.render.YamlOutput;

/**
 * A {@link RuleFile} as the YAML Prometheus loads ({@code groups:}, keys in the order of the
 * Prometheus recording/alerting rule documentation). The rules package needs the bytes to run
 * promtool over generated tests; a bundle renderer may call this as well.
 */
public final class RuleFileYaml {

    private RuleFileYaml() {
    }

    public static ObjectNode tree(RuleFile file) {
        ObjectNode root = YamlOutput.object();
        ArrayNode groups = root.putArray("groups");
        for (RuleGroup group : file.groups()) {
            ObjectNode g = groups.addObject();
            g.put("name", group.name());
            YamlOutput.put(g, "interval", group.interval());
            ArrayNode rules = g.putArray("rules");
            for (Rule rule : group.rules()) {
                rules.add(rule(rule));
            }
        }
        return root;
    }

    public static byte[] toBytes(RuleFile file, String source) {
        return YamlOutput.toBytes(tree(file), source);
    }

    private static ObjectNode rule(Rule rule) {
        ObjectNode r = YamlOutput.object();
        // Java 17 has no pattern switch; Rule is sealed to exactly these two
        if (rule instanceof AlertingRule a) {
            r.put("alert", a.alert());
            r.put("expr", a.expr());
            if (!a.forDuration().equals(Duration.ZERO)) {
                YamlOutput.put(r, "for", a.forDuration());
            }
            YamlOutput.put(r, "keep_firing_for", a.keepFiringFor());
            YamlOutput.putMap(r, "labels", a.labels());
            YamlOutput.putMap(r, "annotations", a.annotations());
        } else if (rule instanceof RecordingRule rec) {
            r.put("record", rec.record());
            r.put("expr", rec.expr());
            YamlOutput.putMap(r, "labels", rec.labels());
        }
        return r;
    }
}
