package dev.spawn.monitoring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.doctor.Doctor;
import dev.spawn.monitoring.doctor.Expected;
import dev.spawn.monitoring.e2e.harness.FakeSpored;
import dev.spawn.monitoring.e2e.harness.FileSdTargets;
import dev.spawn.monitoring.e2e.harness.Loopback;
import dev.spawn.monitoring.e2e.harness.LoopbackStack;
import dev.spawn.monitoring.e2e.harness.LoopbackStackExtension;
import dev.spawn.monitoring.e2e.harness.Poll;
import dev.spawn.monitoring.e2e.harness.WebhookSink;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.rules.RecordingRule;
import dev.spawn.monitoring.model.rules.RuleFile;
import dev.spawn.monitoring.model.rules.RuleGroup;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * {@code spawn-monitoring doctor} / {@code spawn:doctor} ({@link Doctor}) against the real servers: a
 * healthy stack has nothing to report; a target that stops answering, a rule that fails to evaluate and
 * a webhook bridge nobody answers for each give their finding, one line, as an error.
 */
@ExtendWith(LoopbackStackExtension.class)
@Order(4)
@Execution(ExecutionMode.CONCURRENT) // each scenario has its own stack
class DoctorTest {

    private static final Duration FINDING_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void aHealthyStackHasNoFindings(LoopbackStack stack) {
        SingleNode node = SingleNode.start(stack, m -> m, stack.spored("i-0healthy"));
        node.prometheus().awaitHealthyTarget("spawn-fleet", FINDING_TIMEOUT);
        node.prometheus().awaitHealthyTarget("prometheus", FINDING_TIMEOUT);
        // every group evaluated at least once, so a rule that would fail has had its chance
        Poll.until("every rule evaluated", FINDING_TIMEOUT, () -> node.prometheus().rules().stream()
                .noneMatch(r -> r.path("lastEvaluation").asText().startsWith("0001-")));

        List<Problem> findings = examine(node);
        show(findings);

        assertThat(findings).as(stack.report()).isEmpty();
        assertThat(Doctor.messages(findings)).extracting(m -> m.text()).containsExactly(
                "doctor: no findings; the servers look healthy");
    }

    @Test
    void aTargetDownIsReportedWithItsScrapeError(LoopbackStack stack) {
        SingleNode node = SingleNode.start(stack, m -> m, stack.spored("i-0up"));
        int nothingListens = Loopback.freePort();
        FileSdTargets.write(node.bundleDir().resolve("targets"), "down.json", List.of(Map.of(
                "targets", List.of(Loopback.address(nothingListens)),
                "labels", new TreeMap<>(Map.of("instance_id", "i-0down", "region", "us-east-1")))));

        Problem finding = awaitFinding(node, "is down");

        assertThat(finding.isError()).isTrue();
        assertThat(finding.location()).isEqualTo("http://" + node.prometheus().address() + "/api/v1/targets");
        assertThat(finding.message()).startsWith("job spawn-fleet: target http://" + Loopback.address(nothingListens)
                + "/metrics (instance_id i-0down) is down: ").contains("connection refused");
        assertThat(examine(node)).as("the healthy target is no finding").filteredOn(p -> p.message().contains("i-0up")).isEmpty();
    }

    @Test
    void aRuleThatFailsToEvaluateIsReportedWithItsGroupAndError(LoopbackStack stack) {
        // valid PromQL that fails at evaluation: two `up` series (prometheus and spored) match one vector(1)
        // sample on no labels, and one-to-one matching needs unique series on each side
        RuleFile broken = new RuleFile("alerts/broken-alerts.yaml", List.of(new RuleGroup("broken",
                LoopbackBundle.SECOND, List.of(new RecordingRule("doctor:up_times_one", "up * on() vector(1)", Map.of())))));
        SingleNode node = SingleNode.start(stack, m -> m.ruleFile(broken), stack.spored("i-0rules"));

        Problem finding = awaitFinding(node, "fails to evaluate");

        assertThat(finding.isError()).isTrue();
        assertThat(finding.location()).endsWith("/api/v1/rules");
        assertThat(finding.message()).startsWith("rule group broken (").contains("alerts/broken-alerts.yaml")
                .contains("rule doctor:up_times_one fails to evaluate: ").contains("matching");
    }

    @Test
    void anUnreachableWebhookBridgeIsReportedAndSoAreItsFailedNotifications(LoopbackStack stack) {
        int nothingListens = Loopback.freePort();
        String webhook = "http://" + Loopback.address(nothingListens) + WebhookSink.PATH;
        SingleNode node = SingleNode.start(stack, m -> m.webhookUrl(webhook), stack.spored("i-0webhook"));

        Problem health = awaitFinding(node, "does not answer its health URL");
        assertThat(health.isError()).isTrue();
        assertThat(health.location()).isEqualTo("http://" + Loopback.address(nothingListens) + "/health");
        assertThat(health.message()).startsWith("the spawn webhook bridge of receiver spawn-webhook (" + webhook + ")")
                .contains("connection refused");

        // an alert Alertmanager cannot deliver counts as a failed webhook notification
        node.alertmanager().api().postJson("/api/v2/alerts",
                "[{\"labels\": {\"alertname\": \"DoctorProbe\", \"severity\": \"warning\", \"instance_id\": \"i-0webhook\"}}]");
        Problem failed = awaitFinding(node, "notifications failed");
        assertThat(failed.location()).isEqualTo("http://" + node.alertmanager().address() + "/metrics");
        assertThat(failed.message()).startsWith("receivers of integration webhook: ");
    }

    @Test
    void configurationsNotReloadedDifferFromTheBundle(LoopbackStack stack) {
        SingleNode node = SingleNode.start(stack, m -> m, stack.spored("i-0drift"));
        Poll.until("the stack to settle (targets scraped, Alertmanager discovered)", FINDING_TIMEOUT, () -> examine(node).isEmpty());
        // the bundle the spec would give now has one more rule group than Prometheus loaded, and another webhook
        // path than Alertmanager's configuration
        RuleFile extra = new RuleFile("alerts/extra-alerts.yaml", List.of(new RuleGroup("extra", LoopbackBundle.SECOND,
                List.of(new RecordingRule("doctor:up", "up", Map.of())))));
        Expected changed = Expected.of(LoopbackBundle.everyRuleGroupEverySecond(LoopbackBundle.onLoopback(
                dev.spawn.monitoring.SpawnMonitoring.defaults().source(LoopbackBundle.SOURCE), node.prometheus().address(),
                node.alertmanager().address()).webhookUrl(node.spawnWebhook().url() + "/v2").ruleFile(extra)).build());

        List<Problem> findings = Doctor.examine(URI.create("http://" + node.prometheus().address()),
                URI.create("http://" + node.alertmanager().address()), changed);
        show(findings);

        assertThat(findings).extracting(Problem::message).containsExactly(
                "the loaded Prometheus configuration differs from the generated bundle (rule groups in the bundle but not"
                        + " loaded: extra); copy the bundle to the server, then reload: spawn-monitoring check, POST /-/reload",
                "the loaded Alertmanager configuration differs from the generated bundle (alertmanager_config_hash is not"
                        + " the hash of the bundle's alertmanager.yaml); copy the bundle to the server, then reload:"
                        + " spawn-monitoring check, POST /-/reload");
    }

    private static List<Problem> examine(SingleNode node) {
        return Doctor.examine(URI.create("http://" + node.prometheus().address()),
                URI.create("http://" + node.alertmanager().address()), Expected.of(node.bundle()));
    }

    /** What the command would print, in the build log beside the scenario's other [e2e] lines. */
    private static void show(List<Problem> findings) {
        Doctor.messages(findings).forEach(m -> System.out.println("[e2e] DoctorTest: " + m.text()));
    }

    /** Asks until a finding contains {@code text}; the last findings are in the failure message otherwise. */
    private static Problem awaitFinding(SingleNode node, String text) {
        AtomicReference<List<Problem>> last = new AtomicReference<>(List.of());
        try {
            return Poll.value("a doctor finding containing '" + text + "'", FINDING_TIMEOUT, () -> {
                last.set(examine(node));
                Optional<Problem> finding = last.get().stream().filter(p -> p.message().contains(text)).findFirst();
                finding.ifPresent(f -> show(last.get()));
                return finding;
            });
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("no finding containing '" + text + "'; the last findings were " + last.get(), e);
        }
    }
}
