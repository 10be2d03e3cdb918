package dev.spawn.monitoring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.doctor.Doctor;
import dev.spawn.monitoring.model.Problem;
import java.net.URI;
import dev.spawn.monitoring.e2e.harness.Loopback;
import dev.spawn.monitoring.e2e.harness.LoopbackStack;
import dev.spawn.monitoring.e2e.harness.LoopbackStackExtension;
import dev.spawn.monitoring.e2e.harness.Poll;
import dev.spawn.monitoring.e2e.harness.PrometheusServer;
import dev.spawn.monitoring.e2e.harness.RemoteWriteGateway;
import dev.spawn.monitoring.spec.SpecReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each remote-write preset, written in a spec and generated as a user's build does, sending from a real Prometheus
 * to receivers on loopback: Mimir's and Thanos Receive's paths (a gateway records the tenant header and forwards to a
 * receiving Prometheus, which ignores the header and stores the samples), Grafana Cloud's basic auth by file against
 * a receiving Prometheus that demands it (web config {@code basic_auth_users}; a wrong token is refused), the
 * VictoriaMetrics preset against a real victoria-metrics, and Amazon Managed Prometheus' sigv4 signature (fake static
 * credentials, the url replaced by the gateway's: its shape is checked, AWS never is). Each preset's samples carry
 * a {@code via} label written beside the preset, so each is seen arriving on its own. Nothing leaves 127.0.0.1.
 */
@ExtendWith(LoopbackStackExtension.class)
class RemoteWritePresetsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String USER = "spawn-e2e";
    private static final String TOKEN = "spawn-e2e-grafana-cloud-token";
    /** bcrypt (cost 4) of {@link #TOKEN}, as Prometheus' web config wants it. */
    private static final String TOKEN_BCRYPT = "$2b$04$4EJrG5BSqNlT3szdyZsQmOfOm6z.0fdwSqLmNW6954a4l3hhkt/jC";
    private static final String FAKE_KEY = "AKIAE2EFAKEFAKEFAKE0";
    private static final String AMP_PATH = "/workspaces/ws-e2e/api/v1/remote_write";

    @Test
    void everyPresetDeliversToItsReceiverOnLoopback(LoopbackStack stack) throws IOException {
        Path plainDir = stack.dir("receiver-config");
        Files.writeString(plainDir.resolve("prometheus.yaml"), "global: {}\n");
        PrometheusServer receiver = stack.prometheus("receiver", plainDir, "prometheus.yaml", Loopback.freePort(),
                "--web.enable-remote-write-receiver");
        Path authDir = stack.dir("auth-receiver-config");
        Files.writeString(authDir.resolve("prometheus.yaml"), "global: {}\n");
        Files.writeString(authDir.resolve("web.yml"), "basic_auth_users:\n  " + USER + ": " + TOKEN_BCRYPT + "\n");
        PrometheusServer authReceiver = stack.prometheus("auth-receiver", authDir, "prometheus.yaml", Loopback.freePort(),
                new PrometheusServer.Access(USER, TOKEN, Map.of()), "--web.enable-remote-write-receiver",
                "--web.config.file=" + authDir.resolve("web.yml"));
        int vmPort = Loopback.freePort();
        Path vmDir = stack.dir("victoria-metrics");
        Files.writeString(vmDir.resolve("victoria-metrics.flags"), "-httpListenAddr=" + Loopback.address(vmPort)
                + "\n-storageDataPath=data\n-search.latencyOffset=1s\n");
        PrometheusServer victoria = stack.inFolder(Tool.VICTORIA_METRICS, "victoria-metrics", vmDir, vmPort);
        String plain = "http://" + receiver.address() + "/api/v1/write";
        RemoteWriteGateway gateway = stack.own(RemoteWriteGateway.start(Map.of("/api/v1/push", plain, "/api/v1/receive", plain,
                AMP_PATH, plain, "/api/prom/push", "http://" + authReceiver.address() + "/api/v1/write")));
        stack.report(gateway::describe);

        Path secrets = stack.dir("secrets");
        Files.writeString(secrets.resolve("grafana-cloud-token"), TOKEN);
        Files.writeString(secrets.resolve("wrong-token"), "glc_not_the_token");
        String spec = """
                apiVersion: spawn.dev/v1
                remote_write:
                  - {preset: mimir, url: "GATEWAY", tenant: spawn-e2e, write_relabel_configs: [{target_label: via, replacement: mimir}]}
                  - {preset: thanos, url: "GATEWAY", tenant: spawn-e2e, write_relabel_configs: [{target_label: via, replacement: thanos}]}
                  - preset: grafana-cloud
                    url: GATEWAY
                    username: USER
                    password_file: BUNDLE/grafana-cloud-token
                    write_relabel_configs: [{target_label: via, replacement: grafana-cloud}]
                  - preset: grafana-cloud
                    url: GATEWAY
                    username: USER
                    password_file: BUNDLE/wrong-token
                    write_relabel_configs: [{target_label: via, replacement: wrong-token}]
                  - {preset: victoriametrics, url: "VICTORIA", write_relabel_configs: [{target_label: via, replacement: victoriametrics}]}
                  - preset: amp
                    region: us-east-1
                    url: GATEWAYAMP_PATH
                    write_relabel_configs: [{target_label: via, replacement: amp}]
                """.replace("GATEWAY", gateway.url()).replace("AMP_PATH", AMP_PATH).replace("USER", USER)
                .replace("BUNDLE", secrets.toString()).replace("VICTORIA", "http://" + victoria.address());
        int port = Loopback.freePort();
        SpecReader.Spec read = SpecReader.parse("spawn-monitoring.yaml", spec);
        // alerts go nowhere here: an Alertmanager address nothing listens on
        LoopbackBundle.onLoopback(read.monitoring(), Loopback.address(port), Loopback.address(Loopback.freePort()));
        MonitoringBundle bundle = read.build();
        assertThat(read.warnings()).as("no preset url path warning").isEmpty();
        Path bundleDir = stack.dir("bundle");
        bundle.writeTo(bundleDir);
        String generated = new String(bundle.files().get(MonitoringBundle.PROMETHEUS_FILE), StandardCharsets.UTF_8);
        stack.report(() -> "--- generated prometheus.yaml\n" + generated);
        assertThat(generated).doesNotContain(TOKEN);

        // sigv4 on loopback: fake static credentials from the environment, and no instance metadata to ask
        PrometheusServer sender = stack.prometheus("sender", bundleDir, MonitoringBundle.PROMETHEUS_FILE, port, new PrometheusServer.Access(null, null,
                Map.of("AWS_ACCESS_KEY_ID", FAKE_KEY, "AWS_SECRET_ACCESS_KEY", "fake-secret-for-loopback",
                        "AWS_EC2_METADATA_DISABLED", "true")));

        for (String via : List.of("mimir", "thanos", "amp")) {
            awaitSamples(receiver, via);
        }
        awaitSamples(authReceiver, "grafana-cloud");
        awaitSamples(victoria, "victoriametrics");

        // Debian's prometheus 2.42.0+ds sends neither remote_write headers nor a sigv4 signature (its build leaves them
        // out without a word); upstream Prometheus sends both. What this binary does is asserted, and said.
        String version = sender.api().get("/api/v1/status/buildinfo").path("data").path("version").asText();
        boolean debianDs = version.endsWith("+ds");
        assertTenant(accepted(gateway, "/api/v1/push"), "x-scope-orgid", debianDs);
        assertTenant(accepted(gateway, "/api/v1/receive"), "thanos-tenant", debianDs);
        assertThat(accepted(gateway, AMP_PATH)).allSatisfy(r -> {
            if (debianDs) {
                assertThat(r.headers()).as("prometheus " + version + " does not sign").doesNotContainKey("authorization");
            } else {
                assertThat(r.headers().get("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=" + FAKE_KEY + "/")
                        .contains("/us-east-1/aps/aws4_request").contains("SignedHeaders=").contains("Signature=");
            }
        });
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((USER + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
        assertThat(accepted(gateway, "/api/prom/push")).allSatisfy(r -> assertThat(r.headers()).containsEntry("authorization", basic));
        // the receiver checks the token: the same preset with another token file is refused, and none of it arrives
        Poll.until("the wrong token refused", TIMEOUT, () -> gateway.requests("/api/prom/push").stream()
                .anyMatch(r -> r.status() == 401 && !basic.equals(r.headers().get("authorization"))));
        assertThat(authReceiver.query("up{via=\"wrong-token\"}")).isEmpty();
        // and the doctor says so: the samples of that remote write are lost, the others' are not
        Poll.until("the doctor to report the refused remote write", TIMEOUT, () -> Doctor.examine(URI.create("http://"
                + sender.address()), null, null).stream().map(Problem::message).anyMatch(m -> m.startsWith("remote write ")
                && m.contains("(" + gateway.url() + "/api/prom/push) failed ")));
        assertThat(Doctor.examine(URI.create("http://" + sender.address()), null, null)).extracting(Problem::message)
                .filteredOn(m -> m.startsWith("remote write ")).hasSize(1);
        System.out.println("remote-write presets e2e (prometheus " + version + (debianDs ? ", which sends no remote_write"
                + " headers and no sigv4 signature" : "") + "): " + gateway.describe() + "; victoria-metrics holds "
                + victoria.query("up{via=\"victoriametrics\"}").size() + " up series via the preset");
    }

    /** Each request carries the tenant header with the spec's tenant, or (Debian's build) no headers at all. */
    private static void assertTenant(List<RemoteWriteGateway.Request> requests, String header, boolean debianDs) {
        assertThat(requests).allSatisfy(r -> {
            if (debianDs) {
                assertThat(r.headers()).doesNotContainKeys("x-scope-orgid", "thanos-tenant");
            } else {
                assertThat(r.headers()).containsEntry(header, "spawn-e2e")
                        .doesNotContainKey(header.equals("x-scope-orgid") ? "thanos-tenant" : "x-scope-orgid");
            }
        });
    }

    private static void awaitSamples(PrometheusServer server, String via) {
        Poll.until("samples written with preset " + via + " at " + server.process().name(), TIMEOUT,
                () -> !server.query("up{job=\"prometheus\", via=\"" + via + "\", cluster=\"spawn\"}").isEmpty());
    }

    /** The gateway's requests on {@code path} the receiver took (2xx); at least one. */
    private static List<RemoteWriteGateway.Request> accepted(RemoteWriteGateway gateway, String path) {
        List<RemoteWriteGateway.Request> ok = gateway.requests(path).stream().filter(r -> r.status() / 100 == 2).toList();
        assertThat(ok).as("accepted requests on " + path).isNotEmpty();
        return ok;
    }
}
