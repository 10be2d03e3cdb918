package dev.spawn.monitoring.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleWriterTest {

    @TempDir
    Path root;

    private static SortedMap<String, byte[]> bundle(Map<String, String> files) {
        SortedMap<String, byte[]> out = new TreeMap<>();
        files.forEach((k, v) -> out.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }

    @Test
    void writesEveryFileIntoPlace() throws IOException {
        Path out = root.resolve("out");
        BundleWriter.Result result = BundleWriter.write(bundle(Map.of("prometheus.yaml", "a", "alerts/cost-alerts.yaml", "b")), out, d -> { });
        assertThat(Files.readString(out.resolve("prometheus.yaml"))).isEqualTo("a");
        assertThat(Files.readString(out.resolve("alerts/cost-alerts.yaml"))).isEqualTo("b");
        assertThat(result.written()).containsExactly("alerts/cost-alerts.yaml", "prometheus.yaml");
    }

    @Test
    void aVerifierThatRejectsLeavesThePreviousFilesByteForByte() throws IOException {
        Path out = root.resolve("out");
        BundleWriter.write(bundle(Map.of("prometheus.yaml", "old", "alerts/x.yaml", "old-x")), out, d -> { });
        Map<String, String> before = snapshot(out);

        assertThatThrownBy(() -> BundleWriter.write(bundle(Map.of("prometheus.yaml", "new", "alerts/y.yaml", "new-y")), out, staged -> {
            assertThat(staged.resolve("prometheus.yaml")).hasContent("new");
            throw new IllegalStateException("promtool said no");
        })).hasMessage("promtool said no");

        assertThat(snapshot(out)).isEqualTo(before);
        try (Stream<Path> siblings = Files.list(root)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("out");
        }
    }

    @Test
    void aRenderThatFailsMidwayLeavesThePreviousFiles() throws IOException {
        Path out = root.resolve("out");
        BundleWriter.write(bundle(Map.of("a.yaml", "old-a", "z.yaml", "old-z")), out, d -> { });
        Map<String, String> before = snapshot(out);
        // "a.yaml" is staged, then the escaping path aborts the write half way through
        assertThatThrownBy(() -> BundleWriter.write(bundle(Map.of("a.yaml", "new-a", "b/../../escape.yaml", "x")), out, d -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("escapes the output folder");
        assertThat(snapshot(out)).isEqualTo(before);
        assertThat(root.resolve("escape.yaml")).doesNotExist();
    }

    @Test
    void removesFilesTheLastRunWroteButLeavesForeignFilesAlone() throws IOException {
        Path out = root.resolve("out");
        BundleWriter.write(bundle(Map.of("alerts/cost-alerts.yaml", "c", "prometheus.yaml", "p")), out, d -> { });
        Files.createDirectories(out.resolve("targets"));
        Files.writeString(out.resolve("targets/spawn-instances.json"), "[]");

        BundleWriter.Result result = BundleWriter.write(bundle(Map.of("prometheus.yaml", "p")), out, d -> { });

        assertThat(result.removed()).containsExactly("alerts/cost-alerts.yaml");
        assertThat(result.unchanged()).containsExactly("prometheus.yaml");
        assertThat(out.resolve("alerts/cost-alerts.yaml")).doesNotExist();
        assertThat(out.resolve("targets/spawn-instances.json")).hasContent("[]");
    }

    @Test
    void unchangedFilesAreNotRewritten() throws IOException {
        Path out = root.resolve("out");
        BundleWriter.write(bundle(Map.of("prometheus.yaml", "p")), out, d -> { });
        var before = Files.getLastModifiedTime(out.resolve("prometheus.yaml"));
        Files.setLastModifiedTime(out.resolve("prometheus.yaml"), java.nio.file.attribute.FileTime.fromMillis(1000));
        BundleWriter.write(bundle(Map.of("prometheus.yaml", "p")), out, d -> { });
        assertThat(Files.getLastModifiedTime(out.resolve("prometheus.yaml")).toMillis()).isEqualTo(1000);
        assertThat(before.toMillis()).isNotEqualTo(1000);
    }

    @Test
    void writeAtomicallyReplacesOneFileWithoutLeftovers() throws IOException {
        Path target = root.resolve("targets/spawn-instances.json");
        BundleWriter.writeAtomically(target, "[1]".getBytes(StandardCharsets.UTF_8));
        BundleWriter.writeAtomically(target, "[2]".getBytes(StandardCharsets.UTF_8));
        assertThat(target).hasContent("[2]");
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void aMoveThatFailsHalfWayIsRolledBack() throws IOException {
        Path out = root.resolve("out");
        BundleWriter.write(bundle(Map.of("alerts/a.yaml", "old-a", "prometheus.yaml", "old-p")), out, d -> { });
        // a non-empty directory where the bundle wants a file: the move onto it fails after alerts/a.yaml moved
        Files.createDirectories(out.resolve("alerts/b.yaml/inside"));
        Map<String, String> before = snapshot(out);

        assertThatThrownBy(() -> BundleWriter.write(bundle(Map.of("alerts/a.yaml", "new-a", "alerts/b.yaml", "new-b",
                "prometheus.yaml", "new-p")), out, d -> { })).isInstanceOf(java.io.UncheckedIOException.class);

        assertThat(snapshot(out)).isEqualTo(before);
    }

    @Test
    void configurationsAtTheRootAreMovedLast() throws IOException {
        Path out = root.resolve("out");
        BundleWriter.Result result = BundleWriter.write(bundle(Map.of("alertmanager.yaml", "a", "prometheus.yaml", "p",
                "alerts/x.yaml", "x", "prometheus.flags", "f")), out, d -> { });
        assertThat(result.written()).as("the order of the moves").containsExactly("alerts/x.yaml", "prometheus.flags", "alertmanager.yaml", "prometheus.yaml");
        assertThat(out.resolve("prometheus.yaml")).hasContent("p");
    }

    @Test
    void writtenFilesAreReadableByThePrometheusUser() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(root.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path out = root.resolve("out");
        BundleWriter.write(bundle(Map.of("prometheus.yaml", "p")), out, d -> { });
        Path targets = out.resolve("targets/spawn-instances.json");
        BundleWriter.writeAtomically(targets, "[]".getBytes(StandardCharsets.UTF_8));
        for (Path written : List.of(targets, out.resolve(BundleWriter.MANIFEST))) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(written)))
                    .as(written.toString()).startsWith("rw-r--r");
        }
        // a file the operator made group-writable keeps its permissions when replaced
        Files.setPosixFilePermissions(targets, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--"));
        BundleWriter.writeAtomically(targets, "[1]".getBytes(StandardCharsets.UTF_8));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(targets))).isEqualTo("rw-rw-r--");
    }
}
