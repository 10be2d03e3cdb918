package dev.spawn.monitoring.spec;

import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.model.ScaleOut;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The {@code scale_out:} section, read. The checks that span keys (a ruler only with the victoriametrics
 * engine, which needs one; at least one shard) run on the nodes first, so each is reported at the key it is
 * about rather than at the section; the rest is the declared {@link ScaleOut} read as usual.
 */
final class ScaleOutSpec {

    private ScaleOutSpec() {
    }

    static void read(SpawnMonitoring monitoring, Node node, SectionReader reader, SpecProblems problems) {
        problems.element("scale_out", node);
        Map<String, NodeTuple> entries = reader.entries(node, "scale_out");
        if (entries == null) {
            return;
        }
        boolean victoria = entries.containsKey("engine") && entries.get("engine").getValueNode() instanceof ScalarNode e
                && e.getValue().equals(ScaleOut.Engine.VICTORIAMETRICS.id());
        int before = problems.errorCount();
        NodeTuple shards = entries.get("shards");
        if (shards != null && shards.getValueNode() instanceof SequenceNode list && list.getValue().isEmpty()) {
            problems.error(list, ScaleOut.NO_SHARDS);
        }
        NodeTuple global = entries.get("global");
        Map<String, NodeTuple> globalEntries = global == null ? null : reader.entries(global.getValueNode(), "scale_out.global");
        NodeTuple ruler = globalEntries == null ? null : globalEntries.get("ruler");
        if (ruler != null && !victoria) {
            problems.error(ruler.getKeyNode(), ScaleOut.RULER_ONLY_WITH_VM);
        } else if (ruler == null && victoria && global != null) {
            problems.error(global.getKeyNode(), ScaleOut.VM_NEEDS_RULER);
        }
        if (!victoria && shards != null && shards.getValueNode() instanceof SequenceNode list) {
            for (Node shard : list.getValue()) {
                if (shard instanceof MappingNode m) {
                    m.getValue().stream().filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("replicas"))
                            .forEach(t -> problems.error(t.getKeyNode(), ScaleOut.REPLICAS_ONLY_WITH_VM));
                }
            }
        }
        if (problems.errorCount() == before) {
            reader.read(ScaleOut.class, node, "scale_out").ifPresent(monitoring::scaleOut);
            return;
        }
        // the parts are still read, so a wrong address beside a misplaced ruler is reported in the same run
        if (shards != null && shards.getValueNode() instanceof SequenceNode list) {
            for (int i = 0; i < list.getValue().size(); i++) {
                reader.read(ScaleOut.Shard.class, list.getValue().get(i), "scale_out.shards[" + i + "]");
            }
        }
        if (global != null) {
            reader.read(ScaleOut.Global.class, without(global.getValueNode(), "ruler"), "scale_out.global");
        }
    }

    /** The mapping {@code node} without {@code key} (reported already). */
    private static Node without(Node node, String key) {
        if (!(node instanceof MappingNode mapping)) {
            return node;
        }
        List<NodeTuple> kept = mapping.getValue().stream()
                .filter(t -> !(t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key))).toList();
        return new MappingNode(mapping.getTag(), kept, mapping.getFlowStyle());
    }
}
