package dev.spawn.monitoring.goal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.testing.RealTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spawn:check's shortcut: the same spec, output folder, generator and tools give the remembered verdict; any change runs it. */
class CheckShortcutTest {

    @TempDir
    Path dir;

    private Path out;
    private Path jar;
    private final byte[] spec = "apiVersion: spawn.dev/v1\n".getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void setUp() throws Exception {
        RealTools.require(Tool.PROMTOOL);
        RealTools.require(Tool.AMTOOL);
        out = dir.resolve("monitoring");
        SpawnMonitoring.defaults().build().writeTo(out);
        jar = Files.write(dir.resolve("generator.jar"), new byte[] {1, 2, 3});
    }

    private Optional<String> key(byte[] specBytes) {
        return CheckShortcut.key("maven check skipToolChecks=false", "spawn-monitoring.yaml", specBytes, out, List.of(Optional.of(jar)));
    }

    @Test
    void theSameInputsGiveTheRememberedMessages() {
        String key = key(spec).orElseThrow();
        assertThat(CheckShortcut.matches(out, key)).isEmpty();
        List<Message> said = List.of(Message.warning("spawn-monitoring.yaml:3:5: warning: a\ttab\nand a line"),
                Message.info("  promtool test rules (27 files): passed"));

        CheckShortcut.remember(out, key, said);

        assertThat(key(spec)).contains(key);
        assertThat(CheckShortcut.matches(out, key)).contains(said);
    }

    @Test
    void anyChangeIsAnotherKey() throws Exception {
        String key = key(spec).orElseThrow();

        assertThat(key("apiVersion: spawn.dev/v1\n# changed\n".getBytes(StandardCharsets.UTF_8))).isPresent().get().isNotEqualTo(key);
        assertThat(CheckShortcut.key("maven check skipToolChecks=true", "spawn-monitoring.yaml", spec, out, List.of(Optional.of(jar))))
                .isPresent().get().isNotEqualTo(key);
        Files.write(jar, new byte[] {1, 2, 4});
        assertThat(key(spec)).isPresent().get().isNotEqualTo(key);
        Files.write(jar, new byte[] {1, 2, 3});
        assertThat(key(spec)).contains(key);
        // a hand edit inside the bundle (through its link) is another folder
        Path rules = out.resolve("alerts/cost-alerts.yaml");
        Files.writeString(rules, Files.readString(rules) + "# edited\n");
        assertThat(key(spec)).isPresent().get().isNotEqualTo(key);
    }

    private static Path jar(Path file, String entry, String content) throws Exception {
        try (java.util.jar.JarOutputStream zip = new java.util.jar.JarOutputStream(Files.newOutputStream(file))) {
            java.util.zip.ZipEntry e = new java.util.zip.ZipEntry(entry);
            e.setTime(0);
            zip.putNextEntry(e);
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return file;
    }

    @Test
    void aJarIsKnownByItsContentsNotItsTimes() throws Exception {
        jar = jar(dir.resolve("generator.jar"), "dev/spawn/Check.class", "one version of the code");
        String key = key(spec).orElseThrow();
        // the same bytes in every entry, written again later: the same generator
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(0));
        jar(dir.resolve("generator.jar"), "dev/spawn/Check.class", "one version of the code");
        assertThat(key(spec)).contains(key);
        // the same size and name, other bytes in the entry (its CRC-32 in the central directory differs)
        jar(dir.resolve("generator.jar"), "dev/spawn/Check.class", "one version of the kode");
        assertThat(Files.size(jar)).isEqualTo(Files.size(dir.resolve("generator.jar")));
        assertThat(key(spec)).isPresent().get().isNotEqualTo(key);
        // a jar's central directory is a small part of it
        Path model = CheckShortcut.jarOf(org.yaml.snakeyaml.Yaml.class).orElseThrow();
        assertThat(CheckShortcut.zipDirectory(model).length).isLessThan((int) Files.size(model) / 4);
    }

    @Test
    void withoutAGeneratorJarThereIsNoShortcut() {
        assertThat(CheckShortcut.key("s", "spawn-monitoring.yaml", spec, out, List.of(Optional.empty()))).isEmpty();
        // the test classes come from a folder, not a jar
        assertThat(CheckShortcut.jarOf(CheckShortcutTest.class)).isEmpty();
    }

    @Test
    void aForgottenCheckRunsAgain() {
        String key = key(spec).orElseThrow();
        CheckShortcut.remember(out, key, List.of());
        CheckShortcut.forget(out);
        assertThat(CheckShortcut.matches(out, key)).isEmpty();
    }
}
