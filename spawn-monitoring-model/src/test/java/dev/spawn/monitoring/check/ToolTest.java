package dev.spawn.monitoring.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.testing.RealTools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolTest {

    @Test
    void aToolThatHangsIsStoppedAtTheTimeout(@TempDir Path dir) throws IOException {
        RealTools.require(Tool.AMTOOL);
        // an "Alertmanager" on loopback that accepts the connection and never answers: amtool waits
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            long start = System.nanoTime();
            Tool.Result result = Tool.AMTOOL.run(dir, 1, "--alertmanager.url=http://127.0.0.1:" + silent.getLocalPort(),
                    "--timeout=60s", "alert", "query");
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;

            assertThat(result.ok()).isFalse();
            assertThat(result.exitCode()).isEqualTo(-1);
            assertThat(result.output()).startsWith("timed out after 1s");
            assertThat(seconds).as("stopped by our timeout, not amtool's 60s").isLessThan(30);
        }
    }

    @Test
    void capturesWhatTheToolPrintsAndItsExitCode(@TempDir Path dir) {
        RealTools.require(Tool.PROMTOOL);
        Tool.Result result = Tool.PROMTOOL.run(dir, 30, "check", "config", "missing.yaml");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("missing.yaml");
    }
}
