package dev.spawn.monitoring.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/alerts.md is generated from rule-definitions/; this test fails when the checked-in copy is
 * stale and rewrites it when run with {@code -Dgolden.update=true}.
 */
class AlertsDocTest {

    private static final Path DOC = Path.of("..", "docs", "alerts.md");

    @Test
    void checkedInAlertReferenceMatchesTheDefinitions() throws IOException {
        String rendered = RuleCatalog.defaults().renderDocs();
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, rendered, StandardCharsets.UTF_8);
        }
        assertThat(DOC).as("docs/alerts.md is missing; run the model tests with -Dgolden.update=true").exists();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/alerts.md is stale; run the model tests with -Dgolden.update=true and commit the diff")
                .isEqualTo(rendered);
    }

    @Test
    void documentsEveryRuleWithItsParametersAndPromql() {
        String doc = RuleCatalog.defaults().renderDocs();

        assertThat(doc).contains("## Lifecycle", "## Cost", "## Capacity", "## Performance")
                .contains("### LowSpotAvailability", "`threshold` (default `0.2`, allowed 0.01 to 1)",
                        "sum(spawn_instance_spot{region!=\"local\"}) / count(spawn_instance_spot{region!=\"local\"}) < 0.2")
                .doesNotContain("[[").doesNotContain("&quot;");
        RuleCatalog.defaults().rules().forEach(r -> assertThat(doc).contains("### " + r.name() + "\n"));
    }
}
