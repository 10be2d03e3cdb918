package dev.spawn.monitoring.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.alertmanager.SpawnAlertmanagerDefaults;
import dev.spawn.monitoring.spec.SpecReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routing tests with inhibition from the spec, run in the JVM; a wrong expectation is placed at its line. */
class RoutingSimulatorTest {

    private static final String SPEC = """
            apiVersion: spawn.dev/v1
            alertmanager:
              receivers:
                - name: pagerduty-oncall
                  pagerduty: {routing_key_file: /etc/am/pd}
              routes:
                - receiver: pagerduty-oncall
                  matchers: ['severity="critical"']
                  continue: true
              tests:
                - name: a critical pages on-call; its warning twin is held back
                  alerts:
                    - {alertname: HighCostInstance, severity: critical, category: cost, instance_id: i-1}
                    - {alertname: HighCostInstance, severity: warning, category: cost, instance_id: i-1}
                  expect:
                    - receivers: [pagerduty-oncall, spawn-webhook]
                    - %s
            """;

    @Test
    void aCriticalPagesAndInhibitsItsWarningTwin() {
        MonitoringBundle bundle = SpecReader.parse("spawn-monitoring.yaml", SPEC.formatted("inhibited: true")).build();

        BundleCheck.Outcome outcome = RoutingSimulator.run(bundle.alertmanager(), bundle.routingTests());

        assertThat(outcome.status()).isEqualTo(BundleCheck.Outcome.Status.PASSED);
        assertThat(outcome.name()).isEqualTo("routing tests (1 tests, 2 alerts)");
    }

    @Test
    void aWrongExpectationSaysWhichAlertInhibitedItAtItsLine() {
        SpecReader.Spec spec = SpecReader.parse("spawn-monitoring.yaml", SPEC.formatted("receivers: [spawn-webhook]"));
        MonitoringBundle bundle = spec.build();

        BundleCheck.Outcome outcome = spec.place(RoutingSimulator.run(bundle.alertmanager(), bundle.routingTests()));

        assertThat(outcome.failed()).isTrue();
        assertThat(outcome.problems()).extracting(Problem::toString).containsExactly("spawn-monitoring.yaml:17:11: routing test"
                + " 'a critical pages on-call; its warning twin is held back', alert 2 {alertname=\"HighCostInstance\","
                + " category=\"cost\", instance_id=\"i-1\", severity=\"warning\"}: expected receivers [spawn-webhook], but alert 1"
                + " {alertname=\"HighCostInstance\", category=\"cost\", instance_id=\"i-1\", severity=\"critical\"} inhibited it"
                + " (inhibit rule source [severity=\"critical\"] mutes target [severity=\"warning\"] with equal [alertname, instance_id])");
    }

    @Test
    void aWrongExpectationOfInhibitionSaysWhichReceiversWereReached() {
        SpecReader.Spec spec = SpecReader.parse("spawn-monitoring.yaml", SPEC.formatted("inhibited: true").replace(
                "severity: warning, category: cost, instance_id: i-1", "severity: warning, category: cost, instance_id: i-2"));
        MonitoringBundle bundle = spec.build();

        BundleCheck.Outcome outcome = spec.place(RoutingSimulator.run(bundle.alertmanager(), bundle.routingTests()));

        assertThat(outcome.problems()).extracting(Problem::toString).singleElement().asString()
                .startsWith("spawn-monitoring.yaml:17:11: routing test").endsWith(
                        ": expected it inhibited, but no inhibit rule mutes it; it reached [spawn-webhook]");
    }

    @Test
    void anExpectedReceiverThatIsNotDefinedIsNamedAsSuch() {
        SpecReader.Spec spec = SpecReader.parse("spawn-monitoring.yaml", SPEC.formatted("receivers: [pager-duty]"));
        MonitoringBundle bundle = spec.build();

        BundleCheck.Outcome outcome = spec.place(RoutingSimulator.run(bundle.alertmanager(), bundle.routingTests()));

        assertThat(outcome.problems()).extracting(Problem::toString).singleElement().asString()
                .startsWith("spawn-monitoring.yaml:17:11: routing test").contains("expected receivers [pager-duty], but alert 1")
                .endsWith("; no receiver named pager-duty is defined (defined: pagerduty-oncall, spawn-webhook)");
    }

    @Test
    void anIllegalLabelAndAMissingExpectationAreEachAtTheirPlaceInOneRun() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SpecReader.parse("spawn-monitoring.yaml", """
                apiVersion: spawn.dev/v1
                alertmanager:
                  tests:
                    - name: two problems
                      alerts:
                        - {alertname: HighCostInstance, severity: critical, instance_id: i-1}
                        - {alertname: X, "0bad": y}
                      expect:
                        - receivers: [spawn-webhook]
                """).build()).isInstanceOfSatisfying(dev.spawn.monitoring.model.ValidationException.class, e -> assertThat(e.problems())
                .extracting(Problem::toString).containsExactly(
                        "spawn-monitoring.yaml:7:26: illegal label name '0bad' in labels of an alert of routing test 'two problems';"
                                + " expected [a-zA-Z_][a-zA-Z0-9_]* not starting with '__'",
                        "spawn-monitoring.yaml:8:7: routing test 'two problems' has 2 alerts but 1 expectations; expected one per alert,"
                                + " in the same order"));
    }

    @Test
    void reportsTheRoutingTableAndTheTestsAsJunit(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        SpecReader.Spec spec = SpecReader.parse("spawn-monitoring.yaml", SPEC.formatted("receivers: [spawn-webhook]"));
        MonitoringBundle bundle = spec.build();

        CheckReports.write(dir, bundle, List.of());

        String table = java.nio.file.Files.readString(dir.resolve(CheckReports.ROUTING_FILE));
        assertThat(table).contains("| SpotInstanceInterruptionWarning | category=lifecycle, cluster=spawn, component=spawn,"
                + " environment=production, severity=critical | pagerduty-oncall, spawn-webhook |");
        assertThat(table).contains("| HighCostInstance | category=cost, cluster=spawn, component=spawn, environment=production,"
                + " severity=warning | spawn-webhook |");
        String xml = java.nio.file.Files.readString(dir.resolve("TEST-spawn-monitoring.routing-tests.xml"));
        assertThat(xml).contains("tests=\"1\" failures=\"1\"").contains("classname=\"alertmanager.tests\"")
                .contains("but alert 1 {alertname=\"HighCostInstance\", category=\"cost\", instance_id=\"i-1\", severity=\"critical\"} inhibited it");
    }

    @Test
    void anAlertMatchingBothSidesIsNotMutedByAnotherThatDoes() {
        // Alertmanager's inhibit.go: with source and target both matching, the source must not match the target side
        var config = SpawnAlertmanagerDefaults.config().toBuilder()
                .inhibit(new dev.spawn.monitoring.model.alertmanager.InhibitRule(
                        List.of(dev.spawn.monitoring.model.Matcher.eq("team", "a")),
                        List.of(dev.spawn.monitoring.model.Matcher.eq("team", "a")), List.of()))
                .build();
        List<RoutingSimulator.Verdict> verdicts = RoutingSimulator.simulate(config, List.of(
                Map.of("alertname", "X", "team", "a"), Map.of("alertname", "Y", "team", "a")));

        assertThat(verdicts).noneMatch(RoutingSimulator.Verdict::inhibited);
    }
}
