package dev.spawn.monitoring.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * A real Alertmanager process ({@code prometheus-alertmanager} on Debian) on loopback ports, run with
 * a generated {@code alertmanager.yaml} and {@code alertmanager.flags}: the test replaces the ports
 * and storage; the generated {@code --cluster.peer} lines are kept, so an HA test runs the peers
 * the library wrote.
 */
public final class AlertmanagerServer extends LoopbackServer {

    private AlertmanagerServer(ManagedProcess process, int port) {
        super(process, port);
    }

    /**
     * Starts Alertmanager on {@code port}; {@code clusterPort} 0 disables gossip (a single node),
     * otherwise it gossips on that loopback port with the peers of {@code flagsFile}.
     */
    public static AlertmanagerServer start(String name, Path binary, Path configFile, Path flagsFile, int port,
            int clusterPort, Path runDir, String... extraFlags) {
        List<String> overrides = new ArrayList<>(List.of(
                "--config.file=" + configFile.toAbsolutePath(),
                "--storage.path=" + runDir.resolve("data").toAbsolutePath(),
                "--web.listen-address=" + Loopback.address(port),
                "--cluster.listen-address=" + (clusterPort == 0 ? "" : Loopback.address(clusterPort))));
        overrides.addAll(List.of(extraFlags));
        List<String> command = command(binary, flagsFile, overrides);
        if (clusterPort == 0) {
            command.removeIf(flag -> flag.startsWith("--cluster.peer="));
        }
        AlertmanagerServer server = new AlertmanagerServer(ManagedProcess.start(name, runDir, command), port);
        server.awaitReady();
        return server;
    }

    /** The cluster members this node sees (empty when clustering is disabled). */
    public List<String> clusterPeers() {
        JsonNode peers = api.get("/api/v2/status").path("cluster").path("peers");
        return StreamSupport.stream(peers.spliterator(), false).map(p -> p.path("address").asText()).toList();
    }

    /** Waits until this node sees {@code count} cluster members, itself included. */
    public void awaitClusterSize(int count, Duration timeout) {
        Poll.until(process.name() + " to see " + count + " cluster members", timeout, () -> clusterPeers().size() == count);
    }

    /** The alerts this node holds, with {@code status.state} active, suppressed or unprocessed. */
    public List<JsonNode> alerts() {
        return StreamSupport.stream(api.get("/api/v2/alerts").spliterator(), false).toList();
    }
}
