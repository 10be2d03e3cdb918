package dev.spawn.monitoring.e2e;

import static dev.spawn.monitoring.e2e.LoopbackBundle.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spawn.monitoring.e2e.harness.LoopbackStack;
import dev.spawn.monitoring.e2e.harness.LoopbackStackExtension;
import dev.spawn.monitoring.e2e.harness.Poll;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.model.alertmanager.Route;
import dev.spawn.monitoring.model.rules.Severity;
import dev.spawn.monitoring.rules.CustomRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 5: a broken change fails generation and leaves the live files byte for byte, so a reload
 * keeps the old rules; a valid change, written over the live files, is picked up by {@code /-/reload}.
 */
@ExtendWith(LoopbackStackExtension.class)
class SafeReloadTest {

    private static final String RULE = "InstanceHighIdleTime";
    private static final java.time.Duration RELOAD_TIMEOUT = java.time.Duration.ofSeconds(15);

    @Test
    void brokenChangeLeavesLiveFilesAndValidChangeIsReloaded(LoopbackStack stack) {
        UnaryOperator<dev.spawn.monitoring.SpawnMonitoring> original = m -> m.rule(RULE, r -> r.threshold(60).forDuration(seconds(2)));
        SingleNode node = SingleNode.start(stack, original);
        JsonNode before = Poll.value(RULE + " loaded", RELOAD_TIMEOUT, () -> node.prometheus().rule(RULE));
        assertThat(before.path("query").asText()).contains("> 60");
        Map<String, byte[]> live = snapshot(node.bundleDir());

        // a bad duration and a route to a receiver nobody defined: both reported, nothing written
        assertThatThrownBy(() -> node.regenerate(m -> original.apply(m)
                .rule(RULE, r -> r.threshold(90).forDuration(Duration.parse("five minutes")))
                .alertmanager(am -> am.route(LoopbackBundle.route().toBuilder()
                        .firstRoute(Route.to("pagerduty-oncall").build())))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("five minutes")
                .hasMessageContaining("pagerduty-oncall");
        assertThat(snapshot(node.bundleDir())).as("live files after the failed generation")
                .containsOnlyKeys(live.keySet().toArray(String[]::new))
                .allSatisfy((path, bytes) -> assertThat(bytes).as(path).isEqualTo(live.get(path)));
        assertThat(node.prometheus().reload().statusCode()).isEqualTo(200);
        assertThat(node.prometheus().rule(RULE)).get().satisfies(rule -> {
            assertThat(rule.path("query").asText()).contains("> 60");
            assertThat(rule.path("duration").asDouble()).isEqualTo(2.0);
        });

        // a valid change: new threshold and for, and a custom rule of the user's own
        node.regenerate(m -> m.rule(RULE, r -> r.threshold(90).forDuration(seconds(3)))
                .customRule(CustomRule.of("E2eReloadCanary", "vector(1)", seconds(1), Severity.INFO,
                        "shows that a reload picked up a new rule")));
        assertThat(node.prometheus().reload().statusCode()).isEqualTo(200);
        JsonNode after = Poll.value("the changed " + RULE + " after the reload", RELOAD_TIMEOUT,
                () -> node.prometheus().rule(RULE).filter(r -> r.path("query").asText().contains("> 90")));
        assertThat(after.path("duration").asDouble()).isEqualTo(3.0);
        assertThat(node.prometheus().rule("E2eReloadCanary")).isPresent();
    }

    /** Every file under {@code dir} (but staging leftovers, which would be a bug of their own). */
    private static Map<String, byte[]> snapshot(Path dir) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
