package dev.spawn.monitoring.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerConfig;
import dev.spawn.monitoring.model.alertmanager.KitchenSink;
import dev.spawn.monitoring.model.alertmanager.Route;
import dev.spawn.monitoring.model.alertmanager.SpawnAlertmanagerDefaults;
import dev.spawn.monitoring.render.AlertmanagerRenderer;
import dev.spawn.monitoring.testing.RealTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model's routing ({@link Route#receiversFor}) agrees with the real Alertmanager's, which is
 * what lets {@code spawn:check} ask {@code amtool config routes test} to confirm each expectation.
 */
class RoutingAgreementTest {

    private static Path kitchenSinkDir;

    @BeforeContainer
    static void writeKitchenSink() throws IOException {
        kitchenSinkDir = Files.createTempDirectory("routing-agreement");
        Files.write(kitchenSinkDir.resolve("alertmanager.yaml"), AlertmanagerRenderer.toBytes(KitchenSink.config(), "test"));
    }

    @Provide
    Arbitrary<Map<String, String>> alerts() {
        return Arbitraries.of("critical", "warning", "info", "").flatMap(severity ->
                Arbitraries.of("cost", "capacity", "lifecycle", "performance", "").flatMap(category ->
                        Arbitraries.of("dev", "production", "").flatMap(environment ->
                                Arbitraries.of("infra", "data", "").flatMap(team ->
                                        Arbitraries.of("HighCostInstance", "InstanceRecentlyStarted").map(alertname -> {
                                            Map<String, String> labels = new TreeMap<>();
                                            labels.put("alertname", alertname);
                                            put(labels, "severity", severity);
                                            put(labels, "category", category);
                                            put(labels, "environment", environment);
                                            put(labels, "team", team);
                                            return labels;
                                        })))));
    }

    private static void put(Map<String, String> labels, String name, String value) {
        if (!value.isEmpty()) {
            labels.put(name, value);
        }
    }

    @Property(tries = 40)
    void modelRoutesTheKitchenSinkAsAlertmanagerDoes(@ForAll("alerts") Map<String, String> labels) {
        RealTools.require(Tool.AMTOOL);
        List<String> args = new ArrayList<>(List.of("config", "routes", "test", "--config.file=alertmanager.yaml"));
        labels.forEach((k, v) -> args.add(k + "=" + v));
        Tool.Result result = Tool.AMTOOL.run(kitchenSinkDir, 30, args.toArray(String[]::new));
        assertThat(result.ok()).as("%s", result).isTrue();
        String amtool = result.output().lines().filter(l -> !l.startsWith("Warning")).findFirst().orElse("").strip();
        assertThat(String.join(",", KitchenSink.config().route().receiversFor(labels))).as("%s", labels).isEqualTo(amtool);
    }

    @Test
    void receiversForFollowsContinueAndInheritance() {
        AlertmanagerConfig config = KitchenSink.config();
        List<String> critical = config.route().receiversFor(Map.of("severity", "critical", "environment", "production"));
        // the pager route (continue) whose nested email-team child takes it, then the severity route to the webhook
        assertThat(critical).containsExactly("email-team", "spawn-webhook");
        assertThat(SpawnAlertmanagerDefaults.config().route().receiversFor(Map.of("severity", "info")))
                .containsExactly("spawn-webhook");
    }

    @Test
    void checkFailsWhenAlertmanagerRoutesOtherwiseThanTheModel(@TempDir Path dir) throws IOException {
        RealTools.require(Tool.AMTOOL);
        MonitoringBundle bundle = SpawnMonitoring.defaults().build();
        bundle.writeTo(dir);
        assertThat(BundleCheck.routing(bundle, dir).status()).isEqualTo(BundleCheck.Outcome.Status.PASSED);

        // someone edits the written file: critical alerts now go to a receiver the model does not know of
        String edited = Files.readString(dir.resolve("alertmanager.yaml"))
                .replaceFirst("receivers:\n", "receivers:\n  - name: elsewhere\n")
                .replaceFirst("(?s)(- receiver: )spawn-webhook(\n\\s+matchers:\n\\s+- severity=\"critical\")", "$1elsewhere$2");
        Files.writeString(dir.resolve("alertmanager.yaml"), edited);
        BundleCheck.Outcome outcome = BundleCheck.routing(bundle, dir);
        assertThat(outcome.status()).as(edited).isEqualTo(BundleCheck.Outcome.Status.FAILED);
        assertThat(outcome.output()).contains("severity=critical").contains("expected [spawn-webhook]");
    }

    @Test
    void probesCarryTheExternalLabelsAlertmanagerSeesButNotTheReplicaLabel() {
        MonitoringBundle bundle = SpawnMonitoring.defaults()
                .highAvailability(new dev.spawn.monitoring.model.HighAvailability(List.of("a", "b"), "replica",
                        List.of("am-1:9093"), List.of()))
                .build();
        assertThat(BundleCheck.probes(bundle)).hasSizeGreaterThanOrEqualTo(9).allSatisfy(labels -> assertThat(labels)
                .containsEntry("cluster", "spawn").containsEntry("environment", "production")
                .containsKeys("alertname", "severity", "category").doesNotContainKey("replica"));
    }
}
