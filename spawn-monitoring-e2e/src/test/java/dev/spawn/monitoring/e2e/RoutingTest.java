package dev.spawn.monitoring.e2e;

import static dev.spawn.monitoring.e2e.LoopbackBundle.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.e2e.harness.FakeSpored;
import dev.spawn.monitoring.e2e.harness.LoopbackStack;
import dev.spawn.monitoring.e2e.harness.LoopbackStackExtension;
import dev.spawn.monitoring.e2e.harness.Poll;
import dev.spawn.monitoring.e2e.harness.WebhookSink;
import dev.spawn.monitoring.model.Matcher;
import dev.spawn.monitoring.model.alertmanager.Route;
import dev.spawn.monitoring.model.alertmanager.WebhookConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 2: routes added through {@code .alertmanager(...)} send a critical alert to the on-call
 * receiver and a warning to the team chat, and to nowhere else (not the default spawn webhook).
 */
@ExtendWith(LoopbackStackExtension.class)
class RoutingTest {

    private static final String CRITICAL = "SpotInstanceInterruptionWarning";
    private static final String WARNING = "InstanceHighIdleTime";

    @Test
    void criticalAndWarningReachOnlyTheirReceivers(LoopbackStack stack) {
        WebhookSink oncall = stack.webhook("oncall");
        WebhookSink chat = stack.webhook("team-chat");
        FakeSpored spored = stack.spored("i-0e2e0spot");
        SingleNode node = SingleNode.start(stack, m -> m
                .rule(CRITICAL, r -> r.forDuration(seconds(1)))
                .rule(WARNING, r -> r.threshold(60).forDuration(seconds(1)))
                .alertmanager(am -> am
                        .receiver("oncall", new WebhookConfig(true, oncall.url(), null, 0))
                        .receiver("team-chat", new WebhookConfig(true, chat.url(), null, 0))
                        .route(LoopbackBundle.route().toBuilder()
                                .firstRoute(Route.to("team-chat").matcher(Matcher.eq("severity", "warning")).build())
                                .firstRoute(Route.to("oncall").matcher(Matcher.eq("severity", "critical")).build()))),
                spored);
        node.prometheus().awaitHealthyTarget("spawn-fleet", SingleNode.ALERT_TIMEOUT);

        spored.set("spawn_instance_spot", 1).idle(120);
        Poll.until("the critical alert at oncall and the warning at team-chat", SingleNode.ALERT_TIMEOUT,
                () -> !oncall.about(CRITICAL, "firing").isEmpty() && !chat.about(WARNING, "firing").isEmpty());
        Poll.holdsFor("each alert at its own receiver only", SingleNode.QUIET,
                () -> oncall.about(WARNING).isEmpty() && chat.about(CRITICAL).isEmpty()
                        && node.spawnWebhook().about(CRITICAL).isEmpty() && node.spawnWebhook().about(WARNING).isEmpty());

        assertThat(oncall.about(CRITICAL)).singleElement().satisfies(n -> {
            assertThat(n.receiver()).isEqualTo("oncall");
            assertThat(n.alerts()).singleElement().satisfies(a -> assertThat(a.labels())
                    .containsEntry("severity", "critical").containsEntry("instance_id", "i-0e2e0spot"));
        });
        assertThat(chat.about(WARNING)).singleElement().satisfies(n -> {
            assertThat(n.receiver()).isEqualTo("team-chat");
            assertThat(n.alerts()).singleElement().satisfies(a -> assertThat(a.labels())
                    .containsEntry("severity", "warning").containsEntry("instance_id", "i-0e2e0spot"));
        });
    }
}
