package dev.spawn.monitoring.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/lint.md is generated from {@link Check}; stale copies fail, {@code -Dgolden.update=true} rewrites it. */
class LintDocsTest {

    private static final Path DOC = Path.of("..", "docs", "lint.md");

    @Test
    void checkedInDocMatchesTheChecks() throws IOException {
        String rendered = LintDocs.render();
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(DOC, rendered, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/lint.md is stale; run the model tests with -Dgolden.update=true and commit the diff")
                .isEqualTo(rendered);
        for (Check c : Check.values()) {
            assertThat(rendered).contains("| `" + c.id() + "` | " + c.defaultSeverity().id() + " |");
        }
    }
}
