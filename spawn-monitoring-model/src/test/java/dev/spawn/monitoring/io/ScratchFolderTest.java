package dev.spawn.monitoring.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchFolderTest {

    @Test
    void removesWhatAKilledRunLeftAndNothingInUse(@TempDir Path tmp) throws IOException {
        // a run killed with -9: its folder and lock file stay, the lock itself died with the process
        Path abandoned = Files.createDirectories(tmp.resolve("spawn-check-111/bundle/alerts"));
        Files.writeString(tmp.resolve("spawn-check-111/" + OutputLock.FILE), "4242 gone\n");
        Files.writeString(abandoned.resolve("a.yaml"), "x");
        Path unrelated = Files.createDirectories(tmp.resolve("spawn-check-not-ours"));

        try (ScratchFolder busy = ScratchFolder.create(tmp, "spawn-check-")) {
            assertThat(tmp.resolve("spawn-check-111")).doesNotExist();
            assertThat(unrelated).as("no lock file: not a scratch folder").exists();
            try (ScratchFolder second = ScratchFolder.create(tmp, "spawn-check-")) {
                assertThat(busy.path()).as("in use by a live run").exists();
                assertThat(second.path()).isNotEqualTo(busy.path());
            }
            assertThat(busy.path()).exists();
        }
        assertThat(tmp).isDirectoryNotContaining(p -> p.getFileName().toString().matches("spawn-check-\\d+"));
        try (OutputLock free = OutputLock.acquire(tmp, Duration.ZERO)) {
            assertThat(tmp.resolve(OutputLock.FILE)).content().startsWith(ProcessHandle.current().pid() + " ");
        }
    }

    @Test
    void holdsAPlainCopyForTheToolsAndNothingOutsideIt(@TempDir Path tmp) throws IOException {
        java.util.SortedMap<String, byte[]> files = new java.util.TreeMap<>();
        files.put("prometheus.yaml", "a".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        files.put("alerts/cost.yaml", "b".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (ScratchFolder scratch = ScratchFolder.create(tmp, "spawn-check-")) {
            Path bundle = scratch.write("bundle", files);

            assertThat(bundle).isEqualTo(scratch.path().resolve("bundle"));
            assertThat(bundle.resolve("alerts/cost.yaml")).isRegularFile().hasContent("b");
            assertThat(bundle.resolve("prometheus.yaml")).isRegularFile().hasContent("a");
            assertThat(Files.isSymbolicLink(bundle.resolve("prometheus.yaml"))).isFalse();
            files.put("../../escape.yaml", new byte[0]);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> scratch.write("bundle", files))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leaves the scratch folder");
            assertThat(tmp.resolve("escape.yaml")).doesNotExist();
        }
    }
}
