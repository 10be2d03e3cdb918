package dev.spawn.monitoring.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import org.junit.jupiter.api.Test;

/**
 * Specs built to exhaust the reader (alias bombs of scalars and of collections, deep nesting, a huge
 * file) fail before any work on them, with one short problem at {@code file:line:col}; a spec within
 * the limits that uses anchors and aliases still reads.
 */
class HostileSpecTest {

    @Test
    void twentyThousandAliasesOfOneScalarStopAtTheFirstAliasOverTheLimit() {
        StringBuilder spec = new StringBuilder("apiVersion: spawn.dev/v1\nglobal:\n  external_labels:\n    team: &t ")
                .append("x".repeat(100)).append("\nrules:\n");
        for (int i = 0; i < 20_000; i++) {
            spec.append("  R").append(i).append(": {description: *t}\n");
        }
        Problem problem = singleProblem(spec.toString());
        // the 1,001st alias, on the 1,001st rule line (line 6 holds the first)
        assertThat(problem.location()).isEqualTo("spec.yaml:1006:24");
        assertThat(problem.message()).isEqualTo(
                "more than 1,000 aliases; expected at most 1,000 (an anchor shares a value, it does not multiply the file)");
    }

    @Test
    void aBillionLaughsOfCollectionAliasesStopsAtTheExpandedSize() {
        StringBuilder spec = new StringBuilder("x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level < 10; level++) {
            String alias = "*a" + (level - 1);
            spec.append("x").append(level).append(": &a").append(level).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, alias))).append("]\n");
        }
        Problem problem = singleProblem(spec.toString());
        assertThat(problem.location()).matches("spec\\.yaml:\\d+:\\d+");
        assertThat(problem.message()).isEqualTo(
                "the aliases expand the file to more than 8,388,608 characters; expected at most 8,388,608");
    }

    @Test
    void nestingDeeperThanTheLimitStopsAtTheFirstCollectionTooDeep() {
        // the document's mapping is the first level, the 64th bracket the 65th
        String spec = "rules: " + "[".repeat(50_000) + "\n" + "]".repeat(50_000) + "\n";
        Problem problem = singleProblem(spec);
        assertThat(problem.location()).isEqualTo("spec.yaml:1:71");
        assertThat(problem.message()).isEqualTo("nesting deeper than 64 levels; expected at most 64");
    }

    @Test
    void aSixteenMegabyteValueIsRefusedBeforeItIsScanned() {
        String spec = "apiVersion: spawn.dev/v1\nglobal:\n  external_labels:\n    team: " + "x".repeat(16 * 1024 * 1024) + "\n";
        Problem problem = singleProblem(spec);
        assertThat(problem.location()).isEqualTo("spec.yaml:1:1");
        assertThat(problem.message()).isEqualTo("the file has 16,777,279 characters; expected at most 4,194,304 (4 MiB)");
    }

    @Test
    void aLineLongerThanTheLimitIsRefusedBeforeItIsScanned() {
        String spec = "apiVersion: spawn.dev/v1\nglobal:\n  external_labels:\n    team: " + "x".repeat(1024 * 1024) + "\n";
        Problem problem = singleProblem(spec);
        assertThat(problem.location()).isEqualTo("spec.yaml:4:65537");
        assertThat(problem.message()).isEqualTo(
                "the line has 1,048,586 characters; expected at most 65,536 (64 KiB; a long value can be a block scalar over several lines)");
    }

    @Test
    void aSpecWithinTheLimitsReadsWithItsAliases() {
        StringBuilder spec = new StringBuilder("apiVersion: spawn.dev/v1\nglobal:\n  external_labels:\n    team: &t platform\n"
                + "    owner: *t\n");
        SpecReader.Spec read = SpecReader.parse("spec.yaml", spec.toString());
        assertThat(read.warnings()).isEmpty();
        assertThat(read.build().prometheus().global().externalLabels()).containsEntry("owner", "platform");
    }

    private static Problem singleProblem(String spec) {
        ValidationException thrown = (ValidationException) org.assertj.core.api.Assertions.catchThrowable(
                () -> SpecReader.parse("spec.yaml", spec));
        assertThat(thrown).as("a ValidationException").isNotNull();
        assertThat(thrown.problems()).hasSize(1);
        Problem problem = thrown.problems().get(0);
        assertThat(problem.message()).doesNotContain("\n").hasSizeLessThan(200);
        return problem;
    }
}
