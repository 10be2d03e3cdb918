package dev.spawn.monitoring.e2e.harness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Stands in for the spored agent of one instance: serves {@code spawn_*} gauges in the Prometheus
 * text format at {@code /metrics} (and {@code /health}), each series carrying the instance's
 * {@code instance_id} as spored does. A test changes the values while Prometheus scrapes.
 */
public final class FakeSpored implements AutoCloseable {

    private final String instanceId;
    private final HttpServer server;
    /** metric name -> rendered label set -> value; sorted so each metric's lines stay together. */
    private final Map<String, Map<String, Double>> metrics = new TreeMap<>();
    private final AtomicInteger scrapes = new AtomicInteger();

    private FakeSpored(String instanceId) {
        this.instanceId = instanceId;
        this.server = Loopback.serve(this::handle);
    }

    /** An active instance: not idle, one terminal open. */
    public static FakeSpored start(String instanceId) {
        FakeSpored spored = new FakeSpored(instanceId);
        spored.active();
        return spored;
    }

    public String instanceId() {
        return instanceId;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String address() {
        return Loopback.address(port());
    }

    /** How many times {@code /metrics} was fetched. */
    public int scrapes() {
        return scrapes.get();
    }

    /** Sets {@code metric{instance_id="..."}}. */
    public FakeSpored set(String metric, double value) {
        return set(metric, Map.of(), value);
    }

    /** Sets {@code metric{instance_id="...", labels...}}. */
    public synchronized FakeSpored set(String metric, Map<String, String> labels, double value) {
        Map<String, String> all = new TreeMap<>(labels);
        all.put("instance_id", instanceId);
        String rendered = all.entrySet().stream()
                .map(e -> e.getKey() + "=\"" + escape(e.getValue()) + "\"")
                .collect(Collectors.joining(",", "{", "}"));
        metrics.computeIfAbsent(metric, m -> new LinkedHashMap<>()).put(rendered, value);
        return this;
    }

    public synchronized FakeSpored remove(String metric) {
        metrics.remove(metric);
        return this;
    }

    /** Reports the instance idle for {@code seconds}. */
    public FakeSpored idle(double seconds) {
        return set("spawn_idle_state", 1).set("spawn_idle_duration_seconds", seconds);
    }

    /** Reports the instance in use again. */
    public FakeSpored active() {
        return set("spawn_idle_state", 0).set("spawn_idle_duration_seconds", 0).set("spawn_active_terminals", 1);
    }

    /** The body of {@code /metrics} as Prometheus will see it. */
    public synchronized String exposition() {
        StringBuilder out = new StringBuilder();
        metrics.forEach((name, series) -> {
            out.append("# TYPE ").append(name).append(" gauge\n");
            series.forEach((labels, value) -> out.append(name).append(labels).append(' ').append(format(value)).append('\n'));
        });
        return out.toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body;
            int status = 200;
            if (path.equals("/metrics")) {
                scrapes.incrementAndGet();
                body = exposition();
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            } else if (path.equals("/health")) {
                body = "ok\n";
            } else {
                status = 404;
                body = "not found\n";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(bytes);
            }
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    @Override
    public String toString() {
        return "fake spored " + instanceId + " at " + address() + " (" + scrapes() + " scrapes)";
    }
}
