package dev.spawn.monitoring.spec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spawn.monitoring.model.ValidationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spec that is not UTF-8 or holds a character YAML forbids fails at the line and column of the first such byte. */
class PositionsOfUnreadableSpecsTest {

    private static final String SPEC = "apiVersion: spawn.dev/v1\nrules:\n  custom:\n    - name: X\n      expr: up == 0\n"
            + "      annotations: {summary: \"caf%s\"}\n";

    @Test
    void aLatin1SpecFailsAtItsFirstByteThatIsNotUtf8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("spawn-monitoring.yaml");
        Files.write(file, SPEC.formatted("\u00e9").getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> SpecReader.read(file)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("spawn-monitoring.yaml:6:34: byte 0xE9 is not UTF-8; expected a UTF-8 file")
                .hasMessageNotContaining("MalformedInputException");
    }

    @Test
    void aControlCharacterFailsAtItsPosition() {
        assertThatThrownBy(() -> SpecReader.parse("spawn-monitoring.yaml", SPEC.formatted("\u0000")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("spawn-monitoring.yaml:6:34: character U+0000 is not allowed in YAML, not even quoted");
        assertThatThrownBy(() -> SpecReader.parse("spawn-monitoring.yaml", "apiVersion: spawn.dev/v1\n# \u0007 bell\n"))
                .hasMessageContaining("spawn-monitoring.yaml:2:3: character U+0007 is not allowed in YAML");
    }
}
