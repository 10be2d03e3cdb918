package dev.spawn.monitoring.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spawn.monitoring.model.DidYouMean;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerConfig;
import dev.spawn.monitoring.model.decl.Key;
import dev.spawn.monitoring.model.decl.Section;
import dev.spawn.monitoring.model.prometheus.AlertingConfig;
import dev.spawn.monitoring.model.prometheus.Ec2SdConfig;
import dev.spawn.monitoring.model.prometheus.GlobalConfig;
import dev.spawn.monitoring.model.prometheus.PrometheusConfig;
import dev.spawn.monitoring.model.prometheus.RelabelConfig;
import dev.spawn.monitoring.model.prometheus.RemoteRead;
import dev.spawn.monitoring.model.prometheus.RemoteWrite;
import dev.spawn.monitoring.model.prometheus.ScrapeConfig;
import dev.spawn.monitoring.model.prometheus.SpawnPrometheusDefaults;
import dev.spawn.monitoring.model.prometheus.StorageConfig;
import dev.spawn.monitoring.model.prometheus.TracingConfig;
import dev.spawn.monitoring.model.rules.Category;
import dev.spawn.monitoring.model.rules.Severity;
import dev.spawn.monitoring.render.SectionRenderer;
import dev.spawn.monitoring.render.YamlOutput;
import dev.spawn.monitoring.rules.RuleCatalog;
import dev.spawn.monitoring.rules.RuleDefinition;
import dev.spawn.monitoring.rules.RuleSet;
import dev.spawn.monitoring.rules.RuleTemplates;
import dev.spawn.monitoring.rules.TemplateMatch;
import dev.spawn.monitoring.validate.PrometheusValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * {@code spawn:import}: reads a directory's hand-written {@code prometheus.yml}, the rule files it
 * names and, when there is one, its {@code alertmanager.yml} ({@link AlertmanagerImport}), and writes the text of a {@code spawn-monitoring.yaml} that says only what differs from the
 * spawn defaults, such that generating from it does what the originals did. The spec is built as the
 * declared values of {@link SpecDocument} and rendered by {@link SectionRenderer}, so key order and
 * secrets follow the declarations. What the spec cannot carry, or carries differently, is reported at
 * its {@code file:line:col}; bad input is an error there, every problem of the run at once.
 */
public final class SpecImport {

    /** The written spec, and what the import has to say about the originals (warnings). */
    public record Result(String spec, List<Problem> problems) {
    }

    /** What Prometheus 2.42 uses when {@code global:} leaves a key out. */
    private static final GlobalConfig UPSTREAM_GLOBAL = GlobalConfig.builder().scrapeInterval(Duration.ofSeconds(60))
            .scrapeTimeout(Duration.ofSeconds(10)).evaluationInterval(Duration.ofSeconds(60)).build();
    /** spawn's rule groups are evaluated at this interval. */
    private static final Duration SPAWN_GROUP_INTERVAL = RuleSet.DEFAULT_INTERVAL;
    private static final Set<String> RESERVED_LABELS = Set.of("severity", "component", "category");

    private final Path dir;
    private final RuleCatalog catalog = RuleCatalog.defaults();
    /**
     * The rules rules.groups keeps with their group's interval and limit, by group name: recording rules, and the
     * alerts that need the group (or keep_firing_for), a default's name or not.
     */
    private final Map<String, Map<String, Object>> recordingGroups = new java.util.LinkedHashMap<>();
    /** The default rules an alert kept under rules.groups takes the place of. */
    private final Set<String> groupShadowed = new LinkedHashSet<>();
    /** The problems of each file read, in reading order. */
    private final List<SpecProblems> files = new ArrayList<>();

    private SpecImport(Path dir) {
        this.dir = dir;
    }

    /**
     * Imports {@code dir/prometheus.yml} (or {@code .yaml}), its rule files and {@code dir/alertmanager.yml} (or
     * {@code .yaml}) when present. Throws a {@link ValidationException}
     * with every problem (errors and warnings, each at its {@code file:line:col}) when the input is bad.
     */
    public static Result fromDirectory(Path dir) {
        return new SpecImport(dir).run();
    }

    private Result run() {
        if (Stream.of("prometheus.yml", "prometheus.yaml").map(dir::resolve).noneMatch(Files::isRegularFile)
                && alertmanagerFile().isPresent()) {
            return alertmanagerOnly(alertmanagerFile().get());
        }
        Path file = prometheusFile();
        SpecProblems problems = track(file);
        Optional<Node> root = compose(file, problems);
        if (root.isEmpty()) {
            throw new ValidationException(all());
        }
        SectionReader reader = new SectionReader(problems);
        PrometheusFlagsFromStorage flags = oldStorageKeys(root.get(), reader, problems);
        PrometheusConfig config = prometheus(root.get(), reader, problems);
        if (config != null) {
            validate(config, reader, problems);
        }
        Map<String, NodeTuple> entries = Optional.ofNullable(reader.entries(root.get(), "")).orElse(Map.of());
        List<UserAlert> alerts = ruleFiles(entries.get("rule_files"), file, problems, config);
        Optional<Path> amFile = alertmanagerFile();
        SpecProblems amProblems = amFile.map(this::track).orElse(null);
        Optional<Node> amRoot = amFile.flatMap(f -> compose(f, amProblems));
        AlertmanagerImport am = amProblems == null ? null : new AlertmanagerImport(new SectionReader(amProblems), amProblems);
        AlertmanagerConfig amConfig = amRoot.map(r -> am.read(r)).orElse(null);
        if (config == null || all().stream().anyMatch(Problem::isError)) {
            throw new ValidationException(all());
        }
        Optional<ObjectNode> global = global(config.global(), root.get(), reader, problems);
        SpecDocument.RulesSpec rules = rules(alerts, entries.containsKey("rule_files")
                ? entries.get("rule_files").getKeyNode() : root.get(), problems);
        Map<String, Object> keys = new java.util.LinkedHashMap<>();
        keys.put("apiVersion", SpecReader.API_VERSION);
        Optional<SpecDocument.Ec2Job> ec2 = ec2Shorthand(config.scrapeConfigs());
        keys.put("ec2", ec2.orElse(null));
        keys.put("scrape_configs", scrapeJobs(config.scrapeConfigs(), ec2.isPresent(), reader, problems));
        keys.put("alerting", alerting(config.alerting()));
        keys.put("remote_write", config.remoteWrite().stream().map(w -> new SpecDocument.RemoteWriteSpec(null, w)).toList());
        keys.put("remote_read", config.remoteRead());
        keys.put("storage", config.storage().equals(StorageConfig.NONE) ? null : config.storage());
        keys.put("tracing", config.tracing().equals(TracingConfig.NONE) ? null : config.tracing());
        keys.put("prometheus_flags", flags.spec());
        keys.put("rules", rules);
        keys.put("alertmanager", amConfig == null ? null : am.spec(amConfig, amRoot.get()));
        SpecDocument document = Section.of(SpecDocument.class).construct(keys);
        ObjectNode tree = SectionRenderer.render(document);
        keepNoInhibitions(tree, amConfig);
        // global is merged onto spawn's key by key, so it holds only the keys that differ (no GlobalConfig value can)
        global.ifPresent(g -> tree.set("global", g));
        if (config.alerting().alertmanagers().isEmpty()) {
            // an empty list is dropped by the renderer, but here it says something: no Alertmanager at all
            if (!tree.has("alerting")) {
                tree.set("alerting", YamlOutput.object());
            }
            ((ObjectNode) tree.get("alerting")).set("alertmanagers", YamlOutput.array());
        }
        return new Result(text(tree, file.getFileName() + " and its rule files"
                + amFile.map(f -> ", and " + f.getFileName()).orElse("")), all());
    }

    /** A folder with only an alertmanager.yml: its routing, receivers and inhibitions over spawn's Prometheus defaults. */
    private Result alertmanagerOnly(Path amFile) {
        SpecProblems amProblems = track(amFile);
        Optional<Node> amRoot = compose(amFile, amProblems);
        AlertmanagerImport am = new AlertmanagerImport(new SectionReader(amProblems), amProblems);
        AlertmanagerConfig amConfig = amRoot.map(am::read).orElse(null);
        if (amConfig == null || all().stream().anyMatch(Problem::isError)) {
            throw new ValidationException(all());
        }
        Map<String, Object> keys = new java.util.LinkedHashMap<>();
        keys.put("apiVersion", SpecReader.API_VERSION);
        keys.put("alertmanager", am.spec(amConfig, amRoot.get()));
        ObjectNode tree = SectionRenderer.render(Section.of(SpecDocument.class).construct(keys));
        keepNoInhibitions(tree, amConfig);
        return new Result(text(tree, amFile.getFileName() + " (Prometheus keeps the spawn defaults)"), all());
    }

    /** As with alertmanagers: an empty list is dropped by the renderer, but here it means no inhibition at all. */
    private static void keepNoInhibitions(ObjectNode tree, AlertmanagerConfig amConfig) {
        if (amConfig != null && AlertmanagerImport.dropsEveryInhibition(amConfig)) {
            ObjectNode section = tree.has("alertmanager") ? (ObjectNode) tree.get("alertmanager") : YamlOutput.object();
            section.set("inhibit_rules", YamlOutput.array());
            tree.set("alertmanager", ordered(section, SpecDocument.AlertmanagerSpec.class));
        }
    }

    /** The spec's text: its keys in declaration order, under a header that names the sources (no generated-file warning). */
    private static String text(ObjectNode tree, String sources) {
        String body = new String(YamlOutput.toBytes(ordered(tree, SpecDocument.class), null), StandardCharsets.UTF_8);
        return "# Imported by spawn:import from " + sources + ": only what differs from the spawn defaults.\n"
                + body.substring(body.indexOf('\n') + 1);
    }

    /** The keys of a rendered section in the order its record declares them. */
    private static ObjectNode ordered(ObjectNode tree, Class<?> section) {
        ObjectNode ordered = YamlOutput.object();
        Section.of(section).keys().stream().map(Section.Field::name).filter(tree::has)
                .forEach(name -> ordered.set(name, tree.get(name)));
        return ordered;
    }

    // --- reading ---

    private Path prometheusFile() {
        List<Path> found = Stream.of("prometheus.yml", "prometheus.yaml").map(dir::resolve).filter(Files::isRegularFile).toList();
        if (found.size() != 1) {
            throw new ValidationException(List.of(Problem.error(dir.toString(), found.isEmpty()
                    ? "no prometheus.yml, prometheus.yaml, alertmanager.yml or alertmanager.yaml in this directory; expected"
                    + " the Prometheus or Alertmanager configuration to import"
                    : "both prometheus.yml and prometheus.yaml; expected one Prometheus configuration")));
        }
        return found.get(0);
    }

    /** {@code alertmanager.yml} or {@code .yaml} beside prometheus.yml, when there is one. */
    private Optional<Path> alertmanagerFile() {
        List<Path> found = Stream.of("alertmanager.yml", "alertmanager.yaml").map(dir::resolve).filter(Files::isRegularFile)
                .toList();
        if (found.size() > 1) {
            throw new ValidationException(List.of(Problem.error(dir.toString(),
                    "both alertmanager.yml and alertmanager.yaml; expected one Alertmanager configuration")));
        }
        return found.stream().findFirst();
    }

    private SpecProblems track(Path file) {
        SpecProblems problems = new SpecProblems(file.toString());
        files.add(problems);
        return problems;
    }

    private Optional<Node> compose(Path file, SpecProblems problems) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            problems.add(Problem.error(file.toString(), "cannot read the file: " + e.getClass().getSimpleName() + ": "
                    + e.getMessage()));
            return Optional.empty();
        }
        Node root = UpstreamFiles.compose(problems, text);
        if (root == null && !problems.hasErrors()) {
            problems.add(Problem.error(file.toString(), "the file is empty; expected "
                    + (files.size() == 1 ? "a Prometheus configuration" : file.getFileName().toString().startsWith("alertmanager.")
                            ? "an Alertmanager configuration" : "a rule file (groups:)")));
        }
        return Optional.ofNullable(root);
    }

    private List<Problem> all() {
        return files.stream().flatMap(f -> f.all().stream()).toList();
    }

    /** Flags that old prometheus.yml files kept under {@code storage.tsdb}. */
    private record PrometheusFlagsFromStorage(String storagePath, Duration retentionTime, String retentionSize) {
        SpecDocument.PrometheusFlagsSpec spec() {
            return storagePath == null && retentionTime == null && retentionSize == null ? null
                    : new SpecDocument.PrometheusFlagsSpec(storagePath, retentionTime, retentionSize, null);
        }
    }

    /**
     * Takes {@code storage.tsdb.path} and the retention keys out of the tree (Prometheus 2.x has them as flags, so
     * 2.42 refuses them) and reports each; they become {@code prometheus_flags}.
     */
    private PrometheusFlagsFromStorage oldStorageKeys(Node root, SectionReader reader, SpecProblems problems) {
        String[] flags = new String[3];
        Map<String, NodeTuple> top = reader.entries(root, "");
        NodeTuple storage = top == null ? null : top.get("storage");
        Map<String, NodeTuple> storageEntries = storage == null ? null : reader.entries(storage.getValueNode(), "storage");
        NodeTuple tsdb = storageEntries == null ? null : storageEntries.get("tsdb");
        if (tsdb == null || !(tsdb.getValueNode() instanceof MappingNode mapping)) {
            return new PrometheusFlagsFromStorage(null, null, null);
        }
        List<NodeTuple> kept = new ArrayList<>();
        for (NodeTuple t : mapping.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
            if (key.equals("retention") && t.getValueNode() instanceof MappingNode retention) {
                for (NodeTuple r : retention.getValue()) {
                    String sub = r.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
                    if (!oldFlag("retention." + sub, r, flags, problems)) {
                        problems.error(r.getKeyNode(), "unknown field '" + sub + "' in storage.tsdb.retention; expected time or size");
                    }
                }
            } else if (!oldFlag(key, t, flags, problems)) {
                kept.add(t);
            }
        }
        mapping.setValue(kept);
        Duration retention = null;
        if (flags[1] != null) {
            try {
                retention = Duration.parse(flags[1]);
            } catch (IllegalArgumentException e) {
                retention = null; // reported at the key by oldFlag
            }
        }
        return new PrometheusFlagsFromStorage(flags[0], retention, flags[2]);
    }

    /** One old storage key: reported, and its value kept for the flag it becomes; false when the key is not one. */
    private static boolean oldFlag(String key, NodeTuple t, String[] flags, SpecProblems problems) {
        int slot;
        String flag;
        String specKey;
        switch (key) {
            case "path" -> {
                slot = 0;
                flag = "--storage.tsdb.path";
                specKey = "storage_path";
            }
            case "retention", "retention.time", "retention_time" -> {
                slot = 1;
                flag = "--storage.tsdb.retention.time";
                specKey = "retention_time";
            }
            case "retention.size", "retention_size" -> {
                slot = 2;
                flag = "--storage.tsdb.retention.size";
                specKey = "retention_size";
            }
            default -> {
                return false;
            }
        }
        Node value = t.getValueNode();
        if (!(value instanceof ScalarNode scalar) || SectionReader.isNull(value)) {
            problems.error(value, "wrong type for storage.tsdb." + key + ": expected a scalar, got " + SectionReader.describe(value));
            return true;
        }
        if (slot == 1 && !Duration.isValid(scalar.getValue())) {
            problems.error(value, "storage.tsdb." + key + " '" + scalar.getValue() + "' is not a Prometheus duration; expected e.g. 30d");
            return true;
        }
        if (slot == 2 && !scalar.getValue().matches("\\d+(B|KB|MB|GB|TB|PB|EB)")) {
            problems.error(value, "storage.tsdb." + key + " '" + scalar.getValue() + "' is not a size; expected e.g. 50GB");
            return true;
        }
        flags[slot] = scalar.getValue();
        problems.warning(t.getKeyNode(), "storage.tsdb." + key + " is not a prometheus.yml key in Prometheus 2.x (the"
                + " command-line flag " + flag + " is); written as prometheus_flags." + specKey + ": " + scalar.getValue());
        return true;
    }

    /** prometheus.yml read with the model's declarations; a missing global key means the upstream default. */
    private static PrometheusConfig prometheus(Node root, SectionReader reader, SpecProblems problems) {
        Map<String, NodeTuple> entries = reader.entries(root, "");
        if (entries == null) {
            return null;
        }
        Section declaration = Section.of(PrometheusConfig.class);
        Set<String> names = declaration.names();
        entries.forEach((name, tuple) -> {
            if (!names.contains(name)) {
                problems.error(tuple.getKeyNode(), "unknown field '" + name + "' in the top level of prometheus.yml"
                        + DidYouMean.hint(name, names));
            }
        });
        int before = problems.errorCount();
        Object[] values = new Object[declaration.size()];
        for (Section.Field f : declaration.keys()) {
            NodeTuple tuple = entries.get(f.name());
            Node node = tuple == null ? null : tuple.getValueNode();
            if (f.javaName().equals("global")) {
                values[f.index()] = node == null || SectionReader.isNull(node) ? UPSTREAM_GLOBAL
                        : reader.readOnto(GlobalConfig.class, UPSTREAM_GLOBAL, node, "global").orElse(null);
            } else if (node != null && !SectionReader.isNull(node)) {
                values[f.index()] = reader.value(f.shape(), f.key(), node, f.name());
            }
        }
        if (problems.errorCount() > before || values[0] == null) {
            return null;
        }
        try {
            return (PrometheusConfig) declaration.construct(values);
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.error(root, String.valueOf(e.getMessage()));
            return null;
        }
    }

    /**
     * The model's own checks of the configuration (URLs that parse, timeouts within intervals, ...), placed at
     * their lines, so the import refuses what generating from its spec would refuse. Rule files are left out:
     * the import reads them itself and writes their rules into the spec.
     */
    private static void validate(PrometheusConfig config, SectionReader reader, SpecProblems problems) {
        reader.origin(config.global()).ifPresent(n -> problems.element("prometheus.global", n));
        for (ScrapeConfig job : config.scrapeConfigs()) {
            reader.origin(job).ifPresent(n -> problems.element("prometheus.scrape_configs[" + job.jobName() + "]", n));
        }
        for (RemoteWrite w : config.remoteWrite()) {
            urlElement("prometheus.remote_write[" + (w.name() == null ? w.url() : w.name()) + "]", w, reader, problems);
        }
        for (RemoteRead r : config.remoteRead()) {
            urlElement("prometheus.remote_read[" + (r.name() == null ? r.url() : r.name()) + "]", r, reader, problems);
        }
        PrometheusValidator.validate(config.toBuilder().ruleFiles(List.of()).build())
                .forEach(p -> problems.add(problems.place(p)));
    }

    /** A remote endpoint's problems are about its url, as the spec reader places them. */
    private static void urlElement(String path, Object endpoint, SectionReader reader, SpecProblems problems) {
        reader.origin(endpoint).ifPresent(n -> problems.element(path,
                Optional.ofNullable(reader.entries(n, "")).map(e -> e.get("url")).map(NodeTuple::getValueNode).orElse(n)));
    }

    // --- rule files ---

    /** A rule file as Prometheus reads it. */
    record UpstreamRuleFile(
            @Key(value = "groups", doc = "The rule groups.") List<UpstreamGroup> groups) {
    }

    record UpstreamGroup(
            @Key(value = "name", doc = "The group name.", required = true) String name,
            @Key(value = "interval", doc = "How often the group is evaluated.") Duration interval,
            @Key(value = "limit", doc = "Limit on alerts or series per evaluation; 0 means none.", min = 0) Integer limit,
            @Key(value = "rules", doc = "The rules.") List<UpstreamRule> rules) {
    }

    record UpstreamRule(
            @Key(value = "record", doc = "The recorded series' name.") String record,
            @Key(value = "alert", doc = "The alert name.") String alert,
            @Key(value = "expr", doc = "The PromQL expression.", required = true) String expr,
            @Key(value = "for", doc = "How long the condition must hold.") Duration forDuration,
            @Key(value = "keep_firing_for", doc = "How long an alert keeps firing after its condition clears.")
            Duration keepFiringFor,
            @Key(value = "labels", doc = "Labels to add or overwrite.", labelNames = true) Map<String, String> labels,
            @Key(value = "annotations", doc = "Annotations to add.") Map<String, String> annotations) {
    }

    /** One alert of the user's rule files, and where it is. */
    private record UserAlert(UpstreamRule rule, Node node, SpecProblems file) {
        String name() {
            return rule.alert();
        }
    }

    /** Reads the rule files {@code rule_files} names, reporting what the spec cannot carry; returns their alerts. */
    private List<UserAlert> ruleFiles(NodeTuple ruleFiles, Path prometheusFile, SpecProblems problems, PrometheusConfig config) {
        List<UserAlert> alerts = new ArrayList<>();
        if (ruleFiles == null || !(ruleFiles.getValueNode() instanceof SequenceNode patterns)) {
            return alerts;
        }
        Duration evaluation = config == null ? UPSTREAM_GLOBAL.evaluationInterval() : config.global().evaluationInterval();
        Set<Path> seen = new LinkedHashSet<>();
        for (Node item : patterns.getValue()) {
            if (!(item instanceof ScalarNode scalar)) {
                continue; // the reader reported it
            }
            List<Path> matched = glob(prometheusFile.getParent(), scalar.getValue());
            if (matched.isEmpty()) {
                if (hasMeta(scalar.getValue())) {
                    problems.warning(item, "rule_files pattern '" + scalar.getValue() + "' matches no file; nothing imported from it");
                } else {
                    problems.error(item, "rule file '" + scalar.getValue() + "' does not exist (relative to "
                            + prometheusFile.getFileName() + "); expected a rule file Prometheus can load");
                }
            }
            for (Path path : matched) {
                if (seen.add(path.toAbsolutePath().normalize())) {
                    alerts.addAll(ruleFile(path, evaluation));
                }
            }
        }
        return alerts;
    }

    private List<UserAlert> ruleFile(Path path, Duration evaluation) {
        SpecProblems problems = track(path);
        List<UserAlert> alerts = new ArrayList<>();
        Optional<Node> root = compose(path, problems);
        if (root.isEmpty()) {
            return alerts;
        }
        SectionReader reader = new SectionReader(problems);
        Optional<UpstreamRuleFile> file = reader.read(UpstreamRuleFile.class, root.get(), "the rule file");
        for (UpstreamGroup group : file.map(UpstreamRuleFile::groups).orElse(List.of())) {
            Node groupNode = reader.origin(group).orElse(root.get());
            Duration interval = group.interval() != null ? group.interval() : evaluation;
            List<UpstreamRule> groupRules = Optional.ofNullable(group.rules()).orElse(List.of());
            boolean ownGroup = !interval.equals(SPAWN_GROUP_INTERVAL) || group.limit() != null && group.limit() != 0;
            for (UpstreamRule rule : groupRules) {
                Node node = reader.origin(rule).orElse(groupNode);
                if ((rule.record() == null) == (rule.alert() == null)) {
                    problems.error(node, "a rule needs exactly one of 'alert' and 'record'");
                } else if (rule.record() != null) {
                    // recording rules keep their group, interval and limit under rules.groups
                    Map<String, Object> r = new java.util.LinkedHashMap<>();
                    r.put("record", rule.record());
                    r.put("expr", rule.expr());
                    r.put("labels", rule.labels() == null || rule.labels().isEmpty() ? null : new TreeMap<>(rule.labels()));
                    groupRules(group).add(Section.of(SpecDocument.GroupRuleSpec.class).construct(r));
                } else if (ownGroup || rule.keepFiringFor() != null) {
                    // an alert that needs its group's interval or limit, or keep_firing_for, is kept as written; spawn's
                    // groups are evaluated every minute without a limit, and an override has no keep_firing_for
                    Map<String, Object> r = new java.util.LinkedHashMap<>();
                    r.put("alert", rule.alert());
                    r.put("expr", rule.expr());
                    r.put("for", rule.forDuration());
                    r.put("keep_firing_for", rule.keepFiringFor());
                    r.put("labels", rule.labels() == null || rule.labels().isEmpty() ? null : new TreeMap<>(rule.labels()));
                    r.put("annotations", rule.annotations() == null || rule.annotations().isEmpty() ? null
                            : new TreeMap<>(rule.annotations()));
                    groupRules(group).add(Section.of(SpecDocument.GroupRuleSpec.class).construct(r));
                    List<String> carried = new ArrayList<>();
                    if (!interval.equals(SPAWN_GROUP_INTERVAL)) {
                        carried.add("its evaluation every " + interval
                                + (group.interval() != null ? " (the group's interval)" : " (global evaluation_interval)"));
                    }
                    if (group.limit() != null && group.limit() != 0) {
                        carried.add("the group's limit " + group.limit());
                    }
                    if (rule.keepFiringFor() != null) {
                        carried.add("keep_firing_for " + rule.keepFiringFor());
                    }
                    problems.warning(node, "alert '" + rule.alert() + "' is kept as written in its group '" + group.name()
                            + "' under rules.groups (" + String.join(" and ", carried) + " carried over)" + shadows(rule.alert())
                            + "; it has no test cases: add a case that fires and one that stays silent under tests:");
                } else {
                    alerts.add(new UserAlert(rule, node, problems));
                }
            }
        }
        return alerts;
    }

    /**
     * Notes that an alert kept under rules.groups takes the place of the default rule of its name (switched off, as
     * a user's own version of a default is), and what that default is proven to do; nothing for another name.
     */
    private String shadows(String alert) {
        return catalog.rule(alert).map(d -> {
            groupShadowed.add(d.name());
            return "; it shadows the default rule " + d.name() + " (switched off), which " + proven(d);
        }).orElse("");
    }

    /** What a default rule does and how it is proven: "fires when: ... (warning, for 5m, proven by 2 promtool cases)". */
    private static String proven(RuleDefinition d) {
        return summary(d) + " (" + d.severity().id() + ", for " + d.forDuration() + ", proven by " + d.tests().size()
                + " promtool case" + (d.tests().size() == 1 ? "" : "s") + ")";
    }

    /** The rule list of {@code group} under rules.groups, with the group's interval and limit. */
    @SuppressWarnings("unchecked")
    private List<SpecDocument.GroupRuleSpec> groupRules(UpstreamGroup group) {
        Map<String, Object> g = recordingGroups.computeIfAbsent(group.name(), k -> new java.util.LinkedHashMap<>(Map.of(
                "name", group.name(), "rules", new ArrayList<SpecDocument.GroupRuleSpec>())));
        if (group.interval() != null) {
            g.put("interval", group.interval());
        }
        if (group.limit() != null && group.limit() != 0) {
            g.put("limit", group.limit());
        }
        return (List<SpecDocument.GroupRuleSpec>) g.get("rules");
    }

    /** The files a {@code rule_files} entry names, as Prometheus resolves it: relative to the config file, globs sorted. */
    static List<Path> glob(Path base, String pattern) {
        Path full = base.resolve(pattern).normalize();
        if (!hasMeta(pattern)) {
            return Files.isRegularFile(full) ? List.of(full) : List.of();
        }
        Path root = full.getRoot() == null ? Path.of("") : full.getRoot();
        Path start = root;
        int depth = 0;
        boolean meta = false;
        for (Path part : full) {
            if (meta || hasMeta(part.toString())) {
                meta = true;
                depth++;
            } else {
                start = start.resolve(part);
            }
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + full.toString().replace("\\", "\\\\"));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(start, depth)) {
            return walk.filter(p -> p.getNameCount() == full.getNameCount() && matcher.matches(p) && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + start + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasMeta(String text) {
        return text.contains("*") || text.contains("?") || text.contains("[");
    }

    // --- writing: each section only where it differs from the spawn defaults ---

    /** The global keys whose values differ from spawn's (a key left out means the upstream default). */
    private static Optional<ObjectNode> global(GlobalConfig user, Node root, SectionReader reader, SpecProblems problems) {
        GlobalConfig defaults = SpawnPrometheusDefaults.global();
        // spawn leaves scrape_timeout out, which means the upstream default
        GlobalConfig spawn = defaults.scrapeTimeout() != null ? defaults
                : defaults.toBuilder().scrapeTimeout(UPSTREAM_GLOBAL.scrapeTimeout()).build();
        ObjectNode mine = SectionRenderer.render(user);
        ObjectNode theirs = SectionRenderer.render(spawn);
        ObjectNode out = YamlOutput.object();
        for (Iterator<String> it = mine.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!mine.get(key).equals(theirs.get(key))) {
                out.set(key, mine.get(key));
            }
        }
        Map<String, String> labels = new TreeMap<>();
        user.externalLabels().forEach((k, v) -> {
            if (!v.equals(spawn.externalLabels().get(k))) {
                labels.put(k, v);
            }
        });
        out.remove("external_labels");
        if (!labels.isEmpty()) {
            ObjectNode node = YamlOutput.object();
            labels.forEach(node::put);
            out.set("external_labels", node);
        }
        List<String> extra = spawn.externalLabels().keySet().stream().filter(k -> !user.externalLabels().containsKey(k)).toList();
        if (!extra.isEmpty()) {
            Map<String, NodeTuple> top = reader.entries(root, "");
            Node at = top.containsKey("global") ? top.get("global").getKeyNode() : root;
            problems.warning(at, "the generated global.external_labels also carry spawn's "
                    + String.join(", ", extra.stream().map(k -> k + "=" + spawn.externalLabels().get(k)).toList())
                    + ", which this file does not set; the spec cannot remove a default external label");
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    /**
     * Scrape jobs: a default job written as spawn's is left out, the user's version of one replaces it (the spawn-ec2
     * job as the {@code ec2:} shorthand when {@code ec2Shorthand}), a default the user does not have is switched off,
     * the user's own jobs are kept as written.
     */
    private static List<SpecDocument.ScrapeJob> scrapeJobs(List<ScrapeConfig> jobs, boolean ec2Shorthand, SectionReader reader,
            SpecProblems problems) {
        List<ScrapeConfig> defaults = SpawnPrometheusDefaults.scrapeConfigs();
        List<String> defaultNames = defaults.stream().map(ScrapeConfig::jobName).toList();
        List<SpecDocument.ScrapeJob> out = new ArrayList<>();
        for (ScrapeConfig job : jobs) {
            // the spawn-ec2 job the ec2: shorthand says is not written again
            if (!defaults.contains(job) && !(ec2Shorthand && job.jobName().equals(SpawnPrometheusDefaults.EC2_JOB))) {
                out.add(new SpecDocument.ScrapeJob(null, job, null, null));
            }
        }
        Set<String> present = new LinkedHashSet<>(jobs.stream().map(ScrapeConfig::jobName).toList());
        for (String name : defaultNames) {
            if (!present.contains(name)) {
                out.add(new SpecDocument.ScrapeJob(false, ScrapeConfig.builder(name).build(), null, null));
            }
        }
        // the bundle keeps spawn's jobs in their order, then the user's own
        List<String> generated = new ArrayList<>(defaultNames.stream().filter(present::contains).toList());
        present.stream().filter(n -> !defaultNames.contains(n)).forEach(generated::add);
        if (!generated.equals(new ArrayList<>(present)) && !jobs.isEmpty()) {
            String text = "the generated prometheus.yaml lists the scrape jobs as " + String.join(", ", generated)
                    + " (spawn's first, then your own); Prometheus does not depend on their order";
            reader.origin(jobs.get(0)).ifPresentOrElse(at -> problems.warning(at, text),
                    () -> problems.add(Problem.warning(problems.fileName(), text)));
        }
        return out.isEmpty() ? null : out;
    }

    /**
     * The {@code spawn-ec2} job as the {@code ec2:} shorthand (regions, port, endpoint, role, profile, refresh interval,
     * filters, extra relabelling) when the spec reader builds exactly that job from it, the values spawn's defaults
     * have left out; empty when the job is spawn's default (nothing to say) or something the shorthand cannot say.
     */
    static Optional<SpecDocument.Ec2Job> ec2Shorthand(List<ScrapeConfig> jobs) {
        Optional<ScrapeConfig> found = jobs.stream().filter(j -> j.jobName().equals(SpawnPrometheusDefaults.EC2_JOB)).findFirst();
        if (found.isEmpty() || SpawnPrometheusDefaults.scrapeConfigs().contains(found.get()) || found.get().discovery().isEmpty()
                || !found.get().discovery().stream().allMatch(Ec2SdConfig.class::isInstance)) {
            return Optional.empty();
        }
        ScrapeConfig job = found.get();
        Ec2SdConfig first = (Ec2SdConfig) job.discovery().get(0);
        int port = first.port() == null ? SpawnPrometheusDefaults.SPORED_PORT : first.port();
        List<RelabelConfig> spawns = SpawnPrometheusDefaults.ec2Relabelling(port);
        if (job.relabelConfigs().size() < spawns.size() || !job.relabelConfigs().subList(0, spawns.size()).equals(spawns)) {
            return Optional.empty();
        }
        List<String> regions = job.discovery().stream().map(d -> ((Ec2SdConfig) d).region()).toList();
        Ec2SdConfig plain = Ec2SdConfig.spawnInstances(first.region(), port);
        SpecDocument.Ec2Job shorthand = new SpecDocument.Ec2Job(
                regions.equals(List.of("us-east-1")) ? null : regions,
                port == SpawnPrometheusDefaults.SPORED_PORT ? null : port,
                first.endpoint(), first.roleArn(), first.profile(),
                java.util.Objects.equals(first.refreshInterval(), plain.refreshInterval()) ? null : first.refreshInterval(),
                java.util.Objects.equals(first.filters(), plain.filters()) ? null : first.filters(),
                job.relabelConfigs().size() == spawns.size() ? null : List.copyOf(job.relabelConfigs().subList(spawns.size(),
                        job.relabelConfigs().size())));
        // only when reading the shorthand back gives this very job
        try {
            Map<String, Object> only = new java.util.LinkedHashMap<>();
            only.put("apiVersion", SpecReader.API_VERSION);
            only.put("ec2", shorthand);
            String text = new String(YamlOutput.toBytes(SectionRenderer.render(Section.of(SpecDocument.class).construct(only)), ""),
                    java.nio.charset.StandardCharsets.UTF_8);
            PrometheusConfig built = SpecReader.parse("import", text).build().prometheus();
            return built.scrapeConfigs().contains(job) ? Optional.of(shorthand) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The alerting block when it differs from spawn's (localhost:9093, no relabelling); it replaces spawn's. */
    private static AlertingConfig alerting(AlertingConfig user) {
        return user.equals(SpawnPrometheusDefaults.alerting()) ? null : user;
    }

    /**
     * The rules: an alert of a default's name whose expression is the default's template at some values becomes
     * an override of those values; another expression stays the user's own ({@code rules.custom}) and the default
     * is switched off; a default the files lack is switched off (a whole category by {@code disabled_categories}).
     */
    private SpecDocument.RulesSpec rules(List<UserAlert> alerts, Node ruleFilesNode, SpecProblems prometheusProblems) {
        Map<String, SpecDocument.RuleOverrideSpec> overrides = new LinkedHashMap<>();
        Map<String, UserAlert> matched = new LinkedHashMap<>();
        List<UserAlert> own = new ArrayList<>();
        for (UserAlert alert : alerts) {
            Optional<RuleDefinition> definition = catalog.rule(alert.name());
            Optional<Map<String, String>> values = definition.filter(d -> !matched.containsKey(d.name()))
                    .flatMap(d -> TemplateMatch.match(d, alert.rule().expr()));
            if (values.isPresent()) {
                matched.put(alert.name(), alert);
                overrides.put(alert.name(), override(definition.get(), values.get(), alert));
            } else {
                own.add(alert);
            }
        }
        List<SpecDocument.CustomRuleSpec> custom = new ArrayList<>();
        Set<String> taken = new LinkedHashSet<>();
        matched.values().forEach(a -> taken.add(a.name() + "/" + catalog.rule(a.name()).orElseThrow().severity().id()));
        Set<String> shadowed = new LinkedHashSet<>(groupShadowed);
        for (UserAlert alert : own) {
            customRule(alert, taken, shadowed).ifPresent(custom::add);
        }
        List<String> disabledCategories = new ArrayList<>();
        List<String> switchedOff = new ArrayList<>();
        Map<String, SpecDocument.RuleOverrideSpec> ordered = new LinkedHashMap<>();
        for (Category category : Category.values()) {
            List<RuleDefinition> definitions = catalog.rules().stream().filter(d -> d.category() == category).toList();
            if (definitions.stream().noneMatch(d -> matched.containsKey(d.name()))) {
                disabledCategories.add(category.id());
                definitions.stream().filter(d -> !shadowed.contains(d.name())).forEach(d -> switchedOff.add(d.name()));
                continue;
            }
            for (RuleDefinition d : definitions) {
                if (overrides.containsKey(d.name())) {
                    if (!isEmpty(overrides.get(d.name()))) {
                        ordered.put(d.name(), overrides.get(d.name()));
                    }
                } else {
                    ordered.put(d.name(), Section.of(SpecDocument.RuleOverrideSpec.class).construct(Map.of("enabled", false)));
                    if (!shadowed.contains(d.name())) {
                        switchedOff.add(d.name());
                    }
                }
            }
        }
        if (!switchedOff.isEmpty()) {
            prometheusProblems.warning(ruleFilesNode, switchedOff.size() + " default rule" + (switchedOff.size() == 1 ? " is" : "s are")
                    + " not in the rule files and switched off (rules.<name>.enabled: false"
                    + (disabledCategories.isEmpty() ? "" : ", or the whole category in rules.disabled_categories") + "): "
                    + String.join(", ", switchedOff));
        }
        List<SpecDocument.RuleGroupSpec> groups = recordingGroups.values().stream()
                .map(g -> Section.of(SpecDocument.RuleGroupSpec.class).<SpecDocument.RuleGroupSpec>construct(g)).toList();
        if (ordered.isEmpty() && custom.isEmpty() && disabledCategories.isEmpty() && groups.isEmpty()) {
            return null;
        }
        Map<String, Object> keys = new java.util.LinkedHashMap<>();
        keys.put("disabled_categories", disabledCategories.isEmpty() ? null : disabledCategories);
        keys.put("custom", custom.isEmpty() ? null : custom);
        keys.put("groups", groups.isEmpty() ? null : groups);
        keys.put("<rule name>", ordered);
        return Section.of(SpecDocument.RulesSpec.class).construct(keys);
    }

    private static boolean isEmpty(SpecDocument.RuleOverrideSpec o) {
        return o.threshold() == null && o.parameters() == null && o.forDuration() == null && o.severity() == null
                && o.labels() == null && o.annotations() == null && o.runbookUrl() == null && o.enabled() == null;
    }

    /** The override that makes the default rule what the alert is: changed values, for, severity, labels, annotations. */
    private SpecDocument.RuleOverrideSpec override(RuleDefinition definition, Map<String, String> values, UserAlert alert) {
        UpstreamRule rule = alert.rule();
        Double threshold = null;
        Map<String, Object> parameters = new LinkedHashMap<>();
        Map<String, String> defaults = definition.defaults();
        Map<String, String> changed = new LinkedHashMap<>();
        for (Map.Entry<String, String> v : values.entrySet()) {
            if (v.getValue().equals(definition.parameter(v.getKey()).orElseThrow().normalise(defaults.get(v.getKey())))) {
                continue;
            }
            changed.put(v.getKey(), v.getValue());
            boolean duration = definition.parameter(v.getKey()).orElseThrow().isDuration();
            if (v.getKey().equals("threshold") && !duration) {
                threshold = Double.parseDouble(v.getValue());
            } else {
                parameters.put(v.getKey(), duration ? v.getValue() : number(v.getValue()));
            }
        }
        Duration forDuration = Optional.ofNullable(rule.forDuration()).orElse(Duration.ZERO);
        Severity severity = severity(alert, definition.severity(), "default rule " + definition.name());
        Map<String, String> labels = new TreeMap<>();
        Map<String, String> user = Optional.ofNullable(rule.labels()).orElse(Map.of());
        user.forEach((k, v) -> {
            if (!RESERVED_LABELS.contains(k) && !v.equals(definition.labels().get(k))) {
                labels.put(k, v);
            }
        });
        List<String> added = new ArrayList<>();
        definition.labels().forEach((k, v) -> {
            if (!user.containsKey(k)) {
                added.add(k + "=" + v);
            }
        });
        reserved(user, definition.category().id(), added);
        if (!added.isEmpty()) {
            alert.file().warning(alert.node(), "the generated alert " + definition.name() + " also carries the label"
                    + (added.size() == 1 ? " " : "s ") + String.join(", ", added) + ", which this alert does not have;"
                    + " the spec cannot remove a default rule's labels");
        }
        // as the generated rule will have them: the defaults, and the values the override changes
        Map<String, String> parameterValues = new LinkedHashMap<>(defaults);
        changed.forEach(parameterValues::put);
        RuleTemplates templates = new RuleTemplates(definition.parameters(), parameterValues);
        Map<String, String> generated = new TreeMap<>();
        definition.annotations().forEach((k, v) -> generated.put(k, templates.render(v, "annotation " + k)));
        generated.putIfAbsent("runbook_url", RuleCatalog.runbookUrl(definition.name()));
        Map<String, String> annotations = new TreeMap<>();
        Map<String, String> userAnnotations = Optional.ofNullable(rule.annotations()).orElse(Map.of());
        userAnnotations.forEach((k, v) -> {
            if (!v.equals(generated.get(k))) {
                annotations.put(k, v);
            }
        });
        List<String> extraAnnotations = generated.keySet().stream().filter(k -> !userAnnotations.containsKey(k)).toList();
        if (!extraAnnotations.isEmpty()) {
            alert.file().warning(alert.node(), "the generated alert " + definition.name() + " also carries spawn's annotation"
                    + (extraAnnotations.size() == 1 ? " " : "s ") + String.join(", ", extraAnnotations)
                    + "; the spec cannot remove a default rule's annotations");
        }
        String runbook = annotations.remove("runbook_url");
        return new SpecDocument.RuleOverrideSpec(threshold, parameters.isEmpty() ? null : parameters,
                forDuration.equals(definition.forDuration()) ? null : forDuration,
                severity == definition.severity() ? null : severity, labels.isEmpty() ? null : labels,
                annotations.isEmpty() ? null : annotations, runbook, null, null);
    }

    /** A user's alert of its own, or one whose expression is not a default's at any values. */
    private Optional<SpecDocument.CustomRuleSpec> customRule(UserAlert alert, Set<String> taken, Set<String> shadowed) {
        UpstreamRule rule = alert.rule();
        Severity severity = severity(alert, Severity.WARNING, "rules.custom");
        Optional<RuleDefinition> definition = catalog.rule(alert.name());
        if (!taken.add(alert.name() + "/" + severity.id())) {
            alert.file().warning(alert.node(), "alert '" + alert.name() + "' with severity " + severity.id()
                    + " is already imported (an alert's name and severity must be unique in the spec): left out");
            return Optional.empty();
        }
        try {
            dev.spawn.monitoring.rules.CustomRule.builder(alert.name(), rule.expr()).forDuration(rule.forDuration())
                    .severity(severity)
                    .build();
        } catch (IllegalArgumentException e) {
            alert.file().error(alert.node(), e.getMessage());
            return Optional.empty();
        }
        Map<String, String> user = Optional.ofNullable(rule.labels()).orElse(Map.of());
        Map<String, String> labels = new TreeMap<>();
        user.forEach((k, v) -> {
            if (!RESERVED_LABELS.contains(k)) {
                labels.put(k, v);
            }
        });
        List<String> added = new ArrayList<>();
        reserved(user, RuleSet.CUSTOM_CATEGORY, added);
        String shadow = "";
        if (definition.isPresent()) {
            RuleDefinition d = definition.get();
            shadowed.add(d.name());
            shadow = "; it shadows the default rule " + d.name() + " (switched off), which " + proven(d);
        }
        alert.file().warning(alert.node(), "alert '" + alert.name() + "' is kept as your own rule (rules.custom)"
                + shadow + (added.isEmpty() ? "" : "; the generated alert also carries the label"
                        + (added.size() == 1 ? " " : "s ") + String.join(", ", added))
                + "; it has no test cases: add a case that fires and one that stays silent under tests:");
        return Optional.of(new SpecDocument.CustomRuleSpec(alert.name(), rule.expr(), rule.forDuration(), severity,
                labels.isEmpty() ? null : labels, rule.annotations() == null || rule.annotations().isEmpty() ? null
                        : new TreeMap<>(rule.annotations()), null, null));
    }

    /** What a default rule does, in the words of its definition: its meaning, or its summary template. */
    private static String summary(RuleDefinition d) {
        String meaning = d.meaning().strip();
        if (!meaning.isEmpty()) {
            return "fires when: " + meaning;
        }
        return "fires when: " + RuleCatalog.defaultExpr(d);
    }

    /** The alert's severity label as spawn's severity, or the fallback after saying why. */
    private static Severity severity(UserAlert alert, Severity fallback, String what) {
        String label = Optional.ofNullable(alert.rule().labels()).map(l -> l.get("severity")).orElse(null);
        if (label == null) {
            alert.file().warning(alert.node(), "alert '" + alert.name() + "' has no severity label; the generated alert"
                    + " carries severity=" + fallback.id() + " (" + what + ")");
            return fallback;
        }
        try {
            return Severity.fromId(label);
        } catch (IllegalArgumentException e) {
            alert.file().warning(alert.node(), "alert '" + alert.name() + "' has severity '" + label + "', which spawn does"
                    + " not have (critical, warning, info); the generated alert carries severity=" + fallback.id());
            return fallback;
        }
    }

    /** Notes the labels spawn sets on every rule ({@code component}, {@code category}) where the user's differ. */
    private static void reserved(Map<String, String> user, String category, List<String> added) {
        if (!RuleSet.COMPONENT.equals(user.get("component"))) {
            added.add("component=" + RuleSet.COMPONENT);
        }
        if (!category.equals(user.get("category"))) {
            added.add("category=" + category);
        }
    }

    private static Object number(String text) {
        double d = Double.parseDouble(text);
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
    }
}
