package dev.spawn.monitoring;

import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.check.BundleContents;
import dev.spawn.monitoring.check.CheckFailedException;
import dev.spawn.monitoring.check.ResultCache;
import dev.spawn.monitoring.deploy.SystemdUnits;
import dev.spawn.monitoring.grafana.Grafana;
import dev.spawn.monitoring.io.BundleWriter;
import dev.spawn.monitoring.kubernetes.Kubernetes;
import dev.spawn.monitoring.lint.Lint;
import dev.spawn.monitoring.lint.LintContext;
import dev.spawn.monitoring.lint.LintSettings;
import dev.spawn.monitoring.kubernetes.OperatorResources;
import dev.spawn.monitoring.io.ScratchFolder;
import dev.spawn.monitoring.model.HighAvailability;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerConfig;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerFlags;
import dev.spawn.monitoring.model.alertmanager.RoutingTest;
import dev.spawn.monitoring.model.prometheus.AlertingConfig;
import dev.spawn.monitoring.model.prometheus.PrometheusConfig;
import dev.spawn.monitoring.model.prometheus.PrometheusFlags;
import dev.spawn.monitoring.model.prometheus.RelabelConfig;
import dev.spawn.monitoring.model.prometheus.SpawnPrometheusDefaults;
import dev.spawn.monitoring.model.rules.RuleFile;
import dev.spawn.monitoring.render.AlertmanagerRenderer;
import dev.spawn.monitoring.render.PrometheusRenderer;
import dev.spawn.monitoring.render.RuleRenderer;
import dev.spawn.monitoring.rules.Mutation;
import dev.spawn.monitoring.rules.RuleSet;
import dev.spawn.monitoring.rules.RuleCatalog;
import dev.spawn.monitoring.scale.ScaleOutBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A validated spawn monitoring deployment: Prometheus configuration and flags, rule files and their
 * generated promtool tests, Alertmanager configuration and flags; what surviving mutants of the rules
 * mean to the checks ({@link Mutation}), and the routing tests they run. Made by
 * {@link SpawnMonitoring#build()}; rendering it is deterministic (same bundle, same bytes). The test files and rule
 * copies of {@link #ruleTests()} are rendered the first time they are read (the build has checked that they can be).
 *
 * <pre>
 * prometheus.yaml            alertmanager.yaml
 * prometheus.flags           alertmanager.flags
 * alerts/&lt;category&gt;-alerts.yaml
 * tests/&lt;category&gt;-alerts/&lt;Alert&gt;-test.yaml   (and rules/&lt;Alert&gt;.yaml beside it: the rule file with only that alert)
 * grafana/dashboards/&lt;name&gt;.json            (unless Grafana is turned off: {@code grafana} null)
 * grafana/provisioning/{datasources,dashboards}/spawn.yaml
 * kubernetes/{prometheus-rules,alertmanager-config,scrape-config}.yaml   (with {@code kubernetes} set)
 * shard-&lt;i&gt;/, global/    one folder per process instead of prometheus.yaml (with {@code scaleOut} set; see {@link ScaleOutBundle})
 * </pre>
 */
public record MonitoringBundle(PrometheusConfig prometheus, PrometheusFlags prometheusFlags, List<RuleFile> ruleFiles,
        SortedMap<String, byte[]> ruleTests, AlertmanagerConfig alertmanager, AlertmanagerFlags alertmanagerFlags,
        HighAvailability highAvailability, Grafana grafana, Kubernetes kubernetes, String source, List<Problem> warnings,
        Mutation mutation, List<RoutingTest> routingTests, LintSettings lint, ScaleOutBundle scaleOut)
        implements BundleContents {

    public MonitoringBundle {
        Objects.requireNonNull(prometheus, "prometheus");
        Objects.requireNonNull(alertmanager, "alertmanager");
        ruleFiles = List.copyOf(ruleFiles);
        ruleTests = ruleTests instanceof OnDemandFiles ? ruleTests : Collections.unmodifiableSortedMap(new TreeMap<>(ruleTests));
        warnings = List.copyOf(warnings == null ? List.of() : warnings);
        source = source == null ? "" : source;
        mutation = mutation == null ? Mutation.WARN : mutation;
        routingTests = List.copyOf(routingTests == null ? List.of() : routingTests);
        lint = lint == null ? LintSettings.DEFAULTS : lint;
    }

    /** The same bundle with other warnings (a spec reader places them in the spec). */
    public MonitoringBundle withWarnings(List<Problem> placed) {
        return new MonitoringBundle(prometheus, prometheusFlags, ruleFiles, ruleTests, alertmanager, alertmanagerFlags,
                highAvailability, grafana, kubernetes, source, placed, mutation, routingTests, lint, scaleOut);
    }

    /** The promtool test files among {@link #ruleTests()} (the rest are the rule copies they load). */
    public SortedMap<String, byte[]> ruleTestFiles() {
        SortedMap<String, byte[]> tests = new TreeMap<>();
        ruleTests.forEach((path, bytes) -> {
            if (RuleSet.isTestFile(path)) {
                tests.put(path, bytes);
            }
        });
        return Collections.unmodifiableSortedMap(tests);
    }

    /**
     * The files of the bundle last rendered, for that bundle (the same instance) only: a goal asks for them several
     * times (fingerprint, write, drift, tool keys, messages) and a bundle never changes. Weakly held, and the files
     * softly, so that neither outlives its use.
     */
    private static volatile Rendered lastRendered;

    private record Rendered(java.lang.ref.WeakReference<MonitoringBundle> bundle,
            java.lang.ref.SoftReference<SortedMap<String, byte[]>> files) {
    }

    /** Every file of the bundle, by path relative to the bundle root, in a fixed order (a new map each call). */
    public SortedMap<String, byte[]> files() {
        Rendered last = lastRendered;
        SortedMap<String, byte[]> known = last != null && last.bundle().get() == this ? last.files().get() : null;
        if (known == null) {
            known = render();
            lastRendered = new Rendered(new java.lang.ref.WeakReference<>(this), new java.lang.ref.SoftReference<>(known));
        }
        return new TreeMap<>(known);
    }

    private SortedMap<String, byte[]> render() {
        SortedMap<String, byte[]> files = new TreeMap<>();
        if (scaleOut != null) {
            files.putAll(scaleOut.files(prometheus, prometheusFlags, source));
        } else if (highAvailability == null || highAvailability.replicas().isEmpty()) {
            files.put(PROMETHEUS_FILE, PrometheusRenderer.toBytes(prometheus, source));
        } else {
            for (String replica : highAvailability.replicas()) {
                files.put(HighAvailability.configFile(replica), PrometheusRenderer.toBytes(replicaConfig(replica), source));
            }
        }
        if (scaleOut == null) {
            files.put(PROMETHEUS_FLAGS, lines(prometheusFlagLines()));
        }
        for (RuleFile ruleFile : ruleFiles) {
            files.put(ruleFile.path(), RuleRenderer.toBytes(ruleFile, source));
        }
        files.putAll(ruleTests);
        files.put(ALERTMANAGER_FILE, AlertmanagerRenderer.toBytes(alertmanager, source));
        List<String> alertmanagerLines = new ArrayList<>(List.of("--config.file=" + ALERTMANAGER_FILE));
        alertmanagerLines.addAll(alertmanagerFlags.lines());
        files.put(ALERTMANAGER_FLAGS, lines(alertmanagerLines));
        files.putAll(SystemdUnits.files(source, highAvailability == null ? List.of() : highAvailability.replicas(),
                SpawnPrometheusDefaults.ec2Regions(prometheus)));
        if (scaleOut != null) {
            files.remove(SystemdUnits.FOLDER + "prometheus.service"); // each process folder has its own unit
        }
        if (grafana != null) {
            files.putAll(grafana.files(source));
        }
        if (kubernetes != null) {
            files.putAll(operatorResources().files());
        }
        return files;
    }

    /**
     * {@code prometheus.flags}: every argument, so that {@code prometheus $(cat prometheus.flags)} in the bundle starts
     * it, the configuration file first; HA replicas share the file and each unit names its replica's configuration.
     */
    private List<String> prometheusFlagLines() {
        List<String> lines = new ArrayList<>();
        if (highAvailability == null || highAvailability.replicas().isEmpty()) {
            lines.add("--config.file=" + PROMETHEUS_FILE);
        }
        lines.addAll(prometheusFlags.lines());
        return lines;
    }

    /**
     * The configuration of one HA replica: its own external label, and that label dropped from
     * alerts so that the replicas' alerts are identical and Alertmanager sends one notification.
     */
    public PrometheusConfig replicaConfig(String replica) {
        List<RelabelConfig> alertRelabel = new ArrayList<>(prometheus.alerting().alertRelabelConfigs());
        alertRelabel.add(RelabelConfig.labelDrop(highAvailability.replicaLabel()));
        return prometheus.toBuilder().global(prometheus.global().withExternalLabel(highAvailability.replicaLabel(),
                replica))
                .alerting(new AlertingConfig(alertRelabel, prometheus.alerting().alertmanagers())).build();
    }

    /** The Prometheus configuration files of this bundle (one, one per HA replica, or one per scale-out process). */
    @Override
    public List<String> prometheusConfigFiles() {
        if (scaleOut != null) {
            return scaleOut.configFiles();
        }
        if (highAvailability == null || highAvailability.replicas().isEmpty()) {
            return List.of(PROMETHEUS_FILE);
        }
        return highAvailability.replicas().stream().map(HighAvailability::configFile).toList();
    }

    /** Writes the bundle atomically into {@code directory}; see {@link BundleWriter}. */
    public BundleWriter.Result writeTo(Path directory) {
        return BundleWriter.write(files(), directory, staged -> { });
    }

    /** Writes the bundle, running {@code verifier} (e.g. promtool and amtool) on the staged copy first. */
    public BundleWriter.Result writeTo(Path directory, BundleWriter.Verifier verifier) {
        return BundleWriter.write(files(), directory, verifier);
    }

    /**
     * Writes the bundle after the real tools accepted the staged copy; if any check fails, throws
     * {@link dev.spawn.monitoring.check.CheckFailedException} and the previous output stays as it was.
     */
    public CheckedWrite writeChecked(Path directory, BundleCheck.MissingTool missing) {
        return writeChecked(directory, missing, ResultCache.NONE);
    }

    /** {@link #writeChecked(Path, BundleCheck.MissingTool)}, skipping the alerts' tests that {@code cache} knows passed. */
    public CheckedWrite writeChecked(Path directory, BundleCheck.MissingTool missing, ResultCache cache) {
        List<BundleCheck.Outcome> outcomes = new ArrayList<>();
        BundleWriter.Result result = BundleWriter.write(files(), directory, staged -> {
            outcomes.addAll(BundleCheck.run(this, staged, missing, false, cache));
            if (outcomes.stream().anyMatch(BundleCheck.Outcome::failed)) {
                throw new CheckFailedException(outcomes);
            }
        });
        return new CheckedWrite(result, List.copyOf(outcomes));
    }

    /**
     * Runs the real tools on this bundle without touching any output: writes it to a temporary directory,
     * runs {@link BundleCheck#run} with mutation testing, deletes the directory and returns the outcomes ({@code spawn:check}).
     */
    public List<BundleCheck.Outcome> check(BundleCheck.MissingTool missing) {
        return check(missing, Path.of(System.getProperty("java.io.tmpdir")), ResultCache.NONE);
    }

    /** {@link #check(BundleCheck.MissingTool)}, skipping the alerts' tests and mutants that {@code cache} knows. */
    public List<BundleCheck.Outcome> check(BundleCheck.MissingTool missing, ResultCache cache) {
        return check(missing, Path.of(System.getProperty("java.io.tmpdir")), cache);
    }

    /**
     * {@link #check(BundleCheck.MissingTool)} with its temporary directory made inside {@code workDir}; one
     * that a killed run left there is removed (see {@link ScratchFolder}).
     */
    List<BundleCheck.Outcome> check(BundleCheck.MissingTool missing, Path workDir) {
        return check(missing, workDir, ResultCache.NONE);
    }

    private List<BundleCheck.Outcome> check(BundleCheck.MissingTool missing, Path workDir, ResultCache cache) {
        try (ScratchFolder temp = ScratchFolder.create(workDir, "spawn-check-")) {
            Path bundle = temp.write("bundle", files());
            return BundleCheck.run(this, bundle, missing, true, cache);
        }
    }

    /** What {@link #writeChecked} wrote and which checks ran. */
    public record CheckedWrite(BundleWriter.Result write, List<BundleCheck.Outcome> checks) {
    }

    /**
     * {@code spawn:lint} on this bundle: its rule files and alertmanager.yaml as rendered, against the catalog
     * with the spec's metrics, this Prometheus configuration and the spec's check severities. Findings are
     * placed in the rendered files, named {@code prefix + path}, with each rule's element ({@code rule X}) for
     * a spec reader to move them into the spec.
     */
    public Lint.Report lint(String prefix) {
        LintContext ctx = LintContext.of(RuleCatalog.defaults().metrics().with(lint.metrics()), prometheus, lint.severities());
        List<Lint.Source> rules = new ArrayList<>();
        for (RuleFile f : ruleFiles) {
            rules.add(new Lint.Source(prefix + f.path(), new String(RuleRenderer.toBytes(f, source), StandardCharsets.UTF_8)));
        }
        Lint.Source am = new Lint.Source(prefix + ALERTMANAGER_FILE,
                new String(AlertmanagerRenderer.toBytes(alertmanager, source), StandardCharsets.UTF_8));
        // an alert that shares its name with earlier ones of its file is its own element, as it is in the spec
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        return Lint.run(ctx, rules, am, r -> r.withElement("rule " + (r.alert()
                ? RuleSet.testKey(r.name(), seen.merge((r.nameAt() == null ? "" : r.nameAt().start().file()) + "\n" + r.name(), 1, Integer::sum))
                : r.name())));
    }

    /** The number of alerting rules across all rule files. */
    public int alertCount() {
        return (int) ruleFiles.stream().flatMap(f -> f.groups().stream()).flatMap(g -> g.rules().stream())
                .filter(r -> r instanceof dev.spawn.monitoring.model.rules.AlertingRule).count();
    }

    /** The Prometheus Operator resources of this bundle, with what they cannot express; null without {@code kubernetes}. */
    public OperatorResources.Rendered operatorResources() {
        return kubernetes == null ? null
                : OperatorResources.render(kubernetes, ruleFiles, alertmanager, prometheus.scrapeConfigs(), source);
    }

    /** The number of Grafana dashboards (0 when Grafana is turned off). */
    public int dashboardCount() {
        return grafana == null ? 0 : grafana.dashboards().size();
    }

    private static byte[] lines(List<String> lines) {
        StringBuilder out = new StringBuilder();
        lines.forEach(line -> out.append(line).append('\n'));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
