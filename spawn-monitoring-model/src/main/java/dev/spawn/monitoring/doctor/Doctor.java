package dev.spawn.monitoring.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spawn.monitoring.goal.Message;
import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.doctor.ServerApi.Sample;
import dev.spawn.monitoring.doctor.ServerApi.Unanswered;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.model.alertmanager.SpawnAlertmanagerDefaults;
import dev.spawn.monitoring.model.prometheus.SpawnPrometheusDefaults;
import dev.spawn.monitoring.scale.ScaleOutBundle;
import dev.spawn.monitoring.spec.Inventory;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Asks a running Prometheus and Alertmanager what the troubleshooting list of a spawn monitoring
 * server checks by hand, and returns one finding per thing wrong (an error, or a warning for what
 * may be intended): a loaded configuration that differs from the generated bundle, scrape jobs
 * without targets, targets down (with the scrape error), rule groups that fail to evaluate or take
 * longer than their interval, an Alertmanager Prometheus cannot send to, an Alertmanager cluster not
 * settled or missing peers, receivers whose notifications fail, and a spawn webhook bridge that does
 * not answer its health URL. No findings: the stack is healthy.
 */
public final class Doctor {

    /** Where the spawn webhook bridge answers whether it is alive, beside its webhook path. */
    public static final String WEBHOOK_HEALTH_PATH = "/health";

    private final List<Problem> findings = new ArrayList<>();
    /** The bundle's Prometheus the examined server is (its folder and expectations), once its configuration is read. */
    private Map.Entry<String, Expected.Process> process;

    private Doctor() {
    }

    /**
     * The findings for the servers at {@code prometheus} and {@code alertmanager} (either may be null, not
     * asked), compared with {@code expected} ({@link Expected#of} the spec's bundle or {@link Expected#read} a
     * bundle folder; null compares nothing).
     */
    public static List<Problem> examine(URI prometheus, URI alertmanager, Expected expected) {
        Doctor doctor = new Doctor();
        if (prometheus != null) {
            doctor.prometheus(new ServerApi(prometheus), expected);
        }
        if (alertmanager != null) {
            doctor.alertmanager(new ServerApi(alertmanager), expected);
        }
        return List.copyOf(doctor.findings);
    }

    /**
     * The URL of a server given as {@code option} ({@code --prometheus}, {@code spawn.prometheus}); anything but
     * an absolute http(s) URL is a {@link ValidationException} saying what is expected. Null stays null.
     */
    public static URI serverUrl(String option, String value, String example) {
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below, with what is expected
        }
        throw new ValidationException(List.of(Problem.error(option, "'" + value + "' is not an http(s) URL; expected the"
                + " server's address such as " + example)));
    }

    /** The findings one per line (warnings, then errors) and a closing count, for a log or a terminal. */
    public static List<Message> messages(List<Problem> findings) {
        List<Message> messages = new ArrayList<>(Message.problems(findings));
        long errors = findings.stream().filter(Problem::isError).count();
        messages.add(Message.info(findings.isEmpty() ? "doctor: no findings; the servers look healthy"
                : "doctor: " + findings.size() + (findings.size() == 1 ? " finding" : " findings") + ", " + errors
                        + (errors == 1 ? " error" : " errors")));
        return messages;
    }

    private void prometheus(ServerApi api, Expected expected) {
        if (!ready(api, "Prometheus")) {
            return;
        }
        ask(api, "Prometheus", "/api/v1/status/config", config -> configuredJobs(api, config, expected));
        ask(api, "Prometheus", "/api/v1/rules", rules -> ruleGroups(api, rules, expected));
        ask(api, "Prometheus", "/api/v1/alertmanagers", alertmanagers -> {
            if (alertmanagers.path("data").path("activeAlertmanagers").isEmpty()) {
                error(api.url("/api/v1/alertmanagers"), "Prometheus has no Alertmanager to send alerts to; check"
                        + " alerting.alertmanagers in the configuration and that the Alertmanager answers");
            }
        });
        metrics(api, "Prometheus", samples -> {
            for (Sample s : samples) {
                if (s.name().equals("prometheus_config_last_reload_successful") && s.value() == 0) {
                    error(api.url("/metrics"), "the last configuration reload failed, so Prometheus still runs the one"
                            + " before; see its log, fix the files and reload (POST " + api.url("/-/reload") + ")");
                }
                if (s.name().equals("prometheus_remote_storage_samples_failed_total") && s.value() > 0) {
                    error(api.url("/metrics"), String.format(Locale.ROOT, "remote write %s (%s) failed %.0f samples since"
                            + " Prometheus started; they are lost: check that the endpoint is reachable and takes this"
                            + " Prometheus' credentials, tenant or signature", s.labels().getOrDefault("remote_name", ""),
                            s.labels().getOrDefault("url", ""), s.value()));
                }
                if (s.name().equals("prometheus_notifications_errors_total") && s.value() > 0) {
                    error(api.url("/metrics"), String.format(Locale.ROOT, "Prometheus failed %.0f times to send alerts"
                            + " to the Alertmanager %s since it started; check that it is reachable from this host",
                            s.value(), s.labels().getOrDefault("alertmanager", "")));
                }
            }
        });
    }

    /**
     * Jobs of the loaded configuration against the bundle's (scaled out: against the process the server's shard
     * label names, or the global tier's), then the targets of each job, and on a global tier each shard's samples.
     */
    private void configuredJobs(ServerApi api, JsonNode config, Expected expected) {
        Map<String, Object> loaded = yaml(config.path("data").path("yaml").asText(""));
        Set<String> jobs = Expected.jobNames(loaded);
        if (expected != null) {
            Map<String, String> liveLabels = Expected.externalLabels(loaded);
            process = expected.process(liveLabels).orElse(null);
            if (process == null) {
                error(api.url("/api/v1/status/config"), "this Prometheus (external labels " + liveLabels + ") is none of"
                        + " the scaled-out bundle's processes (" + String.join(", ", expected.processes().keySet())
                        + "); expected the address of one of them");
            } else {
                Expected.Process want = process.getValue();
                String server = expected.processes().isEmpty() ? "Prometheus" : "Prometheus (" + process.getKey() + "/)";
                differs(api.url("/api/v1/status/config"), server, "scrape jobs", want.jobs(), jobs);
                if (want.externalLabels() != null && !new TreeMap<>(want.externalLabels()).equals(liveLabels)) {
                    configDiffers(api.url("/api/v1/status/config"), server, "external labels " + liveLabels
                            + " loaded, " + new TreeMap<>(want.externalLabels()) + " in the bundle");
                }
                if (process.getKey().equals(ScaleOutBundle.GLOBAL) && !expected.shards().isEmpty()) {
                    shardsArriving(api, expected.shards(), loaded);
                }
            }
        }
        ask(api, "Prometheus", "/api/v1/targets?state=active", targets -> targets(api, targets, jobs));
    }

    /**
     * The global tier of a scaled-out bundle: the newest sample of {@code up} from each shard, which remote-writes
     * every scrape. A shard with none, or none for three scrape intervals (at least 15s), is not sending.
     */
    private void shardsArriving(ServerApi api, Set<String> shards, Map<String, Object> loaded) {
        String query = "max by (" + ScaleOutBundle.SHARD_LABEL + ") (timestamp(up{" + ScaleOutBundle.SHARD_LABEL + "!=\"\"}))";
        double interval = loaded.get("global") instanceof Map<?, ?> g && g.get("scrape_interval") instanceof String d
                ? dev.spawn.monitoring.model.Duration.parse(d).millis() / 1000.0 : 60;
        double late = Math.max(15, 3 * interval); // above remote write's 5s batch deadline at any scrape interval
        ask(api, "Prometheus", "/api/v1/query?query=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8),
                answer -> {
                    Map<String, Double> newest = new TreeMap<>();
                    answer.path("data").path("result").forEach(r -> newest.put(r.path("metric").path(ScaleOutBundle.SHARD_LABEL)
                            .asText(), r.path("value").get(1).asDouble()));
                    double now = answer.path("data").path("result").isEmpty() ? 0 : answer.path("data").path("result").get(0)
                            .path("value").get(0).asDouble();
                    for (String shard : shards) {
                        Double last = newest.get(shard);
                        if (last == null) {
                            error(api.url("/api/v1/query"), "the global tier holds no samples from shard " + shard + " (shard-"
                                    + shard + "/); is that Prometheus running, and does its remote write reach this one?"
                                    + " (its prometheus_remote_storage_samples_failed_total says)");
                        } else if (now - last > late) {
                            error(api.url("/api/v1/query"), String.format(Locale.ROOT, "the global tier's newest sample from"
                                    + " shard %s (shard-%s/) is %.0fs old, more than %.0fs: that shard stopped sending (is"
                                    + " it running? its targets are not watched meanwhile)", shard, shard, now - last, late));
                        }
                    }
                });
    }

    private void targets(ServerApi api, JsonNode targets, Set<String> jobs) {
        Map<String, List<JsonNode>> byJob = new TreeMap<>();
        jobs.forEach(job -> byJob.put(job, new ArrayList<>()));
        targets.path("data").path("activeTargets")
                .forEach(t -> byJob.computeIfAbsent(t.path("labels").path("job").asText(), j -> new ArrayList<>()).add(t));
        String where = api.url("/api/v1/targets");
        byJob.forEach((job, list) -> {
            if (list.isEmpty()) {
                warning(where, "job " + job + " has no targets" + noTargetsHint(job));
            }
            for (JsonNode target : list) {
                if (target.path("health").asText().equals("down")) {
                    String id = target.path("labels").path("instance_id").asText("");
                    error(where, "job " + job + ": target " + target.path("scrapeUrl").asText()
                            + (id.isEmpty() ? "" : " (instance_id " + id + ")") + " is down: "
                            + target.path("lastError").asText("no error given"));
                }
            }
        });
    }

    private static String noTargetsHint(String job) {
        return switch (job) {
            case SpawnPrometheusDefaults.FLEET_JOB -> "; is " + Inventory.TARGETS_FILE + " written (spawn-monitoring targets, spawn-targets.timer)"
                    + " and does the fleet have metrics-enabled instances?";
            case SpawnPrometheusDefaults.EC2_JOB -> "; check the AWS credentials of the Prometheus user and the tag spawn:metrics-enabled=true";
            default -> "";
        };
    }

    /** Evaluation errors and slow groups, and the groups loaded against the bundle's. */
    private void ruleGroups(ServerApi api, JsonNode rules, Expected expected) {
        String where = api.url("/api/v1/rules");
        Set<String> loaded = new TreeSet<>();
        for (JsonNode group : rules.path("data").path("groups")) {
            String name = group.path("name").asText();
            loaded.add(name);
            String file = group.path("file").asText();
            for (JsonNode rule : group.path("rules")) {
                if (rule.path("health").asText().equals("err")) {
                    error(where, "rule group " + name + " (" + file + "): rule " + rule.path("name").asText()
                            + " fails to evaluate: " + rule.path("lastError").asText());
                }
            }
            double interval = group.path("interval").asDouble(0);
            double took = group.path("evaluationTime").asDouble(0);
            if (interval > 0 && took > interval) {
                warning(where, String.format(Locale.ROOT, "rule group %s (%s) took %.1fs to evaluate, longer than its"
                        + " interval of %.0fs; evaluations are being skipped", name, file, took, interval));
            }
        }
        if (expected != null && process != null) {
            differs(where, expected.processes().isEmpty() ? "Prometheus" : "Prometheus (" + process.getKey() + "/)",
                    "rule groups", process.getValue().ruleGroups(), loaded);
        }
    }

    private void alertmanager(ServerApi api, Expected expected) {
        if (!ready(api, "Alertmanager")) {
            return;
        }
        ask(api, "Alertmanager", "/api/v2/status", status -> {
            cluster(api, status.path("cluster"), expected);
            webhookHealth(api, yaml(status.path("config").path("original").asText("")), expected);
        });
        metrics(api, "Alertmanager", samples -> {
            Map<String, double[]> byIntegration = new TreeMap<>();
            for (Sample s : samples) {
                switch (s.name()) {
                    case "alertmanager_config_last_reload_successful" -> {
                        if (s.value() == 0) {
                            error(api.url("/metrics"), "the last configuration reload failed, so Alertmanager still runs"
                                    + " the one before; see its log, fix the file and reload (POST " + api.url("/-/reload") + ")");
                        }
                    }
                    case "alertmanager_config_hash" -> {
                        if (expected != null) {
                            if (s.value() != configHash(expected.alertmanagerConfig())) {
                                configDiffers(api.url("/metrics"), "Alertmanager", "alertmanager_config_hash is not the"
                                        + " hash of the bundle's " + MonitoringBundle.ALERTMANAGER_FILE);
                            }
                        }
                    }
                    case "alertmanager_notifications_failed_total" ->
                        byIntegration.computeIfAbsent(s.labels().getOrDefault("integration", "?"), i -> new double[2])[0] += s.value();
                    case "alertmanager_notifications_total" ->
                        byIntegration.computeIfAbsent(s.labels().getOrDefault("integration", "?"), i -> new double[2])[1] += s.value();
                    default -> { }
                }
            }
            byIntegration.forEach((integration, counts) -> {
                if (counts[0] > 0) {
                    error(api.url("/metrics"), String.format(Locale.ROOT, "receivers of integration %s: %.0f of %.0f"
                            + " notifications failed since Alertmanager started; see its log for the receiver and the"
                            + " reason", integration, counts[0], Math.max(counts[0], counts[1])));
                }
            });
        });
    }

    private void cluster(ServerApi api, JsonNode cluster, Expected expected) {
        String where = api.url("/api/v2/status");
        String state = cluster.path("status").asText("");
        if (state.equals("settling")) {
            warning(where, "the Alertmanager cluster has not settled yet (status settling); notifications may be"
                    + " sent twice until it has");
        } else if (!state.equals("ready") && !state.equals("disabled")) {
            error(where, "the Alertmanager cluster is " + (state.isEmpty() ? "in an unknown state" : state));
        }
        List<String> peers = expected == null ? List.of() : expected.clusterPeers();
        int live = cluster.path("peers").size();
        if (!peers.isEmpty() && live < peers.size()) {
            List<String> seen = new ArrayList<>();
            cluster.path("peers").forEach(p -> seen.add(p.path("address").asText()));
            error(where, "the Alertmanager cluster has " + live + " of its " + peers.size() + " members (--cluster.peer "
                    + String.join(", ", peers) + "); this node sees " + (seen.isEmpty() ? "none" : String.join(", ", seen)));
        }
    }

    /** The spawn webhook bridge's URLs of the loaded configuration (else the bundle's), each asked for its health. */
    private void webhookHealth(ServerApi api, Map<String, Object> config, Expected expected) {
        Set<String> urls = new TreeSet<>();
        if (config.get("receivers") instanceof List<?> receivers) {
            for (Object r : receivers) {
                if (r instanceof Map<?, ?> receiver && SpawnAlertmanagerDefaults.WEBHOOK_RECEIVER.equals(receiver.get("name"))
                        && receiver.get("webhook_configs") instanceof List<?> webhooks) {
                    webhooks.stream().filter(Map.class::isInstance).map(w -> ((Map<?, ?>) w).get("url"))
                            .filter(String.class::isInstance).map(String.class::cast).forEach(urls::add);
                }
            }
        }
        if (urls.isEmpty() && expected != null) {
            urls.addAll(expected.webhookUrls());
        }
        for (String url : urls) {
            String health;
            try {
                URI webhook = URI.create(url);
                health = new URI(webhook.getScheme(), webhook.getAuthority(), WEBHOOK_HEALTH_PATH, null, null).toString();
            } catch (IllegalArgumentException | java.net.URISyntaxException e) {
                error(api.url("/api/v2/status"), "receiver " + SpawnAlertmanagerDefaults.WEBHOOK_RECEIVER
                        + " has a webhook URL that is not a URL: " + url);
                continue;
            }
            try {
                int code = ServerApi.status(health);
                if (code != 200) {
                    error(health, "the spawn webhook bridge of receiver " + SpawnAlertmanagerDefaults.WEBHOOK_RECEIVER
                            + " (" + url + ") answers its health URL with HTTP " + code + "; expected 200");
                }
            } catch (Unanswered e) {
                error(health, "the spawn webhook bridge of receiver " + SpawnAlertmanagerDefaults.WEBHOOK_RECEIVER
                        + " (" + url + ") does not answer its health URL: " + e.getMessage());
            }
        }
    }

    /**
     * Alertmanager's {@code alertmanager_config_hash}: the first 48 bits of the MD5 of the configuration
     * file's bytes, little-endian, as a float (exact: a double holds 53 bits).
     */
    static double configHash(byte[] config) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(config);
            byte[] first = new byte[8];
            System.arraycopy(md5, 0, first, 0, 6);
            return ByteBuffer.wrap(first).order(ByteOrder.LITTLE_ENDIAN).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    private void differs(String where, String server, String what, Set<String> generated, Set<String> loaded) {
        Set<String> missing = new TreeSet<>(generated);
        missing.removeAll(loaded);
        Set<String> extra = new TreeSet<>(loaded);
        extra.removeAll(generated);
        List<String> details = new ArrayList<>();
        if (!missing.isEmpty()) {
            details.add(what + " in the bundle but not loaded: " + String.join(", ", missing));
        }
        if (!extra.isEmpty()) {
            details.add(what + " loaded but not in the bundle: " + String.join(", ", extra));
        }
        if (!details.isEmpty()) {
            configDiffers(where, server, String.join("; ", details));
        }
    }

    private void configDiffers(String where, String server, String detail) {
        error(where, "the loaded " + server + " configuration differs from the generated bundle (" + detail
                + "); copy the bundle to the server, then reload: spawn-monitoring check, POST /-/reload");
    }

    /** Whether the server answers {@code /-/ready}; when it does not, that is the one finding about it. */
    private boolean ready(ServerApi api, String server) {
        try {
            ServerApi.get(api.url("/-/ready"));
            return true;
        } catch (Unanswered e) {
            error(api.url("/-/ready"), server + " is not ready: " + e.getMessage());
            return false;
        }
    }

    /** Runs {@code use} on the JSON at {@code path}; when the server does not answer, a finding instead. */
    private void ask(ServerApi api, String server, String path, Consumer<JsonNode> use) {
        try {
            use.accept(api.json(path));
        } catch (Unanswered e) {
            error(api.url(path), server + " does not answer: " + e.getMessage());
        }
    }

    private void metrics(ServerApi api, String server, Consumer<List<Sample>> use) {
        try {
            use.accept(api.metrics());
        } catch (Unanswered e) {
            error(api.url("/metrics"), server + " does not answer: " + e.getMessage());
        }
    }

    /** A YAML document as maps and lists; anything but a mapping is an empty map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String text) {
        Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        return parsed instanceof Map<?, ?> map ? (Map<String, Object>) map : new LinkedHashMap<>();
    }

    private void error(String where, String message) {
        findings.add(Problem.error(where, message));
    }

    private void warning(String where, String message) {
        findings.add(Problem.warning(where, message));
    }
}
