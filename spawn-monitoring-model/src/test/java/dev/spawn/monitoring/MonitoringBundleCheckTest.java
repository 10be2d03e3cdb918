package dev.spawn.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.testing.RealTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MonitoringBundleCheckTest {

    private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));

    @Test
    void checksInATemporaryDirectoryAndDeletesIt() throws Exception {
        RealTools.require(Tool.PROMTOOL);
        RealTools.require(Tool.AMTOOL);
        Set<Path> before = checkDirectories();

        List<BundleCheck.Outcome> outcomes = SpawnMonitoring.defaults().build().check(BundleCheck.MissingTool.FAIL);

        assertThat(outcomes).isNotEmpty().allMatch(o -> o.status() == BundleCheck.Outcome.Status.PASSED);
        // other builds on this machine check bundles too: a directory that is not ours goes away when they finish
        long deadline = System.nanoTime() + 60_000_000_000L;
        Set<Path> left = leftSince(before);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            left = leftSince(before);
        }
        assertThat(left).as("temporary check directories left behind").isEmpty();
    }

    private static Set<Path> leftSince(Set<Path> before) throws IOException {
        Set<Path> now = checkDirectories();
        now.removeAll(before);
        return now;
    }

    private static Set<Path> checkDirectories() throws IOException {
        try (Stream<Path> list = Files.list(TEMP)) {
            return list.filter(p -> p.getFileName().toString().startsWith("spawn-check-")).collect(Collectors.toSet());
        }
    }
}
