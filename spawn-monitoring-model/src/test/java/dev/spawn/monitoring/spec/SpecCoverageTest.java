package dev.spawn.monitoring.spec;

import static dev.spawn.monitoring.spec.SpecReaderTest.FILE;
import static dev.spawn.monitoring.spec.SpecReaderTest.problems;
import static dev.spawn.monitoring.spec.SpecReaderTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.MonitoringBundle;
import org.junit.jupiter.api.Test;

/**
 * The spec reaches the rest of the model: relabelling, authorization, TLS versions, remote write
 * queues, remote read matchers, the server flags, Alertmanager's global settings and time intervals,
 * the runbook base and the bridge's address; each wrong value is reported at its node.
 */
class SpecCoverageTest {

    private static final String FULL = """
            apiVersion: spawn.dev/v1
            scrape_configs:
              - job_name: node
                targets: ['10.0.0.5:9100']
                authorization: {credentials_file: /etc/prometheus/node-token}
                tls_config: {ca_file: /etc/prometheus/ca.pem, min_version: TLS12, server_name: node.internal}
                relabel_configs:
                  - {source_labels: [__address__], regex: '([^:]+):.*', target_label: host, replacement: '$1'}
                  - {source_labels: [__address__], modulus: 4, target_label: __tmp_shard, action: hashmod}
                  - {regex: '__meta_ec2_tag_(.+)', action: labelmap}
                metric_relabel_configs:
                  - {source_labels: [__name__], regex: 'go_gc_.*', action: drop}
            remote_write:
              - url: https://metrics.example.com/api/v1/write
                write_relabel_configs:
                  - {source_labels: [__name__], regex: 'spawn_.*', action: keep}
                queue_config: {capacity: 5000, max_shards: 10, batch_send_deadline: 10s}
            remote_read:
              - url: https://metrics.example.com/api/v1/read
                read_recent: false
                required_matchers: {fleet: prod}
            alerting:
              alert_relabel_configs:
                - {regex: 'debug_.*', action: labeldrop}
            prometheus_flags: {retention_time: 15d, retention_size: 20GB, storage_path: /var/lib/prometheus, listen_address: ':9091'}
            alertmanager_flags: {storage_path: /var/lib/alertmanager, listen_address: ':9094', data_retention: 240h}
            rules:
              runbook_base: https://wiki.example.com/spawn/alerts
            alertmanager:
              webhook_url: http://bridge.internal:8080/alerts
              global:
                resolve_timeout: 10m
                smtp_from: alerts@example.com
                smtp_smarthost: smtp.example.com:587
                smtp_auth_username: alerts
                smtp_auth_password_file: /etc/alertmanager/smtp-password
                slack_api_url_file: /etc/alertmanager/slack-url
              time_intervals:
                - name: office-hours
                  time_intervals:
                    - times: [{start_time: '09:00', end_time: '17:00'}]
                      weekdays: ['monday:friday']
                      location: Europe/Berlin
              receivers:
                - name: slack
                  slack: {channel: '#spawn'}
              routes:
                - receiver: slack
                  matchers: ['severity="info"']
                  active_time_intervals: [office-hours]
            """;

    @Test
    void readsTheRestOfTheModel() {
        MonitoringBundle bundle = SpecReader.parse(FILE, FULL).build();

        assertThat(text(bundle, "prometheus.yaml")).contains("credentials_file: /etc/prometheus/node-token",
                "min_version: TLS12", "server_name: node.internal", "action: hashmod", "modulus: 4", "action: labelmap",
                "metric_relabel_configs:", "regex: go_gc_.*", "write_relabel_configs:", "capacity: 5000",
                "batch_send_deadline: 10s", "fleet: prod", "read_recent: false", "alert_relabel_configs:", "action: labeldrop");
        assertThat(text(bundle, "prometheus.flags")).contains("--storage.tsdb.retention.time=15d",
                "--storage.tsdb.retention.size=20GB", "--storage.tsdb.path=/var/lib/prometheus", "--web.listen-address=:9091");
        assertThat(text(bundle, "alertmanager.flags")).contains("--storage.path=/var/lib/alertmanager",
                "--web.listen-address=:9094", "--data.retention=240h");
        assertThat(text(bundle, "alertmanager.yaml")).contains("resolve_timeout: 10m", "smtp_from: alerts@example.com",
                "smtp_auth_password_file: /etc/alertmanager/smtp-password", "slack_api_url_file: /etc/alertmanager/slack-url",
                "url: http://bridge.internal:8080/alerts", "name: office-hours", "start_time: \"09:00\"", "monday:friday",
                "location: Europe/Berlin", "active_time_intervals:");
        assertThat(text(bundle, "alerts/cost-alerts.yaml")).contains("runbook_url: https://wiki.example.com/spawn/alerts");
    }

    @Test
    void reportsBadValuesAtTheirNodes() {
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                scrape_configs:
                  - job_name: node
                    targets: ['10.0.0.5:9100']
                    authorization: {type: Bearer}
                    tls_config: {min_version: TLS9}
                    relabel_configs:
                      - {source_labels: [a], action: shuffle}
                      - {source_labels: [a], target_label: b, action: hashmod}
                      - {source_lables: [a]}
                remote_write:
                  - url: https://metrics.example.com/api/v1/write
                    queue_config: {capacity: many, max_shards: 0}
                remote_read:
                  - url: https://metrics.example.com/api/v1/read
                    required_matchers: {bad-label: x}
                prometheus_flags: {retention_time: two weeks, retention_size: 20 gigs}
                alertmanager_flags: {data_retention: [10d]}
                rules:
                  runbook_base: [https://wiki]
                alertmanager:
                  webhook_url: 8080
                  global: {resolve_timeout: soon, smtp_require_tls: maybe}
                  time_intervals:
                    - name: night
                      time_intervals:
                        - times: [{start_time: '25:00', end_time: '06:00'}]
                  routes:
                    - receiver: spawn-webhook
                      mute_time_intervals: night
                """)).containsExactlyInAnyOrder(
                "spawn-monitoring.yaml:5:20: missing field 'credentials_file' in scrape_configs[0].authorization",
                "spawn-monitoring.yaml:6:31: unknown value 'TLS9' for scrape_configs[0].tls_config.min_version; expected one of"
                        + " TLS10, TLS11, TLS12, TLS13",
                "spawn-monitoring.yaml:8:38: unknown value 'shuffle' for scrape_configs[0].relabel_configs[0].action; expected"
                        + " one of replace, keep, drop, keepequal, dropequal, hashmod, labelmap, labeldrop, labelkeep, lowercase,"
                        + " uppercase",
                "spawn-monitoring.yaml:9:9: relabel action hashmod needs a positive modulus",
                "spawn-monitoring.yaml:10:10: unknown field 'source_lables' in scrape_configs[0].relabel_configs[2];"
                        + " did you mean 'source_labels'?",
                "spawn-monitoring.yaml:13:30: wrong type for remote_write[0].queue_config.capacity: expected an integer,"
                        + " got the string 'many'",
                "spawn-monitoring.yaml:13:48: value 0 for remote_write[0].queue_config.max_shards is out of range; expected"
                        + " an integer from 1 to 2147483647",
                "spawn-monitoring.yaml:16:25: illegal label name 'bad-label' in remote_read[0].required_matchers;"
                        + " expected [a-zA-Z_][a-zA-Z0-9_]* not starting with '__'",
                "spawn-monitoring.yaml:17:36: bad duration 'two weeks' for prometheus_flags.retention_time; expected a"
                        + " Prometheus duration such as 30s, 5m or 1h30m (units: ms, s, m, h, d, w, y)",
                "spawn-monitoring.yaml:17:63: bad value '20 gigs' for prometheus_flags.retention_size; expected a size such"
                        + " as 50GB (units B, KB, MB, GB, TB, PB, EB)",
                "spawn-monitoring.yaml:18:38: wrong type for alertmanager_flags.data_retention: expected a duration such as"
                        + " 30s, got a list",
                "spawn-monitoring.yaml:20:17: wrong type for rules.runbook_base: expected a string, got a list",
                "spawn-monitoring.yaml:22:16: '8080' is not an absolute URL with a supported scheme; expected an absolute URL"
                        + " with scheme http or https, e.g. http://localhost:8080/alertmanager/webhook",
                "spawn-monitoring.yaml:23:29: bad duration 'soon' for alertmanager.global.resolve_timeout; expected a"
                        + " Prometheus duration such as 30s, 5m or 1h30m (units: ms, s, m, h, d, w, y)",
                "spawn-monitoring.yaml:23:53: wrong type for alertmanager.global.smtp_require_tls: expected true or false,"
                        + " got the string 'maybe'",
                "spawn-monitoring.yaml:27:19: time_interval time '25:00' is not a time of day; expected HH:MM between"
                        + " 00:00 and 24:00",
                "spawn-monitoring.yaml:30:28: wrong type for alertmanager.routes[0].mute_time_intervals: expected a list of"
                        + " strings, got the string 'night'");
    }
}
