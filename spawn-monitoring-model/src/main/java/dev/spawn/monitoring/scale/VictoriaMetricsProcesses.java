package dev.spawn.monitoring.scale;

import dev.spawn.monitoring.deploy.SystemdUnits;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.ScaleOut;
import dev.spawn.monitoring.model.prometheus.AlertmanagerEndpoint;
import dev.spawn.monitoring.model.prometheus.Discovery;
import dev.spawn.monitoring.model.prometheus.Ec2SdConfig;
import dev.spawn.monitoring.model.prometheus.FileSdConfig;
import dev.spawn.monitoring.model.prometheus.GlobalConfig;
import dev.spawn.monitoring.model.prometheus.PrometheusConfig;
import dev.spawn.monitoring.model.prometheus.PrometheusFlags;
import dev.spawn.monitoring.model.prometheus.ScrapeConfig;
import dev.spawn.monitoring.model.prometheus.SpawnPrometheusDefaults;
import dev.spawn.monitoring.model.prometheus.StaticConfig;
import dev.spawn.monitoring.model.rules.RuleFile;
import dev.spawn.monitoring.render.PrometheusRenderer;
import dev.spawn.monitoring.render.RuleRenderer;
import dev.spawn.monitoring.render.YamlOutput;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The processes of the {@code victoriametrics} engine, one folder each:
 *
 * <pre>
 * shard-&lt;i&gt;/   vmagent (and shard-&lt;i&gt;-replica-&lt;k&gt;/, the same again, for each of the shard's replicas): our scrape jobs (prometheus.yaml, the subset vmagent reads, the same on every shard), 1/N
 *              of the targets by -promscrape.cluster.membersCount/memberNum, label shard="i" and remote write to
 *              victoria-metrics (-remoteWrite.label, -remoteWrite.url)
 * global/      victoria-metrics: receives the shards' samples, answers PromQL
 * ruler/       vmalert: every rule file against victoria-metrics (-datasource.url), alerts to Alertmanager
 *              (-notifier.url), recording rules and alert state written back (-remoteWrite.url)
 * </pre>
 *
 * victoria-metrics holds every shard's samples, so vmalert evaluates every rule there: no rule needs splitting.
 */
final class VictoriaMetricsProcesses {

    static final String RULER = "ruler";
    static final String VM_DOCS = "https://docs.victoriametrics.com/";

    private VictoriaMetricsProcesses() {
    }

    static void files(SortedMap<String, byte[]> files, ScaleOut scaleOut, List<RuleFile> ruleFiles, PrometheusConfig base,
            PrometheusFlags flags, String source) {
        int n = scaleOut.shards().size();
        String storage = flags.storagePath() == null ? PrometheusFlags.STORAGE_PATH : flags.storagePath();
        String global = "http://" + scaleOut.global().address();
        PrometheusConfig scrape = scrapeConfig(base, scaleOut);
        ObjectNode tree = PrometheusRenderer.render(scrape);
        ((ObjectNode) tree.get("global")).remove("evaluation_interval"); // vmagent evaluates nothing, and refuses the key
        byte[] config = YamlOutput.toBytes(tree, source);
        for (int i = 0; i < n; i++) {
            List<String> processes = scaleOut.shards().get(i).processes();
            for (int p = 0; p < processes.size(); p++) {
                // a replica is the shard again: the same member of the cluster, the same targets, the same shard label
                String folder = ScaleOutBundle.shardFolder(i, p);
                files.put(folder + "/prometheus.yaml", config);
                List<String> lines = new ArrayList<>(List.of(
                        "-promscrape.config=prometheus.yaml",
                        "-promscrape.cluster.membersCount=" + n,
                        "-promscrape.cluster.memberNum=" + i,
                        "-remoteWrite.url=" + global + "/api/v1/write",
                        "-remoteWrite.label=" + ScaleOutBundle.SHARD_LABEL + "=" + i,
                        "-remoteWrite.tmpDataPath=" + ScaleOutBundle.fromFolder(storage) + "/" + folder,
                        "-httpListenAddr=" + processes.get(p)));
                // vmagent has no per-config refresh_interval for file discovery: one flag for every file_sd_config
                fileSdRefresh(base).ifPresent(d -> lines.add("-promscrape.fileSDCheckInterval=" + d));
                process(files, folder, "vmagent", lines, "vmagent -promscrape.config=prometheus.yaml -promscrape.config.dryRun",
                        "vmagent shard " + i + " of " + n + (p == 0 ? "" : ", replica " + p) + " of the spawn fleet", source);
            }
        }
        List<String> storageLines = new ArrayList<>(List.of(
                "-storageDataPath=" + ScaleOutBundle.fromFolder(storage) + "/" + ScaleOutBundle.GLOBAL,
                "-httpListenAddr=" + scaleOut.global().address()));
        if (flags.retentionTime() != null) {
            storageLines.add("-retentionPeriod=" + retention(flags.retentionTime()));
        }
        if (scaleOut.shards().stream().anyMatch(s -> !s.replicas().isEmpty())) {
            // a shard's replicas write the same series: one sample per scrape interval is kept, as the VictoriaMetrics
            // docs ask of vmagents in HA pairs (-dedup.minScrapeInterval set to the scrape interval)
            storageLines.add("-dedup.minScrapeInterval=" + scrapeInterval(base));
        }
        process(files, ScaleOutBundle.GLOBAL, "victoria-metrics", storageLines, null,
                "victoria-metrics, the global tier of the spawn fleet", source);
        ruleFiles.forEach(r -> files.put(RULER + "/" + r.path(), RuleRenderer.toBytes(r, source)));
        List<String> ruler = new ArrayList<>();
        ruleFiles.forEach(r -> ruler.add("-rule=" + r.path()));
        ruler.add("-datasource.url=" + global);
        ruler.add("-remoteWrite.url=" + global);
        ruler.add("-remoteRead.url=" + global);
        notifierUrls(base).forEach(url -> ruler.add("-notifier.url=" + url));
        ruler.add("-httpListenAddr=" + scaleOut.global().ruler());
        if (base.global().evaluationInterval() != null) {
            ruler.add("-evaluationInterval=" + base.global().evaluationInterval());
        }
        base.global().externalLabels().forEach((k, v) -> ruler.add("-external.label=" + k + "=" + v));
        process(files, RULER, "vmalert", ruler, "vmalert -dryRun " + String.join(" ",
                ruleFiles.stream().map(r -> "-rule=" + r.path()).toList()), "vmalert, the rules of the spawn fleet", source);
    }

    private static void process(SortedMap<String, byte[]> files, String folder, String binary, List<String> lines, String check,
            String description, String source) {
        files.put(folder + "/" + binary + ".flags", ScaleOutBundle.lines(lines));
        files.put(folder + "/spawn-" + binary + "-" + folder + ".service", SystemdUnits.process(source, description, VM_DOCS,
                folder, binary, binary + ".flags", check));
    }

    /**
     * The scrape configuration of every vmagent shard, the same for all: vmagent hashes each target with its labels
     * (external labels included) to a member, so a configuration that differed between members (a shard label
     * here, rather than {@code -remoteWrite.label}) would leave some targets to no member and give others to two, as
     * the e2e test saw. The jobs are as Prometheus writes them, without the keys vmagent's strict parser refuses (file
     * discovery's refresh_interval, a flag instead; EC2 discovery's refresh_interval, fixed at a minute in vmagent);
     * the self job lists every shard, each scraped by one of them.
     */
    static PrometheusConfig scrapeConfig(PrometheusConfig base, ScaleOut scaleOut) {
        GlobalConfig global = base.global();
        List<String> shards = scaleOut.shards().stream().flatMap(s -> s.processes().stream()).toList();
        List<ScrapeConfig> jobs = new ArrayList<>();
        for (ScrapeConfig job : base.scrapeConfigs()) {
            if (job.jobName().equals(SpawnPrometheusDefaults.SELF_JOB)) {
                jobs.add(job.toBuilder().replaceDiscovery(List.of(new StaticConfig(shards, null))).build());
            } else {
                jobs.add(job.toBuilder().replaceDiscovery(job.discovery().stream().map(VictoriaMetricsProcesses::forVmagent)
                        .toList()).build());
            }
        }
        return PrometheusConfig.builder().global(global).scrapeConfigs(jobs).build();
    }

    private static Discovery forVmagent(Discovery d) {
        if (d instanceof FileSdConfig f) {
            return new FileSdConfig(f.files().stream().map(ScaleOutBundle::fromFolder).toList(), null);
        }
        if (d instanceof Ec2SdConfig e) {
            return e.toBuilder().refreshInterval(null).build();
        }
        return d;
    }

    /** The shortest scrape interval of any job (Prometheus' default 1m where nothing sets one). */
    static Duration scrapeInterval(PrometheusConfig base) {
        Duration global = base.global().scrapeInterval() == null ? Duration.ofMinutes(1) : base.global().scrapeInterval();
        return base.scrapeConfigs().stream().map(ScrapeConfig::scrapeInterval).filter(java.util.Objects::nonNull)
                .reduce(global, (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }

    /** The shortest refresh interval of the file discovery, which vmagent takes as one flag. */
    private static Optional<Duration> fileSdRefresh(PrometheusConfig base) {
        return base.scrapeConfigs().stream().flatMap(j -> j.discovery().stream()).filter(FileSdConfig.class::isInstance)
                .map(d -> ((FileSdConfig) d).refreshInterval()).filter(java.util.Objects::nonNull)
                .min(Duration::compareTo);
    }

    /** victoria-metrics' -retentionPeriod: a number without unit means months, so days (or hours) are spelled out. */
    static String retention(Duration d) {
        long hours = d.millis() / 3_600_000L;
        return hours % 24 == 0 ? hours / 24 + "d" : Math.max(hours, 1) + "h";
    }

    /** vmalert's -notifier.url: every statically given Alertmanager of the alerting block. */
    static List<String> notifierUrls(PrometheusConfig base) {
        List<String> urls = new ArrayList<>();
        for (AlertmanagerEndpoint am : base.alerting().alertmanagers()) {
            String scheme = am.scheme() == null ? "http" : am.scheme();
            String prefix = am.pathPrefix() == null || am.pathPrefix().equals("/") ? "" : am.pathPrefix();
            am.discovery().stream().filter(StaticConfig.class::isInstance).flatMap(d -> ((StaticConfig) d).targets().stream())
                    .forEach(t -> urls.add(scheme + "://" + t + prefix));
        }
        return urls;
    }

    /** What vmalert cannot be told: Alertmanagers found by discovery rather than given as addresses. */
    static List<String> problems(PrometheusConfig base) {
        boolean discovered = base.alerting().alertmanagers().stream().flatMap(a -> a.discovery().stream())
                .anyMatch(d -> !(d instanceof StaticConfig));
        List<String> problems = new java.util.ArrayList<>();
        if (discovered) {
            problems.add("scale_out engine victoriametrics: vmalert takes Alertmanagers as -notifier.url addresses;"
                    + " expected alerting.alertmanagers with static_configs only");
        }
        if (!base.remoteWrite().isEmpty()) {
            // no process of this engine reads prometheus.yaml's remote_write: the endpoints would be dropped unsaid
            problems.add("scale_out engine victoriametrics: remote_write is not sent anywhere (vmagent writes only to"
                    + " victoria-metrics); expected no remote_write, or engine prometheus, whose global tier sends to it");
        }
        return problems;
    }
}
