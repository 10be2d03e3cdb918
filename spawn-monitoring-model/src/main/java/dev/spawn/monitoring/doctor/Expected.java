package dev.spawn.monitoring.doctor;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.model.alertmanager.SpawnAlertmanagerDefaults;
import dev.spawn.monitoring.model.alertmanager.WebhookConfig;
import dev.spawn.monitoring.model.prometheus.ScrapeConfig;
import dev.spawn.monitoring.model.rules.RuleGroup;
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
        byte[] alertmanagerConfig, List<String> clusterPeers, Set<String> webhookUrls) {

    public Expected {
        jobs = Set.copyOf(jobs);
        externalLabels = externalLabels == null ? null : Map.copyOf(externalLabels);
        ruleGroups = Set.copyOf(ruleGroups);
        clusterPeers = List.copyOf(clusterPeers);
        webhookUrls = Set.copyOf(webhookUrls);
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
        return new Expected(new TreeSet<>(bundle.prometheus().scrapeConfigs().stream().map(ScrapeConfig::jobName).toList()),
                replicas ? null : bundle.prometheus().global().externalLabels(), groups,
                bundle.files().get(MonitoringBundle.ALERTMANAGER_FILE), bundle.alertmanagerFlags().clusterPeers(), webhooks);
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
        if (!Files.isRegularFile(prometheusFile)) {
            prometheusFile = firstReplicaConfig(bundle);
            replicas = true;
        }
        Map<String, Object> prometheus = Doctor.yaml(text(prometheusFile));
        Set<String> groups = new TreeSet<>();
        for (Object pattern : list(prometheus.get("rule_files"))) {
            for (Path file : glob(bundle, String.valueOf(pattern))) {
                for (Object group : list(Doctor.yaml(text(file)).get("groups"))) {
                    if (group instanceof Map<?, ?> map) {
                        groups.add(String.valueOf(map.get("name")));
                    }
                }
            }
        }
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
        return new Expected(jobNames(prometheus), replicas ? null : externalLabels(prometheus), groups, alertmanager, peers,
                webhooks);
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
