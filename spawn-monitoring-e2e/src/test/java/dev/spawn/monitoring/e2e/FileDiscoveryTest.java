package dev.spawn.monitoring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spawn.monitoring.e2e.harness.FakeSpored;
import dev.spawn.monitoring.e2e.harness.LoopbackStack;
import dev.spawn.monitoring.e2e.harness.LoopbackStackExtension;
import dev.spawn.monitoring.e2e.harness.Poll;
import dev.spawn.monitoring.io.BundleWriter;
import dev.spawn.monitoring.spec.Inventory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 6: {@code spawn list --json} output turned into a target file by the library's
 * {@link Inventory} (what {@code spawn:targets} runs) and written atomically while Prometheus runs is
 * picked up without a restart; an instance without metrics is left out.
 */
@ExtendWith(LoopbackStackExtension.class)
class FileDiscoveryTest {

    private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(20);

    /** Two instances on loopback; only the metrics-enabled one may become a target. */
    private static final String SPAWN_LIST = """
            {"instances": [
              {"instance_id": "i-0e2e0late", "region": "eu-west-1", "instance_type": "c5.large", "spot": true,
               "private_ip": "127.0.0.1", "metrics_enabled": true, "state": "running"},
              {"instance_id": "i-0e2e0nometrics", "region": "us-east-1", "instance_type": "t3.micro", "spot": false,
               "private_ip": "127.0.0.1", "metrics_enabled": false, "state": "running"}
            ]}
            """;

    @Test
    void inventoryWrittenLaterIsScrapedWithoutRestart(LoopbackStack stack) {
        SingleNode node = SingleNode.start(stack, m -> m);
        assertThat(node.prometheus().activeTargets("spawn-fleet")).isEmpty();

        // spored listens on 9090 on a real instance; the fake's port stands in for it
        FakeSpored spored = stack.spored("i-0e2e0late");
        Path targets = node.bundleDir().resolve(Inventory.TARGETS_FILE);
        writeTargets(targets, SPAWN_LIST, spored.port());
        stack.report(() -> "--- " + Inventory.TARGETS_FILE + " from the inventory\n" + read(targets));

        JsonNode target = node.prometheus().awaitHealthyTarget("spawn-fleet", DISCOVERY_TIMEOUT);
        assertThat(target.path("scrapeUrl").asText()).isEqualTo("http://" + spored.address() + "/metrics");
        assertThat(target.path("labels").path("instance_id").asText()).isEqualTo("i-0e2e0late");
        assertThat(target.path("labels").path("region").asText()).isEqualTo("eu-west-1");
        assertThat(target.path("labels").path("instance_type").asText()).isEqualTo("c5.large");
        assertThat(target.path("labels").path("spot").asText()).isEqualTo("true");
        assertThat(node.prometheus().activeTargets("spawn-fleet")).as("targets of spawn-fleet (metrics_enabled=false left out)")
                .hasSize(1);
        Poll.until("spored's samples in Prometheus", DISCOVERY_TIMEOUT,
                () -> !node.prometheus().query("spawn_idle_state{instance_id=\"i-0e2e0late\"}").isEmpty());

        // an empty fleet empties the file and removes the target again, still without a restart
        writeTargets(targets, "{\"instances\": []}", spored.port());
        Poll.until("the target to be dropped", DISCOVERY_TIMEOUT, () -> node.prometheus().activeTargets("spawn-fleet").isEmpty());
        assertThat(node.prometheus().process().isAlive()).isTrue();
    }

    /** What {@code spawn:targets} does with {@code spawn list --json}, the port aside. */
    private static void writeTargets(Path file, String spawnList, int port) {
        byte[] json = Inventory.toFileSd(Inventory.parse("spawn-list.json", spawnList.getBytes(StandardCharsets.UTF_8)), port);
        BundleWriter.writeAtomically(file, json);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
