package dev.spawn.monitoring.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields the spec reader accepts, per section. One table, read by {@link SpecReader} to report
 * unknown fields and by the schema test to prove {@code schemas/spawn-monitoring.schema.json} agrees.
 * Section names are the JSON-pointer-like paths of the schema ({@code alertmanager.receivers[]}).
 */
public final class SpecFields {

    public static final String ROOT = "";

    private static final Map<String, List<String>> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put(ROOT, List.of("apiVersion", "global", "ec2", "file_sd", "static", "scrape_configs", "remote_write",
                "remote_read", "alerting", "prometheus_flags", "alertmanager_flags", "high_availability", "rules", "alertmanager",
                "grafana", "kubernetes"));
        SECTIONS.put("global", List.of("scrape_interval", "scrape_timeout", "evaluation_interval", "external_labels"));
        SECTIONS.put("ec2", List.of("regions", "port", "endpoint", "role_arn", "profile"));
        SECTIONS.put("file_sd", List.of("files", "refresh_interval"));
        SECTIONS.put("static", List.of("targets", "labels"));
        SECTIONS.put("scrape_configs[]", List.of("job_name", "targets", "labels", "scheme", "metrics_path",
                "scrape_interval", "scrape_timeout", "tls_config", "basic_auth", "authorization", "relabel_configs",
                "metric_relabel_configs"));
        SECTIONS.put("relabel_config", List.of("source_labels", "separator", "target_label", "regex", "modulus", "replacement",
                "action"));
        SECTIONS.put("tls_config", List.of("ca_file", "cert_file", "key_file", "server_name", "insecure_skip_verify", "min_version"));
        SECTIONS.put("basic_auth", List.of("username", "password_file", "password"));
        SECTIONS.put("authorization", List.of("type", "credentials_file", "credentials"));
        SECTIONS.put("remote_write[]", List.of("url", "name", "remote_timeout", "basic_auth", "authorization", "tls_config",
                "write_relabel_configs", "queue_config"));
        SECTIONS.put("queue_config", List.of("capacity", "min_shards", "max_shards", "max_samples_per_send",
                "batch_send_deadline", "min_backoff", "max_backoff"));
        SECTIONS.put("remote_read[]", List.of("url", "name", "remote_timeout", "read_recent", "required_matchers", "basic_auth",
                "authorization", "tls_config"));
        SECTIONS.put("alerting", List.of("alert_relabel_configs"));
        SECTIONS.put("prometheus_flags", List.of("storage_path", "retention_time", "retention_size", "listen_address"));
        SECTIONS.put("alertmanager_flags", List.of("storage_path", "listen_address", "data_retention"));
        SECTIONS.put("high_availability", List.of("replicas", "replica_label", "alertmanagers", "cluster_peers"));
        SECTIONS.put("grafana", List.of("enabled"));
        SECTIONS.put("kubernetes", List.of("enabled", "namespace", "labels"));
        SECTIONS.put("rules", List.of("disabled_categories", "runbook_base", "custom"));
        SECTIONS.put("rules.<rule>", List.of("threshold", "parameters", "for", "severity", "labels", "annotations",
                "runbook_url", "enabled"));
        SECTIONS.put("rules.custom[]", List.of("name", "expr", "for", "severity", "labels", "annotations", "tests"));
        SECTIONS.put("rules.custom[].tests[]", List.of("name", "at", "input", "alerts"));
        SECTIONS.put("rules.custom[].tests[].input[]", List.of("series", "values", "copies"));
        SECTIONS.put("rules.custom[].tests[].alerts[]", List.of("labels", "value"));
        SECTIONS.put("alertmanager", List.of("webhook_url", "global", "receivers", "routes", "inhibit_rules", "time_intervals"));
        SECTIONS.put("alertmanager.global", List.of("resolve_timeout", "smtp_from", "smtp_smarthost", "smtp_hello",
                "smtp_auth_username", "smtp_auth_password_file", "smtp_auth_password", "smtp_require_tls", "slack_api_url_file",
                "slack_api_url"));
        SECTIONS.put("alertmanager.receivers[]", List.of("name", "webhook", "slack", "pagerduty", "sns", "email"));
        SECTIONS.put("webhook", List.of("url", "send_resolved", "max_alerts"));
        SECTIONS.put("slack", List.of("channel", "api_url_file", "api_url", "send_resolved"));
        SECTIONS.put("pagerduty", List.of("routing_key_file", "routing_key", "send_resolved"));
        SECTIONS.put("sns", List.of("topic_arn", "region", "send_resolved"));
        SECTIONS.put("email", List.of("to", "from", "smarthost", "auth_username", "auth_password_file", "auth_password",
                "send_resolved"));
        SECTIONS.put("alertmanager.routes[]", List.of("receiver", "matchers", "continue", "group_by", "group_wait",
                "group_interval", "repeat_interval", "mute_time_intervals", "active_time_intervals"));
        SECTIONS.put("alertmanager.inhibit_rules[]", List.of("source_matchers", "target_matchers", "equal"));
        SECTIONS.put("alertmanager.time_intervals[]", List.of("name", "time_intervals"));
        SECTIONS.put("time_range", List.of("times", "weekdays", "days_of_month", "months", "years", "location"));
        SECTIONS.put("times[]", List.of("start_time", "end_time"));
    }

    private SpecFields() {
    }

    /** Every section and its accepted field names, in the order the spec documents them. */
    public static Map<String, List<String>> sections() {
        return java.util.Collections.unmodifiableMap(SECTIONS);
    }

    static List<String> of(String section) {
        List<String> fields = SECTIONS.get(section);
        if (fields == null) {
            throw new IllegalStateException("no spec section " + section);
        }
        return fields;
    }
}
