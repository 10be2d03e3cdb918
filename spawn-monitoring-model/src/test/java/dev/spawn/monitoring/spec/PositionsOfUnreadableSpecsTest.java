package dev.spawn.monitoring.spec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spawn.monitoring.model.ValidationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors that had no position or no words for what is wrong: a spec not UTF-8, a forbidden character, a bad inline secret URL. */
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

    @Test
    void aBadInlineSecretUrlIsPlacedAtItsReceiverAndNamedWithoutItsValue() {
        String spec = "apiVersion: spawn.dev/v1\nalertmanager:\n  receivers:\n    - name: slack\n      slack:\n"
                + "        channel: '#a'\n        api_url: not-a-url-but-secret\n  routes:\n    - receiver: slack\n"
                + "      matchers: ['severity=\"critical\"']\n";

        assertThatThrownBy(() -> SpecReader.parse("spawn-monitoring.yaml", spec).build()).isInstanceOf(ValidationException.class)
                .hasMessageContaining("spawn-monitoring.yaml:4:13: the inline api_url is not an absolute http(s) URL (value not shown:"
                        + " it is a secret); expected https://host/path, or a file that holds it")
                .hasMessageNotContaining("not-a-url-but-secret");
    }
}
