package dev.spawn.monitoring.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * A real {@code prometheus} process on a loopback port, run with a generated configuration file and
 * the generated {@code prometheus.flags}, its ports and storage replaced by the test's own; and the
 * parts of its HTTP API the scenarios read.
 */
public final class PrometheusServer extends LoopbackServer {

    private PrometheusServer(ManagedProcess process, int port) {
        super(process, port);
    }

    private PrometheusServer(ManagedProcess process, int port, JsonApi api) {
        super(process, port, api);
    }

    /**
     * Starts Prometheus on {@code port} with {@code configFile} and the flags in {@code flagsFile}
     * (may be null), keeping its data and log under {@code runDir}; returns once it is ready.
     */
    public static PrometheusServer start(String name, Path binary, Path configFile, Path flagsFile, int port, Path runDir,
            String... extraFlags) {
        return start(name, binary, configFile, flagsFile, port, runDir, Access.OPEN, extraFlags);
    }

    /**
     * How a test reaches a Prometheus and what the process gets besides its flags: its HTTP API behind basic auth (a
     * web config's {@code basic_auth_users}), and extra environment (fake AWS credentials for sigv4 on loopback).
     */
    public record Access(String username, String password, java.util.Map<String, String> environment) {
        public static final Access OPEN = new Access(null, null, java.util.Map.of());
    }

    /** As above, reached and run as {@code access} says. */
    public static PrometheusServer start(String name, Path binary, Path configFile, Path flagsFile, int port, Path runDir,
            Access access, String... extraFlags) {
        List<String> overrides = new ArrayList<>(List.of(
                "--config.file=" + configFile.toAbsolutePath(),
                "--storage.tsdb.path=" + runDir.resolve("data").toAbsolutePath(),
                "--web.listen-address=" + Loopback.address(port),
                "--web.enable-lifecycle"));
        overrides.addAll(List.of(extraFlags));
        JsonApi api = new JsonApi("http://" + Loopback.address(port));
        PrometheusServer server = new PrometheusServer(ManagedProcess.start(name, runDir, command(binary, flagsFile, overrides),
                access.environment()), port, access.username() == null ? api : api.withBasicAuth(access.username(),
                access.password()));
        server.awaitReady();
        return server;
    }

    /**
     * Starts a server of a scaled-out bundle exactly as {@code cd folder && BINARY $(cat BINARY.flags)} does: the
     * generated flags unchanged (the spec gave them loopback addresses; {@code port} is the one of its listen
     * address), followed by {@code extraFlags} (flags the bundle does not set), its log beside them; returns once it is ready. Prometheus, and the VictoriaMetrics servers, whose
     * HTTP APIs answer the same queries ({@code /api/v1/query} of victoria-metrics, {@code /api/v1/targets} of
     * vmagent, {@code /api/v1/rules} and {@code /api/v1/alerts} of vmalert).
     */
    public static PrometheusServer inFolder(String name, Path binary, Path folder, String flagsFile, int port,
            String... extraFlags) {
        PrometheusServer server = new PrometheusServer(ManagedProcess.start(name, folder,
                command(binary, folder.resolve(flagsFile), List.of(extraFlags))), port);
        server.awaitReady();
        return server;
    }

    /** {@code POST /-/reload}: Prometheus re-reads its configuration and rule files. */
    public HttpResponse<String> reload() {
        return api.post("/-/reload");
    }

    /** The active targets of {@code job}, as {@code /api/v1/targets} reports them. */
    public List<JsonNode> activeTargets(String job) {
        JsonNode targets = api.get("/api/v1/targets?state=active").path("data").path("activeTargets");
        return StreamSupport.stream(targets.spliterator(), false)
                .filter(t -> job.equals(t.path("labels").path("job").asText()))
                .toList();
    }

    /** Waits for an active target of {@code job} that has been scraped successfully. */
    public JsonNode awaitHealthyTarget(String job, Duration timeout) {
        return Poll.value("a healthy target of job " + job + " on " + process.name(), timeout,
                () -> activeTargets(job).stream().filter(t -> t.path("health").asText().equals("up")).findFirst());
    }

    /** Every rule of every loaded group, by name. */
    public List<JsonNode> rules() {
        JsonNode groups = api.get("/api/v1/rules").path("data").path("groups");
        List<JsonNode> rules = new ArrayList<>();
        groups.forEach(g -> g.path("rules").forEach(rules::add));
        return rules;
    }

    public Optional<JsonNode> rule(String name) {
        return rules().stream().filter(r -> name.equals(r.path("name").asText())).findFirst();
    }

    /** The alerts Prometheus holds (pending or firing). */
    public List<JsonNode> alerts() {
        JsonNode alerts = api.get("/api/v1/alerts").path("data").path("alerts");
        return StreamSupport.stream(alerts.spliterator(), false).toList();
    }

    /** The result vector of an instant query. */
    public List<JsonNode> query(String promql) {
        JsonNode result = api.get("/api/v1/query?query=" + java.net.URLEncoder.encode(promql, StandardCharsets.UTF_8))
                .path("data").path("result");
        return StreamSupport.stream(result.spliterator(), false).toList();
    }

}
