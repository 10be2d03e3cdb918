package dev.spawn.monitoring.doctor;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.model.alertmanager.SpawnAlertmanagerDefaults;
import dev.spawn.monitoring.model.alertmanager.WebhookConfig;
import dev.spawn.monitoring.model.prometheus.ScrapeConfig;
import dev.spawn.monitoring.model.rules.RuleGroup;
import dev.spawn.monitoring.scale.ScaleOutBundle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the servers should be running, for the doctor to compare: the scrape jobs, external labels and
 * rule groups of the Prometheus configuration, the bytes of {@code alertmanager.yaml} (Alertmanager
 * publishes a hash of the file it loaded), the cluster peers of {@code alertmanager.flags} and the URLs
 * of the spawn webhook receiver. Taken from a bundle built from the spec, or read from a bundle folder
 * on the server. {@code externalLabels} is null when it is not one value (HA replicas differ).
 */
public record Expected(Set<String> jobs, Map<String, String> externalLabels, Set<String> ruleGroups,
        byte[] alertmanagerConfig, List<String> clusterPeers, Set<String> webhookUrls, Map<String, Process> processes) {

    /**
     * One Prometheus of a scaled-out bundle (engine prometheus), by its folder ({@code shard-0}, {@code global}): its
     * scrape jobs, external labels (a shard's carry {@code shard}) and rule groups.
     */
    public record Process(Set<String> jobs, Map<String, String> externalLabels, Set<String> ruleGroups) {
        public Process {
            jobs = Set.copyOf(jobs);
            externalLabels = externalLabels == null ? null : Map.copyOf(externalLabels);
            ruleGroups = Set.copyOf(ruleGroups);
        }
    }

    public Expected {
        jobs = Set.copyOf(jobs);
        externalLabels = externalLabels == null ? null : Map.copyOf(externalLabels);
        ruleGroups = Set.copyOf(ruleGroups);
        clusterPeers = List.copyOf(clusterPeers);
        webhookUrls = Set.copyOf(webhookUrls);
        processes = Map.copyOf(processes == null ? Map.of() : processes);
    }

    /**
     * The Prometheus a server with {@code liveLabels} is of this bundle: the one server, or the scaled-out process its
     * {@code shard} label names (none: the global tier); empty when the bundle has no such process.
     */
    public java.util.Optional<Map.Entry<String, Process>> process(Map<String, String> liveLabels) {
        if (processes.isEmpty()) {
            return java.util.Optional.of(Map.entry(MonitoringBundle.PROMETHEUS_FILE, new Process(jobs, externalLabels, ruleGroups)));
        }
        String shard = liveLabels.get(ScaleOutBundle.SHARD_LABEL);
        String folder = shard == null ? ScaleOutBundle.GLOBAL : "shard-" + shard;
        return java.util.Optional.ofNullable(processes.get(folder)).map(p -> Map.entry(folder, p));
    }

    /** The shard label values a scaled-out bundle's global tier should receive samples of. */
    public Set<String> shards() {
        Set<String> shards = new TreeSet<>();
        processes.values().forEach(p -> {
            if (p.externalLabels() != null && p.externalLabels().containsKey(ScaleOutBundle.SHARD_LABEL)) {
                shards.add(p.externalLabels().get(ScaleOutBundle.SHARD_LABEL));
            }
        });
        return shards;
    }

    /** What a bundle built from the spec holds. */
    public static Expected of(MonitoringBundle bundle) {
        Set<String> groups = new TreeSet<>();
        bundle.ruleFiles().forEach(file -> file.groups().stream().map(RuleGroup::name).forEach(groups::add));
        Set<String> webhooks = new TreeSet<>();
        bundle.alertmanager().receivers().stream()
                .filter(r -> r.name().equals(SpawnAlertmanagerDefaults.WEBHOOK_RECEIVER))
                .flatMap(r -> r.configs(WebhookConfig.class).stream()).map(WebhookConfig::url).forEach(webhooks::add);
        boolean replicas = bundle.highAvailability() != null && !bundle.highAvailability().replicas().isEmpty();
        Map<String, Process> processes = new TreeMap<>();
        if (bundle.scaleOut() != null && bundle.scaleOut().scaleOut().engine() == dev.spawn.monitoring.model.ScaleOut.Engine.PROMETHEUS) {
            for (String config : bundle.scaleOut().configFiles()) {
                String folder = config.substring(0, config.indexOf('/'));
                processes.put(folder, process(Doctor.yaml(new String(bundle.files().get(config), StandardCharsets.UTF_8)),
                        rules -> {
                            byte[] file = bundle.files().get(folder + "/" + rules);
                            return file == null ? List.of() : List.of(new String(file, StandardCharsets.UTF_8));
                        }));
            }
        }
        // scaled out, the global tier stands for the bundle, as its folder does in read()
        Process main = processes.containsKey(ScaleOutBundle.GLOBAL) ? processes.get(ScaleOutBundle.GLOBAL)
                : new Process(new TreeSet<>(bundle.prometheus().scrapeConfigs().stream().map(ScrapeConfig::jobName).toList()),
                        replicas ? null : bundle.prometheus().global().externalLabels(), groups);
        return new Expected(main.jobs(), main.externalLabels(), main.ruleGroups(),
                bundle.files().get(MonitoringBundle.ALERTMANAGER_FILE), bundle.alertmanagerFlags().clusterPeers(), webhooks,
                processes);
    }

    /** One Prometheus from its configuration and the texts of the rule files each {@code rule_files} entry names. */
    private static Process process(Map<String, Object> config, java.util.function.Function<String, List<String>> ruleFiles) {
        Set<String> groups = new TreeSet<>();
        for (Object pattern : list(config.get("rule_files"))) {
            for (String text : ruleFiles.apply(String.valueOf(pattern))) {
                for (Object group : list(Doctor.yaml(text).get("groups"))) {
                    if (group instanceof Map<?, ?> map) {
                        groups.add(String.valueOf(map.get("name")));
                    }
                }
            }
        }
        return new Process(jobNames(config), externalLabels(config), groups);
    }

    /** The rule files a configuration in {@code folder} names, read (a pattern may match several). */
    private static java.util.function.Function<String, List<String>> ruleFilesIn(Path folder) {
        return pattern -> glob(folder, pattern).stream().map(Expected::text).toList();
    }

    /**
     * What a bundle folder holds (the copy on the server): {@code prometheus.yaml} (or the first
     * {@code prometheus-<replica>.yaml}, external labels then left out), the rule files it names,
     * {@code alertmanager.yaml} and {@code alertmanager.flags}. A missing or unreadable file is a
     * {@link ValidationException} naming it.
     */
    public static Expected read(Path bundle) {
        Path prometheusFile = bundle.resolve(MonitoringBundle.PROMETHEUS_FILE);
        boolean replicas = false;
        Map<String, Process> processes = new TreeMap<>();
        if (!Files.isRegularFile(prometheusFile) && Files.isRegularFile(bundle.resolve(ScaleOutBundle.GLOBAL)
                .resolve(MonitoringBundle.PROMETHEUS_FILE))) {
            // scaled out (engine prometheus): a Prometheus in global/ and in each shard-<i>/
            try (DirectoryStream<Path> folders = Files.newDirectoryStream(bundle)) {
                for (Path folder : folders) {
                    Path config = folder.resolve(MonitoringBundle.PROMETHEUS_FILE);
                    String name = folder.getFileName().toString();
                    if ((name.equals(ScaleOutBundle.GLOBAL) || name.startsWith("shard-")) && Files.isRegularFile(config)) {
                        processes.put(name, process(Doctor.yaml(text(config)), ruleFilesIn(folder)));
                    }
                }
            } catch (IOException e) {
                throw new ValidationException(List.of(Problem.error(bundle.toString(), "cannot list: " + e.getMessage())));
            }
            prometheusFile = bundle.resolve(ScaleOutBundle.GLOBAL).resolve(MonitoringBundle.PROMETHEUS_FILE);
        } else if (!Files.isRegularFile(prometheusFile)) {
            prometheusFile = firstReplicaConfig(bundle);
            replicas = true;
        }
        Map<String, Object> prometheus = Doctor.yaml(text(prometheusFile));
        Process main = process(prometheus, ruleFilesIn(prometheusFile.getParent()));
        Path alertmanagerFile = bundle.resolve(MonitoringBundle.ALERTMANAGER_FILE);
        byte[] alertmanager = text(alertmanagerFile).getBytes(StandardCharsets.UTF_8);
        Set<String> webhooks = new TreeSet<>();
        for (Object receiver : list(Doctor.yaml(text(alertmanagerFile)).get("receivers"))) {
            if (receiver instanceof Map<?, ?> r && SpawnAlertmanagerDefaults.WEBHOOK_RECEIVER.equals(r.get("name"))) {
                for (Object webhook : list(r.get("webhook_configs"))) {
                    if (webhook instanceof Map<?, ?> w && w.get("url") instanceof String url) {
                        webhooks.add(url);
                    }
                }
            }
        }
        List<String> peers = new ArrayList<>();
        Path flags = bundle.resolve(MonitoringBundle.ALERTMANAGER_FLAGS);
        if (Files.isRegularFile(flags)) {
            text(flags).lines().filter(l -> l.startsWith("--cluster.peer="))
                    .forEach(l -> peers.add(l.substring("--cluster.peer=".length())));
        }
        return new Expected(main.jobs(), replicas ? null : main.externalLabels(), main.ruleGroups(), alertmanager, peers,
                webhooks, processes);
    }

    /** The {@code job_name}s of a Prometheus configuration read as maps (a file, or what the server loaded). */
    static Set<String> jobNames(Map<String, Object> prometheus) {
        Set<String> jobs = new TreeSet<>();
        for (Object job : list(prometheus.get("scrape_configs"))) {
            if (job instanceof Map<?, ?> map) {
                jobs.add(String.valueOf(map.get("job_name")));
            }
        }
        return jobs;
    }

    /** The {@code global.external_labels} of a Prometheus configuration read as maps, sorted. */
    static Map<String, String> externalLabels(Map<String, Object> prometheus) {
        Map<String, String> labels = new TreeMap<>();
        if (prometheus.get("global") instanceof Map<?, ?> global && global.get("external_labels") instanceof Map<?, ?> l) {
            l.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
        }
        return labels;
    }

    private static Path firstReplicaConfig(Path bundle) {
        try (DirectoryStream<Path> configs = Files.newDirectoryStream(bundle, "prometheus-*.yaml")) {
            List<Path> sorted = new ArrayList<>();
            configs.forEach(sorted::add);
            if (!sorted.isEmpty()) {
                sorted.sort(null);
                return sorted.get(0);
            }
        } catch (IOException e) {
            // reported below as the missing prometheus.yaml
        }
        throw new ValidationException(List.of(Problem.error(bundle.resolve(MonitoringBundle.PROMETHEUS_FILE).toString(),
                "no such file; expected a bundle folder written by spawn-monitoring generate")));
    }

    private static List<Path> glob(Path bundle, String pattern) {
        Path parent = bundle.resolve(pattern).getParent();
        String name = bundle.resolve(pattern).getFileName().toString();
        List<Path> files = new ArrayList<>();
        if (parent == null || !Files.isDirectory(parent)) {
            return files;
        }
        try (DirectoryStream<Path> matches = Files.newDirectoryStream(parent, name)) {
            matches.forEach(files::add);
        } catch (IOException e) {
            throw new ValidationException(List.of(Problem.error(parent.toString(), "cannot list: " + e.getMessage())));
        }
        files.sort(null);
        return files;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ValidationException(List.of(Problem.error(file.toString(), "cannot read ("
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage())
                    + "); expected a bundle folder written by spawn-monitoring generate")));
        }
    }
}
