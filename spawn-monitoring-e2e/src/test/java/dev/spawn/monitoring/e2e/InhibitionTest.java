package dev.spawn.monitoring.e2e;

import static dev.spawn.monitoring.e2e.LoopbackBundle.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spawn.monitoring.e2e.harness.FakeSpored;
import dev.spawn.monitoring.e2e.harness.LoopbackStack;
import dev.spawn.monitoring.e2e.harness.LoopbackStackExtension;
import dev.spawn.monitoring.e2e.harness.Poll;
import dev.spawn.monitoring.e2e.harness.WebhookSink;
import dev.spawn.monitoring.model.Matcher;
import dev.spawn.monitoring.model.alertmanager.InhibitRule;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 3: while a critical alert fires for an instance, that instance's warning is not delivered;
 * the same warning for another instance is; and when the critical alert resolves the held-back
 * warning goes out.
 *
 * <p>The default inhibit rules mute a lower severity only for the <em>same alertname</em> and
 * instance_id, but the library rejects two alerts with one name, so no pair of generated rules can
 * meet them. The test therefore adds, through {@code .alertmanager(...)}, the instance-wide rule
 * (critical mutes warning on equal instance_id) and proves it with the default critical
 * SpotInstanceInterruptionWarning and warning InstanceHighIdleTime.
 */
@ExtendWith(LoopbackStackExtension.class)
class InhibitionTest {

    private static final String CRITICAL = "SpotInstanceInterruptionWarning";
    private static final String WARNING = "InstanceHighIdleTime";

    @Test
    void criticalAlertHoldsBackTheSameInstancesWarning(LoopbackStack stack) {
        FakeSpored both = stack.spored("i-0e2e0both");
        FakeSpored other = stack.spored("i-0e2e0other");
        SingleNode node = SingleNode.start(stack, m -> m
                .rule(CRITICAL, r -> r.forDuration(seconds(1)))
                .rule(WARNING, r -> r.threshold(60).forDuration(seconds(2)))
                .alertmanager(am -> am.inhibit(InhibitRule.of(Matcher.eq("severity", "critical"),
                        Matcher.eq("severity", "warning"), "instance_id"))),
                both, other);
        WebhookSink webhook = node.spawnWebhook();
        node.prometheus().awaitHealthyTarget("spawn-fleet", SingleNode.ALERT_TIMEOUT);

        both.set("spawn_instance_spot", 1);
        Poll.until("the critical alert for i-0e2e0both", SingleNode.ALERT_TIMEOUT, () -> !webhook.about(CRITICAL, "firing").isEmpty());

        both.idle(120);
        other.idle(120);
        Poll.until("the warning for i-0e2e0other", SingleNode.ALERT_TIMEOUT, () -> delivered(webhook, "i-0e2e0other"));
        JsonNode held = Poll.value("Alertmanager to mark i-0e2e0both's warning suppressed", SingleNode.ALERT_TIMEOUT,
                () -> warningIn(node, "i-0e2e0both").filter(a -> a.path("status").path("state").asText().equals("suppressed")));
        assertThat(held.path("status").path("inhibitedBy")).isNotEmpty();
        Poll.holdsFor("i-0e2e0both's warning not delivered", SingleNode.QUIET, () -> !delivered(webhook, "i-0e2e0both"));

        // the spot warning is over: the critical alert resolves and the held-back warning goes out
        both.set("spawn_instance_spot", 0);
        Poll.until("i-0e2e0both's warning once its critical alert resolved", SingleNode.ALERT_TIMEOUT,
                () -> delivered(webhook, "i-0e2e0both"));
        // the critical alert's resolved notification is a group of its own: it may arrive just after the warning
        Poll.until("the critical alert's resolved notification", SingleNode.ALERT_TIMEOUT,
                () -> !webhook.about(CRITICAL, "resolved").isEmpty());
    }

    private static boolean delivered(WebhookSink webhook, String instanceId) {
        return webhook.about(WARNING, "firing").stream().flatMap(n -> n.alerts().stream())
                .anyMatch(a -> a.status().equals("firing") && instanceId.equals(a.labels().get("instance_id"))
                        && WARNING.equals(a.labels().get("alertname")));
    }

    private static Optional<JsonNode> warningIn(SingleNode node, String instanceId) {
        return node.alertmanager().alerts().stream()
                .filter(a -> WARNING.equals(a.path("labels").path("alertname").asText())
                        && instanceId.equals(a.path("labels").path("instance_id").asText()))
                .findFirst();
    }
}
