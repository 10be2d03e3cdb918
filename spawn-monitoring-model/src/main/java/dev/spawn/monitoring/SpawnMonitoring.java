package dev.spawn.monitoring;

import dev.spawn.monitoring.grafana.Dashboard;
import dev.spawn.monitoring.grafana.DashboardCheck;
import dev.spawn.monitoring.grafana.Grafana;
import dev.spawn.monitoring.grafana.SpawnDashboards;
import dev.spawn.monitoring.io.BundleWriter;
import dev.spawn.monitoring.kubernetes.Kubernetes;
import dev.spawn.monitoring.lint.Check;
import dev.spawn.monitoring.lint.LintSettings;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.HighAvailability;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ScaleOut;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerConfig;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerFlags;
import dev.spawn.monitoring.model.alertmanager.RoutingTest;
import dev.spawn.monitoring.model.alertmanager.SpawnAlertmanagerDefaults;
import dev.spawn.monitoring.model.prometheus.AlertingConfig;
import dev.spawn.monitoring.model.prometheus.AlertmanagerEndpoint;
import dev.spawn.monitoring.model.prometheus.GlobalConfig;
import dev.spawn.monitoring.model.prometheus.PrometheusConfig;
import dev.spawn.monitoring.model.prometheus.PrometheusFlags;
import dev.spawn.monitoring.model.prometheus.RelabelConfig;
import dev.spawn.monitoring.model.prometheus.RemoteRead;
import dev.spawn.monitoring.model.prometheus.RemoteWrite;
import dev.spawn.monitoring.model.prometheus.ScrapeConfig;
import dev.spawn.monitoring.model.prometheus.SpawnPrometheusDefaults;
import dev.spawn.monitoring.model.prometheus.StorageConfig;
import dev.spawn.monitoring.model.prometheus.TracingConfig;
import dev.spawn.monitoring.model.rules.AlertingRule;
import dev.spawn.monitoring.model.rules.Category;
import dev.spawn.monitoring.model.rules.RuleFile;
import dev.spawn.monitoring.rules.Coverage;
import dev.spawn.monitoring.rules.CustomRule;
import dev.spawn.monitoring.rules.MetricCatalog;
import dev.spawn.monitoring.rules.Mutation;
import dev.spawn.monitoring.rules.RuleFileTests;
import dev.spawn.monitoring.rules.RuleOverride;
import dev.spawn.monitoring.rules.RuleSet;
import dev.spawn.monitoring.rules.RuleTestCase;
import dev.spawn.monitoring.scale.Capacity;
import dev.spawn.monitoring.scale.RuleSplit;
import dev.spawn.monitoring.scale.ScaleOutDocs;
import dev.spawn.monitoring.scale.ScaleOutBundle;
import dev.spawn.monitoring.validate.AlertmanagerValidator;
import dev.spawn.monitoring.validate.PrometheusValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The entry point of the library: start from the spawn defaults (or nothing), change what differs,
 * and {@link #build()} a validated {@link MonitoringBundle}.
 *
 * <pre>{@code
 * MonitoringBundle bundle = SpawnMonitoring.defaults()
 *     .ec2Regions("us-east-1", "eu-west-1")
 *     .rule("HighCostInstance", r -> r.threshold(10.0).severity(Severity.CRITICAL))
 *     .build();                 // validates; throws ValidationException listing every problem
 * bundle.writeTo(Path.of("out")); // atomic, deterministic
 * }</pre>
 *
 * Methods record problems instead of throwing, so {@link #build()} reports all of them at once.
 * Not thread-safe; each call returns {@code this}.
 */
public final class SpawnMonitoring {

    private GlobalConfig global;
    private final List<ScrapeConfig> scrapeJobs = new ArrayList<>();
    private AlertingConfig alerting;
    private final List<RemoteWrite> remoteWrite = new ArrayList<>();
    private final List<RemoteRead> remoteRead = new ArrayList<>();
    private StorageConfig storage;
    private TracingConfig tracing;
    private final List<RuleFile> extraRuleFiles = new ArrayList<>();
    private final Map<String, Map<String, List<RuleTestCase>>> extraRuleTests = new java.util.HashMap<>();
    private Mutation mutation = Mutation.WARN;
    private LintSettings lint = LintSettings.DEFAULTS;
    private final List<RoutingTest> routingTests = new ArrayList<>();
    private PrometheusFlags prometheusFlags;
    private RuleSet rules;
    private AlertmanagerConfig alertmanager;
    private AlertmanagerFlags alertmanagerFlags;
    private HighAvailability highAvailability;
    private boolean grafana = true;
    private String dashboardsPath = Grafana.DEFAULT_DASHBOARDS_PATH;
    private final List<Dashboard> extraDashboards = new ArrayList<>();
    private Kubernetes kubernetes;
    private ScaleOut scaleOut;
    private final Map<String, ScaleOut.Tier> ruleTiers = new java.util.TreeMap<>();
    private String source = "";
    private final List<Problem> problems = new ArrayList<>();

    private SpawnMonitoring() {
    }

    /** The spawn deployment of the fleet facts: three jobs, 26 alerts, the webhook bridge. */
    public static SpawnMonitoring defaults() {
        SpawnMonitoring m = new SpawnMonitoring();
        m.global = SpawnPrometheusDefaults.global();
        m.scrapeJobs.addAll(SpawnPrometheusDefaults.scrapeConfigs());
        m.alerting = SpawnPrometheusDefaults.alerting();
        m.prometheusFlags = PrometheusFlags.spawnDefaults();
        m.rules = RuleSet.defaults();
        m.alertmanager = SpawnAlertmanagerDefaults.config();
        m.alertmanagerFlags = SpawnAlertmanagerDefaults.flags();
        return m;
    }

    /** Names the spec the bundle came from, for the header line of every generated file. */
    public SpawnMonitoring source(String name) {
        this.source = name;
        return this;
    }

    public SpawnMonitoring global(UnaryOperator<GlobalConfig> change) {
        return attempt("prometheus.global", () -> global = change.apply(global));
    }

    public SpawnMonitoring intervals(Duration scrape, Duration evaluation) {
        return global(g -> g.withIntervals(scrape, evaluation));
    }

    public SpawnMonitoring externalLabel(String name, String value) {
        return global(g -> g.withExternalLabel(name, value));
    }

    /**
     * Adds a scrape job. A second job of a name already taken is reported by {@link #build()} as a
     * duplicate; to change a job use {@link #scrapeJob(String, UnaryOperator)} or
     * {@link #replaceScrapeJob(ScrapeConfig)}.
     */
    public SpawnMonitoring scrapeJob(ScrapeConfig job) {
        scrapeJobs.add(job);
        return this;
    }

    /** Replaces the job of the same name (adds it when there is none). */
    public SpawnMonitoring replaceScrapeJob(ScrapeConfig job) {
        int index = indexOfJob(job.jobName());
        if (index < 0) {
            scrapeJobs.add(job);
        } else {
            scrapeJobs.set(index, job);
        }
        return this;
    }

    /** Changes an existing scrape job. */
    public SpawnMonitoring scrapeJob(String name, UnaryOperator<ScrapeConfig.Builder> change) {
        int index = indexOfJob(name);
        if (index < 0) {
            problems.add(Problem.error("prometheus.scrape_configs", "no scrape job named '" + name + "'; jobs: "
                    + String.join(", ", scrapeJobs.stream().map(ScrapeConfig::jobName).toList())));
            return this;
        }
        return attempt("prometheus.scrape_configs[" + name + "]",
                () -> scrapeJobs.set(index, change.apply(scrapeJobs.get(index).toBuilder()).build()));
    }

    public SpawnMonitoring removeScrapeJob(String name) {
        scrapeJobs.removeIf(job -> job.jobName().equals(name));
        return this;
    }

    private int indexOfJob(String name) {
        for (int i = 0; i < scrapeJobs.size(); i++) {
            if (scrapeJobs.get(i).jobName().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** EC2 discovery of spawn instances in these regions (one discovery block each). */
    public SpawnMonitoring ec2Regions(String... regions) {
        return attempt("prometheus.scrape_configs[" + SpawnPrometheusDefaults.EC2_JOB + "]",
                () -> replaceScrapeJob(SpawnPrometheusDefaults.ec2(List.of(regions))));
    }

    public SpawnMonitoring alerting(AlertingConfig value) {
        this.alerting = value;
        return this;
    }

    /** Relabels alerts before they are sent to Alertmanager ({@code alerting.alert_relabel_configs}). */
    public SpawnMonitoring alertRelabel(RelabelConfig value) {
        return attempt("prometheus.alerting", () -> {
            List<RelabelConfig> relabel = new ArrayList<>(alerting.alertRelabelConfigs());
            relabel.add(value);
            alerting = new AlertingConfig(relabel, alerting.alertmanagers());
        });
    }

    /** Sends alerts to these Alertmanagers ({@code host:port}). */
    public SpawnMonitoring alertmanagerTargets(String... hostPorts) {
        return attempt("prometheus.alerting", () -> alerting = new AlertingConfig(alerting.alertRelabelConfigs(),
                List.of(AlertmanagerEndpoint.statik(List.of(hostPorts)))));
    }

    public SpawnMonitoring remoteWrite(RemoteWrite value) {
        remoteWrite.add(value);
        return this;
    }

    /** Prometheus' runtime-reloadable {@code storage:} settings (exemplars, out-of-order window). */
    public SpawnMonitoring storage(StorageConfig value) {
        this.storage = value;
        return this;
    }

    /** Tracing of Prometheus itself ({@code tracing:}). */
    public SpawnMonitoring tracing(TracingConfig value) {
        this.tracing = value;
        return this;
    }

    public SpawnMonitoring remoteRead(RemoteRead value) {
        remoteRead.add(value);
        return this;
    }

    public SpawnMonitoring prometheusFlags(UnaryOperator<PrometheusFlags> change) {
        return attempt("prometheus.flags", () -> prometheusFlags = change.apply(prometheusFlags));
    }

    /** Changes one default rule: threshold and other parameters, for, severity, labels, annotations. */
    public SpawnMonitoring rule(String name, Consumer<RuleOverride> change) {
        return attempt("rules." + name, () -> rules = rules.rule(name, change));
    }

    public SpawnMonitoring disableRule(String name) {
        return attempt("rules." + name, () -> rules = rules.disable(name));
    }

    public SpawnMonitoring disableCategory(Category category) {
        return attempt("rules." + category.id(), () -> rules = rules.disableCategory(category));
    }

    public SpawnMonitoring customRule(CustomRule rule) {
        return attempt("rules.custom", () -> rules = rules.custom(rule));
    }

    public SpawnMonitoring ruleEvaluationInterval(Category category, Duration interval) {
        return attempt("rules." + category.id(), () -> rules = rules.evaluationInterval(category, interval));
    }

    /**
     * Which test cases every alert must have (default {@link Coverage#FIRE_AND_SILENT}): an alert without a
     * case that fires, or without one that stays silent, fails the build, naming the rule and what is missing.
     */
    public SpawnMonitoring ruleCoverage(Coverage required) {
        return attempt("rules.coverage", () -> rules = rules.coverage(required));
    }

    /**
     * What a mutant of a rule that none of its cases tells apart means to the checks: a warning (default)
     * or an error that fails {@code spawn:check}; see {@link dev.spawn.monitoring.check.MutationCheck}.
     */
    public SpawnMonitoring ruleMutation(Mutation mode) {
        this.mutation = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /**
     * A routing test that {@code spawn:check} runs: alerts firing together, and for each the receivers it
     * must reach or that it must be inhibited.
     */
    public SpawnMonitoring routingTest(RoutingTest test) {
        routingTests.add(Objects.requireNonNull(test, "test"));
        return this;
    }

    /**
     * A metric beyond spored's catalog (node_exporter's, say) that {@code spawn:lint} then checks rules against
     * like spored's: its name, type, labels and value range; its namespace ({@code node_}) becomes checked too.
     */
    public SpawnMonitoring metric(MetricCatalog.Metric metric) {
        lint = lint.withMetric(Objects.requireNonNull(metric, "metric"));
        return this;
    }

    /** The severity of one lint check (error, warning, or off). */
    public SpawnMonitoring lintCheck(Check check, Check.Severity severity) {
        lint = lint.withSeverity(Objects.requireNonNull(check, "check"), Objects.requireNonNull(severity, "severity"));
        return this;
    }

    /** Where the default rules' {@code runbook_url} point: your copy of docs/alerts.md. */
    public SpawnMonitoring runbookBase(String url) {
        return attempt("rules.runbook_base", () -> rules = rules.runbookBase(url));
    }

    /** An extra rule file of the user's own (recording rules, say), written as given. */
    public SpawnMonitoring ruleFile(RuleFile file) {
        return ruleFile(file, Map.of());
    }

    /**
     * An extra rule file of the user's own with promtool cases for its alerts, by alert name; they are written to
     * {@code tests/<file>/<Alert>-test.yaml} and run, counted for coverage and mutated like the defaults' cases. Alerts
     * that share a name are tested each on its own: the cases of the second of a name go under {@code <name>.2}
     * ({@link RuleSet#testKey}), and so on.
     */
    public SpawnMonitoring ruleFile(RuleFile file, Map<String, List<RuleTestCase>> tests) {
        extraRuleFiles.add(Objects.requireNonNull(file, "file"));
        extraRuleTests.put(file.path(), Map.copyOf(tests));
        return this;
    }

    /** Changes the Alertmanager configuration (receivers, routes, inhibitions, time intervals). */
    public SpawnMonitoring alertmanager(Consumer<AlertmanagerConfig.Builder> change) {
        return attempt("alertmanager", () -> {
            AlertmanagerConfig.Builder builder = alertmanager.toBuilder();
            change.accept(builder);
            alertmanager = builder.build();
        });
    }

    /** Points the {@code spawn-webhook} receiver at another address of the spawn alerting bridge. */
    public SpawnMonitoring webhookUrl(String url) {
        return alertmanager(am -> am.receiver(dev.spawn.monitoring.model.alertmanager.Receiver.of(
                SpawnAlertmanagerDefaults.WEBHOOK_RECEIVER, SpawnAlertmanagerDefaults.webhook(url))));
    }

    /** Replaces the whole Alertmanager configuration. */
    public SpawnMonitoring alertmanager(AlertmanagerConfig config) {
        this.alertmanager = Objects.requireNonNull(config, "config");
        return this;
    }

    public SpawnMonitoring alertmanagerFlags(UnaryOperator<AlertmanagerFlags> change) {
        return attempt("alertmanager.flags", () -> alertmanagerFlags = change.apply(alertmanagerFlags));
    }

    /** Prometheus replicas and an Alertmanager cluster; see {@link HighAvailability}. */
    public SpawnMonitoring highAvailability(HighAvailability value) {
        this.highAvailability = value;
        if (!value.alertmanagers().isEmpty()) {
            alertmanagerTargets(value.alertmanagers().toArray(String[]::new));
        }
        String listen = alertmanagerFlags.clusterListenAddress() == null || alertmanagerFlags.clusterListenAddress().isEmpty()
                ? "0.0.0.0:9094" : alertmanagerFlags.clusterListenAddress();
        return attempt("high_availability", () -> alertmanagerFlags = value.clusterPeers().isEmpty() ? alertmanagerFlags
                : alertmanagerFlags.withClusterPeers(listen, value.clusterPeers()));
    }

    /**
     * Turns the Grafana dashboards and provisioning on (the default) or off ({@code grafana: {enabled: false}}).
     */
    public SpawnMonitoring grafana(boolean enabled) {
        this.grafana = enabled;
        return this;
    }

    /** Where Grafana's file provider reads the dashboards on the Grafana host (default {@value Grafana#DEFAULT_DASHBOARDS_PATH}). */
    public SpawnMonitoring grafanaDashboardsPath(String path) {
        this.dashboardsPath = Objects.requireNonNull(path, "path");
        return this;
    }

    /** A dashboard of the user's own beside the four spawn ones, checked like them. */
    public SpawnMonitoring dashboard(Dashboard dashboard) {
        extraDashboards.add(Objects.requireNonNull(dashboard, "dashboard"));
        return this;
    }

    /**
     * Adds Prometheus Operator resources ({@code kubernetes/*.yaml}: PrometheusRule, AlertmanagerConfig,
     * ScrapeConfig) in {@code namespace} with {@code labels}; spec {@code kubernetes: {enabled: true, ...}}.
     */
    public SpawnMonitoring kubernetes(String namespace, Map<String, String> labels) {
        return attempt("kubernetes", () -> kubernetes = new Kubernetes(namespace, labels));
    }

    /**
     * Sharded scraping with a global rule tier ({@code scale_out:}): the bundle gets one folder per process
     * instead of {@code prometheus.yaml}, and each rule goes to the tier its expression needs; see
     * {@link ScaleOutBundle} and {@link RuleSplit}.
     */
    public SpawnMonitoring scaleOut(ScaleOut value) {
        this.scaleOut = Objects.requireNonNull(value, "value");
        return this;
    }

    /** Evaluates the rule {@code name} (a default or a custom one) on {@code tier}, whatever its expression says. */
    public SpawnMonitoring ruleTier(String name, ScaleOut.Tier tier) {
        ruleTiers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(tier, "tier"));
        return this;
    }

    /**
     * The scrape jobs as {@link #build()} writes them, without building the rules, their tests and the dashboards:
     * what {@code spawn:targets} needs (the regions of the {@code spawn-ec2} job).
     */
    public List<ScrapeConfig> scrapeConfigs() {
        return List.copyOf(scrapeJobs);
    }

    /** Validates everything and returns the bundle, or throws a {@link ValidationException} listing every problem. */
    public MonitoringBundle build() {
        List<Problem> all = new ArrayList<>(problems);
        List<RuleFile> ruleFiles = new ArrayList<>();
        try {
            ruleFiles.addAll(rules.ruleFiles());
        } catch (ValidationException e) {
            // reported through rules.problems() below; the rest of the bundle is still checked
        }
        ruleFiles.addAll(extraRuleFiles);
        List<String> rulePaths = ruleFiles.stream().map(RuleFile::path).toList();
        PrometheusConfig prometheus = new PrometheusConfig(global, rulePaths, scrapeJobs, alerting, remoteWrite, remoteRead,
                storage, tracing);
        all.addAll(PrometheusValidator.validate(prometheus));
        all.addAll(AlertmanagerValidator.validate(alertmanager));
        all.addAll(rules.problems());
        extraRuleFiles.forEach(f -> all.addAll(rules.uncovered(f, extraRuleTests.getOrDefault(f.path(), Map.of()))));
        // the bundle's own files (and its tests/ folder) are not for rule files; neither are the writer's names
        Set<String> ownFiles = new TreeSet<>(List.of(MonitoringBundle.PROMETHEUS_FILE, MonitoringBundle.PROMETHEUS_FLAGS,
                MonitoringBundle.ALERTMANAGER_FILE, MonitoringBundle.ALERTMANAGER_FLAGS, "tests"));
        if (highAvailability != null) {
            highAvailability.replicas().stream().map(HighAvailability::configFile).forEach(ownFiles::add);
        }
        for (RuleFile f : ruleFiles) {
            String path = f.path();
            Optional<String> clash = ownFiles.stream()
                    .filter(own -> own.equals(path) || own.startsWith(path + "/") || path.startsWith(own + "/")).findFirst();
            if (BundleWriter.isReserved(path)) {
                all.add(Problem.error("rule_files", "rule file '" + path + "' " + BundleWriter.pathProblem(path)
                        + "; expected a path such as alerts/my-rules.yaml"));
            } else if (clash.isPresent()) {
                all.add(Problem.error("rule_files", "rule file '" + path + "' collides with the bundle's own "
                        + clash.get() + "; expected a path such as alerts/my-rules.yaml"));
            }
        }
        Set<String> paths = new HashSet<>();
        // the same alert name may come in tiers of severity (what the default inhibition is for), not twice at one
        Set<String> alertTiers = new HashSet<>();
        for (RuleFile f : ruleFiles) {
            if (!paths.add(f.path())) {
                all.add(Problem.error("rule_files", "duplicate rule file '" + f.path() + "'"));
            }
            f.groups().stream().flatMap(g -> g.rules().stream())
                    .filter(r -> r instanceof AlertingRule)
                    .map(r -> (AlertingRule) r)
                    .forEach(r -> {
                        if (!alertTiers.add(r.name() + "\u0000" + r.severity())) {
                            all.add(Problem.error("rules." + r.name(), "duplicate alert name '" + r.name()
                                    + "' with severity " + r.severity() + "; expected each alert (or each severity tier"
                                    + " of one alert) to have its own name"));
                        }
                    });
        }
        Grafana dashboards = grafana ? grafana(all, ruleFiles) : null;
        ScaleOutBundle scaled = scaleOut(all, ruleFiles, prometheus);
        if (all.stream().anyMatch(Problem::isError)) {
            throw new ValidationException(all);
        }
        SortedMap<String, byte[]> extraTests = new TreeMap<>();
        Map<String, String> testFolders = new HashMap<>();
        ruleFiles.stream().filter(f -> !extraRuleFiles.contains(f)).forEach(f -> testFolders.put(RuleSet.testFolder(f.path()), f.path()));
        for (RuleFile extra : extraRuleFiles) {
            String other = testFolders.putIfAbsent(RuleSet.testFolder(extra.path()), extra.path());
            List<Problem> caseProblems = RuleFileTests.problems(extra, extraRuleTests.getOrDefault(extra.path(), Map.of()));
            if (!caseProblems.isEmpty()) {
                all.addAll(caseProblems);
                continue;
            }
            SortedMap<String, byte[]> tests = RuleFileTests.of(extra, extraRuleTests.getOrDefault(extra.path(), Map.of()),
                    global.evaluationInterval() == null ? Duration.ofMinutes(1) : global.evaluationInterval(), source);
            if (other != null && !tests.isEmpty()) {
                all.add(Problem.error("rule_files", "rule file '" + extra.path() + "' would have its tests in "
                        + RuleSet.testFolder(extra.path()) + " as '" + other + "' has; expected another file name"));
            }
            extraTests.putAll(tests);
        }
        if (all.stream().anyMatch(Problem::isError)) {
            throw new ValidationException(all);
        }
        // the rule set's cases were generated (and checked) with its rule files; their files are written when read
        RuleSet built = rules;
        SortedMap<String, byte[]> ruleTests = new OnDemandFiles(() -> {
            SortedMap<String, byte[]> files = new TreeMap<>(built.testFiles());
            files.putAll(extraTests);
            return files;
        });
        MonitoringBundle bundle = new MonitoringBundle(prometheus, prometheusFlags, ruleFiles, ruleTests, alertmanager,
                alertmanagerFlags, highAvailability, dashboards, kubernetes, source, all, mutation, routingTests, lint, scaled);
        if (kubernetes != null) {
            all.addAll(bundle.operatorResources().warnings());
            return bundle.withWarnings(all);
        }
        return bundle;
    }

    /** The processes of {@code scale_out} with each rule on its tier (null without); what cannot be split is a problem. */
    private ScaleOutBundle scaleOut(List<Problem> all, List<RuleFile> ruleFiles, PrometheusConfig prometheus) {
        Set<String> names = new TreeSet<>();
        ruleFiles.stream().flatMap(f -> f.groups().stream()).flatMap(g -> g.rules().stream()).forEach(r -> names.add(r.name()));
        ruleTiers.keySet().stream().filter(name -> !names.contains(name)).forEach(name -> all.add(Problem.error("rules." + name,
                "tier set for rule '" + name + "', which the bundle does not have; expected one of " + String.join(", ", names))));
        if (scaleOut == null) {
            return null; // a tier says where a rule runs once the bundle is scaled out; without scale_out it changes nothing
        }
        if (highAvailability != null && !highAvailability.replicas().isEmpty()) {
            all.add(Problem.error("scale_out", "high_availability.replicas name copies of one Prometheus, and a scaled-out"
                    + " bundle has one process per address; expected scale_out.shards[].replicas (host:port of each replica"
                    + " of a shard, engine victoriametrics) and high_availability with alertmanagers and cluster_peers only"
                    + " (replicas: [])"));
        }
        ScaleOutBundle.problems(scaleOut, prometheus).forEach(p -> all.add(Problem.error("scale_out", p)));
        RuleSplit split = RuleSplit.of(ruleFiles, rules.catalog().metrics().labelFlow(), ruleTiers);
        if (scaleOut.engine() == ScaleOut.Engine.PROMETHEUS) {
            split.shardReadsOfGlobalRecords(ruleFiles).forEach((rule, message) -> all.add(Problem.error("rules." + rule, message)));
        }
        Duration scrape = prometheus.global().scrapeInterval() == null ? Duration.ofSeconds(60) // Prometheus' default
                : prometheus.global().scrapeInterval();
        List<Capacity.Plan> capacity = ScaleOutDocs.FLEETS.stream().map(n -> Capacity.cpuInstance()
                .plan(rules.catalog().metrics(), n, scrape, scaleOut.engine())).toList();
        return ScaleOutBundle.of(scaleOut, split, ruleFiles, capacity);
    }

    /** The spawn dashboards with the rules' thresholds and the user's own, checked against the metric catalogue. */
    private Grafana grafana(List<Problem> all, List<RuleFile> ruleFiles) {
        List<Dashboard> dashboards = new ArrayList<>(SpawnDashboards.of(rules));
        dashboards.addAll(extraDashboards);
        Set<String> alertLabels = new TreeSet<>();
        ruleFiles.stream().flatMap(f -> f.groups().stream()).flatMap(g -> g.rules().stream())
                .filter(r -> r instanceof AlertingRule).forEach(r -> alertLabels.addAll(((AlertingRule) r).labels().keySet()));
        all.addAll(DashboardCheck.check(dashboards, rules.catalog().metrics(), alertLabels));
        // scaled out, the global tier holds every shard's series and answers PromQL (victoria-metrics too)
        String datasource = scaleOut != null ? scaleOut.global().address() : prometheusFlags.webListenAddress();
        return new Grafana(dashboards, Grafana.prometheusUrl(datasource), dashboardsPath);
    }

    private SpawnMonitoring attempt(String where, Runnable change) {
        try {
            change.run();
        } catch (ValidationException e) {
            problems.addAll(e.problems());
        } catch (IllegalArgumentException e) {
            problems.add(Problem.error(where, e.getMessage()));
        }
        return this;
    }
}
