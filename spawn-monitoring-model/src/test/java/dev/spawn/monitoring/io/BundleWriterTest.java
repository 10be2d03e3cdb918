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
        return OutputView.of(dir);
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
    void aFailedFirstWriteLeavesOnlyTheLockFile() throws IOException {
        Path out = root.resolve("out");
        assertThatThrownBy(() -> BundleWriter.write(bundle(Map.of("prometheus.yaml", "p")), out, staged -> {
            throw new IllegalStateException("amtool said no");
        })).hasMessage("amtool said no");
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(OutputLock.FILE);
        }
    }

    @Test
    void aRenderThatFailsMidwayLeavesThePreviousFiles() throws IOException {
        Path out = root.resolve("out");
        BundleWriter.write(bundle(Map.of("a.yaml", "old-a", "z.yaml", "old-z")), out, d -> { });
        Map<String, String> before = snapshot(out);
        // the escaping path is refused before anything is staged
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
        // a new generation (another file changed): the unchanged file is a hard link to the previous one
        BundleWriter.Result result = BundleWriter.write(bundle(Map.of("prometheus.yaml", "p", "alertmanager.yaml", "a")), out, d -> { });
        assertThat(result.unchanged()).containsExactly("prometheus.yaml");
        assertThat(Files.getLastModifiedTime(out.resolve("prometheus.yaml")).toMillis()).isEqualTo(1000);
        assertThat(before.toMillis()).isNotEqualTo(1000);
    }

    @Test
    void everyTopLevelNameIsALinkThroughOneSwitchedLink() throws IOException {
        Path out = root.resolve("out");
        BundleWriter.Result result = BundleWriter.write(bundle(Map.of("prometheus.yaml", "p", "alerts/a.yaml", "a")), out, d -> { });
        assertThat(Files.readSymbolicLink(out.resolve(BundleWriter.DATA)))
                .isEqualTo(Path.of(BundleWriter.GENERATIONS, result.generation()));
        assertThat(Files.readSymbolicLink(out.resolve("prometheus.yaml"))).isEqualTo(Path.of("..data/prometheus.yaml"));
        assertThat(Files.readSymbolicLink(out.resolve("alerts"))).isEqualTo(Path.of("..data/alerts"));
        assertThat(Files.readSymbolicLink(out.resolve(BundleWriter.MANIFEST))).isEqualTo(Path.of("..data/" + BundleWriter.MANIFEST));
        assertThat(out.resolve(BundleWriter.MANIFEST)).hasContent("alerts/a.yaml\nprometheus.yaml\n");
        assertThat(snapshot(out)).containsOnlyKeys("prometheus.yaml", "alerts/a.yaml", BundleWriter.MANIFEST);
        // the generation is named by its content: the same bundle elsewhere gets the same name (a committed bundle stays byte-identical)
        assertThat(BundleWriter.write(bundle(Map.of("prometheus.yaml", "p", "alerts/a.yaml", "a")), root.resolve("other"), d -> { })
                .generation()).isEqualTo(result.generation()).matches("[0-9a-f]{16}");

        BundleWriter.Result next = BundleWriter.write(bundle(Map.of("prometheus.yaml", "p2", "z.yaml", "z")), out, d -> { });
        assertThat(out.resolve("alerts")).as("a name the new generation drops").doesNotExist();
        assertThat(Files.isSymbolicLink(out.resolve("alerts"))).isFalse();
        assertThat(snapshot(out)).containsOnlyKeys("prometheus.yaml", "z.yaml", BundleWriter.MANIFEST);
        try (Stream<Path> generations = Files.list(out.resolve(BundleWriter.GENERATIONS))) {
            assertThat(generations.map(p -> p.getFileName().toString())).containsExactly(next.generation());
        }
    }

    @Test
    void theNextRunRemovesEveryLeftoverOfAKilledOne() throws IOException {
        Path out = root.resolve("out");
        BundleWriter.Result first = BundleWriter.write(bundle(Map.of("prometheus.yaml", "p")), out, d -> { });
        Path generations = out.resolve(BundleWriter.GENERATIONS);
        // what kills at various points leave behind
        Files.createDirectories(generations.resolve(".staging-123/alerts"));
        Files.writeString(generations.resolve(".staging-123/alerts/x.yaml"), "half");
        Files.createDirectories(generations.resolve("0123456789abcdef"));
        Files.createSymbolicLink(out.resolve("..data.spawn-tmp"), Path.of(".generations/0123456789abcdef"));
        Files.createSymbolicLink(out.resolve("new.yaml"), Path.of("..data/new.yaml"));
        Files.createDirectories(out.resolve("targets"));
        Files.writeString(out.resolve("targets/spawn-instances.json"), "[]");
        Files.writeString(out.resolve("targets/.spawn-instances.json.42.spawn-tmp"), "[");
        Files.writeString(out.resolve(".spawn-monitoring-fingerprint.7.spawn-tmp"), "x");

        BundleWriter.write(bundle(Map.of("prometheus.yaml", "p")), out, d -> { });

        try (Stream<Path> list = Files.list(generations)) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactly(first.generation());
        }
        try (Stream<Path> list = Files.list(out)) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(BundleWriter.DATA,
                    BundleWriter.GENERATIONS, BundleWriter.MANIFEST, OutputLock.FILE, "prometheus.yaml", "targets");
        }
        try (Stream<Path> list = Files.list(out.resolve("targets"))) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactly("spawn-instances.json");
        }
    }

    @Test
    void convertsAFolderTheFlatLayoutWroteAndRemovesItsStaleFiles() throws IOException {
        Path out = root.resolve("out");
        Files.createDirectories(out.resolve("alerts"));
        Files.createDirectories(out.resolve("old"));
        Files.writeString(out.resolve("prometheus.yaml"), "flat");
        Files.writeString(out.resolve("alerts/a.yaml"), "flat-a");
        Files.writeString(out.resolve("old/gone.yaml"), "gone");
        Files.writeString(out.resolve(BundleWriter.MANIFEST), "alerts/a.yaml\nold/gone.yaml\nprometheus.yaml\n");
        Files.createDirectories(out.resolve("targets"));
        Files.writeString(out.resolve("targets/spawn-instances.json"), "[]");

        BundleWriter.Result result = BundleWriter.write(bundle(Map.of("prometheus.yaml", "p", "alerts/a.yaml", "flat-a")), out, d -> { });

        assertThat(result.removed()).containsExactly("old/gone.yaml");
        assertThat(result.unchanged()).containsExactly("alerts/a.yaml");
        assertThat(Files.isSymbolicLink(out.resolve("alerts"))).isTrue();
        assertThat(out.resolve("old")).doesNotExist();
        assertThat(snapshot(out)).containsOnlyKeys("prometheus.yaml", "alerts/a.yaml", BundleWriter.MANIFEST,
                "targets/spawn-instances.json");
    }

    @Test
    void refusesToOverwriteWhatItDidNotWrite() throws IOException {
        Path out = root.resolve("out");
        Files.createDirectories(out.resolve("alerts"));
        Files.writeString(out.resolve("alerts/mine.yaml"), "the operator's");
        Files.writeString(out.resolve("prometheus.yaml"), "hand-written");
        Map<String, String> before = snapshot(out);

        assertThatThrownBy(() -> BundleWriter.write(bundle(Map.of("prometheus.yaml", "p", "alerts/a.yaml", "a")), out, d -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(out.resolve("alerts") + " holds files spawn-monitoring did not write (alerts/mine.yaml);"
                        + " move it out of the output folder, nothing was written");
        assertThat(snapshot(out)).isEqualTo(before);

        // a plain file at one of the bundle's names is the bundle's (as the flat layout always replaced it)
        Files.delete(out.resolve("alerts/mine.yaml"));
        BundleWriter.write(bundle(Map.of("prometheus.yaml", "p", "alerts/a.yaml", "a")), out, d -> { });
        assertThat(snapshot(out)).containsOnlyKeys("prometheus.yaml", "alerts/a.yaml", BundleWriter.MANIFEST);
        assertThat(Files.isSymbolicLink(out.resolve("prometheus.yaml"))).isTrue();
    }

    @Test
    void aSymlinkedFolderInsideTheOutputCannotSendFilesOutsideIt() throws IOException {
        Path out = root.resolve("out");
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        Files.createDirectories(out);
        Files.createSymbolicLink(out.resolve("alerts"), elsewhere);

        assertThatThrownBy(() -> BundleWriter.write(bundle(Map.of("alerts/a.yaml", "a")), out, d -> { }))
                .hasMessageContaining(out.resolve("alerts") + " is a symbolic link to " + elsewhere)
                .hasMessageContaining("would land outside the output folder");
        assertThat(elsewhere).isEmptyDirectory();

        Files.createSymbolicLink(out.resolve("targets"), elsewhere);
        assertThatThrownBy(() -> BundleWriter.writeInto(out, "targets/spawn-instances.json", new byte[0], java.time.Duration.ZERO))
                .hasMessageContaining("outside the output folder");
        assertThat(elsewhere).isEmptyDirectory();
    }

    @Test
    void theWritersOwnNamesAreReservedForBundlePaths() {
        for (String reserved : List.of(BundleWriter.MANIFEST, "..data/x.yaml", ".generations/x/a.yaml", OutputLock.FILE,
                Fingerprint.FILE, "..x", "alerts/a.yaml.spawn-tmp")) {
            assertThat(BundleWriter.pathProblem(reserved)).as(reserved).contains("keeps for itself");
        }
        for (String escaping : List.of("../x.yaml", "a/../../x", "/etc/x", "a//b", "./a", "C:/x", "a\\b", "")) {
            assertThat(BundleWriter.pathProblem(escaping)).as(escaping).isNotNull();
        }
        assertThat(BundleWriter.pathProblem("alerts/custom.yaml")).isNull();
        assertThatThrownBy(() -> BundleWriter.write(bundle(Map.of("prometheus.flags", "f", "prometheus.flags/x.yaml", "r")),
                root.resolve("out"), d -> { })).hasMessageContaining("'prometheus.flags' is a file, and 'prometheus.flags/x.yaml' needs it to be a folder");
    }

    @Test
    void aGenerationEditedInPlaceIsReplacedByAWholeOne() throws IOException {
        Path out = root.resolve("out");
        BundleWriter.Result first = BundleWriter.write(bundle(Map.of("prometheus.yaml", "p")), out, d -> { });
        Files.writeString(out.resolve("prometheus.yaml"), "edited through the link");
        BundleWriter.Result again = BundleWriter.write(bundle(Map.of("prometheus.yaml", "p")), out, d -> { });
        assertThat(again.generation()).isEqualTo(first.generation() + ".1");
        assertThat(again.written()).containsExactly("prometheus.yaml");
        assertThat(out.resolve("prometheus.yaml")).hasContent("p");
    }

    @Test
    void aBundleThatIsLiveAlreadyIsVerifiedInPlaceAndNothingIsStaged() throws IOException {
        Path out = root.resolve("out");
        SortedMap<String, byte[]> files = bundle(Map.of("prometheus.yaml", "p", "alerts/a.yaml", "a"));
        BundleWriter.Result first = BundleWriter.write(files, out, d -> { });
        Path live = out.resolve(BundleWriter.GENERATIONS).resolve(first.generation());
        Files.delete(out.resolve("alerts")); // someone removed a link

        List<Path> verified = new java.util.ArrayList<>();
        BundleWriter.Result again = BundleWriter.write(files, out, staged -> {
            verified.add(staged);
            assertThat(staged.resolve("alerts/a.yaml")).hasContent("a");
            try (Stream<Path> generations = Files.list(out.resolve(BundleWriter.GENERATIONS))) {
                assertThat(generations).as("no staging folder beside the live generation").containsExactly(live);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        assertThat(verified).containsExactly(live);
        assertThat(again.generation()).isEqualTo(first.generation());
        assertThat(again.written()).isEmpty();
        assertThat(again.unchanged()).containsExactly("alerts/a.yaml", "prometheus.yaml");
        assertThat(again.removed()).isEmpty();
        assertThat(Files.readSymbolicLink(out.resolve("alerts"))).as("the removed link is back").isEqualTo(Path.of("..data/alerts"));
        assertThat(snapshot(out)).containsOnlyKeys("prometheus.yaml", "alerts/a.yaml", BundleWriter.MANIFEST);

        // a verifier that rejects the live bytes fails the write and changes nothing
        Map<String, String> before = snapshot(out);
        assertThatThrownBy(() -> BundleWriter.write(files, out, staged -> {
            throw new IllegalStateException("promtool is newer and says no");
        })).hasMessage("promtool is newer and says no");
        assertThat(snapshot(out)).isEqualTo(before);
        assertThat(Files.readSymbolicLink(out.resolve(BundleWriter.DATA))).isEqualTo(Path.of(BundleWriter.GENERATIONS, first.generation()));
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
