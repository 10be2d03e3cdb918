package dev.spawn.monitoring.e2e.harness;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An Alertmanager webhook receiver in the test JVM (standing in for the spawn webhook bridge):
 * records every notification it is sent, as Alertmanager's webhook JSON, and answers 200; a GET of
 * {@code /health} answers 200 as the bridge does.
 */
public final class WebhookSink implements AutoCloseable {

    public static final String PATH = "/alertmanager/webhook";
    /** Where the spawn webhook bridge says it is alive (the user's troubleshooting list asks it). */
    public static final String HEALTH_PATH = "/health";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final HttpServer server;
    private final List<Notification> received = new CopyOnWriteArrayList<>();
    private final List<String> rejected = new CopyOnWriteArrayList<>();

    private WebhookSink(String name) {
        this.name = name;
        this.server = Loopback.serve(this::handle);
    }

    public static WebhookSink start(String name) {
        return new WebhookSink(name);
    }

    public String name() {
        return name;
    }

    /** The URL to give Alertmanager's {@code webhook_configs}. */
    public String url() {
        return "http://" + Loopback.address(server.getAddress().getPort()) + PATH;
    }

    public List<Notification> notifications() {
        return List.copyOf(received);
    }

    /** Notifications that carry an alert named {@code alertname}. */
    public List<Notification> about(String alertname) {
        return received.stream().filter(n -> n.alerts().stream().anyMatch(a -> alertname.equals(a.labels().get("alertname"))))
                .toList();
    }

    /** Notifications about {@code alertname} with status {@code firing} or {@code resolved}. */
    public List<Notification> about(String alertname, String status) {
        return about(alertname).stream().filter(n -> n.status().equals(status)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestMethod().equals("GET") && exchange.getRequestURI().getPath().equals(HEALTH_PATH)) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals(PATH)) {
                rejected.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            received.add(Notification.parse(name, JSON.readTree(body)));
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** What the sink received, for a failing test's message. */
    public String describe() {
        StringBuilder out = new StringBuilder("webhook sink '" + name + "' at " + url() + ": " + received.size() + " notification(s)\n");
        received.forEach(n -> out.append("  ").append(n).append('\n'));
        rejected.forEach(r -> out.append("  rejected ").append(r).append('\n'));
        return out.toString();
    }

    /** One webhook call: Alertmanager's receiver name, the group's status and its alerts. */
    public record Notification(String sink, String receiver, String status, Map<String, String> groupLabels,
            List<Alert> alerts, JsonNode raw) {

        static Notification parse(String sink, JsonNode json) {
            List<Alert> alerts = new ArrayList<>();
            json.path("alerts").forEach(a -> alerts.add(new Alert(a.path("status").asText(), strings(a.path("labels")),
                    strings(a.path("annotations")))));
            return new Notification(sink, json.path("receiver").asText(), json.path("status").asText(),
                    strings(json.path("groupLabels")), List.copyOf(alerts), json);
        }

        private static Map<String, String> strings(JsonNode node) {
            if (!node.isObject()) {
                return Map.of();
            }
            return JSON.convertValue(node, new TypeReference<java.util.TreeMap<String, String>>() { });
        }

        @Override
        public String toString() {
            return status + " to receiver " + receiver + ": " + alerts;
        }
    }

    /** One alert of a notification. */
    public record Alert(String status, Map<String, String> labels, Map<String, String> annotations) {
        @Override
        public String toString() {
            return status + " " + labels;
        }
    }
}
