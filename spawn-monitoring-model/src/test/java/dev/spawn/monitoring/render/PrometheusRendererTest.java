package dev.spawn.monitoring.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.model.Authorization;
import dev.spawn.monitoring.model.BasicAuth;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.HttpClientConfig;
import dev.spawn.monitoring.model.OAuth2;
import dev.spawn.monitoring.model.Secret;
import dev.spawn.monitoring.model.SigV4Config;
import dev.spawn.monitoring.model.TlsConfig;
import dev.spawn.monitoring.model.prometheus.AlertingConfig;
import dev.spawn.monitoring.model.prometheus.AlertmanagerEndpoint;
import dev.spawn.monitoring.model.prometheus.DnsSdConfig;
import dev.spawn.monitoring.model.prometheus.Ec2SdConfig;
import dev.spawn.monitoring.model.prometheus.FileSdConfig;
import dev.spawn.monitoring.model.prometheus.GlobalConfig;
import dev.spawn.monitoring.model.prometheus.HttpSdConfig;
import dev.spawn.monitoring.model.prometheus.MetadataConfig;
import dev.spawn.monitoring.model.prometheus.OtherSdConfig;
import dev.spawn.monitoring.model.prometheus.PrometheusConfig;
import dev.spawn.monitoring.model.prometheus.QueueConfig;
import dev.spawn.monitoring.model.prometheus.RelabelConfig;
import dev.spawn.monitoring.model.prometheus.RemoteRead;
import dev.spawn.monitoring.model.prometheus.RemoteWrite;
import dev.spawn.monitoring.model.prometheus.ScrapeConfig;
import dev.spawn.monitoring.model.prometheus.SpawnPrometheusDefaults;
import dev.spawn.monitoring.model.prometheus.StaticConfig;
import dev.spawn.monitoring.model.prometheus.StorageConfig;
import dev.spawn.monitoring.model.prometheus.TracingConfig;
import dev.spawn.monitoring.testing.RealTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class PrometheusRendererTest {

    public static PrometheusConfig defaults() {
        return PrometheusConfig.builder().global(SpawnPrometheusDefaults.global())
                .alerting(SpawnPrometheusDefaults.alerting())
                .scrapeConfigs(SpawnPrometheusDefaults.scrapeConfigs()).build();
    }

    /** Every discovery method, every relabel action, TLS, basic auth, authorization, remote write and read. */
    public static PrometheusConfig kitchenSink() {
        HttpClientConfig mtls = HttpClientConfig.builder().tlsConfig(new TlsConfig("/etc/prometheus/ca.crt",
                "/etc/prometheus/client.crt", "/etc/prometheus/client.key", "spored.internal", false, "TLS12", "TLS13"))
                .build();
        List<RelabelConfig> everyAction = List.of(
                RelabelConfig.copy("__meta_ec2_instance_id", "instance_id"),
                RelabelConfig.keep(List.of("__meta_ec2_tag_env"), "prod|staging"),
                RelabelConfig.drop(List.of("__meta_ec2_tag_skip"), "true"),
                RelabelConfig.builder().sourceLabels(List.of("__meta_ec2_instance_id")).targetLabel("shard").modulus(4)
                        .action(RelabelConfig.Action.HASHMOD).build(),
                RelabelConfig.builder().regex("__meta_ec2_tag_(.+)").replacement("tag_$1")
                        .action(RelabelConfig.Action.LABELMAP).build(),
                RelabelConfig.labelDrop("tag_secret.*"),
                RelabelConfig.builder().sourceLabels(List.of("__meta_ec2_tag_a", "__meta_ec2_tag_b")).separator("/")
                        .targetLabel("ab").build(),
                RelabelConfig.builder().regex("instance_id|region|job|instance|__.*|shard|tag_.*")
                        .action(RelabelConfig.Action.LABELKEEP).build(),
                RelabelConfig.builder().sourceLabels(List.of("region")).targetLabel("region")
                        .action(RelabelConfig.Action.LOWERCASE).build(),
                RelabelConfig.builder().sourceLabels(List.of("region")).targetLabel("region_upper")
                        .action(RelabelConfig.Action.UPPERCASE).build(),
                RelabelConfig.builder().sourceLabels(List.of("__address__")).targetLabel("__address__")
                        .action(RelabelConfig.Action.KEEPEQUAL).build(),
                RelabelConfig.builder().sourceLabels(List.of("__scheme__")).targetLabel("__address__")
                        .action(RelabelConfig.Action.DROPEQUAL).build());
        ScrapeConfig secured = ScrapeConfig.builder("spawn-secure")
                .scheme("https").scrapeInterval(Duration.ofSeconds(30)).scrapeTimeout(Duration.ofSeconds(20))
                .metricsPath("/metrics").honorLabels(true)
                .basicAuth(new BasicAuth("prometheus", Secret.file("/etc/prometheus/spored-password")))
                .tls(mtls.tlsConfig())
                .discovery(Ec2SdConfig.builder("eu-west-1").endpoint("http://127.0.0.1:4566").port(9090)
                        .refreshInterval(Duration.ofSeconds(30))
                        .filter(Ec2SdConfig.Filter.of("tag:spawn:metrics-enabled", "true"))
                        .roleArn("arn:aws:iam::123456789012:role/prometheus").profile("spawn").build())
                .discovery(new HttpSdConfig("http://127.0.0.1:8080/targets", Duration.ofMinutes(2), null))
                .discovery(new DnsSdConfig(List.of("spored.example.internal"), "A", 9090, Duration.ofSeconds(30)))
                .discovery(new OtherSdConfig("docker_sd_configs", Map.of("host", "unix:///var/run/docker.sock",
                        "refresh_interval", "30s")))
                .honorTimestamps(false)
                .params(Map.of("module", List.of("spawn")))
                .bodySizeLimit("10MB")
                .limits(50000L, 64L, 128L, 1024L, 500L)
                .discovery(new FileSdConfig(List.of("targets/*.json", "more/*.yaml"), Duration.ofMinutes(5)))
                .discovery(new StaticConfig(List.of("10.0.1.100:9090"), Map.of("region", "us-east-1")))
                .build();
        ScrapeConfig legacyToken = ScrapeConfig.builder("legacy-token")
                .http(HttpClientConfig.builder().bearerToken(Secret.file("/etc/prometheus/legacy-token"))
                        .followRedirects(true).enableHttp2(true).proxyUrl("http://proxy.example.com:3128")
                        .proxyConnectHeader(Map.of("Proxy-Authorization", List.of("Basic c3Bhd246c2VjcmV0"))).build())
                .discovery(Ec2SdConfig.builder("us-west-2").endpoint("http://127.0.0.1:4566")
                        .http(HttpClientConfig.builder().proxyUrl("http://proxy.example.com:3128").build()).build())
                .build();
        ScrapeConfig relabelled = ScrapeConfig.builder("relabel-everything")
                .authorization(Authorization.bearer(Secret.file("/etc/prometheus/token")))
                .discovery(StaticConfig.of("localhost:9100"))
                .build();
        ScrapeConfig.Builder withActions = relabelled.toBuilder();
        everyAction.forEach(withActions::relabel);
        withActions.metricRelabel(RelabelConfig.drop(List.of("__name__"), "go_.*"));
        RemoteWrite write = new RemoteWrite("https://metrics.example.com/api/v1/write", "long-term", Duration.ofSeconds(30),
                HttpClientConfig.builder().basicAuth(new BasicAuth("spawn", Secret.file("/etc/prometheus/rw-password")))
                        .build(),
                List.of(RelabelConfig.keep(List.of("__name__"), "spawn_.*")),
                new QueueConfig(10000, 50, 1, 2000, Duration.ofSeconds(5), Duration.parse("30ms"), Duration.ofSeconds(5), true));
        RemoteWrite amp = RemoteWrite.builder("https://aps-workspaces.us-east-1.amazonaws.com/workspaces/ws-1/api/v1/remote_write")
                .name("amp").sigv4(new SigV4Config("us-east-1", "AKIAFAKEFAKEFAKEFAKE", Secret.inline("fake-secret"),
                        "spawn", "arn:aws:iam::123456789012:role/amp-writer")).sendExemplars(true).sendNativeHistograms(true)
                .metadataConfig(new MetadataConfig(true, Duration.ofMinutes(1), 500)).build();
        RemoteWrite mimir = RemoteWrite.builder("https://mimir.example.com/api/v1/push").name("mimir")
                .header("X-Scope-OrgID", "spawn")
                .http(HttpClientConfig.builder().oauth2(new OAuth2("spawn", Secret.file("/etc/prometheus/oauth-secret"),
                        List.of("metrics:write"), "https://auth.example.com/token", Map.of("audience", "mimir"),
                        TlsConfig.ca("/etc/prometheus/auth-ca.crt"), "http://proxy.example.com:3128"))
                        .proxyUrl("http://proxy.example.com:3128").followRedirects(false).enableHttp2(false).build())
                .build();
        RemoteRead read = new RemoteRead("https://metrics.example.com/api/v1/read", "long-term-read", Map.of("cluster", "spawn"),
                Duration.ofMinutes(1), Map.of("X-Scope-OrgID", "spawn"), false,
                HttpClientConfig.builder().authorization(Authorization.bearer(Secret.file("/etc/prometheus/rr-token")))
                        .build(), false);
        AlertingConfig alerting = new AlertingConfig(List.of(RelabelConfig.labelDrop("replica")), List.of(
                AlertmanagerEndpoint.builder().timeout(Duration.ofSeconds(10)).apiVersion("v2").pathPrefix("/")
                        .scheme("http").discovery(List.of(StaticConfig.of("am-4:9093")))
                        .relabelConfigs(List.of(RelabelConfig.drop(List.of("__address__"), "am-4:.*"))).build(),
                AlertmanagerEndpoint.builder().scheme("http").pathPrefix("/").timeout(Duration.ofSeconds(10))
                        .discovery(List.of(StaticConfig.of("am-1:9093", "am-2:9093", "am-3:9093"))).build(),
                AlertmanagerEndpoint.builder().discovery(List.of(new FileSdConfig(List.of("alertmanagers/*.json"), null)))
                        .build(),
                AlertmanagerEndpoint.builder().discovery(List.of(
                        Ec2SdConfig.builder("us-east-1").endpoint("http://127.0.0.1:4566").port(9093)
                                .staticCredentials("AKIAFAKEFAKEFAKEFAKE", Secret.inline("fake-secret")).build(),
                        new HttpSdConfig("http://127.0.0.1:8080/alertmanagers", null, null),
                        new DnsSdConfig(List.of("_alertmanager._tcp.example.internal"), null, null, null),
                        new OtherSdConfig("dockerswarm_sd_configs", Map.of("host", "unix:///var/run/docker.sock",
                                "role", "tasks")))).build()));
        GlobalConfig global = SpawnPrometheusDefaults.global().withExternalLabel("replica", "a");
        return PrometheusConfig.builder()
                .global(global.toBuilder().scrapeTimeout(Duration.ofSeconds(10))
                        .queryLogFile("/var/log/prometheus/queries.log")
                        .build())
                .ruleFiles(List.of("alerts/*.yaml"))
                .scrapeConfigs(List.of(SpawnPrometheusDefaults.self(), SpawnPrometheusDefaults.ec2(List.of("us-east-1",
                        "eu-west-1")),
                        secured, legacyToken, withActions.build()))
                .alerting(alerting).remoteWrite(List.of(write, amp, mimir)).remoteRead(List.of(read))
                .storage(new StorageConfig(new StorageConfig.Tsdb(Duration.ofMinutes(30)),
                        new StorageConfig.Exemplars(100000L)))
                .tracing(new TracingConfig("grpc", "127.0.0.1:4317", 0.1, false, Map.of("X-Tenant", "spawn"), "gzip",
                        Duration.ofSeconds(5), TlsConfig.ca("/etc/prometheus/otel-ca.crt")))
                .build();
    }

    @Test
    void defaultAndKitchenSinkPassPromtoolCheckConfig(@TempDir Path dir) throws Exception {
        RealTools.require(Tool.PROMTOOL);
        for (PrometheusConfig config : List.of(defaults(), kitchenSink())) {
            Files.write(dir.resolve("prometheus.yaml"), PrometheusRenderer.toBytes(config, "test"));
            Tool.Result result = Tool.PROMTOOL.run(dir, 60, "check", "config", "--syntax-only", "prometheus.yaml");
            assertThat(result.ok()).as("%s", result).isTrue();
        }
    }

    @Test
    void kitchenSinkRoundTripsThroughYaml() {
        byte[] bytes = PrometheusRenderer.toBytes(kitchenSink(), "test");
        JsonNode parsed = YamlOutput.parse(bytes);
        assertThat(parsed).isEqualTo(PrometheusRenderer.render(kitchenSink()));
        assertThat(parsed.at("/scrape_configs/2/basic_auth/password_file").asText()).isEqualTo("/etc/prometheus/spored-password");
        assertThat(parsed.at("/scrape_configs/2/ec2_sd_configs/0/endpoint").asText()).isEqualTo("http://127.0.0.1:4566");
        assertThat(parsed.at("/remote_write/0/queue_config/max_shards").asInt()).isEqualTo(50);
    }

    @Test
    void secretsGivenByFileNeverAppearInline() {
        String yaml = new String(PrometheusRenderer.toBytes(kitchenSink(), "test"), StandardCharsets.UTF_8);
        assertThat(yaml).contains("password_file: /etc/prometheus/spored-password")
                .contains("credentials_file: /etc/prometheus/token")
                .doesNotContain("password: ");
    }

    @Test
    void retentionIsAFlagNotAConfigKey() {
        String yaml = new String(PrometheusRenderer.toBytes(defaults(), "test"), StandardCharsets.UTF_8);
        assertThat(yaml).doesNotContain("storage").doesNotContain("retention");
    }

    @Test
    void headerNamesTheGenerator() {
        String yaml = new String(PrometheusRenderer.toBytes(defaults(), "spawn-monitoring.yaml"), StandardCharsets.UTF_8);
        assertThat(yaml.lines().findFirst()).hasValueSatisfying(first ->
                assertThat(first).startsWith("# Generated by spawn-monitoring from spawn-monitoring.yaml"));
    }
}
