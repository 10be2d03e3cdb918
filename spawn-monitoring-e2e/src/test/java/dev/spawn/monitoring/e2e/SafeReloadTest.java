package dev.spawn.monitoring.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.check.CheckFailedException;
import dev.spawn.monitoring.e2e.harness.LoopbackStack;
import dev.spawn.monitoring.e2e.harness.LoopbackStackExtension;
import dev.spawn.monitoring.e2e.harness.Poll;
import dev.spawn.monitoring.io.BundleWriter;
import dev.spawn.monitoring.io.OutputLock;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 5: the user edits {@code spawn-monitoring.yaml} under a running Prometheus. A spec
 * mistake fails generation at its {@code file:line:col}, and a change promtool rejects fails the
 * checked write; both leave the live files byte for byte, so a reload keeps the old rules. A valid
 * change, checked and written over the live files, is picked up by {@code /-/reload}.
 */
@ExtendWith(LoopbackStackExtension.class)
class SafeReloadTest {

    private static final String RULE = "InstanceHighIdleTime";
    private static final String CANARY = "E2eReloadCanary";
    private static final java.time.Duration RELOAD_TIMEOUT = java.time.Duration.ofSeconds(15);

    private static final String ORIGINAL = """
            apiVersion: spawn.dev/v1
            rules:
              InstanceHighIdleTime:
                threshold: 60
                for: 2s
            """;

    /** A misspelt field (line 4) and a duration Prometheus cannot read (line 5). */
    private static final String BROKEN = """
            apiVersion: spawn.dev/v1
            rules:
              InstanceHighIdleTime:
                treshold: 90
                for: five minutes
            """;

    /** Valid as a spec; only promtool finds the unclosed parenthesis. */
    private static final String UNPARSABLE_PROMQL = """
            apiVersion: spawn.dev/v1
            rules:
              InstanceHighIdleTime:
                threshold: 60
                for: 2s
              custom:
                - name: E2eReloadCanary
                  expr: 'rate(spawn_idle_state[5m]'
                  severity: info
                  annotations:
                    summary: never loaded
            """;

    private static final String CHANGED = """
            apiVersion: spawn.dev/v1
            rules:
              InstanceHighIdleTime:
                threshold: 90
                for: 3s
              custom:
                - name: E2eReloadCanary
                  expr: vector(1)
                  for: 1s
                  severity: info
                  annotations:
                    summary: shows that a reload picked up a new rule
            """;

    @Test
    void brokenSpecAndRejectedRulesLeaveLiveFilesAndValidChangeIsReloaded(LoopbackStack stack) {
        Path spec = stack.dir("infra").resolve("spawn-monitoring.yaml");
        write(spec, ORIGINAL);
        SingleNode node = SingleNode.startFrom(stack, SingleNode.spec(spec));
        JsonNode before = Poll.value(RULE + " loaded", RELOAD_TIMEOUT, () -> node.prometheus().rule(RULE));
        assertThat(before.path("query").asText()).contains("> 60");
        Map<String, byte[]> live = snapshot(node.bundleDir());

        // the spec's mistakes, each at its line and column, all in one report; nothing written
        write(spec, BROKEN);
        assertThatThrownBy(() -> node.regenerate(SingleNode.spec(spec)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).map(Problem::toString)
                        .anySatisfy(p -> assertThat(p).startsWith("spawn-monitoring.yaml:4:5: unknown field 'treshold'")
                                .contains("did you mean 'threshold'?"))
                        .anySatisfy(p -> assertThat(p).startsWith("spawn-monitoring.yaml:5:10: ").contains("five minutes")));
        assertLiveFilesUnchanged(node, live);

        // a spec the model accepts but promtool does not: the checked write stops at the staged copy
        write(spec, UNPARSABLE_PROMQL);
        assertThatThrownBy(() -> node.regenerate(SingleNode.spec(spec)))
                .isInstanceOfSatisfying(CheckFailedException.class, e -> assertThat(e.outcomes())
                        .filteredOn(BundleCheck.Outcome::failed).map(BundleCheck.Outcome::toString)
                        .anySatisfy(o -> assertThat(o).startsWith("promtool check rules").contains(CANARY)));
        assertLiveFilesUnchanged(node, live);
        assertThat(node.prometheus().rule(CANARY)).isEmpty();

        // a valid change: new threshold and for, and a custom rule of the user's own
        write(spec, CHANGED);
        node.regenerate(SingleNode.spec(spec));
        assertThat(node.prometheus().reload().statusCode()).isEqualTo(200);
        JsonNode after = Poll.value("the changed " + RULE + " after the reload", RELOAD_TIMEOUT,
                () -> node.prometheus().rule(RULE).filter(r -> r.path("query").asText().contains("> 90")));
        assertThat(after.path("duration").asDouble()).isEqualTo(3.0);
        assertThat(node.prometheus().rule(CANARY)).get()
                .satisfies(rule -> assertThat(rule.path("query").asText()).isEqualTo("vector(1)"));
    }

    /** Byte for byte what was live before, no staging folder left beside it, and a reload still serves the old rule. */
    private static void assertLiveFilesUnchanged(SingleNode node, Map<String, byte[]> live) {
        assertThat(snapshot(node.bundleDir())).as("live files after the failed generation")
                .containsOnlyKeys(live.keySet().toArray(String[]::new))
                .allSatisfy((path, bytes) -> assertThat(bytes).as(path).isEqualTo(live.get(path)));
        try (Stream<Path> siblings = Files.list(node.bundleDir().getParent());
                Stream<Path> generations = Files.list(node.bundleDir().resolve(BundleWriter.GENERATIONS))) {
            assertThat(Stream.concat(siblings, generations).map(p -> p.getFileName().toString())).as("staging folders left behind")
                    .noneMatch(name -> name.contains(".staging-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(node.prometheus().reload().statusCode()).isEqualTo(200);
        assertThat(node.prometheus().rule(RULE)).get().satisfies(rule -> {
            assertThat(rule.path("query").asText()).contains("> 60");
            assertThat(rule.path("duration").asDouble()).isEqualTo(2.0);
        });
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file under {@code dir} but the lock file, which names the last writer, failed or not. */
    private static Map<String, byte[]> snapshot(Path dir) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).filter(p -> !p.endsWith(OutputLock.FILE)).toList()) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
