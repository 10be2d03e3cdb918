package dev.spawn.monitoring.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleDriftTest {

    @Test
    void showsTheFirstDifferingLinesAsAUnifiedDiff() {
        assertThat(BundleDrift.diff("p.yaml", "a\nb\nc\nd\ne\n", "a\nb\nC\nd\ne\n")).isEqualTo("""
                --- committed/p.yaml
                +++ generated/p.yaml
                @@ -1,5 +1,5 @@
                 a
                 b
                -c
                +C
                 d
                 e
                 """.stripTrailing());
    }

    @Test
    void reportsMissingChangedAndStaleFilesButNotTargets(@TempDir Path dir) throws Exception {
        SortedMap<String, byte[]> expected = new TreeMap<>();
        expected.put("a.yaml", bytes("x: 1\n"));
        expected.put("b.yaml", bytes("y: 1\n"));
        Files.writeString(dir.resolve("a.yaml"), "x: 2\n");
        Files.writeString(dir.resolve("old.yaml"), "z\n");
        Files.writeString(dir.resolve(".spawn-monitoring-files"), "a.yaml\nold.yaml\n");
        Files.createDirectories(dir.resolve("targets"));
        Files.writeString(dir.resolve("targets/spawn-instances.json"), "[]\n");
        assertThat(BundleDrift.compare(expected, dir)).extracting(BundleDrift.Change::path, BundleDrift.Change::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a.yaml", "differs from what the spec generates"),
                        org.assertj.core.groups.Tuple.tuple("b.yaml", "missing (not generated yet)"),
                        org.assertj.core.groups.Tuple.tuple("old.yaml", "no longer generated (stale file)"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
