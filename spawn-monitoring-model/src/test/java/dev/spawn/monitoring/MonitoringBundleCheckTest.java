package dev.spawn.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.testing.RealTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitoringBundleCheckTest {

    @Test
    void checksInATemporaryDirectoryAndDeletesIt(@TempDir Path workDir) throws IOException {
        RealTools.require(Tool.PROMTOOL);
        RealTools.require(Tool.AMTOOL);

        List<BundleCheck.Outcome> outcomes = SpawnMonitoring.defaults().build().check(BundleCheck.MissingTool.FAIL, workDir);

        assertThat(outcomes).extracting(BundleCheck.Outcome::name)
                .anyMatch(n -> n.startsWith("promtool check config"))
                .anyMatch(n -> n.startsWith("amtool config routes test"));
        assertThat(outcomes).allMatch(o -> o.status() == BundleCheck.Outcome.Status.PASSED);
        try (Stream<Path> left = Files.list(workDir)) {
            assertThat(left).as("temporary check directories left behind").isEmpty();
        }
    }
}
