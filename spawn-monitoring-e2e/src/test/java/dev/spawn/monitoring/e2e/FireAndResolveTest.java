package dev.spawn.monitoring.e2e;

import static dev.spawn.monitoring.e2e.LoopbackBundle.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spawn.monitoring.e2e.harness.FakeSpored;
import dev.spawn.monitoring.e2e.harness.LoopbackStack;
import dev.spawn.monitoring.e2e.harness.LoopbackStackExtension;
import dev.spawn.monitoring.e2e.harness.Poll;
import dev.spawn.monitoring.e2e.harness.WebhookSink;
import dev.spawn.monitoring.e2e.harness.WebhookSink.Notification;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Scenario 1: an idle instance fires InstanceHighIdleTime once, and resolves once when it is busy again. */
@ExtendWith(LoopbackStackExtension.class)
class FireAndResolveTest {

    private static final String ALERT = "InstanceHighIdleTime";

    @Test
    void idleInstanceFiresOnceThenResolvesOnce(LoopbackStack stack) {
        FakeSpored spored = stack.spored("i-0e2e0idle");
        SingleNode node = SingleNode.start(stack,
                m -> m.rule(ALERT, r -> r.threshold(60).forDuration(seconds(2))), spored);
        WebhookSink webhook = node.spawnWebhook();

        node.prometheus().awaitHealthyTarget("spawn-fleet", SingleNode.ALERT_TIMEOUT);
        JsonNode rule = Poll.value("rule " + ALERT + " loaded", Duration.ofSeconds(10), () -> node.prometheus().rule(ALERT));
        assertThat(rule.path("duration").asDouble()).as("the overridden 'for'").isEqualTo(2.0);
        assertThat(rule.path("query").asText()).contains("60").contains("spawn_idle_state");

        spored.idle(120);
        Poll.until("a firing " + ALERT + " notification", SingleNode.ALERT_TIMEOUT, () -> !webhook.about(ALERT, "firing").isEmpty());
        Notification firing = webhook.about(ALERT, "firing").get(0);
        assertThat(firing.receiver()).isEqualTo("spawn-webhook");
        assertThat(firing.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.status()).isEqualTo("firing");
            assertThat(alert.labels())
                    .containsEntry("alertname", ALERT)
                    .containsEntry("instance_id", "i-0e2e0idle")
                    .containsEntry("severity", "warning")
                    .containsEntry("component", "spawn")
                    .containsEntry("category", "lifecycle")
                    .containsEntry("job", "spawn-fleet")
                    .containsEntry("region", "us-east-1")
                    .containsEntry("cluster", "spawn")
                    .containsEntry("environment", "production");
            assertThat(alert.annotations()).containsEntry("instance_id", "i-0e2e0idle");
            assertThat(alert.annotations().get("summary")).contains("i-0e2e0idle");
        });

        spored.active();
        Poll.until("a resolved " + ALERT + " notification", SingleNode.ALERT_TIMEOUT, () -> !webhook.about(ALERT, "resolved").isEmpty());
        Poll.holdsFor("no further " + ALERT + " notification", SingleNode.QUIET, () -> webhook.about(ALERT).size() == 2);

        assertThat(webhook.about(ALERT, "firing")).hasSize(1);
        assertThat(webhook.about(ALERT, "resolved")).singleElement().satisfies(n -> assertThat(n.alerts()).singleElement()
                .satisfies(alert -> assertThat(alert.labels()).containsEntry("instance_id", "i-0e2e0idle")));
    }
}
