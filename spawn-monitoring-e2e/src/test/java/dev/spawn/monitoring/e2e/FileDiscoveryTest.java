package dev.spawn.monitoring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spawn.monitoring.e2e.harness.FakeSpored;
import dev.spawn.monitoring.e2e.harness.FileSdTargets;
import dev.spawn.monitoring.e2e.harness.LoopbackStack;
import dev.spawn.monitoring.e2e.harness.LoopbackStackExtension;
import dev.spawn.monitoring.e2e.harness.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Scenario 6: a target file written atomically while Prometheus runs is picked up without a restart. */
@ExtendWith(LoopbackStackExtension.class)
class FileDiscoveryTest {

    private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(20);

    @Test
    void targetsFileWrittenLaterIsScrapedWithoutRestart(LoopbackStack stack) {
        SingleNode node = SingleNode.start(stack, m -> m);
        assertThat(node.prometheus().activeTargets("spawn-fleet")).isEmpty();

        FakeSpored spored = stack.spored("i-0e2e0late");
        Path targets = node.bundleDir().resolve("targets");
        FileSdTargets.write(targets, "late.json", List.of(FileSdTargets.group(spored, "eu-west-1", "c5.large", true)));

        JsonNode target = node.prometheus().awaitHealthyTarget("spawn-fleet", DISCOVERY_TIMEOUT);
        assertThat(target.path("scrapeUrl").asText()).isEqualTo("http://" + spored.address() + "/metrics");
        assertThat(target.path("labels").path("instance_id").asText()).isEqualTo("i-0e2e0late");
        assertThat(target.path("labels").path("region").asText()).isEqualTo("eu-west-1");
        assertThat(target.path("labels").path("instance_type").asText()).isEqualTo("c5.large");
        assertThat(target.path("labels").path("spot").asText()).isEqualTo("true");
        Poll.until("spored's samples in Prometheus", DISCOVERY_TIMEOUT,
                () -> !node.prometheus().query("spawn_idle_state{instance_id=\"i-0e2e0late\"}").isEmpty());

        // emptying the file removes the target again, still without a restart
        FileSdTargets.write(targets, "late.json", List.of());
        Poll.until("the target to be dropped", DISCOVERY_TIMEOUT, () -> node.prometheus().activeTargets("spawn-fleet").isEmpty());
        assertThat(node.prometheus().process().isAlive()).isTrue();
    }
}
