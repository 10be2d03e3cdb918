package dev.spawn.monitoring.spec;

import dev.spawn.monitoring.model.alertmanager.AlertmanagerConfig;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerGlobal;
import dev.spawn.monitoring.model.alertmanager.InhibitRule;
import dev.spawn.monitoring.model.alertmanager.Receiver;
import dev.spawn.monitoring.model.alertmanager.SpawnAlertmanagerDefaults;
import dev.spawn.monitoring.model.alertmanager.WebhookConfig;
import dev.spawn.monitoring.model.decl.Section;
import dev.spawn.monitoring.validate.AlertmanagerValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The {@code alertmanager.yml} half of {@code spawn:import}: the file read with the model's declarations, and the
 * spec's {@code alertmanager:} section that says only what differs from {@link SpawnAlertmanagerDefaults}, such that
 * the generated Alertmanager routes and inhibits every alert as the original did. The spec reader lays
 * {@code global} over the defaults key by key, replaces the routing tree with {@code route} and the inhibitions with
 * {@code inhibit_rules}, and adds {@code receivers} to spawn's webhook receiver (one of its name replaces it).
 */
final class AlertmanagerImport {

    private final SectionReader reader;
    private final SpecProblems problems;

    AlertmanagerImport(SectionReader reader, SpecProblems problems) {
        this.reader = reader;
        this.problems = problems;
    }

    /** The file as a model (null after its problems are reported), with each deprecated key noted at its line. */
    AlertmanagerConfig read(Node root) {
        Map<String, NodeTuple> entries = reader.entries(root, "");
        if (entries == null) {
            return null;
        }
        Optional<AlertmanagerConfig> config = reader.read(AlertmanagerConfig.class, root, "");
        if (entries.containsKey("mute_time_intervals")) {
            problems.warning(entries.get("mute_time_intervals").getKeyNode(), "deprecated top-level 'mute_time_intervals'"
                    + " (same meaning as time_intervals in Alertmanager 0.25): written as alertmanager.time_intervals");
        }
        NodeTuple route = entries.get("route");
        if (route != null) {
            deprecatedMatch(route.getValueNode(), "route");
        }
        NodeTuple inhibit = entries.get("inhibit_rules");
        if (inhibit != null && inhibit.getValueNode() instanceof SequenceNode rules) {
            for (int i = 0; i < rules.getValue().size(); i++) {
                deprecatedMatch(rules.getValue().get(i), "inhibit_rules[" + i + "]");
            }
        }
        config.ifPresent(c -> validate(c, entries));
        return config.orElse(null);
    }

    /**
     * The model's checks that span the file (receivers a route names, settings a receiver takes from global, URLs),
     * as amtool and generating from the spec would make them, placed at the file's lines.
     */
    private void validate(AlertmanagerConfig config, Map<String, NodeTuple> entries) {
        Optional.ofNullable(entries.get("global")).map(NodeTuple::getValueNode).ifPresent(g -> {
            problems.element("alertmanager.global", g);
            Optional.ofNullable(reader.entries(g, "global")).ifPresent(keys -> keys.forEach((key, tuple) ->
                    problems.element("alertmanager.global." + key, tuple.getValueNode())));
        });
        Optional.ofNullable(entries.get("route")).ifPresent(r -> route(r.getValueNode(), "alertmanager.route"));
        for (Node at : items(entries.get("receivers"))) {
            Map<String, NodeTuple> keys = reader.entries(at, "receivers");
            if (keys == null || !(keys.get("name") != null && keys.get("name").getValueNode() instanceof ScalarNode name)) {
                continue;
            }
            String element = "alertmanager.receivers[" + name.getValue() + "]";
            problems.element(element, name);
            keys.forEach((key, tuple) -> {
                List<Node> configs = items(tuple);
                for (int j = 0; j < configs.size(); j++) {
                    problems.element(element + "." + key + "[" + j + "]", configs.get(j));
                }
            });
        }
        List<Node> inhibitions = items(entries.get("inhibit_rules"));
        for (int i = 0; i < inhibitions.size(); i++) {
            problems.element("alertmanager.inhibit_rules[" + i + "]", inhibitions.get(i));
        }
        AlertmanagerValidator.validate(config).forEach(p -> problems.add(problems.place(p)));
    }

    /** A route and its children, each at its receiver (or its mapping when it names none), as the spec reader places them. */
    private void route(Node route, String element) {
        Map<String, NodeTuple> keys = reader.entries(route, "route");
        if (keys == null) {
            return;
        }
        problems.element(element, Optional.ofNullable(keys.get("receiver")).map(NodeTuple::getValueNode).orElse(route));
        List<Node> children = items(keys.get("routes"));
        for (int i = 0; i < children.size(); i++) {
            route(children.get(i), element + ".routes[" + i + "]");
        }
    }

    private static List<Node> items(NodeTuple tuple) {
        return tuple != null && tuple.getValueNode() instanceof SequenceNode seq ? seq.getValue() : List.of();
    }

    /** A route and its children, or an inhibition: each deprecated matcher map is noted where it is written. */
    private void deprecatedMatch(Node node, String where) {
        Map<String, NodeTuple> entries = reader.entries(node, where);
        if (entries == null) {
            return;
        }
        entries.forEach((key, tuple) -> {
            if (SpecReader.DEPRECATED_MATCH.containsKey(key)) {
                problems.warning(tuple.getKeyNode(), "deprecated '" + key + "' in " + where + ": converted to "
                        + SpecReader.DEPRECATED_MATCH.get(key) + " (same meaning, every matcher must hold), as the spec writes it");
            }
        });
        NodeTuple children = entries.get("routes");
        if (children != null && children.getValueNode() instanceof SequenceNode seq) {
            for (int i = 0; i < seq.getValue().size(); i++) {
                deprecatedMatch(seq.getValue().get(i), where + ".routes[" + i + "]");
            }
        }
    }

    /**
     * The spec's {@code alertmanager:} section for {@code user}, or null when it is spawn's default setup. An
     * {@code inhibit_rules} of an empty list says something (no inhibition at all) and is kept so by the caller.
     */
    SpecDocument.AlertmanagerSpec spec(AlertmanagerConfig user, Node root) {
        AlertmanagerConfig spawn = SpawnAlertmanagerDefaults.config();
        Map<String, NodeTuple> entries = reader.entries(root, "");
        AlertmanagerGlobal global = global(user.global(), spawn.global(), entries.containsKey("global")
                ? entries.get("global").getKeyNode() : root);
        Receiver webhook = spawn.receiver(SpawnAlertmanagerDefaults.WEBHOOK_RECEIVER).orElseThrow();
        List<SpecDocument.ReceiverSpec> receivers = new ArrayList<>();
        String webhookUrl = null;
        for (Receiver r : user.receivers()) {
            Optional<String> url = spawnWebhookUrl(r);
            if (url.isPresent()) {
                // spawn's bridge at another address is the shorthand's job; at spawn's address it is left out
                webhookUrl = url.get().equals(SpawnAlertmanagerDefaults.WEBHOOK_URL) ? null : url.get();
            } else {
                receivers.add(new SpecDocument.ReceiverSpec(r, null, null, null, null, null));
            }
        }
        if (user.receiver(webhook.name()).isEmpty()) {
            problems.warning(entries.containsKey("receivers") ? entries.get("receivers").getKeyNode() : root,
                    "the generated alertmanager.yaml also has spawn's receiver '" + webhook.name() + "' (the webhook bridge"
                    + " at " + SpawnAlertmanagerDefaults.WEBHOOK_URL + "), which this file does not define; no route of this"
                    + " file sends to it, so it receives nothing");
        }
        for (String template : user.templates()) {
            if (!template.startsWith("/")) {
                problems.warning(entries.get("templates").getKeyNode(), "template path '" + template + "' is relative:"
                        + " Alertmanager resolves it against the folder of the alertmanager.yaml it loads, so the generated"
                        + " bundle needs the template files beside it (or give an absolute path)");
            }
        }
        Map<String, Object> keys = new java.util.LinkedHashMap<>();
        keys.put("webhook_url", webhookUrl);
        keys.put("global", global);
        keys.put("templates", user.templates().isEmpty() ? null : user.templates());
        keys.put("route", user.route().equals(spawn.route()) ? null : user.route());
        keys.put("receivers", receivers.isEmpty() ? null : receivers);
        keys.put("inhibit_rules", user.inhibitRules().equals(spawn.inhibitRules()) ? null : user.inhibitRules());
        keys.put("time_intervals", user.timeIntervals().isEmpty() ? null : user.timeIntervals());
        keys.values().removeIf(java.util.Objects::isNull);
        return keys.isEmpty() ? null : Section.of(SpecDocument.AlertmanagerSpec.class).construct(keys);
    }

    /**
     * The URL of spawn's webhook receiver as written by hand: its name, one webhook whose send_resolved and
     * max_alerts are spawn's values or left to Alertmanager's defaults (true, 0, the same), no http_config; what
     * {@code webhook_url} makes. Empty for any other receiver.
     */
    private static Optional<String> spawnWebhookUrl(Receiver r) {
        if (!r.name().equals(SpawnAlertmanagerDefaults.WEBHOOK_RECEIVER) || r.configs().size() != 1
                || !(r.configs().get(0) instanceof WebhookConfig w)) {
            return Optional.empty();
        }
        WebhookConfig filled = new WebhookConfig(w.sendResolved() == null ? Boolean.TRUE : w.sendResolved(), w.url(),
                w.httpConfig(), w.maxAlerts() == null ? Integer.valueOf(0) : w.maxAlerts());
        return filled.equals(SpawnAlertmanagerDefaults.webhook(w.url())) ? Optional.of(w.url()) : Optional.empty();
    }

    /** True when the file has no inhibition at all while spawn has some: written as {@code inhibit_rules: []}. */
    static boolean dropsEveryInhibition(AlertmanagerConfig user) {
        List<InhibitRule> spawn = SpawnAlertmanagerDefaults.config().inhibitRules();
        return user.inhibitRules().isEmpty() && !spawn.isEmpty();
    }

    /**
     * The global keys whose values differ from spawn's (the spec lays them over spawn's key by key); a key this file
     * leaves out keeps spawn's value, which is reported when it is not Alertmanager's own default.
     */
    private AlertmanagerGlobal global(AlertmanagerGlobal user, AlertmanagerGlobal spawn, Node at) {
        Section section = Section.of(AlertmanagerGlobal.class);
        Object[] values = new Object[section.size()];
        boolean any = false;
        for (Section.Field f : section.keys()) {
            Object mine = f.get(user);
            Object theirs = f.get(spawn);
            if (mine != null && !mine.equals(theirs)) {
                values[f.index()] = mine;
                any = true;
            } else if (mine == null && theirs != null && !String.valueOf(theirs).equals(f.key().byDefault())) {
                problems.warning(at, "the generated global." + f.name() + " is spawn's " + theirs + ", which this file"
                        + " leaves at Alertmanager's default " + (f.key().byDefault().isEmpty() ? "(none)" : f.key().byDefault())
                        + "; the spec cannot remove a default global key");
            }
        }
        return any ? (AlertmanagerGlobal) section.construct(values) : null;
    }
}
