package dev.spawn.monitoring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spawn.monitoring.e2e.harness.FakeEc2Api;
import dev.spawn.monitoring.e2e.harness.FakeSpored;
import dev.spawn.monitoring.e2e.harness.Loopback;
import dev.spawn.monitoring.e2e.harness.LoopbackStack;
import dev.spawn.monitoring.e2e.harness.LoopbackStackExtension;
import dev.spawn.monitoring.e2e.harness.Poll;
import dev.spawn.monitoring.e2e.harness.PrometheusServer;
import dev.spawn.monitoring.model.prometheus.RemoteWrite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The generated {@code spawn-ec2} job against a fake EC2 API on loopback: the EC2 relabelling turns
 * instance metadata and tags into the labels the rules use; and the generated {@code remote_write}
 * delivers samples to a second, receiving Prometheus. Nothing leaves 127.0.0.1.
 */
@ExtendWith(LoopbackStackExtension.class)
class Ec2DiscoveryAndRemoteWriteTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void ec2RelabellingAndRemoteWriteWorkEndToEnd(LoopbackStack stack) throws IOException {
        FakeSpored spored = stack.spored("i-0e2e0ec2");
        FakeEc2Api ec2 = stack.ec2(new FakeEc2Api.Instance("i-0e2e0ec2", "g5.xlarge", "us-east-1a", true, Map.of(
                "Name", "sweep-worker-3", "spawn:job-array-id", "ja-42", "spawn:job-array-name", "param-sweep",
                "spawn:metrics-enabled", "true")));

        // the receiver is not under test: an empty configuration with the remote-write receiver on
        Path receiverDir = stack.dir("receiver-config");
        Files.writeString(receiverDir.resolve("prometheus.yaml"), "global: {}\n");
        PrometheusServer receiver = stack.prometheus("receiver", receiverDir, "prometheus.yaml", Loopback.freePort(),
                "--web.enable-remote-write-receiver");

        SingleNode node = SingleNode.start(stack, m -> m
                .replaceScrapeJob(LoopbackBundle.ec2Job(ec2, spored.port()))
                .remoteWrite(RemoteWrite.to("http://" + receiver.address() + "/api/v1/write")));

        JsonNode target = node.prometheus().awaitHealthyTarget("spawn-ec2", TIMEOUT);
        assertThat(target.path("scrapeUrl").asText()).isEqualTo("http://127.0.0.1:" + spored.port() + "/metrics");
        JsonNode labels = target.path("labels");
        assertThat(labels.path("instance_id").asText()).isEqualTo("i-0e2e0ec2");
        assertThat(labels.path("region").asText()).isEqualTo("us-east-1");
        assertThat(labels.path("instance_type").asText()).isEqualTo("g5.xlarge");
        assertThat(labels.path("spot").asText()).isEqualTo("true");
        assertThat(labels.path("instance_name").asText()).isEqualTo("sweep-worker-3");
        assertThat(labels.path("job_array_id").asText()).isEqualTo("ja-42");
        assertThat(labels.path("job_array_name").asText()).isEqualTo("param-sweep");
        assertThat(labels.path("instance").asText()).isEqualTo("127.0.0.1:" + spored.port());
        assertThat(ec2.requests()).anySatisfy(request -> assertThat(request)
                .contains("Action=DescribeInstances")
                .contains("tag:spawn:metrics-enabled").contains("instance-state-name").contains("running"));

        List<JsonNode> written = Poll.value("spored's samples at the remote-write receiver", TIMEOUT, () -> {
            List<JsonNode> result = receiver.query("spawn_idle_state{job=\"spawn-ec2\", instance_id=\"i-0e2e0ec2\"}");
            return result.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(result);
        });
        assertThat(written).singleElement().satisfies(series -> {
            JsonNode metric = series.path("metric");
            assertThat(metric.path("job_array_id").asText()).isEqualTo("ja-42");
            assertThat(metric.path("cluster").asText()).as("external label").isEqualTo("spawn");
            assertThat(metric.path("environment").asText()).as("external label").isEqualTo("production");
        });
    }
}
