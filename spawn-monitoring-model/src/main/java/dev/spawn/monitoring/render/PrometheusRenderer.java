package dev.spawn.monitoring.render;

import static dev.spawn.monitoring.render.YamlOutput.put;
import static dev.spawn.monitoring.render.YamlOutput.putMap;
import static dev.spawn.monitoring.render.YamlOutput.putStrings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spawn.monitoring.model.prometheus.AlertingConfig;
import dev.spawn.monitoring.model.prometheus.AlertmanagerEndpoint;
import dev.spawn.monitoring.model.prometheus.Discovery;
import dev.spawn.monitoring.model.prometheus.Ec2SdConfig;
import dev.spawn.monitoring.model.prometheus.FileSdConfig;
import dev.spawn.monitoring.model.prometheus.GlobalConfig;
import dev.spawn.monitoring.model.prometheus.HttpClientConfig;
import dev.spawn.monitoring.model.prometheus.PrometheusConfig;
import dev.spawn.monitoring.model.prometheus.QueueConfig;
import dev.spawn.monitoring.model.prometheus.RelabelConfig;
import dev.spawn.monitoring.model.prometheus.RemoteRead;
import dev.spawn.monitoring.model.prometheus.RemoteWrite;
import dev.spawn.monitoring.model.prometheus.ScrapeConfig;
import dev.spawn.monitoring.model.prometheus.StaticConfig;
import java.util.List;

/** Renders a {@link PrometheusConfig} to the tree of {@code prometheus.yaml}, keys in the order of the Prometheus docs. */
public final class PrometheusRenderer {

    private PrometheusRenderer() {
    }

    public static byte[] toBytes(PrometheusConfig config, String source) {
        return YamlOutput.toBytes(render(config), source);
    }

    public static ObjectNode render(PrometheusConfig config) {
        ObjectNode root = YamlOutput.object();
        root.set("global", global(config.global()));
        putStrings(root, "rule_files", config.ruleFiles());
        ArrayNode jobs = root.putArray("scrape_configs");
        config.scrapeConfigs().forEach(job -> jobs.add(scrapeConfig(job)));
        put(root, "alerting", alerting(config.alerting()));
        if (!config.remoteWrite().isEmpty()) {
            ArrayNode writes = root.putArray("remote_write");
            config.remoteWrite().forEach(w -> writes.add(remoteWrite(w)));
        }
        if (!config.remoteRead().isEmpty()) {
            ArrayNode reads = root.putArray("remote_read");
            config.remoteRead().forEach(r -> reads.add(remoteRead(r)));
        }
        return root;
    }

    static ObjectNode global(GlobalConfig global) {
        ObjectNode node = YamlOutput.object();
        put(node, "scrape_interval", global.scrapeInterval());
        put(node, "scrape_timeout", global.scrapeTimeout());
        put(node, "evaluation_interval", global.evaluationInterval());
        putMap(node, "external_labels", global.externalLabels());
        return node;
    }

    static ObjectNode scrapeConfig(ScrapeConfig job) {
        ObjectNode node = YamlOutput.object();
        node.put("job_name", job.jobName());
        put(node, "scrape_interval", job.scrapeInterval());
        put(node, "scrape_timeout", job.scrapeTimeout());
        put(node, "metrics_path", job.metricsPath());
        put(node, "honor_labels", job.honorLabels());
        put(node, "scheme", job.scheme());
        http(node, job.http());
        discovery(node, job.discovery());
        put(node, "relabel_configs", relabelConfigs(job.relabelConfigs()));
        put(node, "metric_relabel_configs", relabelConfigs(job.metricRelabelConfigs()));
        return node;
    }

    /** Adds basic_auth / authorization / tls_config to a node that embeds Prometheus' HTTP client config. */
    static void http(ObjectNode node, HttpClientConfig http) {
        put(node, "basic_auth", HttpSections.basicAuth(http.basicAuth()));
        put(node, "authorization", HttpSections.authorization(http.authorization()));
        put(node, "tls_config", HttpSections.tls(http.tlsConfig()));
    }

    /** Discovery blocks grouped by kind, in the order Prometheus documents them (ec2, file, static). */
    static void discovery(ObjectNode node, List<Discovery> discovery) {
        ArrayNode ec2 = YamlOutput.array();
        ArrayNode file = YamlOutput.array();
        ArrayNode statics = YamlOutput.array();
        for (Discovery d : discovery) {
            if (d instanceof Ec2SdConfig e) {
                ec2.add(ec2(e));
            } else if (d instanceof FileSdConfig f) {
                ObjectNode n = file.addObject();
                putStrings(n, "files", f.files());
                put(n, "refresh_interval", f.refreshInterval());
            } else if (d instanceof StaticConfig s) {
                ObjectNode n = statics.addObject();
                ArrayNode targets = n.putArray("targets");
                s.targets().forEach(targets::add);
                putMap(n, "labels", s.labels());
            }
        }
        put(node, "ec2_sd_configs", ec2);
        put(node, "file_sd_configs", file);
        put(node, "static_configs", statics);
    }

    static ObjectNode ec2(Ec2SdConfig e) {
        ObjectNode n = YamlOutput.object();
        n.put("region", e.region());
        put(n, "endpoint", e.endpoint());
        put(n, "access_key", e.accessKey());
        // Prometheus 2.x has no secret_key_file: an inline key is only written when the user gave one
        if (e.secretKey() instanceof dev.spawn.monitoring.model.Secret.Inline inline) {
            n.put("secret_key", inline.value());
        }
        put(n, "profile", e.profile());
        put(n, "role_arn", e.roleArn());
        put(n, "refresh_interval", e.refreshInterval());
        put(n, "port", e.port());
        if (!e.filters().isEmpty()) {
            ArrayNode filters = n.putArray("filters");
            for (Ec2SdConfig.Filter f : e.filters()) {
                ObjectNode fn = filters.addObject();
                fn.put("name", f.name());
                putStrings(fn, "values", f.values());
            }
        }
        return n;
    }

    public static ArrayNode relabelConfigs(List<RelabelConfig> configs) {
        ArrayNode array = YamlOutput.array();
        for (RelabelConfig r : configs) {
            ObjectNode n = array.addObject();
            if (!r.sourceLabels().isEmpty()) {
                ArrayNode src = n.putArray("source_labels");
                r.sourceLabels().forEach(src::add);
            }
            put(n, "separator", r.separator());
            put(n, "target_label", r.targetLabel());
            put(n, "regex", r.regex());
            if (r.modulus() != null) {
                n.put("modulus", r.modulus().intValue());
            }
            put(n, "replacement", r.replacement());
            if (r.action() != null) {
                n.put("action", r.action().id());
            }
        }
        return array;
    }

    static ObjectNode alerting(AlertingConfig alerting) {
        ObjectNode node = YamlOutput.object();
        put(node, "alert_relabel_configs", relabelConfigs(alerting.alertRelabelConfigs()));
        if (!alerting.alertmanagers().isEmpty()) {
            ArrayNode ams = node.putArray("alertmanagers");
            for (AlertmanagerEndpoint am : alerting.alertmanagers()) {
                ObjectNode n = ams.addObject();
                put(n, "timeout", am.timeout());
                put(n, "path_prefix", am.pathPrefix());
                put(n, "scheme", am.scheme());
                http(n, am.http());
                discovery(n, am.discovery());
            }
        }
        return node;
    }

    static ObjectNode remoteWrite(RemoteWrite w) {
        ObjectNode n = YamlOutput.object();
        n.put("url", w.url());
        put(n, "remote_timeout", w.remoteTimeout());
        put(n, "write_relabel_configs", relabelConfigs(w.writeRelabelConfigs()));
        put(n, "name", w.name());
        http(n, w.http());
        QueueConfig q = w.queueConfig();
        if (q != null) {
            ObjectNode qn = n.putObject("queue_config");
            put(qn, "capacity", q.capacity());
            put(qn, "max_shards", q.maxShards());
            put(qn, "min_shards", q.minShards());
            put(qn, "max_samples_per_send", q.maxSamplesPerSend());
            put(qn, "batch_send_deadline", q.batchSendDeadline());
            put(qn, "min_backoff", q.minBackoff());
            put(qn, "max_backoff", q.maxBackoff());
        }
        return n;
    }

    static ObjectNode remoteRead(RemoteRead r) {
        ObjectNode n = YamlOutput.object();
        n.put("url", r.url());
        put(n, "name", r.name());
        putMap(n, "required_matchers", r.requiredMatchers());
        put(n, "remote_timeout", r.remoteTimeout());
        put(n, "read_recent", r.readRecent());
        http(n, r.http());
        return n;
    }
}
