package dev.spawn.monitoring.spec;

import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.model.BasicAuth;
import dev.spawn.monitoring.model.HighAvailability;
import dev.spawn.monitoring.model.Matcher;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.Secret;
import dev.spawn.monitoring.model.TlsConfig;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.model.Authorization;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerFlags;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerGlobal;
import dev.spawn.monitoring.model.alertmanager.EmailConfig;
import dev.spawn.monitoring.model.alertmanager.InhibitRule;
import dev.spawn.monitoring.model.alertmanager.PagerdutyConfig;
import dev.spawn.monitoring.model.alertmanager.Receiver;
import dev.spawn.monitoring.model.alertmanager.ReceiverConfig;
import dev.spawn.monitoring.model.alertmanager.Route;
import dev.spawn.monitoring.model.alertmanager.SlackConfig;
import dev.spawn.monitoring.model.alertmanager.SnsConfig;
import dev.spawn.monitoring.model.alertmanager.SpawnAlertmanagerDefaults;
import dev.spawn.monitoring.model.alertmanager.TimeInterval;
import dev.spawn.monitoring.model.alertmanager.TimeRangeSpec;
import dev.spawn.monitoring.model.alertmanager.WebhookConfig;
import dev.spawn.monitoring.model.prometheus.Ec2SdConfig;
import dev.spawn.monitoring.model.prometheus.FileSdConfig;
import dev.spawn.monitoring.model.prometheus.HttpClientConfig;
import dev.spawn.monitoring.model.prometheus.PrometheusFlags;
import dev.spawn.monitoring.model.prometheus.QueueConfig;
import dev.spawn.monitoring.model.prometheus.RelabelConfig;
import dev.spawn.monitoring.model.prometheus.RemoteRead;
import dev.spawn.monitoring.model.prometheus.RemoteWrite;
import dev.spawn.monitoring.model.prometheus.ScrapeConfig;
import dev.spawn.monitoring.model.prometheus.SpawnPrometheusDefaults;
import dev.spawn.monitoring.model.prometheus.StaticConfig;
import dev.spawn.monitoring.model.rules.Category;
import dev.spawn.monitoring.model.rules.Severity;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

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

    private final SpecProblems problems;
    private final SpawnMonitoring monitoring = SpawnMonitoring.defaults();
    private final Set<String> receiverNames = new LinkedHashSet<>(List.of(
            SpawnAlertmanagerDefaults.WEBHOOK_RECEIVER));

    private SpecReader(String fileName) {
        this.problems = new SpecProblems(fileName);
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
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ValidationException(List.of(Problem.error(file.toString(),
                    "cannot read the spec file: " + e.getClass().getSimpleName() + ": " + e.getMessage())));
        }
        return parse(name, text);
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
        SpecReader reader = new SpecReader(fileName);
        reader.monitoring.source(fileName);
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true); // reported by SpecMap with both positions
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
            reader.problems.add(Problem.error(mark == null ? fileName : reader.problems.at(mark),
                    "YAML syntax error: " + what.strip() + context));
            throw new ValidationException(reader.problems.all());
        } catch (YAMLException e) {
            throw new ValidationException(List.of(Problem.error(fileName, "YAML syntax error: " + e.getMessage())));
        }
        if (root == null) {
            return new Spec(reader.monitoring, reader.problems, false);
        }
        SpecMap.open(reader.problems, root, "", SpecFields.of(SpecFields.ROOT)).ifPresent(reader::readRoot);
        if (reader.problems.hasErrors()) {
            // build anyway: the model's own findings (a route to an undefined receiver) belong in the same report
            return new Spec(reader.monitoring, reader.problems, true);
        }
        return new Spec(reader.monitoring, reader.problems, false);
    }

    private void readRoot(SpecMap root) {
        Optional<String> version = root.string("apiVersion");
        if (version.isEmpty()) {
            problems.error(root.node(), "missing field 'apiVersion' at the top level; expected apiVersion: " + API_VERSION);
        } else if (!version.get().equals(API_VERSION)) {
            problems.error(root.value("apiVersion").orElseThrow(), "unsupported apiVersion '" + version.get()
                    + "'; expected " + API_VERSION);
        }
        root.map("global", "global").ifPresent(this::readGlobal);
        root.map("ec2", "ec2").ifPresent(this::readEc2);
        root.map("file_sd", "file_sd").ifPresent(this::readFileSd);
        root.map("static", "static").ifPresent(this::readStatic);
        root.maps("scrape_configs", "scrape_configs[]").forEach(this::readScrapeConfig);
        root.maps("remote_write", "remote_write[]").forEach(m -> m.string("url").ifPresentOrElse(url -> {
            remoteElement("prometheus.remote_write", m, url);
            Optional<HttpClientConfig> http = http(m);
            List<RelabelConfig> relabel = relabels(m, "write_relabel_configs");
            Optional<QueueConfig> queue = m.map("queue_config", "queue_config").flatMap(q -> model(q, () -> new QueueConfig(
                    q.integer("capacity").orElse(null), q.integer("min_shards").orElse(null), q.integer("max_shards").orElse(null),
                    q.integer("max_samples_per_send").orElse(null), q.duration("batch_send_deadline").orElse(null),
                    q.duration("min_backoff").orElse(null), q.duration("max_backoff").orElse(null))));
            http.ifPresent(h -> model(m, () -> new RemoteWrite(url, m.string("name").orElse(null),
                    m.duration("remote_timeout").orElse(null), h, relabel, queue.orElse(null))).ifPresent(monitoring::remoteWrite));
        }, () -> m.require("url")));
        root.maps("remote_read", "remote_read[]").forEach(m -> m.string("url").ifPresentOrElse(url -> {
            remoteElement("prometheus.remote_read", m, url);
            Optional<HttpClientConfig> http = http(m);
            http.ifPresent(h -> model(m, () -> new RemoteRead(url, m.string("name").orElse(null),
                    m.duration("remote_timeout").orElse(null), m.bool("read_recent").orElse(null),
                    m.stringMap("required_matchers", true).orElse(null), h))
                    .ifPresent(monitoring::remoteRead));
        }, () -> m.require("url")));
        root.map("alerting", "alerting").ifPresent(m -> {
            problems.element("prometheus.alerting", m.node());
            relabels(m, "alert_relabel_configs").forEach(monitoring::alertRelabel);
        });
        root.map("prometheus_flags", "prometheus_flags").ifPresent(this::readPrometheusFlags);
        root.map("alertmanager_flags", "alertmanager_flags").ifPresent(this::readAlertmanagerFlags);
        root.map("high_availability", "high_availability").ifPresent(m -> {
            problems.element("high_availability", m.node());
            model(m, () -> new HighAvailability(m.strings("replicas").orElse(List.of()), m.string("replica_label").orElse(null),
                    m.strings("alertmanagers").orElse(List.of()), m.strings("cluster_peers").orElse(List.of())))
                    .ifPresent(monitoring::highAvailability);
        });
        // rules is open: its keys are rule names (checked against the catalogue) besides disabled_categories and custom
        root.value("rules").flatMap(v -> SpecMap.open(problems, v, "rules", null)).ifPresent(this::readRules);
        root.map("alertmanager", "alertmanager").ifPresent(this::readAlertmanager);
        root.map("grafana", "grafana").ifPresent(m -> m.bool("enabled").ifPresent(monitoring::grafana));
        root.map("kubernetes", "kubernetes").filter(m -> m.bool("enabled").orElse(true)).ifPresent(m -> {
            problems.element("kubernetes", m.node());
            monitoring.kubernetes(m.string("namespace").orElse("monitoring"), m.stringMap("labels", false).orElse(Map.of()));
        });
    }

    /** The model names a remote endpoint by its name, or its url when it has none; its problems are about the url. */
    private void remoteElement(String section, SpecMap m, String url) {
        problems.element(section + "[" + m.string("name").orElse(url) + "]", m.value("url").orElseThrow());
    }

    private void readGlobal(SpecMap g) {
        problems.element("prometheus.global", g.node());
        g.duration("scrape_interval").ifPresent(d -> monitoring.global(c -> c.withIntervals(d, c.evaluationInterval())));
        g.duration("evaluation_interval").ifPresent(d -> monitoring.global(c -> c.withIntervals(c.scrapeInterval(), d)));
        g.duration("scrape_timeout").ifPresent(d -> monitoring.global(c -> new dev.spawn.monitoring.model.prometheus.GlobalConfig(
                c.scrapeInterval(), d, c.evaluationInterval(), c.externalLabels())));
        g.stringMap("external_labels", true).ifPresent(labels -> labels.forEach(monitoring::externalLabel));
    }

    private void readEc2(SpecMap m) {
        String job = "prometheus.scrape_configs[" + SpawnPrometheusDefaults.EC2_JOB + "]";
        problems.element(job, m.node());
        List<String> regions = m.strings("regions").orElse(List.of("us-east-1"));
        int port = m.integer("port").orElse(SpawnPrometheusDefaults.SPORED_PORT);
        Optional<String> endpoint = m.string("endpoint");
        Optional<String> roleArn = m.string("role_arn");
        Optional<String> profile = m.string("profile");
        List<Ec2SdConfig> discovery = new ArrayList<>();
        for (String region : regions) {
            Node at = m.value("regions").orElse(m.node());
            model(at, job, () -> {
                Ec2SdConfig base = Ec2SdConfig.spawnInstances(region, port);
                return new Ec2SdConfig(region, endpoint.orElse(null), port, base.refreshInterval(), base.filters(),
                        roleArn.orElse(null), profile.orElse(null), null, null);
            }).ifPresent(discovery::add);
        }
        if (discovery.size() == regions.size()) {
            monitoring.scrapeJob(SpawnPrometheusDefaults.EC2_JOB, b -> b.replaceDiscovery(List.copyOf(discovery)));
        }
    }

    private void readFileSd(SpecMap m) {
        String job = "prometheus.scrape_configs[" + SpawnPrometheusDefaults.FLEET_JOB + "]";
        problems.element(job, m.node());
        List<String> files = m.strings("files").orElse(List.of(SpawnPrometheusDefaults.TARGETS_GLOB));
        var refresh = m.duration("refresh_interval").orElse(dev.spawn.monitoring.model.Duration.ofSeconds(60));
        model(m, () -> new FileSdConfig(files, refresh))
                .ifPresent(sd -> monitoring.scrapeJob(SpawnPrometheusDefaults.FLEET_JOB, b -> b.replaceDiscovery(List.of(sd))));
    }

    private void readStatic(SpecMap m) {
        problems.element("prometheus.scrape_configs[" + STATIC_JOB + "]", m.node());
        if (!m.require("targets")) {
            return;
        }
        List<String> targets = m.strings("targets").orElse(null);
        Map<String, String> labels = m.stringMap("labels", true).orElse(Map.of());
        if (targets != null) {
            model(m.value("targets").orElseThrow(), "static", () -> ScrapeConfig.builder(STATIC_JOB)
                    .discovery(new StaticConfig(targets, labels)).build()).ifPresent(monitoring::scrapeJob);
        }
    }

    private void readScrapeConfig(SpecMap m) {
        Optional<String> name = m.string("job_name");
        if (name.isEmpty()) {
            m.require("job_name");
            return;
        }
        problems.element("prometheus.scrape_configs[" + name.get() + "]", m.keyNode("job_name").orElse(m.node()));
        Optional<HttpClientConfig> http = http(m);
        List<String> targets = m.strings("targets").orElse(List.of());
        Map<String, String> labels = m.stringMap("labels", true).orElse(Map.of());
        List<RelabelConfig> relabel = relabels(m, "relabel_configs");
        List<RelabelConfig> metricRelabel = relabels(m, "metric_relabel_configs");
        model(m, () -> {
            ScrapeConfig.Builder b = ScrapeConfig.builder(name.get());
            m.string("scheme").ifPresent(b::scheme);
            m.string("metrics_path").ifPresent(b::metricsPath);
            m.duration("scrape_interval").ifPresent(b::scrapeInterval);
            m.duration("scrape_timeout").ifPresent(b::scrapeTimeout);
            http.ifPresent(b::http);
            relabel.forEach(b::relabel);
            metricRelabel.forEach(b::metricRelabel);
            if (!targets.isEmpty()) {
                b.discovery(new StaticConfig(targets, labels));
            }
            return b.build();
        }).ifPresent(monitoring::scrapeJob);
    }

    /** basic_auth, authorization and tls_config of a scrape job or remote endpoint. */
    private Optional<HttpClientConfig> http(SpecMap m) {
        Authorization[] authorization = new Authorization[1];
        m.map("authorization", "authorization").ifPresent(a -> a.secret("credentials_file", "credentials").ifPresentOrElse(
                c -> authorization[0] = new Authorization(a.string("type").orElse(null), c), () -> a.require("credentials_file")));
        BasicAuth[] auth = new BasicAuth[1];
        TlsConfig[] tls = new TlsConfig[1];
        m.map("basic_auth", "basic_auth").ifPresent(a -> {
            Optional<String> user = a.string("username");
            Optional<Secret> password = a.secret("password_file", "password");
            if (user.isEmpty()) {
                a.require("username");
            } else {
                auth[0] = new BasicAuth(user.get(), password.orElse(null));
            }
        });
        m.map("tls_config", "tls_config").ifPresent(t -> tls[0] = model(t, () -> new TlsConfig(t.string("ca_file").orElse(null),
                t.string("cert_file").orElse(null), t.string("key_file").orElse(null), t.string("server_name").orElse(null),
                t.bool("insecure_skip_verify").orElse(null), t.string("min_version").orElse(null))).orElse(null));
        return model(m, () -> new HttpClientConfig(auth[0], authorization[0], tls[0]));
    }

    /** A list of relabel_config (scrape, metric, write or alert relabelling), each checked by the model. */
    private List<RelabelConfig> relabels(SpecMap m, String key) {
        List<RelabelConfig> out = new ArrayList<>();
        for (SpecMap r : m.maps(key, "relabel_config")) {
            Optional<String> actionId = r.string("action");
            Optional<RelabelConfig.Action> action = actionId.flatMap(id -> model(r.value("action").orElseThrow(), r.where(),
                    () -> RelabelConfig.Action.fromId(id)));
            if (actionId.isPresent() && action.isEmpty()) {
                continue;
            }
            model(r, () -> new RelabelConfig(r.strings("source_labels").orElse(null), r.string("separator").orElse(null),
                    r.string("target_label").orElse(null), r.string("regex").orElse(null), r.integer("modulus").orElse(null),
                    r.string("replacement").orElse(null), action.orElse(null))).ifPresent(out::add);
        }
        return out;
    }

    /** {@code prometheus_flags}: the server's own settings, written to prometheus.flags. */
    private void readPrometheusFlags(SpecMap f) {
        problems.element("prometheus.flags", f.node());
        Optional<String> storage = f.string("storage_path");
        Optional<dev.spawn.monitoring.model.Duration> retention = f.duration("retention_time");
        Optional<String> size = f.string("retention_size");
        Optional<String> listen = f.string("listen_address");
        monitoring.prometheusFlags(p -> new PrometheusFlags(storage.orElse(p.storagePath()), retention.orElse(p.retentionTime()),
                size.orElse(p.retentionSize()), listen.orElse(p.webListenAddress()), p.enableLifecycle(), p.extra()));
    }

    /** {@code alertmanager_flags}: written to alertmanager.flags (clustering comes from high_availability). */
    private void readAlertmanagerFlags(SpecMap f) {
        problems.element("alertmanager.flags", f.node());
        Optional<String> storage = f.string("storage_path");
        Optional<String> listen = f.string("listen_address");
        Optional<dev.spawn.monitoring.model.Duration> retention = f.duration("data_retention");
        monitoring.alertmanagerFlags(a -> new AlertmanagerFlags(storage.orElse(a.storagePath()), listen.orElse(a.webListenAddress()),
                a.clusterListenAddress(), a.clusterPeers(), retention.orElse(a.dataRetention())));
    }

    private void readRules(SpecMap rules) {
        rules.string("runbook_base").ifPresent(url -> {
            problems.element("rules.runbook_base", rules.value("runbook_base").orElseThrow());
            monitoring.runbookBase(url);
        });
        rules.value("disabled_categories").ifPresent(v -> {
            if (!(v instanceof SequenceNode seq)) {
                problems.error(v, "wrong type for rules.disabled_categories: expected a list of categories, got "
                        + SpecMap.describe(v));
                return;
            }
            List<String> ids = java.util.Arrays.stream(Category.values()).map(Category::id).toList();
            for (Node item : seq.getValue()) {
                String id = item instanceof org.yaml.snakeyaml.nodes.ScalarNode s ? s.getValue() : "";
                if (!ids.contains(id)) {
                    problems.error(item, "unknown category '" + id + "' in rules.disabled_categories"
                            + dev.spawn.monitoring.model.DidYouMean.hint(id, ids));
                } else {
                    problems.element("rules." + id, item);
                    monitoring.disableCategory(Category.fromId(id));
                }
            }
        });
        for (Map.Entry<String, NodeTuple> entry : rules.entries().entrySet()) {
            String name = entry.getKey();
            if (SpecFields.of("rules").contains(name)) {
                continue;
            }
            if (!RULE_NAMES.contains(name)) {
                problems.error(entry.getValue().getKeyNode(), "unknown rule '" + name + "' in rules"
                        + dev.spawn.monitoring.model.DidYouMean.hint(name, RULE_NAMES));
                continue;
            }
            problems.element("rules." + name, entry.getValue().getKeyNode());
            SpecMap.open(problems, entry.getValue().getValueNode(), "rules." + name, SpecFields.of("rules.<rule>"))
                    .ifPresent(r -> RuleSpec.apply(monitoring, name, r, problems));
        }
        int index = 0;
        for (SpecMap custom : rules.maps("custom", "rules.custom[]")) {
            RuleSpec.custom(monitoring, custom, index++, problems);
        }
    }

    private void readAlertmanager(SpecMap am) {
        am.string("webhook_url").ifPresent(url -> {
            problems.element("alertmanager", am.value("webhook_url").orElseThrow());
            monitoring.webhookUrl(url);
        });
        Optional<AlertmanagerGlobal> global = am.map("global", "alertmanager.global").flatMap(this::alertmanagerGlobal);
        List<TimeInterval> timeIntervals = new ArrayList<>();
        for (SpecMap t : am.maps("time_intervals", "alertmanager.time_intervals[]")) {
            Optional<String> name = t.string("name");
            List<TimeRangeSpec> ranges = new ArrayList<>();
            for (SpecMap r : t.maps("time_intervals", "time_range")) {
                List<TimeRangeSpec.Times> times = new ArrayList<>();
                for (SpecMap c : r.maps("times", "times[]")) {
                    model(c, () -> new TimeRangeSpec.Times(c.string("start_time").orElse(null), c.string("end_time").orElse(null)))
                            .ifPresent(times::add);
                }
                model(r, () -> new TimeRangeSpec(times, r.strings("weekdays").orElse(null), r.strings("days_of_month").orElse(null),
                        r.strings("months").orElse(null), r.strings("years").orElse(null), r.string("location").orElse(null)))
                        .ifPresent(ranges::add);
            }
            if (name.isEmpty()) {
                t.require("name");
            } else {
                model(t, () -> new TimeInterval(name.get(), ranges)).ifPresent(timeIntervals::add);
            }
        }
        List<Receiver> receivers = new ArrayList<>();
        for (SpecMap r : am.maps("receivers", "alertmanager.receivers[]")) {
            Optional<String> name = r.string("name");
            if (name.isEmpty()) {
                r.require("name");
                continue;
            }
            Node nameNode = r.value("name").orElseThrow();
            if (!receiverNames.add(name.get())) {
                problems.error(nameNode, "duplicate receiver name '" + name.get() + "'; receiver names must be unique");
                continue;
            }
            problems.element("alertmanager.receivers[" + (receivers.size() + 1) + "]", nameNode);
            int problemsBefore = problems.all().size();
            List<ReceiverConfig> configs = new ArrayList<>();
            r.map("webhook", "webhook").ifPresent(w -> w.string("url").ifPresentOrElse(url -> model(w, () -> new WebhookConfig(
                    w.bool("send_resolved").orElse(true), url, null, w.integer("max_alerts").orElse(null))).ifPresent(configs::add),
                    () -> w.require("url")));
            r.map("slack", "slack").ifPresent(s -> {
                Optional<Secret> apiUrl = s.secret("api_url_file", "api_url");
                s.string("channel").ifPresentOrElse(channel -> model(s, () -> new SlackConfig(s.bool("send_resolved").orElse(true),
                        apiUrl.orElse(null), null, channel, null, null, null)).ifPresent(configs::add), () -> s.require("channel"));
            });
            r.map("pagerduty", "pagerduty").ifPresent(p -> p.secret("routing_key_file", "routing_key").ifPresentOrElse(
                    key -> model(p, () -> new PagerdutyConfig(p.bool("send_resolved").orElse(true), key, null, null, null, null,
                            null, null, null)).ifPresent(configs::add), () -> p.require("routing_key_file")));
            r.map("sns", "sns").ifPresent(s -> s.string("topic_arn").ifPresentOrElse(arn -> model(s, () -> {
                SnsConfig base = SnsConfig.topic(arn, s.string("region").orElse(null));
                return new SnsConfig(s.bool("send_resolved").orElse(true), null, base.sigv4(), arn, null, null, null, null,
                        null, null);
            }).ifPresent(configs::add), () -> s.require("topic_arn")));
            r.map("email", "email").ifPresent(e -> e.string("to").ifPresentOrElse(to -> {
                Optional<Secret> password = e.secret("auth_password_file", "auth_password");
                model(e, () -> new EmailConfig(e.bool("send_resolved").orElse(null), to, e.string("from").orElse(null),
                        e.string("smarthost").orElse(null), null, e.string("auth_username").orElse(null), password.orElse(null),
                        null, null, null)).ifPresent(configs::add);
            }, () -> e.require("to")));
            if (configs.isEmpty() && problems.all().size() == problemsBefore) {
                problems.error(r.node(), "receiver '" + name.get() + "' has no notifier; expected one of webhook, slack,"
                        + " pagerduty, sns, email");
            }
            receivers.add(new Receiver(name.get(), configs));
        }
        List<Route> routes = new ArrayList<>();
        List<SpecMap> routeSpecs = am.maps("routes", "alertmanager.routes[]");
        for (SpecMap r : routeSpecs) {
            problems.element("alertmanager.route.routes[" + routes.size() + "]", r.value("receiver").orElse(r.node()));
            Optional<String> receiver = r.string("receiver");
            receiver.ifPresent(name -> {
                if (!receiverNames.contains(name)) {
                    problems.error(r.value("receiver").orElseThrow(), "route receiver '" + name
                            + "' is not defined; defined receivers: " + String.join(", ", receiverNames));
                }
            });
            List<Matcher> matchers = matchers(r, "matchers");
            model(r, () -> {
                Route.Builder b = Route.builder();
                receiver.ifPresent(b::receiver);
                matchers.forEach(b::matcher);
                r.bool("continue").ifPresent(b::continueMatching);
                r.strings("group_by").ifPresent(g -> b.groupBy(g.toArray(String[]::new)));
                r.duration("group_wait").ifPresent(b::groupWait);
                r.duration("group_interval").ifPresent(b::groupInterval);
                r.duration("repeat_interval").ifPresent(b::repeatInterval);
                r.strings("mute_time_intervals").ifPresent(n -> b.muteTimeIntervals(n.toArray(String[]::new)));
                r.strings("active_time_intervals").ifPresent(n -> b.activeTimeIntervals(n.toArray(String[]::new)));
                return b.build();
            }).ifPresent(routes::add);
        }
        List<InhibitRule> inhibitRules = new ArrayList<>();
        for (SpecMap i : am.maps("inhibit_rules", "alertmanager.inhibit_rules[]")) {
            List<Matcher> source = matchers(i, "source_matchers");
            List<Matcher> target = matchers(i, "target_matchers");
            List<String> equal = i.strings("equal").orElse(List.of());
            model(i, () -> new InhibitRule(source, target, equal)).ifPresent(inhibitRules::add);
        }
        if (problems.hasErrors()) {
            return; // the model would report the same things again, without positions
        }
        monitoring.alertmanager(b -> {
            global.ifPresent(b::global);
            timeIntervals.forEach(b::timeInterval);
            receivers.forEach(b::receiver);
            inhibitRules.forEach(b::inhibit);
            if (!routes.isEmpty()) {
                // the spec's routes come first, before the default per-severity routes to the webhook bridge
                Route.Builder root = SpawnAlertmanagerDefaults.config().route().toBuilder();
                for (int i = routes.size() - 1; i >= 0; i--) {
                    root.firstRoute(routes.get(i));
                }
                b.route(root.build());
            }
        });
    }

    /** {@code alertmanager.global}: resolve timeout, SMTP defaults for email receivers, the Slack URL file. */
    private Optional<AlertmanagerGlobal> alertmanagerGlobal(SpecMap g) {
        problems.element("alertmanager.global", g.node());
        Optional<Secret> smtpPassword = g.secret("smtp_auth_password_file", "smtp_auth_password");
        Optional<Secret> slack = g.secret("slack_api_url_file", "slack_api_url");
        return model(g, () -> {
            AlertmanagerGlobal.Builder b = SpawnAlertmanagerDefaults.config().global().toBuilder();
            g.duration("resolve_timeout").ifPresent(b::resolveTimeout);
            g.string("smtp_from").ifPresent(b::smtpFrom);
            g.string("smtp_smarthost").ifPresent(b::smtpSmarthost);
            g.string("smtp_hello").ifPresent(b::smtpHello);
            g.string("smtp_auth_username").ifPresent(u -> b.smtpAuth(u, smtpPassword.orElse(null)));
            g.bool("smtp_require_tls").ifPresent(b::smtpRequireTls);
            slack.ifPresent(b::slackApiUrl);
            return b.build();
        });
    }

    private List<Matcher> matchers(SpecMap m, String key) {
        List<Matcher> out = new ArrayList<>();
        m.value(key).ifPresent(v -> {
            if (!(v instanceof SequenceNode seq)) {
                problems.error(v, "wrong type for " + m.path(key) + ": expected a list of matchers such as severity=\"critical\", got "
                        + SpecMap.describe(v));
                return;
            }
            for (Node item : seq.getValue()) {
                String text = item instanceof org.yaml.snakeyaml.nodes.ScalarNode s ? s.getValue() : "";
                try {
                    out.add(Matcher.parse(text));
                } catch (IllegalArgumentException e) {
                    problems.error(item, "bad matcher in " + m.path(key) + ": " + e.getMessage());
                }
            }
        });
        return out;
    }

    /** Builds a model value; a model invariant it breaks becomes a problem at the map's position. */
    private <T> Optional<T> model(SpecMap at, Supplier<T> make) {
        return model(at.node(), at.where(), make);
    }

    private <T> Optional<T> model(Node at, String where, Supplier<T> make) {
        try {
            return Optional.of(make.get());
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.error(at, e.getMessage() == null ? "incomplete " + where : e.getMessage());
            return Optional.empty();
        }
    }

    static Severity severity(SpecMap m, SpecProblems problems) {
        return m.string("severity").map(id -> {
            try {
                return Severity.fromId(id);
            } catch (IllegalArgumentException e) {
                problems.error(m.value("severity").orElseThrow(), e.getMessage());
                return null;
            }
        }).orElse(null);
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
                e.problems().stream().map(place)
                        .filter(p -> !(p.isError() && reported.contains(p.location())))
                        .forEach(all::add);
            }
            throw new ValidationException(all);
        }
    }
}
