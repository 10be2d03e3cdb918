package dev.spawn.monitoring.scale;

import dev.spawn.monitoring.deploy.SystemdUnits;
import dev.spawn.monitoring.io.BundleWriter;
import dev.spawn.monitoring.model.ScaleOut;
import dev.spawn.monitoring.model.ScaleOut.Tier;
import dev.spawn.monitoring.model.prometheus.Discovery;
import dev.spawn.monitoring.model.prometheus.FileSdConfig;
import dev.spawn.monitoring.model.prometheus.PrometheusConfig;
import dev.spawn.monitoring.model.prometheus.PrometheusFlags;
import dev.spawn.monitoring.model.prometheus.RelabelConfig;
import dev.spawn.monitoring.model.prometheus.RemoteWrite;
import dev.spawn.monitoring.model.prometheus.ScrapeConfig;
import dev.spawn.monitoring.model.prometheus.SpawnPrometheusDefaults;
import dev.spawn.monitoring.model.prometheus.StaticConfig;
import dev.spawn.monitoring.model.rules.Rule;
import dev.spawn.monitoring.model.rules.RuleFile;
import dev.spawn.monitoring.model.rules.RuleGroup;
import dev.spawn.monitoring.render.PrometheusRenderer;
import dev.spawn.monitoring.render.RuleRenderer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The processes of a scaled-out bundle, one folder each, every folder complete on its own: its configuration,
 * the rule files of its tier, a flags file that names the configuration, its data path and the listen address
 * of the spec (so {@code cd shard-0 && prometheus $(cat prometheus.flags)} starts it), and a
 * systemd unit that does the same on a server.
 *
 * <pre>
 * shard-&lt;i&gt;/prometheus.yaml      every job keeps the targets whose address hashes to i (hashmod, modulus N);
 *                               external label shard="i"; remote write to the global tier; the shard rules
 * global/prometheus.yaml        receives the shards' samples (--web.enable-remote-write-receiver); the fleet-wide rules
 * </pre>
 *
 * Each process scrapes itself at its own address (the {@value SpawnPrometheusDefaults#SELF_JOB} job is not
 * sharded); the spec's own {@code remote_write} endpoints are the global tier's. Paths that must outlive a
 * generation are not inside the folder, which is a link into the current generation (the next one replaces
 * it): relative file-discovery paths and a relative storage path are the bundle root's, reached with
 * {@link BundleWriter#FOLDER_TO_ROOT} (so {@code targets/}, which {@code spawn-targets.timer} keeps, serves every
 * shard), and each process keeps its TSDB in {@code <storage path>/<folder>}.
 */
public record ScaleOutBundle(ScaleOut scaleOut, RuleSplit split, List<RuleFile> shardRules, List<RuleFile> globalRules,
        List<Capacity.Plan> capacity) {

    /** The external label that names a shard (on its alerts too). */
    public static final String SHARD_LABEL = "shard";
    public static final String GLOBAL = "global";

    public ScaleOutBundle {
        shardRules = List.copyOf(shardRules);
        globalRules = List.copyOf(globalRules);
        capacity = List.copyOf(capacity);
    }

    /**
     * The split of {@code ruleFiles} into the rule files of the shards and of the global tier. With victoriametrics
     * there is nothing to split: vmalert evaluates every rule against victoria-metrics, which holds every sample.
     */
    public static ScaleOutBundle of(ScaleOut scaleOut, RuleSplit split, List<RuleFile> ruleFiles, List<Capacity.Plan> capacity) {
        if (scaleOut.engine() == ScaleOut.Engine.VICTORIAMETRICS) {
            RuleSplit all = new RuleSplit(split.decisions().stream().map(d -> new RuleSplit.Decision(d.file(), d.rule(),
                    Tier.GLOBAL, false, "vmalert evaluates every rule against victoria-metrics")).toList());
            return new ScaleOutBundle(scaleOut, all, List.of(), ruleFiles, capacity);
        }
        return new ScaleOutBundle(scaleOut, split, tier(ruleFiles, split, Tier.SHARD), tier(ruleFiles, split, Tier.GLOBAL),
                capacity);
    }

    /** The folder of shard {@code index}. */
    static String shardFolder(int index) {
        return "shard-" + index;
    }

    /** The folder of process {@code process} of shard {@code index}: 0 is the shard's own, 1... its replicas. */
    public static String shardFolder(int index, int process) {
        return process == 0 ? shardFolder(index) : shardFolder(index) + "-replica-" + process;
    }

    private boolean victoria() {
        return scaleOut.engine() == ScaleOut.Engine.VICTORIAMETRICS;
    }

    /** Every process folder: the shards, the global tier, and vmalert's ({@code ruler/}) with victoriametrics. */
    public List<String> folders() {
        List<String> folders = new ArrayList<>();
        for (int i = 0; i < scaleOut.shards().size(); i++) {
            for (int p = 0; p < scaleOut.shards().get(i).processes().size(); p++) {
                folders.add(shardFolder(i, p));
            }
        }
        folders.add(GLOBAL);
        if (victoria()) {
            folders.add(VictoriaMetricsProcesses.RULER);
        }
        return folders;
    }

    /** The configuration files in Prometheus' format (vmagent reads its subset), by bundle path. */
    public List<String> configFiles() {
        return folders().stream().filter(f -> !victoria() || f.startsWith("shard-")).map(f -> f + "/prometheus.yaml").toList();
    }

    /** Every rule file the processes load, by bundle path. */
    public List<String> ruleFilePaths() {
        List<String> paths = new ArrayList<>();
        for (String folder : folders()) {
            if (victoria()) {
                if (folder.equals(VictoriaMetricsProcesses.RULER)) {
                    globalRules.forEach(f -> paths.add(folder + "/" + f.path()));
                }
            } else {
                (folder.equals(GLOBAL) ? globalRules : shardRules).forEach(f -> paths.add(folder + "/" + f.path()));
            }
        }
        return paths;
    }

    /** A check of the engine's own tool (its command, e.g. {@code vmagent}), run in one process folder. */
    public record EngineCheck(String name, String tool, String folder, List<String> args) {
    }

    /**
     * The engine's own checks beside promtool's: with victoriametrics, vmagent's strict parse of each shard's scrape
     * configuration and {@code vmalert -dryRun} over the rule files (MetricsQL and vmalert's templates).
     */
    public List<EngineCheck> engineChecks() {
        if (!victoria()) {
            return List.of();
        }
        List<EngineCheck> checks = new ArrayList<>();
        for (int i = 0; i < scaleOut.shards().size(); i++) {
            checks.add(new EngineCheck("vmagent -promscrape.config.dryRun " + shardFolder(i) + "/prometheus.yaml", "vmagent",
                    shardFolder(i), List.of("-promscrape.config=prometheus.yaml", "-promscrape.config.dryRun", "-loggerLevel=ERROR")));
        }
        List<String> args = new ArrayList<>(List.of("-dryRun", "-loggerLevel=ERROR"));
        globalRules.forEach(r -> args.add("-rule=" + r.path()));
        checks.add(new EngineCheck("vmalert -dryRun (" + globalRules.size() + " files in " + VictoriaMetricsProcesses.RULER + "/)",
                "vmalert", VictoriaMetricsProcesses.RULER, args));
        return checks;
    }

    /** What the engine cannot express of this bundle, as messages about {@code scale_out}. */
    public static List<String> problems(ScaleOut scaleOut, PrometheusConfig base) {
        return scaleOut.engine() == ScaleOut.Engine.VICTORIAMETRICS ? VictoriaMetricsProcesses.problems(base) : List.of();
    }

    /** Every file of the processes' folders, by bundle path. */
    public SortedMap<String, byte[]> files(PrometheusConfig base, PrometheusFlags flags, String source) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        if (victoria()) {
            VictoriaMetricsProcesses.files(files, scaleOut, globalRules, base, flags, source);
            return files;
        }
        int n = scaleOut.shards().size();
        for (int i = 0; i < n; i++) {
            String address = scaleOut.shards().get(i).address();
            process(files, shardFolder(i), shardConfig(base, i), flags, address, false, shardRules, source,
                    "Prometheus shard " + i + " of " + n + " of the spawn fleet");
        }
        process(files, GLOBAL, globalConfig(base), flags, scaleOut.global().address(), true, globalRules, source,
                "Prometheus global tier of the spawn fleet");
        return files;
    }

    private static void process(SortedMap<String, byte[]> files, String folder, PrometheusConfig config, PrometheusFlags flags,
            String address, boolean receiver, List<RuleFile> rules, String source, String description) {
        files.put(folder + "/prometheus.yaml", PrometheusRenderer.toBytes(config, source));
        rules.forEach(r -> files.put(folder + "/" + r.path(), RuleRenderer.toBytes(r, source)));
        List<String> lines = new ArrayList<>();
        lines.add("--config.file=prometheus.yaml");
        String storage = flags.storagePath() == null ? PrometheusFlags.STORAGE_PATH : flags.storagePath();
        PrometheusFlags own = flags.toBuilder().storagePath(fromFolder(storage) + "/" + folder)
                .webListenAddress(address).build();
        lines.addAll((receiver ? own.withExtra("--web.enable-remote-write-receiver") : own).lines());
        files.put(folder + "/prometheus.flags", lines(lines));
        files.put(folder + "/spawn-prometheus-" + folder + ".service", SystemdUnits.process(source, description,
                SystemdUnits.PROMETHEUS_DOCS, folder, "prometheus", "prometheus.flags", "promtool check config prometheus.yaml"));
    }

    /**
     * Shard {@code index}: every job keeps the targets whose final address hashes to the index, the shard's
     * external label, its own rule files, and a remote write of everything to the global tier.
     */
    PrometheusConfig shardConfig(PrometheusConfig base, int index) {
        String address = scaleOut.shards().get(index).address();
        int n = scaleOut.shards().size();
        List<ScrapeConfig> jobs = new ArrayList<>();
        for (ScrapeConfig job : base.scrapeConfigs()) {
            if (job.jobName().equals(SpawnPrometheusDefaults.SELF_JOB)) {
                jobs.add(self(job, address));
                continue;
            }
            ScrapeConfig.Builder b = job.toBuilder().replaceDiscovery(job.discovery().stream().map(ScaleOutBundle::fromFolder).toList());
            // after the job's own relabelling, which may set the address (spawn-ec2: private_ip:9090)
            b.relabel(RelabelConfig.builder().sourceLabels(List.of("__address__")).targetLabel("__tmp_hash").modulus(n)
                    .action(RelabelConfig.Action.HASHMOD).build());
            b.relabel(RelabelConfig.keep(List.of("__tmp_hash"), String.valueOf(index)));
            jobs.add(b.build());
        }
        List<RemoteWrite> remote = List.of(RemoteWrite.builder("http://" + scaleOut.global().address() + "/api/v1/write")
                .name(GLOBAL).build());
        return base.toBuilder().global(base.global().withExternalLabel(SHARD_LABEL, String.valueOf(index)))
                .ruleFiles(paths(shardRules))
                .scrapeConfigs(jobs).remoteWrite(remote).build();
    }

    /** The global tier: scrapes only itself, receives the shards' samples, evaluates the fleet-wide rules. */
    PrometheusConfig globalConfig(PrometheusConfig base) {
        List<ScrapeConfig> jobs = base.scrapeConfigs().stream().filter(j -> j.jobName().equals(SpawnPrometheusDefaults.SELF_JOB))
                .map(j -> self(j, scaleOut.global().address())).toList();
        return base.toBuilder().ruleFiles(paths(globalRules)).scrapeConfigs(jobs).build();
    }

    /** The self-scrape job of one process: its own address, not sharded. */
    private static ScrapeConfig self(ScrapeConfig job, String address) {
        return job.toBuilder().replaceDiscovery(List.of(StaticConfig.of(address))).build();
    }

    /** Relative discovery files are the bundle root's. */
    private static Discovery fromFolder(Discovery d) {
        if (d instanceof FileSdConfig f) {
            return new FileSdConfig(f.files().stream().map(ScaleOutBundle::fromFolder).toList(), f.refreshInterval());
        }
        return d;
    }

    /** A path of the bundle root as a process in one of its folders reaches it. */
    static String fromFolder(String path) {
        return path.startsWith("/") ? path : BundleWriter.FOLDER_TO_ROOT + path;
    }

    private static List<String> paths(List<RuleFile> files) {
        return files.stream().map(RuleFile::path).toList();
    }

    /** The rule files with only the rules of {@code tier}; groups and files left empty are left out. */
    private static List<RuleFile> tier(List<RuleFile> files, RuleSplit split, Tier tier) {
        List<RuleFile> out = new ArrayList<>();
        for (RuleFile file : files) {
            List<RuleGroup> groups = new ArrayList<>();
            for (RuleGroup group : file.groups()) {
                List<Rule> rules = group.rules().stream().filter(r -> split.tierOf(file.path(), r.name()) == tier).toList();
                if (!rules.isEmpty()) {
                    groups.add(new RuleGroup(group.name(), group.interval(), rules));
                }
            }
            if (!groups.isEmpty()) {
                out.add(new RuleFile(file.path(), groups));
            }
        }
        return out;
    }

    /** One line for the log: the processes and the split. */
    public String summary() {
        return "scale-out (" + scaleOut.engine().id() + "): " + scaleOut.shards().size() + " shards + global in "
                + String.join(", ", folders().stream().map(f -> f + "/").toList()) + "; " + (victoria()
                ? "all " + split.rules(Tier.GLOBAL).size() + " rules in vmalert (ruler/) against victoria-metrics"
                : split.summary()) + capacitySummary();
    }

    /** "; capacity (CPU instances, ...): 1,000 -> 26,000 series, 433 samples/s, 1 shard; ..." */
    private String capacitySummary() {
        if (capacity.isEmpty()) {
            return "";
        }
        return "; capacity on paper (docs/scale-out.md): " + String.join("; ", capacity.stream().map(p -> String.format(
                java.util.Locale.ROOT, "%,d instances -> %,d series, %,.0f samples/s, %d scraping shard%s", p.instances(),
                p.series(), p.samplesPerSecond(), p.shards(), p.shards() == 1 ? "" : "s")).toList());
    }

    static byte[] lines(List<String> lines) {
        StringBuilder out = new StringBuilder();
        lines.forEach(line -> out.append(line).append('\n'));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
