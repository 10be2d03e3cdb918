package dev.spawn.monitoring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.check.RoutingSimulator;
import dev.spawn.monitoring.e2e.harness.AlertmanagerServer;
import dev.spawn.monitoring.e2e.harness.Loopback;
import dev.spawn.monitoring.e2e.harness.LoopbackStack;
import dev.spawn.monitoring.e2e.harness.LoopbackStackExtension;
import dev.spawn.monitoring.e2e.harness.Poll;
import dev.spawn.monitoring.e2e.harness.WebhookSink;
import dev.spawn.monitoring.model.Matcher;
import dev.spawn.monitoring.model.alertmanager.InhibitRule;
import dev.spawn.monitoring.model.alertmanager.Receiver;
import dev.spawn.monitoring.model.alertmanager.Route;
import dev.spawn.monitoring.model.alertmanager.SpawnAlertmanagerDefaults;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The routing simulator that runs {@code alertmanager.tests} agrees with the real Alertmanager: alerts of
 * several combinations (a critical and its warning twin, warning over info, an instance-wide rule across
 * alert names, a rule whose alerts match both its sides, alerts no rule relates) are posted together to a
 * running Alertmanager on 127.0.0.1; for each alert, {@code /api/v2/alerts} says suppressed exactly when
 * the simulator says inhibited, and the receivers whose webhooks got it are exactly the simulator's.
 */
@ExtendWith(LoopbackStackExtension.class)
class RoutingSimulatorAgreementTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ONCALL = "pagerduty-oncall";

    private static final List<Map<String, String>> ALERTS = List.of(
            // a critical pages on-call too; its warning twin on the same instance is held back
            alert("HighCostInstance", "critical", "cost", "i-1"),
            alert("HighCostInstance", "warning", "cost", "i-1"),
            // the same warning alone is delivered
            alert("HighCostInstance", "warning", "cost", "i-2"),
            // warning mutes info of the same alert and instance
            alert("InstanceHighIdleTime", "warning", "lifecycle", "i-3"),
            alert("InstanceHighIdleTime", "info", "lifecycle", "i-3"),
            // the instance-wide rule: a critical lifecycle alert mutes the instance's performance alerts
            alert("SpotInstanceInterruptionWarning", "critical", "lifecycle", "i-4"),
            alert("HighCPUUsage", "warning", "performance", "i-4"),
            // a critical cost alert relates to another alert name by no rule
            alert("HighCostInstance", "critical", "cost", "i-6"),
            alert("HighCPUUsage", "warning", "performance", "i-6"),
            // both alerts match source and target of the team rule: neither mutes the other
            withTeam(alert("TeamAlertOne", "warning", "custom", "i-5")),
            withTeam(alert("TeamAlertTwo", "warning", "custom", "i-5")));

    @Test
    void inhibitionAndReceiversAgreeWithAlertmanager(LoopbackStack stack) throws Exception {
        WebhookSink spawn = stack.webhook(SpawnAlertmanagerDefaults.WEBHOOK_RECEIVER);
        WebhookSink oncall = stack.webhook(ONCALL);
        int port = Loopback.freePort();
        MonitoringBundle bundle = LoopbackBundle.onLoopback(SpawnMonitoring.defaults().source(LoopbackBundle.SOURCE),
                        Loopback.address(Loopback.freePort()), Loopback.address(port))
                .webhookUrl(spawn.url())
                .alertmanager(am -> am.receiver(Receiver.of(ONCALL, SpawnAlertmanagerDefaults.webhook(oncall.url())))
                        .route(LoopbackBundle.route().toBuilder().firstRoute(Route.to(ONCALL)
                                .matchers("severity=\"critical\"").continueMatching(true).build()).build())
                        .inhibit(new InhibitRule(List.of(Matcher.eq("severity", "critical"), Matcher.eq("category", "lifecycle")),
                                List.of(Matcher.eq("category", "performance")), List.of("instance_id")))
                        .inhibit(new InhibitRule(List.of(Matcher.eq("team", "a")), List.of(Matcher.eq("team", "a")),
                                List.of("instance_id"))))
                .build();
        Path dir = stack.dir("bundle");
        bundle.writeTo(dir);
        AlertmanagerServer alertmanager = stack.alertmanager("alertmanager", dir, port, 0);

        List<RoutingSimulator.Verdict> verdicts = RoutingSimulator.simulate(bundle.alertmanager(), ALERTS);
        post(alertmanager, ALERTS);

        Map<String, List<String>> expected = new TreeMap<>();
        verdicts.forEach(v -> expected.put(key(v.alert()), v.inhibited() ? List.of() : new TreeSet<>(v.receivers()).stream().toList()));
        Poll.until("Alertmanager to deliver every alert the simulator delivers", SingleNode.ALERT_TIMEOUT,
                () -> delivered(spawn, oncall).keySet().containsAll(expected.entrySet().stream()
                        .filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList()));
        Poll.holdsFor("no late notification", SingleNode.QUIET, () -> true);

        Map<String, List<String>> reached = new TreeMap<>();
        expected.keySet().forEach(k -> reached.put(k, List.of()));
        reached.putAll(delivered(spawn, oncall));
        assertThat(reached).as("receivers reached: Alertmanager's notifications vs the simulator").isEqualTo(expected);

        Map<String, Boolean> suppressed = new TreeMap<>();
        for (JsonNode a : alertmanager.alerts()) {
            Map<String, String> labels = JSON.convertValue(a.path("labels"), new com.fasterxml.jackson.core.type.TypeReference<TreeMap<String, String>>() { });
            suppressed.put(key(labels), a.path("status").path("state").asText().equals("suppressed")
                    && !a.path("status").path("inhibitedBy").isEmpty());
        }
        Map<String, Boolean> simulated = new TreeMap<>();
        verdicts.forEach(v -> simulated.put(key(v.alert()), v.inhibited()));
        assertThat(suppressed).as("/api/v2/alerts status vs the simulator").isEqualTo(simulated);
        assertThat(simulated.values()).as("the combinations exercise inhibition").filteredOn(b -> b).hasSize(3);
    }

    private static Map<String, String> alert(String name, String severity, String category, String instance) {
        return Map.of("alertname", name, "severity", severity, "category", category, "instance_id", instance,
                "component", "spawn");
    }

    private static Map<String, String> withTeam(Map<String, String> alert) {
        Map<String, String> labels = new TreeMap<>(alert);
        labels.put("team", "a");
        return labels;
    }

    private static String key(Map<String, String> labels) {
        return labels.get("alertname") + "/" + labels.get("severity") + "/" + labels.get("instance_id");
    }

    /** The receivers each firing alert reached, by the webhook calls the sinks got. */
    private static Map<String, List<String>> delivered(WebhookSink... sinks) {
        Map<String, TreeSet<String>> reached = new TreeMap<>();
        for (WebhookSink sink : sinks) {
            sink.notifications().forEach(n -> n.alerts().stream().filter(a -> a.status().equals("firing"))
                    .forEach(a -> reached.computeIfAbsent(key(a.labels()), k -> new TreeSet<>()).add(n.receiver())));
        }
        return reached.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.copyOf(e.getValue()),
                (a, b) -> a, TreeMap::new));
    }

    private static void post(AlertmanagerServer alertmanager, List<Map<String, String>> alerts) throws Exception {
        ArrayNode body = JSON.createArrayNode();
        for (Map<String, String> labels : alerts) {
            ObjectNode a = body.addObject();
            ObjectNode l = a.putObject("labels");
            labels.forEach(l::put);
        }
        HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://" + alertmanager.address()
                + "/api/v2/alerts")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
