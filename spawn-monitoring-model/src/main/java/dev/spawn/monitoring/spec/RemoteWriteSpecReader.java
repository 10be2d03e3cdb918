package dev.spawn.monitoring.spec;

import dev.spawn.monitoring.model.decl.Section;
import dev.spawn.monitoring.model.prometheus.RemoteWrite;
import dev.spawn.monitoring.model.prometheus.RemoteWritePreset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * One {@code remote_write[]} item, read ({@link SpecDocument.RemoteWriteSpec}). Without {@code preset} it is the
 * remote write as written. With one, the preset's parameters are read first and expanded, and the item's own keys
 * are read onto that expansion, so each of them replaces the preset's ({@code headers} merge by name); the url the
 * item gives gets the engine's path when it has none. Each problem is reported at the key it is about, a missing one
 * at the {@code preset}; all of them in one run.
 */
final class RemoteWriteSpecReader {

    private static final Set<String> PRESET_KEYS = Section.of(RemoteWritePreset.class).names();

    private final SectionReader reader;
    private final SpecProblems problems;

    RemoteWriteSpecReader(SectionReader reader, SpecProblems problems) {
        this.reader = reader;
        this.problems = problems;
    }

    /** The remote write of {@code item}, or empty after reporting why not. */
    Optional<RemoteWrite> read(Node item, String where) {
        Map<String, NodeTuple> entries = reader.entries(item, where);
        if (entries == null) {
            return Optional.empty();
        }
        NodeTuple presetKey = entries.get("preset");
        if (presetKey == null || SectionReader.isNull(presetKey.getValueNode())) {
            Optional<SpecDocument.RemoteWriteSpec> plain = reader.read(SpecDocument.RemoteWriteSpec.class, item, where);
            PRESET_KEYS.stream().filter(k -> !k.equals("preset") && entries.containsKey(k)).forEach(k -> problems.error(
                    entries.get(k).getKeyNode(), "'" + k + "' in " + where + " is a parameter of a preset; expected preset: "
                            + String.join(", ", presets()) + " beside it, or no " + k));
            // a preset's parameter without the preset is reported above; an empty "preset:" is no preset, as any empty key
            return plain.filter(p -> PRESET_KEYS.stream().noneMatch(k -> !k.equals("preset") && entries.containsKey(k)))
                    .map(SpecDocument.RemoteWriteSpec::write);
        }
        int before = problems.errorCount();
        Node presetValue = presetKey.getValueNode();
        Optional<RemoteWritePreset> preset = reader.read(RemoteWritePreset.class, part(item, true), where);
        String url = entries.get("url") != null && entries.get("url").getValueNode() instanceof ScalarNode s
                && !SectionReader.isNull(s) ? s.getValue() : null;
        NodeTuple inlinePassword = entries.get("password");
        if (inlinePassword != null) {
            problems.error(inlinePassword.getKeyNode(), "inline 'password' in " + where + " beside a preset; expected"
                    + " password_file (preset grafana-cloud), a path Prometheus reads the token from, so the token never"
                    + " lands in a generated file");
        }
        preset.ifPresent(p -> p.issues(url).forEach(issue -> problems.error(
                Optional.ofNullable(entries.get(issue.key())).map(NodeTuple::getKeyNode).orElse(presetValue), issue.message())));
        // the item's own keys over the expansion (a sure placeholder where the preset has problems: those are reported)
        RemoteWritePreset parameters = preset.orElse(RemoteWritePreset.victoriaMetrics());
        RemoteWrite base;
        try {
            base = parameters.expand(url == null ? parameters.preset().exampleUrl() : url).build();
        } catch (IllegalArgumentException e) {
            base = RemoteWrite.to(RemoteWritePreset.Kind.VICTORIAMETRICS.exampleUrl());
        }
        Optional<RemoteWrite> read = reader.readOnto(SpecDocument.RemoteWriteSpec.class,
                new SpecDocument.RemoteWriteSpec(parameters, base), part(item, false), where).map(SpecDocument.RemoteWriteSpec::write);
        if (preset.isEmpty() || read.isEmpty() || problems.errorCount() > before) {
            return Optional.empty();
        }
        RemoteWritePreset p = preset.get();
        p.pathWarning(url).ifPresent(w -> problems.warning(entries.get("url").getValueNode(), w));
        RemoteWrite write = read.get().withUrl(p.url(read.get().url()));
        NodeTuple basicAuth = entries.get("basic_auth");
        if (p.preset() == RemoteWritePreset.Kind.GRAFANA_CLOUD && basicAuth != null
                && !(write.http().basicAuth().password() instanceof dev.spawn.monitoring.model.Secret.FromFile)) {
            problems.error(basicAuth.getKeyNode(), "basic_auth beside preset grafana-cloud has no password_file; expected"
                    + " password_file, a path Prometheus reads the access policy token from (or no basic_auth: the preset"
                    + " writes it from username and password_file)");
            return Optional.empty();
        }
        return Optional.of(write);
    }

    /** The node of the url, or of the preset that makes it (amp), for problems the model finds later. */
    static Node urlNode(Map<String, NodeTuple> entries, Node item) {
        return Optional.ofNullable(entries.get("url")).or(() -> Optional.ofNullable(entries.get("preset")))
                .map(NodeTuple::getValueNode).orElse(item);
    }

    private static List<String> presets() {
        return java.util.Arrays.stream(RemoteWritePreset.Kind.values()).map(RemoteWritePreset.Kind::id).toList();
    }

    /** The item with only the preset's keys ({@code presetKeys}) or only the others (an inline password is reported). */
    private static Node part(Node item, boolean presetKeys) {
        MappingNode mapping = (MappingNode) item;
        List<NodeTuple> kept = mapping.getValue().stream().filter(t -> !(t.getKeyNode() instanceof ScalarNode k)
                || (PRESET_KEYS.contains(k.getValue()) == presetKeys && !(k.getValue().equals("password") && !presetKeys)))
                .toList();
        return new MappingNode(mapping.getTag(), kept, mapping.getFlowStyle());
    }
}
