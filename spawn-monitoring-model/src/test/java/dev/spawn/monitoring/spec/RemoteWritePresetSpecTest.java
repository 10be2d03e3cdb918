package dev.spawn.monitoring.spec;

import static dev.spawn.monitoring.spec.SpecReaderTest.FILE;
import static dev.spawn.monitoring.spec.SpecReaderTest.problems;
import static dev.spawn.monitoring.spec.SpecReaderTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.prometheus.RemoteWrite;
import dev.spawn.monitoring.model.prometheus.RemoteWritePreset;
import org.junit.jupiter.api.Test;

/** {@code remote_write: [{preset: ...}]}: each preset's expansion as prometheus.yaml writes it, overrides, and bad input. */
class RemoteWritePresetSpecTest {

    /** The rendered {@code remote_write:} block of the spec's bundle. */
    static String remoteWrite(String spec) {
        return remoteWrite(SpecReader.parse(FILE, "apiVersion: spawn.dev/v1\n" + spec).build());
    }

    static String remoteWrite(MonitoringBundle bundle) {
        String all = text(bundle, "prometheus.yaml");
        int start = all.indexOf("\nremote_write:\n") + 1;
        int end = all.indexOf("\n", start);
        while (end + 1 < all.length() && (all.charAt(end + 1) == ' ' || all.charAt(end + 1) == '-')) {
            end = all.indexOf("\n", end + 1);
        }
        return all.substring(start, end + 1);
    }

    @Test
    void mimirSendsTheTenantAsXScopeOrgIdToThePushPath() {
        assertThat(remoteWrite("""
                remote_write:
                  - {preset: mimir, url: "http://mimir.internal:8080", tenant: spawn-prod}
                """)).isEqualTo("""
                remote_write:
                  - url: http://mimir.internal:8080/api/v1/push
                    headers:
                      X-Scope-OrgID: spawn-prod
                """);
    }

    @Test
    void thanosSendsTheTenantAsThanosTenantToTheReceivePath() {
        assertThat(remoteWrite("""
                remote_write:
                  - {preset: thanos, url: "http://thanos-receive.internal:19291/", tenant: spawn}
                """)).isEqualTo("""
                remote_write:
                  - url: http://thanos-receive.internal:19291/api/v1/receive
                    headers:
                      THANOS-TENANT: spawn
                """);
        assertThat(remoteWrite("remote_write: [{preset: thanos, url: 'http://thanos-receive.internal:19291'}]"))
                .as("no tenant: Thanos writes to its default tenant").isEqualTo("""
                remote_write:
                  - url: http://thanos-receive.internal:19291/api/v1/receive
                """);
    }

    @Test
    void ampMakesTheWorkspaceUrlAndSignsWithSigv4() {
        assertThat(remoteWrite("""
                remote_write:
                  - preset: amp
                    region: eu-west-1
                    workspace: ws-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d
                    role_arn: arn:aws:iam::123456789012:role/prometheus-remote-write
                """)).isEqualTo("""
                remote_write:
                  - url: https://aps-workspaces.eu-west-1.amazonaws.com/workspaces/ws-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d/api/v1/remote_write
                    sigv4:
                      region: eu-west-1
                      role_arn: arn:aws:iam::123456789012:role/prometheus-remote-write
                    queue_config:
                      capacity: 2500
                      max_shards: 200
                      max_samples_per_send: 1000
                """);
    }

    @Test
    void grafanaCloudAuthenticatesWithThePasswordFile() {
        assertThat(remoteWrite("""
                remote_write:
                  - preset: grafana-cloud
                    url: https://prometheus-prod-13-prod-us-east-0.grafana.net
                    username: "1234567"
                    password_file: /etc/prometheus/grafana-cloud-token
                """)).isEqualTo("""
                remote_write:
                  - url: https://prometheus-prod-13-prod-us-east-0.grafana.net/api/prom/push
                    basic_auth:
                      username: "1234567"
                      password_file: /etc/prometheus/grafana-cloud-token
                """);
    }

    @Test
    void victoriaMetricsWritesToApiV1Write() {
        assertThat(remoteWrite("remote_write: [{preset: victoriametrics, url: 'http://victoria-metrics.internal:8428'}]"))
                .isEqualTo("""
                remote_write:
                  - url: http://victoria-metrics.internal:8428/api/v1/write
                """);
    }

    @Test
    void aPresetIsWhatTheUserCouldHaveWrittenByHand() {
        MonitoringBundle preset = SpecReader.parse(FILE, """
                apiVersion: spawn.dev/v1
                remote_write:
                  - {preset: mimir, url: "http://mimir.internal:8080", tenant: spawn-prod}
                """).build();
        MonitoringBundle byHand = SpecReader.parse(FILE, """
                apiVersion: spawn.dev/v1
                remote_write:
                  - url: http://mimir.internal:8080/api/v1/push
                    headers: {X-Scope-OrgID: spawn-prod}
                """).build();
        assertThat(preset.prometheus().remoteWrite()).isEqualTo(byHand.prometheus().remoteWrite());
        assertThat(preset.prometheus().remoteWrite()).containsExactly(
                RemoteWritePreset.mimir("spawn-prod").builder("http://mimir.internal:8080").build());
    }

    @Test
    void anEmptyPresetIsNoPreset() {
        assertThat(remoteWrite("remote_write: [{preset: ~, url: 'http://m.internal/api/v1/write'}]")).isEqualTo("""
                remote_write:
                  - url: http://m.internal/api/v1/write
                """);
    }

    @Test
    void keysBesideAPresetReplaceItsOwn() {
        assertThat(remoteWrite("""
                remote_write:
                  - preset: mimir
                    url: https://gateway.internal/mimir/api/v1/push
                    tenant: spawn-prod
                    name: mimir
                    headers: {X-Scope-OrgID: other, X-Extra: "1"}
                  - preset: amp
                    region: us-east-1
                    url: https://vpce-0123.aps-workspaces.us-east-1.vpce.amazonaws.com/workspaces/ws-1/api/v1/remote_write
                    queue_config: {max_samples_per_send: 2000}
                """)).isEqualTo("""
                remote_write:
                  - url: https://gateway.internal/mimir/api/v1/push
                    headers:
                      X-Extra: "1"
                      X-Scope-OrgID: other
                    name: mimir
                  - url: https://vpce-0123.aps-workspaces.us-east-1.vpce.amazonaws.com/workspaces/ws-1/api/v1/remote_write
                    sigv4:
                      region: us-east-1
                    queue_config:
                      max_samples_per_send: 2000
                """);
    }

    @Test
    void reportsEveryProblemAtItsKeyInOneRun() {
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                remote_write:
                  - {preset: mimir, url: "http://mimir.internal:8080"}
                  - preset: amp
                    workspace: ws-1
                  - preset: grafana-cloud
                    url: https://prometheus-prod-13-prod-us-east-0.grafana.net
                    username: "1234567"
                    password: glc_secret
                  - {preset: mimr, url: "http://mimir.internal:8080", tenant: t}
                  - {url: "http://m.internal/api/v1/write", tenant: t}
                  - {preset: victoriametrics, url: "http://vm.internal:8428", region: us-east-1}
                  - preset: thanos
                """)).containsExactly(
                FILE + ":3:14: missing field 'tenant' for preset mimir; expected the Mimir tenant ID, sent as X-Scope-OrgID"
                        + " (Mimir refuses writes without it unless multi-tenancy is off)",
                FILE + ":4:13: missing field 'region' for preset amp; expected the workspace's AWS region, such as"
                        + " us-east-1 (sigv4 signs for it)",
                FILE + ":6:13: missing field 'password_file' for preset grafana-cloud; expected a path Prometheus reads the"
                        + " access policy token from",
                FILE + ":9:5: inline 'password' in remote_write[2] beside a preset; expected password_file (preset"
                        + " grafana-cloud), a path Prometheus reads the token from, so the token never lands in a generated"
                        + " file",
                FILE + ":10:14: unknown value 'mimr' for remote_write[3].preset; did you mean 'mimir'?; expected one of"
                        + " thanos, mimir, amp, grafana-cloud, victoriametrics",
                FILE + ":11:45: 'tenant' in remote_write[4] is a parameter of a preset; expected preset: thanos, mimir, amp,"
                        + " grafana-cloud, victoriametrics beside it, or no tenant",
                FILE + ":12:63: 'region' is not a parameter of preset victoriametrics; expected only url beside it",
                FILE + ":13:13: missing field 'url' for preset thanos; expected the Thanos Receive URL, such as"
                        + " http://thanos-receive.internal:19291 (the preset adds /api/v1/receive to a url without a path)");
    }

    @Test
    void grafanaCloudRefusesAnInlinePasswordWrittenByHandBesideIt() {
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                remote_write:
                  - preset: grafana-cloud
                    url: https://prometheus-prod-13-prod-us-east-0.grafana.net
                    username: "1234567"
                    password_file: /etc/prometheus/token
                    basic_auth: {username: "1234567", password: glc_secret}
                """)).contains(FILE + ":7:5: basic_auth beside preset grafana-cloud has no password_file; expected"
                + " password_file, a path Prometheus reads the access policy token from (or no basic_auth: the preset"
                + " writes it from username and password_file)");
    }

    @Test
    void warnsOfAUrlPathThatIsNotTheEngines() {
        SpecReader.Spec spec = SpecReader.parse(FILE, """
                apiVersion: spawn.dev/v1
                remote_write:
                  - {preset: mimir, url: "http://mimir.internal:8080/api/v1/write", tenant: t}
                """);
        MonitoringBundle bundle = spec.build();
        assertThat(spec.warnings()).extracting(Problem::toString).contains(FILE + ":3:26: warning: url path '/api/v1/write' is not"
                + " where Grafana Mimir receives remote writes; expected a path ending in /api/v1/push, or none (preset mimir"
                + " adds it)");
        assertThat(bundle.prometheus().remoteWrite()).extracting(RemoteWrite::url)
                .containsExactly("http://mimir.internal:8080/api/v1/write");
    }

    @Test
    void theModelsProblemsWithAPresetsUrlAreAtThePreset() {
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                remote_write:
                  - {preset: victoriametrics, url: "ftp://vm.internal:8428"}
                """)).containsExactly(FILE + ":3:36: url 'ftp://vm.internal:8428/api/v1/write' is not an absolute http(s)"
                + " URL; expected e.g. https://host:port/path");
    }
}
