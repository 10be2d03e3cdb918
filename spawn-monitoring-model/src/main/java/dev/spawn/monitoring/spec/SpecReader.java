package dev.spawn.monitoring.spec;

import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.lint.Check;
import dev.spawn.monitoring.model.DidYouMean;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.HighAvailability;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.model.alertmanager.EmailConfig;
import dev.spawn.monitoring.model.alertmanager.PagerdutyConfig;
import dev.spawn.monitoring.model.alertmanager.Receiver;
import dev.spawn.monitoring.model.alertmanager.ReceiverConfig;
import dev.spawn.monitoring.model.alertmanager.Route;
import dev.spawn.monitoring.model.alertmanager.RoutingTest;
import dev.spawn.monitoring.model.alertmanager.SlackConfig;
import dev.spawn.monitoring.model.alertmanager.SnsConfig;
import dev.spawn.monitoring.model.alertmanager.SpawnAlertmanagerDefaults;
import dev.spawn.monitoring.model.alertmanager.TimeInterval;
import dev.spawn.monitoring.model.alertmanager.WebhookConfig;
import dev.spawn.monitoring.model.decl.Section;
import dev.spawn.monitoring.model.prometheus.AlertingConfig;
import dev.spawn.monitoring.rules.MetricCatalog;
import dev.spawn.monitoring.model.prometheus.Discovery;
import dev.spawn.monitoring.model.prometheus.Ec2SdConfig;
import dev.spawn.monitoring.model.prometheus.FileSdConfig;
import dev.spawn.monitoring.model.prometheus.GlobalConfig;
import dev.spawn.monitoring.model.prometheus.RelabelConfig;
import dev.spawn.monitoring.model.prometheus.RemoteRead;
import dev.spawn.monitoring.model.prometheus.RemoteWrite;
import dev.spawn.monitoring.model.prometheus.ScrapeConfig;
import dev.spawn.monitoring.model.prometheus.SpawnPrometheusDefaults;
import dev.spawn.monitoring.model.prometheus.StaticConfig;
import dev.spawn.monitoring.model.prometheus.StorageConfig;
import dev.spawn.monitoring.model.prometheus.TracingConfig;
import dev.spawn.monitoring.model.rules.Category;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads {@code spawn-monitoring.yaml} into a {@link SpawnMonitoring} that starts from the spawn
 * defaults. The YAML is composed into SnakeYAML nodes so every problem carries the
 * {@code file:line:col} of its node; all problems of a file are collected and thrown together as one
 * {@link ValidationException}, including the ones the model finds on {@code build()}, which are
 * placed back at the spec node they came from.
 */
public final class SpecReader {

    /** Where an infra repository keeps its spec. */
    public static final String DEFAULT_PATH = "src/main/monitoring/spawn-monitoring.yaml";
    public static final String API_VERSION = "spawn.dev/v1";
    /** The job {@code static:} targets are scraped by. */
    public static final String STATIC_JOB = "spawn-static";

    private static final List<String> RULE_NAMES = dev.spawn.monitoring.rules.RuleCatalog.defaults().names();

    /** The jobs the spawn defaults bring; a spec job of one of these names replaces it. */
    private static final List<String> DEFAULT_JOBS = SpawnPrometheusDefaults.scrapeConfigs().stream()
            .map(ScrapeConfig::jobName).toList();

    private final Set<String> replacedDefaults = new java.util.HashSet<>();
    private final Set<Node> duplicates = new java.util.HashSet<>();
    private final SpecProblems problems;
    private final SectionReader reader;
    private final SpawnMonitoring monitoring = SpawnMonitoring.defaults();
    private final Set<String> receiverNames = new LinkedHashSet<>(List.of(
            SpawnAlertmanagerDefaults.WEBHOOK_RECEIVER));

    private SpecReader(String fileName) {
        this.problems = new SpecProblems(fileName);
        this.reader = new SectionReader(problems);
    }

    /**
     * Reads the spec at {@code file}; a missing or empty file means the defaults (a missing one names no
     * source in the generated files' headers). Problems found
     * while reading are thrown as a {@link ValidationException}; the result's {@link Spec#build()}
     * places the model's own problems in the file as well.
     */
    public static Spec read(Path file) {
        String name = file.getFileName().toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            // no source: the headers must not name a spec file that does not exist
            return new Spec(SpawnMonitoring.defaults(), new SpecProblems(name), false);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ValidationException(List.of(YamlLimits.notUtf8(name, readBytes(file))));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ValidationException(List.of(Problem.error(file.toString(),
                    "cannot read the spec file: " + e.getClass().getSimpleName() + ": " + e.getMessage())));
        }
        return parse(name, text);
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ValidationException(List.of(Problem.error(file.toString(), "cannot read the spec file: " + e.getMessage())));
        }
    }

    /**
     * Reads the spec at {@code file}, which must exist unless it is {@code defaultFile}: a spec path set on
     * purpose and mistyped would otherwise give the defaults without a word (and a generation would
     * overwrite the committed bundle with them).
     */
    public static Spec read(Path file, Path defaultFile) {
        Path normalized = file.toAbsolutePath().normalize();
        if (!normalized.equals(defaultFile.toAbsolutePath().normalize()) && !Files.exists(normalized)) {
            throw new ValidationException(List.of(Problem.error(file.toString(), "the spec file does not exist;"
                    + " expected an existing file where the spec path was set, or no path for the default "
                    + DEFAULT_PATH + " (no file there means the spawn defaults)")));
        }
        return read(file);
    }

    /** Reads spec text; {@code fileName} is used in problem locations and generated-file headers. */
    public static Spec parse(String fileName, String text) {
        SpecReader spec = new SpecReader(fileName);
        spec.problems.text(text);
        spec.monitoring.source(fileName);
        Node root = UpstreamFiles.compose(spec.problems, text);
        if (spec.problems.hasErrors()) {
            throw new ValidationException(spec.problems.all());
        }
        if (root == null) {
            return new Spec(spec.monitoring, spec.problems, false);
        }
        spec.readRoot(root);
        // build anyway when there were problems: the model's own findings belong in the same report
        return new Spec(spec.monitoring, spec.problems, spec.problems.hasErrors());
    }

    private static final Section DOCUMENT = Section.of(SpecDocument.class);

    private void readRoot(Node rootNode) {
        Map<String, NodeTuple> entries = reader.entries(rootNode, "");
        if (entries == null) {
            return;
        }
        Set<String> names = DOCUMENT.names();
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (e.getKey().equals("rule_files")) {
                // prometheus.yml's one section the spec does not take as it is: the bundle writes its own rule files
                problems.error(e.getValue().getKeyNode(), "'rule_files' in the top level: the spec holds the rules"
                        + " themselves, and the bundle writes the rule files; expected the groups of those files under"
                        + " rules.groups (spawn-monitoring import reads rule files and writes them there)");
            } else if (!names.contains(e.getKey())) {
                problems.error(e.getValue().getKeyNode(), "unknown field '" + e.getKey() + "' in the top level"
                        + DidYouMean.hint(e.getKey(), names));
            }
        }
        NodeTuple version = entries.get("apiVersion");
        if (version == null || SectionReader.isNull(version.getValueNode())) {
            problems.error(rootNode, "missing field 'apiVersion' at the top level; expected apiVersion: " + API_VERSION);
        } else {
            Node v = version.getValueNode();
            String text = v instanceof ScalarNode scalar ? "'" + scalar.getValue() + "'" : SectionReader.describe(v);
            if (!text.equals("'" + API_VERSION + "'")) {
                problems.error(v, "unsupported apiVersion " + text + "; expected " + API_VERSION);
            }
        }
        // each section on its own: a problem in one never hides the problems of another
        section(entries, "global", n -> {
            problems.element("prometheus.global", n);
            reader.readOnto(GlobalConfig.class, SpawnPrometheusDefaults.global(), n, "global")
                    .ifPresent(g -> monitoring.global(old -> g));
        });
        section(entries, "ec2", n -> reader.read(SpecDocument.Ec2Job.class, n, "ec2").ifPresent(e -> readEc2(e, n)));
        section(entries, "file_sd", n -> reader.read(SpecDocument.FileSdJob.class, n, "file_sd").ifPresent(f -> readFileSd(f, n)));
        section(entries, "static", n -> reader.read(SpecDocument.StaticJob.class, n, "static").ifPresent(s -> readStatic(s, n)));
        section(entries, "scrape_configs", n -> {
            duplicateJobs(n);
            list(n, "scrape_configs", SpecDocument.ScrapeJob.class, this::readScrapeJob);
        });
        section(entries, "alerting", n -> {
            problems.element("prometheus.alerting", n);
            reader.readOnto(AlertingConfig.class, SpawnPrometheusDefaults.alerting(), n, "alerting").ifPresent(monitoring::alerting);
        });
        RemoteWriteSpecReader remoteWrites = new RemoteWriteSpecReader(reader, problems);
        section(entries, "remote_write", n -> duplicateNames(n, "name", "remote_write"));
        section(entries, "remote_read", n -> duplicateNames(n, "name", "remote_read"));
        section(entries, "remote_write", n -> list(n, "remote_write", remoteWrites::read, (w, at) -> {
            problems.element("prometheus.remote_write[" + (w.name() == null ? w.url() : w.name()) + "]",
                    RemoteWriteSpecReader.urlNode(reader.entries(at, ""), at));
            monitoring.remoteWrite(w);
        }));
        section(entries, "remote_read", n -> list(n, "remote_read", RemoteRead.class, (r, at) -> {
            remoteElement("prometheus.remote_read", r.name() == null ? r.url() : r.name(), at);
            monitoring.remoteRead(r);
        }));
        section(entries, "storage", n -> reader.read(StorageConfig.class, n, "storage").ifPresent(monitoring::storage));
        section(entries, "tracing", n -> reader.read(TracingConfig.class, n, "tracing").ifPresent(monitoring::tracing));
        section(entries, "prometheus_flags", n -> reader.read(SpecDocument.PrometheusFlagsSpec.class, n, "prometheus_flags")
                .ifPresent(f -> {
                    problems.element("prometheus.flags", n);
                    monitoring.prometheusFlags(p -> p.toBuilder().storagePath(or(f.storagePath(), p.storagePath()))
                            .retentionTime(or(f.retentionTime(), p.retentionTime()))
                            .retentionSize(or(f.retentionSize(), p.retentionSize()))
                            .webListenAddress(or(f.listenAddress(), p.webListenAddress())).build());
                }));
        section(entries, "alertmanager_flags", n -> reader.read(SpecDocument.AlertmanagerFlagsSpec.class, n, "alertmanager_flags")
                .ifPresent(f -> {
                    problems.element("alertmanager.flags", n);
                    monitoring.alertmanagerFlags(a -> a.toBuilder().storagePath(or(f.storagePath(), a.storagePath()))
                            .webListenAddress(or(f.listenAddress(), a.webListenAddress()))
                            .dataRetention(or(f.dataRetention(), a.dataRetention())).build());
                }));
        section(entries, "high_availability", n -> {
            problems.element("high_availability", n);
            reader.read(HighAvailability.class, n, "high_availability").ifPresent(monitoring::highAvailability);
        });
        section(entries, "scale_out", n -> ScaleOutSpec.read(monitoring, n, reader, problems));
        section(entries, "rules", n -> reader.readEach(SpecDocument.RulesSpec.class, knownRules(n), "rules")
                .ifPresent(r -> readRules(r, n)));
        section(entries, "grafana", n -> reader.read(SpecDocument.GrafanaSpec.class, n, "grafana")
                .ifPresent(g -> Optional.ofNullable(g.enabled()).ifPresent(monitoring::grafana)));
        section(entries, "kubernetes", n -> reader.read(SpecDocument.KubernetesSpec.class, n, "kubernetes")
                .filter(k -> !Boolean.FALSE.equals(k.enabled())).ifPresent(k -> {
                    problems.element("kubernetes", n);
                    monitoring.kubernetes(or(k.namespace(), "monitoring"), or(k.labels(), Map.of()));
                }));
        section(entries, "alertmanager", n -> {
            // a key that could not be read is left out of the section, so the model must not be built from the rest
            int errorsBefore = problems.errorCount();
            reader.readEach(SpecDocument.AlertmanagerSpec.class, n, "alertmanager")
                    .ifPresent(a -> readAlertmanager(a, n, errorsBefore));
        });
        section(entries, "metrics", n -> list(n, "metrics", MetricCatalog.Metric.class, (m, at) -> monitoring.metric(m)));
        section(entries, "lint", n -> reader.read(SpecDocument.LintSpec.class, n, "lint").ifPresent(l -> readLint(l, n)));
    }

    /** {@code lint.checks}: each key a check's name, each value error, warning or off. */
    private void readLint(SpecDocument.LintSpec lint, Node node) {
        if (lint.checks() == null) {
            return;
        }
        Node checks = reader.entries(node, "lint").get("checks").getValueNode();
        reader.entries(checks, "lint.checks").forEach((id, tuple) -> {
            Optional<Check> check = Check.byId(id);
            String value = String.valueOf(lint.checks().get(id));
            Optional<Check.Severity> severity = Arrays.stream(Check.Severity.values()).filter(s -> s.id().equals(value)).findFirst();
            if (check.isEmpty()) {
                problems.error(tuple.getKeyNode(), "unknown check '" + id + "' in lint.checks" + DidYouMean.hint(id, Check.ids()));
            } else if (severity.isEmpty()) {
                problems.error(tuple.getValueNode(), "wrong severity '" + value + "' for lint.checks." + id
                        + ": expected error, warning or off");
            } else {
                monitoring.lintCheck(check.get(), severity.get());
            }
        });
    }

    private void section(Map<String, NodeTuple> entries, String key, Consumer<Node> read) {
        NodeTuple tuple = entries.get(key);
        if (tuple != null && !SectionReader.isNull(tuple.getValueNode())) {
            read.accept(tuple.getValueNode());
        }
    }

    /** Reads a list section item by item, so one bad item does not hide the others. */
    private <T> void list(Node node, String where, Class<T> type, BiConsumer<T, Node> use) {
        list(node, where, (item, at) -> reader.read(type, item, at), use);
    }

    /** Reads a list section item by item with {@code read} (an item's node and its path). */
    private <T> void list(Node node, String where, java.util.function.BiFunction<Node, String, Optional<T>> read,
            BiConsumer<T, Node> use) {
        if (!(node instanceof SequenceNode seq)) {
            problems.error(node, "wrong type for " + where + ": expected a list, got " + SectionReader.describe(node));
            return;
        }
        for (int i = 0; i < seq.getValue().size(); i++) {
            Node item = seq.getValue().get(i);
            if (SectionReader.isNull(item)) {
                reader.wrongType(item, where + "[" + i + "]", "a mapping");
                continue;
            }
            read.apply(item, where + "[" + i + "]").ifPresent(v -> use.accept(v, item));
        }
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** The model names a remote endpoint by its name, or its url when it has none; its problems are about the url. */
    private void remoteElement(String section, String name, Node at) {
        problems.element(section + "[" + name + "]", reader.entries(at, "").get("url").getValueNode());
    }

    private void readEc2(SpecDocument.Ec2Job e, Node node) {
        String job = "prometheus.scrape_configs[" + SpawnPrometheusDefaults.EC2_JOB + "]";
        problems.element(job, node);
        List<String> regions = or(e.regions(), List.of("us-east-1"));
        int port = or(e.port(), SpawnPrometheusDefaults.SPORED_PORT);
        List<Discovery> discovery = new ArrayList<>();
        for (String region : regions) {
            model(node, job, () -> {
                Ec2SdConfig.Builder b = Ec2SdConfig.spawnInstances(region, port).toBuilder()
                        .endpoint(e.endpoint()).roleArn(e.roleArn()).profile(e.profile());
                if (e.refreshInterval() != null) {
                    b.refreshInterval(e.refreshInterval());
                }
                if (e.filters() != null) {
                    b.filters(e.filters());
                }
                return b.build();
            }).ifPresent(discovery::add);
        }
        if (discovery.size() == regions.size()) {
            List<RelabelConfig> relabel = new ArrayList<>(SpawnPrometheusDefaults.ec2Relabelling(port));
            relabel.addAll(or(e.relabelConfigs(), List.of()));
            monitoring.scrapeJob(SpawnPrometheusDefaults.EC2_JOB, b -> {
                b.replaceDiscovery(discovery).replaceRelabelling(relabel);
                return b;
            });
        }
    }

    private void readFileSd(SpecDocument.FileSdJob f, Node node) {
        String job = "prometheus.scrape_configs[" + SpawnPrometheusDefaults.FLEET_JOB + "]";
        problems.element(job, node);
        model(node, job, () -> new FileSdConfig(or(f.files(), List.of(SpawnPrometheusDefaults.TARGETS_GLOB)),
                or(f.refreshInterval(), Duration.ofSeconds(60)))).ifPresent(sd -> monitoring.scrapeJob(
                        SpawnPrometheusDefaults.FLEET_JOB, b -> {
                            b.replaceDiscovery(List.of(sd));
                            if (f.relabelConfigs() != null) {
                                b.replaceRelabelling(f.relabelConfigs());
                            }
                            return b;
                        }));
    }

    private void readStatic(SpecDocument.StaticJob s, Node node) {
        problems.element("prometheus.scrape_configs[" + STATIC_JOB + "]", node);
        model(node, "static", () -> ScrapeConfig.builder(STATIC_JOB)
                .discovery(new StaticConfig(s.targets(), s.labels())).build()).ifPresent(monitoring::scrapeJob);
    }

    /** Reports a job name used twice at the second job, whether or not either job has problems of its own. */
    private void duplicateJobs(Node list) {
        duplicateNames(list, "job_name", "scrape job");
    }

    /** Items of a list that Prometheus refuses to see twice under one {@code key} (job_name, a remote's name). */
    private void duplicateNames(Node list, String key, String what) {
        if (!(list instanceof SequenceNode seq)) {
            return;
        }
        Map<String, Node> first = new java.util.HashMap<>();
        for (Node item : seq.getValue()) {
            if (item instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)
                            && t.getValueNode() instanceof ScalarNode v) {
                        Node earlier = first.putIfAbsent(v.getValue(), item);
                        if (earlier != null) {
                            duplicates.add(item);
                            problems.error(item, "duplicate " + key + " '" + v.getValue() + "' (first at "
                                    + problems.at(earlier.getStartMark()) + "); expected each " + what
                                    + " to have its own name");
                        }
                    }
                }
            }
        }
    }

    private void readScrapeJob(SpecDocument.ScrapeJob j, Node node) {
        ScrapeConfig config = j.config();
        String name = config.jobName();
        if (duplicates.contains(node)) {
            return;
        }
        problems.element("prometheus.scrape_configs[" + name + "]", node);
        boolean isDefault = DEFAULT_JOBS.contains(name);
        if (Boolean.FALSE.equals(j.enabled())) {
            if (!isDefault) {
                problems.error(node, "enabled: false on scrape job '" + name + "', which is not a default job; expected one of "
                        + String.join(", ", DEFAULT_JOBS) + " (leave your own job out instead)");
            }
            monitoring.removeScrapeJob(name);
            return;
        }
        if (j.targets() != null || j.labels() != null) {
            if (j.targets() == null) {
                problems.error(node, "labels without targets in scrape job " + name
                        + "; expected targets beside labels (the shorthand for one static_config)");
                return;
            }
            ScrapeConfig written = config;
            Optional<ScrapeConfig> withTargets = model(node, "scrape_configs",
                    () -> written.toBuilder().discovery(new StaticConfig(j.targets(), j.labels())).build());
            if (withTargets.isEmpty()) {
                return;
            }
            config = withTargets.get();
        }
        if (isDefault && replacedDefaults.add(name)) {
            monitoring.replaceScrapeJob(config); // the user's own version of a default job
        } else {
            monitoring.scrapeJob(config);
        }
    }

    /** The rules mapping without the keys that are neither its settings nor a default rule's name, reported here. */
    private Node knownRules(Node node) {
        if (!(node instanceof MappingNode mapping)) {
            return node;
        }
        Set<String> settings = Section.of(SpecDocument.RulesSpec.class).names();
        List<String> candidates = new ArrayList<>(RULE_NAMES);
        candidates.addAll(settings);
        List<NodeTuple> kept = new ArrayList<>();
        for (NodeTuple t : mapping.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode key && !key.getTag().equals(Tag.MERGE)
                    && !settings.contains(key.getValue()) && !RULE_NAMES.contains(key.getValue())) {
                problems.error(key, "unknown rule '" + key.getValue() + "' in rules" + DidYouMean.hint(key.getValue(), candidates));
            } else {
                kept.add(t);
            }
        }
        return new MappingNode(mapping.getTag(), kept, mapping.getFlowStyle());
    }

    private void readRules(SpecDocument.RulesSpec rules, Node node) {
        Map<String, NodeTuple> entries = reader.entries(node, "rules");
        if (rules.coverage() != null) {
            problems.element("rules.coverage", entries.get("coverage").getValueNode());
            monitoring.ruleCoverage(rules.coverage());
        }
        if (rules.mutation() != null) {
            monitoring.ruleMutation(rules.mutation());
        }
        if (rules.runbookBase() != null) {
            problems.element("rules.runbook_base", entries.get("runbook_base").getValueNode());
            monitoring.runbookBase(rules.runbookBase());
        }
        if (rules.disabledCategories() != null) {
            List<String> ids = Arrays.stream(Category.values()).map(Category::id).toList();
            List<Node> items = ((SequenceNode) entries.get("disabled_categories").getValueNode()).getValue();
            for (int i = 0; i < items.size(); i++) {
                String id = rules.disabledCategories().get(i);
                if (!ids.contains(id)) {
                    problems.error(items.get(i), "unknown category '" + id + "' in rules.disabled_categories"
                            + DidYouMean.hint(id, ids));
                } else {
                    problems.element("rules." + id, items.get(i));
                    monitoring.disableCategory(Category.fromId(id));
                }
            }
        }
        Optional.ofNullable(rules.overrides()).orElse(Map.of()).forEach((name, override) -> {
            Node keyNode = entries.get(name).getKeyNode();
            problems.element("rules." + name, keyNode);
            RuleSpec.apply(monitoring, name, override, entries.get(name).getValueNode(), problems);
        });
        List<SpecDocument.CustomRuleSpec> custom = or(rules.custom(), List.of());
        Map<String, Integer> customNamed = new HashMap<>();
        for (int i = 0; i < custom.size(); i++) {
            Node item = ((SequenceNode) entries.get("custom").getValueNode()).getValue().get(i);
            RuleSpec.custom(monitoring, custom.get(i), item, i, customNamed.merge(String.valueOf(custom.get(i).name()), 1, Integer::sum),
                    problems);
        }
        if (entries.containsKey("groups") && !SectionReader.isNull(entries.get("groups").getValueNode())) {
            // item by item, so that a mistake in one group does not hide the others'
            Node groups = entries.get("groups").getValueNode();
            List<Map.Entry<SpecDocument.RuleGroupSpec, Node>> read = new ArrayList<>();
            list(groups, "rules.groups", SpecDocument.RuleGroupSpec.class, (g, at) -> read.add(Map.entry(g, at)));
            boolean complete = groups instanceof SequenceNode seq && seq.getValue().size() == read.size();
            RuleSpec.groups(monitoring, read, complete, reader, problems);
        }
    }

    /** The deprecated matcher maps of routes and inhibitions, and the key each is folded into. */
    static final Map<String, String> DEPRECATED_MATCH = Map.of("match", "matchers", "match_re", "matchers",
            "source_match", "source_matchers", "source_match_re", "source_matchers", "target_match", "target_matchers",
            "target_match_re", "target_matchers");

    /**
     * The {@code alertmanager:} section: alertmanager.yml's own sections and the spawn shorthands. The
     * checks that span elements and that a mistake elsewhere in the section must not hide (a route to a
     * receiver that is not defined) run on the nodes, so they are reported with the other problems.
     */
    private void readAlertmanager(SpecDocument.AlertmanagerSpec am, Node node, int errorsBefore) {
        Map<String, NodeTuple> entries = reader.entries(node, "alertmanager");
        if (am.webhookUrl() != null) {
            problems.element("alertmanager", entries.get("webhook_url").getValueNode());
            monitoring.webhookUrl(am.webhookUrl());
        }
        if (entries.containsKey("global")) {
            problems.element("alertmanager.global", entries.get("global").getValueNode());
        }
        if (entries.containsKey("mute_time_intervals")) {
            problems.warning(entries.get("mute_time_intervals").getKeyNode(), "deprecated 'mute_time_intervals' in alertmanager;"
                    + " read as time_intervals, expected time_intervals");
        }
        for (Node interval : items(entries, "time_intervals")) {
            scalar(interval, "name").ifPresent(n -> problems.element("alertmanager.time_intervals[" + n.getValue() + "]", n));
        }
        List<Receiver> receivers = new ArrayList<>();
        List<Node> receiverNodes = items(entries, "receivers");
        List<SpecDocument.ReceiverSpec> receiverSpecs = or(am.receivers(), List.of());
        // one receiver of the spawn webhook's name replaces it (as the builder does); two of one name are an error
        Set<String> own = new LinkedHashSet<>();
        for (Node at : receiverNodes) {
            Optional<ScalarNode> name = scalar(at, "name");
            if (name.isEmpty()) {
                continue;
            }
            receiverNames.add(name.get().getValue());
            if (!own.add(name.get().getValue())) {
                problems.error(name.get(), "duplicate receiver name '" + name.get().getValue() + "'; receiver names must be unique");
                continue;
            }
            String element = "alertmanager.receivers[" + name.get().getValue() + "]";
            problems.element(element, name.get());
            reader.entries(at, "").forEach((key, tuple) -> {
                if (key.endsWith("_configs") && tuple.getValueNode() instanceof SequenceNode seq) {
                    for (int j = 0; j < seq.getValue().size(); j++) {
                        problems.element(element + "." + key + "[" + j + "]", seq.getValue().get(j));
                    }
                }
            });
        }
        for (int i = 0; i < receiverSpecs.size(); i++) {
            shorthands(receiverSpecs.get(i), receiverNodes.get(i)).ifPresent(receivers::add);
        }
        List<Route> shorthandRoutes = or(am.routes(), List.of());
        List<Node> shorthandNodes = items(entries, "routes");
        for (int i = 0; i < shorthandNodes.size(); i++) {
            checkRoutes(shorthandNodes.get(i), "alertmanager.route.routes[" + i + "]");
        }
        if (entries.containsKey("route")) {
            Node root = entries.get("route").getValueNode();
            problems.element("alertmanager.route", root);
            checkReceiverRef(root);
            deprecatedMatch(root, "alertmanager.route");
            List<Node> children = items(reader.entries(root, ""), "routes");
            for (int i = 0; i < children.size(); i++) {
                checkRoutes(children.get(i), "alertmanager.route.routes[" + (shorthandNodes.size() + i) + "]");
            }
        }
        List<Node> inhibitNodes = items(entries, "inhibit_rules");
        for (int i = 0; i < inhibitNodes.size(); i++) {
            problems.element("alertmanager.inhibit_rules[" + i + "]", inhibitNodes.get(i));
            deprecatedMatch(inhibitNodes.get(i), "alertmanager.inhibit_rules[" + i + "]");
        }
        readRoutingTests(am.tests(), items(entries, "tests"));
        if (problems.errorCount() > errorsBefore) {
            return; // this section's own problems are reported; the model would repeat them without positions
        }
        monitoring.alertmanager(b -> {
            if (am.global() != null) {
                b.global(overlay(SpawnAlertmanagerDefaults.config().global(), am.global()));
            }
            or(am.templates(), List.<String>of()).forEach(b::template);
            or(am.timeIntervals(), List.<TimeInterval>of()).forEach(b::timeInterval);
            or(am.muteTimeIntervals(), List.<TimeInterval>of()).forEach(b::timeInterval);
            receivers.forEach(b::receiver);
            if (am.inhibitRules() != null) {
                b.replaceInhibitRules(am.inhibitRules());
            }
            Route root = am.route() != null ? am.route() : SpawnAlertmanagerDefaults.config().route();
            if (am.route() != null || !shorthandRoutes.isEmpty()) {
                // the shorthand routes come first, before the root's own children (the default per-severity routes)
                Route.Builder tree = root.toBuilder();
                for (int i = shorthandRoutes.size() - 1; i >= 0; i--) {
                    tree.firstRoute(shorthandRoutes.get(i));
                }
                b.route(tree.build());
            }
        });
    }

    /** A receiver with its shorthand configs added after the ones written in upstream form. */
    private Optional<Receiver> shorthands(SpecDocument.ReceiverSpec r, Node at) {
        if (r == null || r.receiver() == null) {
            return Optional.empty();
        }
        List<ReceiverConfig> configs = new ArrayList<>(r.receiver().configs());
        Optional.ofNullable(r.webhook()).flatMap(w -> model(at, "webhook", () -> WebhookConfig.builder()
                .sendResolved(or(w.sendResolved(), true)).url(w.url()).maxAlerts(w.maxAlerts()).build())).ifPresent(configs::add);
        Optional.ofNullable(r.slack()).flatMap(s -> model(at, "slack", () -> SlackConfig.message(or(s.sendResolved(), true),
                s.apiUrl(), s.channel(), null, null, null))).ifPresent(configs::add);
        Optional.ofNullable(r.pagerduty()).flatMap(p -> model(at, "pagerduty", () -> PagerdutyConfig.routingKey(p.routingKey())
                .toBuilder().sendResolved(or(p.sendResolved(), true)).build())).ifPresent(configs::add);
        Optional.ofNullable(r.sns()).flatMap(s -> model(at, "sns", () -> SnsConfig.topic(s.topicArn(), s.region()).toBuilder()
                .sendResolved(or(s.sendResolved(), true)).build())).ifPresent(configs::add);
        Optional.ofNullable(r.email()).flatMap(e -> model(at, "email", () -> EmailConfig.builder(e.to())
                .sendResolved(e.sendResolved()).from(e.from()).smarthost(e.smarthost()).auth(e.authUsername(), e.authPassword())
                .build())).ifPresent(configs::add);
        return Optional.of(new Receiver(r.receiver().name(), configs));
    }

    /** {@code alertmanager.tests}: each test to the model, its expectations placed so a wrong one is reported at its line. */
    private void readRoutingTests(List<RoutingTestSpec> tests, List<Node> nodes) {
        for (int i = 0; i < or(tests, List.<RoutingTestSpec>of()).size(); i++) {
            RoutingTestSpec t = tests.get(i);
            Node at = nodes.get(i);
            problems.element("alertmanager.tests[" + t.name() + "]", at);
            List<Node> expectNodes = items(reader.entries(at, ""), "expect");
            List<RoutingTest.Expectation> expect = new ArrayList<>();
            for (int j = 0; j < t.expect().size(); j++) {
                RoutingTestSpec.Expect e = t.expect().get(j);
                problems.element("alertmanager.tests[" + t.name() + "].expect[" + j + "]", expectNodes.get(j));
                model(expectNodes.get(j), "expect", () -> new RoutingTest.Expectation(e.receivers(), Boolean.TRUE.equals(e.inhibited())))
                        .ifPresent(expect::add);
            }
            // the alerts' label names at their keys, and the count of expectations, in one run with the rest
            boolean labelled = true;
            List<Node> alertNodes = items(reader.entries(at, ""), "alerts");
            for (int a = 0; a < or(t.alerts(), List.<Map<String, String>>of()).size() && a < alertNodes.size(); a++) {
                Map<String, NodeTuple> keys = reader.entries(alertNodes.get(a), "");
                for (String label : t.alerts().get(a).keySet()) {
                    if (!dev.spawn.monitoring.model.LabelName.isLegal(label)) {
                        NodeTuple key = keys == null ? null : keys.get(label);
                        problems.error(key == null ? alertNodes.get(a) : key.getKeyNode(), dev.spawn.monitoring.model.LabelName
                                .describeIllegal(label, "labels of an alert of routing test '" + t.name() + "'"));
                        labelled = false;
                    }
                }
            }
            if (t.alerts() != null && !t.alerts().isEmpty() && t.alerts().size() != t.expect().size()) {
                NodeTuple expectKey = reader.entries(at, "").get("expect");
                problems.error(expectKey == null ? at : expectKey.getKeyNode(), "routing test '" + t.name() + "' has "
                        + t.alerts().size() + " alerts but " + t.expect().size() + " expectations; expected one per alert, in the same order");
                labelled = false;
            }
            if (labelled && expect.size() == t.expect().size()) {
                model(at, "alertmanager.tests", () -> new RoutingTest(t.name(), t.alerts(), expect)).ifPresent(monitoring::routingTest);
            }
        }
    }

    /** A route and its children: their receivers must be defined; each is registered for the validator's problems. */
    private void checkRoutes(Node route, String element) {
        Node receiver = scalar(route, "receiver").map(Node.class::cast).orElse(route);
        problems.element(element, receiver);
        checkReceiverRef(route);
        deprecatedMatch(route, element);
        List<Node> children = items(reader.entries(route, ""), "routes");
        for (int i = 0; i < children.size(); i++) {
            checkRoutes(children.get(i), element + ".routes[" + i + "]");
        }
    }

    private void checkReceiverRef(Node route) {
        scalar(route, "receiver").filter(r -> !receiverNames.contains(r.getValue())).ifPresent(r -> problems.error(r,
                "route receiver '" + r.getValue() + "' is not defined; defined receivers: " + String.join(", ", receiverNames)));
    }

    private void deprecatedMatch(Node mapping, String where) {
        Map<String, NodeTuple> at = reader.entries(mapping, where);
        if (at == null) {
            return;
        }
        at.forEach((key, tuple) -> {
            if (DEPRECATED_MATCH.containsKey(key)) {
                problems.warning(tuple.getKeyNode(), "deprecated '" + key + "' in " + where + "; read as "
                        + DEPRECATED_MATCH.get(key) + " (same meaning) and written so, expected " + DEPRECATED_MATCH.get(key)
                        + " such as ['severity=\"critical\"']");
            }
        });
    }

    /** The scalar value of {@code key} in a mapping node, if there is one. */
    private Optional<ScalarNode> scalar(Node mapping, String key) {
        if (!(mapping instanceof MappingNode m)) {
            return Optional.empty();
        }
        return m.getValue().stream().filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key))
                .map(NodeTuple::getValueNode).filter(ScalarNode.class::isInstance).map(ScalarNode.class::cast)
                .filter(n -> !SectionReader.isNull(n)).findFirst();
    }

    /** {@code changes} laid over {@code base}: each key the changes set wins, the others keep the base's value. */
    private static <T> T overlay(T base, T changes) {
        Section section = Section.of(base.getClass());
        Object[] values = new Object[section.size()];
        for (Section.Field f : section.keys()) {
            Object change = f.get(changes);
            values[f.index()] = change != null ? change : f.get(base);
        }
        @SuppressWarnings("unchecked")
        T merged = (T) section.construct(values);
        return merged;
    }

    private List<Node> items(Map<String, NodeTuple> entries, String key) {
        NodeTuple tuple = entries == null ? null : entries.get(key);
        return tuple != null && tuple.getValueNode() instanceof SequenceNode seq ? seq.getValue() : List.of();
    }

    private <T> Optional<T> model(Node at, String where, Supplier<T> make) {
        try {
            return Optional.of(make.get());
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.error(at, e.getMessage() == null ? "incomplete " + where : e.getMessage());
            return Optional.empty();
        }
    }

    /** The spec read, and what building it gives: a validated bundle or every problem at its spec position. */
    public static final class Spec {
        private final SpawnMonitoring monitoring;
        private final SpecProblems problems;
        private final boolean failed;

        Spec(SpawnMonitoring monitoring, SpecProblems problems, boolean failed) {
            this.monitoring = monitoring;
            this.problems = problems;
            this.failed = failed;
        }

        /** The builder, for further changes in code (before {@link #build()}). */
        public SpawnMonitoring monitoring() {
            return monitoring;
        }

        /** Warnings found while reading (inline secrets). */
        public List<Problem> warnings() {
            return problems.all().stream().filter(p -> !p.isError()).toList();
        }

        /**
         * A tool check with its problems placed in the spec: promtool's "could not parse expression" for
         * a custom rule lands at the rule's {@code expr:}, so the build log shows the line to fix.
         */
        public dev.spawn.monitoring.check.BundleCheck.Outcome place(dev.spawn.monitoring.check.BundleCheck.Outcome outcome) {
            return outcome.placed(problems::place);
        }

        /**
         * A lint finding placed in the spec when its element is written there: an expression's finding at its
         * own character in the rule's {@code expr:}, a route's at the route; other findings keep their place in
         * the generated file. A finding never moves to an enclosing route or inhibition the spec wrote for
         * another reason.
         */
        public dev.spawn.monitoring.lint.Finding place(dev.spawn.monitoring.lint.Finding finding) {
            String element = finding.element();
            if (element.isEmpty()) {
                return finding;
            }
            List<String> candidates = new ArrayList<>();
            if (element.startsWith("rule ")) {
                String rest = element.substring("rule ".length());
                candidates.add("custom rule " + rest);
                String name = rest.endsWith(".expr") ? rest.substring(0, rest.length() - ".expr".length()) : rest;
                candidates.add("custom rule " + name);
                candidates.add("rules." + name);
            } else {
                candidates.add(element);
                // a receiver's template: its config, then the receiver (never a route's or inhibition's parent)
                String path = element;
                while (path.startsWith("alertmanager.receivers[") && path.indexOf(']') < path.length() - 1) {
                    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
                    path = path.substring(0, cut);
                    candidates.add(path);
                }
            }
            for (String candidate : candidates) {
                Optional<Node> node = problems.node(candidate);
                if (node.isPresent()) {
                    dev.spawn.monitoring.lint.Spot spot = dev.spawn.monitoring.lint.Spot.of(problems.fileName(), node.get(),
                            problems.text());
                    boolean inExpr = candidate.endsWith(".expr") && finding.offset() >= 0;
                    return finding.at(inExpr ? spot.at(finding.offset()) : spot.start());
                }
            }
            return finding;
        }

        /** Validates and returns the bundle, or throws one {@link ValidationException} with every problem placed in the spec. */
        public dev.spawn.monitoring.MonitoringBundle build() {
            List<Problem> all = new ArrayList<>(problems.all());
            Set<String> reported = new java.util.HashSet<>();
            all.stream().filter(Problem::isError).forEach(p -> reported.add(p.location()));
            try {
                dev.spawn.monitoring.MonitoringBundle bundle = monitoring.build();
                if (!failed) {
                    List<Problem> warnings = new ArrayList<>(warnings());
                    bundle.warnings().stream().map(problems::place).forEach(warnings::add);
                    return bundle.withWarnings(warnings);
                }
            } catch (ValidationException e) {
                Function<Problem, Problem> place = problems::place;
                e.problems().stream().filter(p -> !problems.repeatsACase(p)).map(place)
                        .filter(p -> !(p.isError() && reported.contains(p.location())))
                        .forEach(all::add);
            }
            throw new ValidationException(all);
        }
    }
}
