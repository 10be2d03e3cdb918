package dev.spawn.monitoring.spec;

import static dev.spawn.monitoring.spec.SpecReaderTest.FILE;
import static dev.spawn.monitoring.spec.SpecReaderTest.problems;
import static dev.spawn.monitoring.spec.SpecReaderTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.MonitoringBundle;
import org.junit.jupiter.api.Test;

/**
 * The spec in the upstream files' own shape, read by the declarations: YAML 1.1 numbers as Go's
 * yaml.v2 reads them, merge keys, bounds, RE2 regexes, empty regexes kept, and every problem of a
 * file reported together.
 */
class SpecUpstreamShapeTest {

    private static MonitoringBundle bundle(String yaml) {
        return SpecReader.parse(FILE, yaml).build();
    }

    @Test
    void readsYaml11IntegersAsPrometheusDoes() {
        String yaml = text(bundle("""
                apiVersion: spawn.dev/v1
                ec2:
                  port: 0x1F90
                scrape_configs:
                  - job_name: node
                    sample_limit: 1_000
                    target_limit: 0o17
                    targets: ['10.0.0.1:9100']
                """), "prometheus.yaml");
        assertThat(yaml).contains("port: 8080").contains("sample_limit: 1000").contains("target_limit: 15");
    }

    @Test
    void reportsNumbersOutOfRangeAtTheirNode() {
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                ec2:
                  port: 99999999999
                tracing:
                  sampling_fraction: .nan
                scrape_configs:
                  - job_name: node
                    sample_limit: -1
                    targets: ['10.0.0.1:9100']
                """)).containsExactly(
                FILE + ":3:9: value 99999999999 for ec2.port is out of range; expected an integer from 1 to 65535",
                FILE + ":5:22: value .nan for tracing.sampling_fraction is not a number; expected a number from 0 to 1",
                FILE + ":8:19: value -1 for scrape_configs[0].sample_limit is out of range; expected an integer from 0 to"
                        + " 9223372036854775807");
    }

    @Test
    void mergeKeysShareSettingsBetweenJobs() {
        String yaml = text(bundle("""
                apiVersion: spawn.dev/v1
                scrape_configs:
                  - &node
                    job_name: node-a
                    scrape_interval: 30s
                    metrics_path: /metrics
                    targets: ['10.0.0.1:9100']
                  - <<: *node
                    job_name: node-b
                    targets: ['10.0.0.2:9100']
                """), "prometheus.yaml");
        assertThat(yaml).contains("job_name: node-b\n    scrape_interval: 30s\n    metrics_path: /metrics")
                .contains("10.0.0.2:9100");
    }

    @Test
    void keepsAnEmptyRegexAndAcceptsRe2Syntax() {
        String yaml = text(bundle("""
                apiVersion: spawn.dev/v1
                scrape_configs:
                  - job_name: node
                    targets: ['10.0.0.1:9100']
                    metric_relabel_configs:
                      - {source_labels: [mode], regex: "", action: drop}
                      - {source_labels: [__name__], regex: '(?P<family>node_cpu)_.*', target_label: family, replacement: '$1'}
                """), "prometheus.yaml");
        assertThat(yaml).contains("regex: \"\"").contains("(?P<family>node_cpu)_.*");
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                scrape_configs:
                  - job_name: node
                    targets: ['10.0.0.1:9100']
                    relabel_configs:
                      - {source_labels: [a], regex: 'x(?=y)', action: keep}
                """)).singleElement().asString().startsWith(FILE + ":6:9: relabel regex 'x(?=y)' is not an RE2 regular"
                        + " expression");
    }

    @Test
    void everyProblemOfTheFileAtOnce() {
        // a bad interval, a typo in a job, a duplicate job name (found by the model), an Alertmanager typo
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                global:
                  scrape_interval: often
                scrape_configs:
                  - job_name: node
                    sample_limt: 5
                    targets: ['10.0.0.1:9100']
                  - job_name: node
                    targets: ['10.0.0.2:9100']
                alertmanager:
                  webhok_url: http://127.0.0.1:8080/hook
                """)).containsExactly(
                FILE + ":3:20: bad duration 'often' for global.scrape_interval; expected a Prometheus duration such as 30s,"
                        + " 5m or 1h30m (units: ms, s, m, h, d, w, y)",
                FILE + ":6:5: unknown field 'sample_limt' in scrape_configs[0]; did you mean 'sample_limit'?",
                FILE + ":8:5: duplicate job_name 'node' (first at " + FILE + ":5:5); expected each scrape job to have its own"
                        + " name",
                FILE + ":11:3: unknown field 'webhok_url' in alertmanager; did you mean 'webhook_url'?");
    }

    @Test
    void aJobNamedAsADefaultReplacesItAndEnabledFalseRemovesIt() {
        String yaml = text(bundle("""
                apiVersion: spawn.dev/v1
                scrape_configs:
                  - job_name: prometheus
                    scrape_interval: 15s
                    static_configs: [{targets: ['localhost:9090']}]
                  - job_name: spawn-fleet
                    enabled: false
                """), "prometheus.yaml");
        assertThat(yaml).contains("job_name: prometheus\n    scrape_interval: 15s").doesNotContain("spawn-fleet")
                .contains("job_name: spawn-ec2");
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                scrape_configs:
                  - {job_name: mine, enabled: false}
                """)).containsExactly(FILE + ":3:5: enabled: false on scrape job 'mine', which is not a default job; expected"
                + " one of prometheus, spawn-fleet, spawn-ec2 (leave your own job out instead)");
    }

    @Test
    void blackboxJobWithUrlTargetsAsTheExporterDocsWriteIt() {
        String yaml = text(bundle("""
                apiVersion: spawn.dev/v1
                scrape_configs:
                  - job_name: blackbox
                    metrics_path: /probe
                    params: {module: [http_2xx]}
                    static_configs:
                      - targets: ['https://spawn.example.com/health']
                    relabel_configs:
                      - {source_labels: [__address__], target_label: __param_target}
                      - {target_label: __address__, replacement: '127.0.0.1:9115'}
                """), "prometheus.yaml");
        assertThat(yaml).contains("- https://spawn.example.com/health").contains("module:\n        - http_2xx");
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                scrape_configs:
                  - {job_name: typo, static_configs: [{targets: ['localhost 9100']}]}
                """)).singleElement().asString().contains("static target 'localhost 9100' is empty or contains whitespace");
    }

    @Test
    void pastedUpstreamJobWithEc2DiscoveryOfItsOwn() {
        MonitoringBundle bundle = bundle("""
                apiVersion: spawn.dev/v1
                scrape_configs:
                  - job_name: node-exporter
                    honor_labels: true
                    ec2_sd_configs:
                      - region: eu-west-1
                        endpoint: http://127.0.0.1:4566
                        port: 9100
                        refresh_interval: 2m
                        filters:
                          - name: tag:team
                            values: [platform]
                    relabel_configs:
                      - source_labels: [__meta_ec2_tag_team]
                        target_label: team
                remote_write:
                  - url: https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-1/api/v1/remote_write
                    sigv4: {region: us-east-1}
                    queue_config: {retry_on_http_429: true}
                  - url: https://mimir.example.com/api/v1/push
                    headers: {X-Scope-OrgID: spawn}
                storage:
                  exemplars: {max_exemplars: 50000}
                """);
        String yaml = text(bundle, "prometheus.yaml");
        assertThat(yaml).contains("job_name: node-exporter\n    honor_labels: true")
                .contains("port: 9100").contains("name: tag:team").contains("target_label: team")
                .contains("sigv4:\n      region: us-east-1").contains("retry_on_http_429: true")
                .contains("X-Scope-OrgID: spawn").contains("max_exemplars: 50000");
    }

    @Test
    void keepDropAndHashmodWithoutSourceLabelsAreReadAsPrometheusReadsThem() {
        // legal in 2.42: the regex is matched against the empty concatenation
        dev.spawn.monitoring.MonitoringBundle bundle = bundle("""
                apiVersion: spawn.dev/v1
                scrape_configs:
                  - job_name: node
                    targets: ['10.0.0.1:9100']
                    relabel_configs:
                      - {action: keep, regex: ''}
                      - {action: hashmod, target_label: __tmp_shard, modulus: 4}
                      - {action: drop, regex: 'never'}
                """);
        assertThat(text(bundle, "prometheus.yaml")).contains("action: hashmod").contains("modulus: 4");
        dev.spawn.monitoring.testing.RealTools.require(dev.spawn.monitoring.check.Tool.PROMTOOL);
        assertThat(bundle.check(dev.spawn.monitoring.check.BundleCheck.MissingTool.FAIL)).filteredOn(o -> o.name().startsWith("promtool check config"))
                .allSatisfy(o -> assertThat(o.status()).as(o.output()).isEqualTo(dev.spawn.monitoring.check.BundleCheck.Outcome.Status.PASSED));
    }

    @Test
    void aKeyGivenWithoutAValueIsItsEmptyValueNotTheDefault() {
        // yaml.v2 writes the zero value over upstream's defaults: an empty regex matches only the empty string
        String yaml = text(bundle("""
                apiVersion: spawn.dev/v1
                scrape_configs:
                  - job_name: edge
                    honor_timestamps:
                    follow_redirects: ~
                    targets: ['10.0.0.1:9100']
                    relabel_configs:
                      - {target_label: zone, regex: , separator: , replacement: null}
                  - job_name: later
                    static_configs:
                      - targets:
                """), "prometheus.yaml");
        assertThat(yaml).contains("honor_timestamps: false").contains("follow_redirects: false")
                .contains("job_name: later\n    static_configs:\n      - {}\n")
                .contains("- separator: \"\"\n        target_label: zone\n        regex: \"\"\n        replacement: \"\"\n");
    }

    @Test
    void aRelabelActionWithoutAValueIsRefusedNotReadAsReplace() {
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                scrape_configs:
                  - job_name: edge
                    targets: ['10.0.0.1:9100']
                    metric_relabel_configs:
                      - source_labels: [mode]
                        target_label: kind
                        action:
                """)).containsExactly(FILE + ":8:16: scrape_configs[0].metric_relabel_configs[0].action has no value; an"
                + " empty action is refused, not read as the default replace; expected one of replace, keep, drop,"
                + " keepequal, dropequal, hashmod, labelmap, labeldrop, labelkeep, lowercase, uppercase");
    }

    @Test
    void anEmptyItemOfAListIsRefusedNotSkipped() {
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                scrape_configs:
                  - job_name: edge
                    static_configs:
                      -
                  -
                remote_write:
                  - ~
                remote_read:
                  -
                """)).containsExactly(
                FILE + ":5:8: wrong type for scrape_configs[0].static_configs[0]: expected a mapping, got nothing",
                FILE + ":6:4: wrong type for scrape_configs[1]: expected a mapping, got nothing",
                FILE + ":8:5: wrong type for remote_write[0]: expected a mapping, got nothing",
                FILE + ":10:4: wrong type for remote_read[0]: expected a mapping, got nothing");
    }

    @Test
    void aBinaryValueIsItsDecodedTextAndBytesThatAreNotTextAreRefused() {
        String yaml = text(bundle("""
                apiVersion: spawn.dev/v1
                global:
                  external_labels:
                    site: !!binary "ZnJhLTE="
                """), "prometheus.yaml");
        assertThat(yaml).contains("site: fra-1").doesNotContain("ZnJhLTE=");
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                global:
                  external_labels:
                    site: !!binary "gA=="
                """)).containsExactly(FILE + ":4:11: bad value for global.external_labels.site: the !!binary value is not"
                + " base64 of UTF-8 text; expected text");
    }

    @Test
    void keysARelabelActionDoesNotUseAreRefusedAsPrometheusRefusesThem() {
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                scrape_configs:
                  - job_name: edge
                    targets: ['10.0.0.1:9100']
                    relabel_configs:
                      - {action: labelkeep, regex: 'zone|rack', source_labels: [zone]}
                      - {action: lowercase, source_labels: [rack], target_label: rack, replacement: x}
                      - {action: dropequal, source_labels: [rack], target_label: zone, regex: 'a.*', separator: ','}
                      - {action: labelmap, regex: '__meta_(.+)', replacement: 'meta-$1'}
                      - {action: hashmod, source_labels: [zone], regex: 'a'}
                      - {action: labelmap, regex: '__meta_(.+)', replacement: 'm_${1}'}
                """)).containsExactly(
                FILE + ":6:9: relabel action labelkeep takes no source_labels; expected only regex",
                FILE + ":7:9: relabel action lowercase takes no replacement; expected only source_labels, separator, regex"
                        + " and target_label",
                FILE + ":8:9: relabel action dropequal takes no separator, regex; expected only source_labels and"
                        + " target_label",
                FILE + ":9:9: relabel action labelmap has replacement 'meta-$1', which does not name labels; expected"
                        + " label name characters and $1 or ${name} references",
                FILE + ":10:9: relabel action hashmod needs a positive modulus");
    }

    @Test
    void aUrlTargetWithoutRelabellingAndTracingWithoutEndpointAreRefusedAtTheirPlace() {
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                scrape_configs:
                  - job_name: probe
                    static_configs: [{targets: ['https://spawn.internal/health']}]
                alerting:
                  alertmanagers:
                    - static_configs: [{targets: ['http://127.0.0.1:9093/']}]
                tracing:
                  sampling_fraction: 0.5
                """)).containsExactly(
                FILE + ":3:5: scrape job probe has static target 'https://spawn.internal/health', which is not a host:port;"
                        + " expected host:port, or relabel_configs that move the URL into a parameter",
                FILE + ":7:7: alertmanager has static target 'http://127.0.0.1:9093/', which is not a host:port; expected"
                        + " host:port, or relabel_configs that move the URL into a parameter",
                FILE + ":9:3: tracing has no endpoint; expected the host:port to send traces to");
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                tracing:
                  endpoint: 127.0.0.1:4317
                  headers: {User-Agent: spawn}
                """)).containsExactly(FILE + ":3:3: tracing header 'User-Agent' is reserved; Prometheus sets it itself");
    }

    @Test
    void remoteEndpointsOfOneNameAndReservedRemoteReadHeadersAreRefusedAtTheirPlace() {
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                remote_write:
                  - {url: 'http://127.0.0.1:9201/write', name: archive}
                  - {url: 'http://127.0.0.1:9202/write', name: archive}
                remote_read:
                  - url: http://127.0.0.1:9201/read
                    headers: {Content-Type: text/plain}
                """)).containsExactly(
                FILE + ":4:5: duplicate name 'archive' (first at " + FILE + ":3:5); expected each remote_write to have its"
                        + " own name",
                FILE + ":6:5: remote_read header 'Content-Type' is reserved; Prometheus sets it itself");
    }

    @Test
    void ruleFilesPastedFromPrometheusYmlSayWhereTheirRulesGo() {
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                rule_files: ['rules/*.yml']
                """)).containsExactly(FILE + ":2:1: 'rule_files' in the top level: the spec holds the rules themselves, and"
                + " the bundle writes the rule files; expected the groups of those files under rules.groups"
                + " (spawn-monitoring import reads rule files and writes them there)");
    }
}
