package dev.spawn.monitoring.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.spec.SpecReader;
import dev.spawn.monitoring.testing.RealTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** JUnit XML and coverage.md from a real promtool run, a failing case placed at its rule in the spec. */
class CheckReportsTest {

    private static final String SPEC = """
            apiVersion: spawn.dev/v1
            rules:
              coverage: fire
              custom:
                - name: ManyUsers
                  expr: spawn_logged_in_users > 3
                  tests:
                    - name: fires above three
                      at: 5m
                      input: [{series: 'spawn_logged_in_users{instance_id="i-1"}', values: 4x10}]
                      alerts: [{labels: {instance_id: i-1}}]
                    - name: claims to fire at three
                      at: 5m
                      input: [{series: 'spawn_logged_in_users{instance_id="i-1"}', values: 3x10}]
                      alerts: [{labels: {instance_id: i-1}}]
            """;

    @Test
    void aFailingCaseIsAFailureInJunitAndAProblemAtItsRuleInTheSpec(@TempDir Path dir) throws Exception {
        RealTools.require(Tool.PROMTOOL);
        RealTools.require(Tool.AMTOOL);
        SpecReader.Spec spec = SpecReader.parse("spawn-monitoring.yaml", SPEC);
        MonitoringBundle bundle = spec.build();

        List<BundleCheck.Outcome> outcomes = bundle.check(BundleCheck.MissingTool.FAIL);
        BundleCheck.Outcome tests = outcomes.stream().filter(o -> o.name().startsWith("promtool test rules")).findFirst().orElseThrow();

        assertThat(tests.failed()).isTrue();
        assertThat(spec.place(tests).problems()).extracting(Problem::toString).containsExactly(
                "spawn-monitoring.yaml:5:13: custom rule 'ManyUsers': promtool test 'claims to fire at three' failed"
                        + " (alertname: ManyUsers, time: 5m, in tests/custom-alerts/ManyUsers-test.yaml)");

        CheckReports.Written written = CheckReports.write(dir, bundle, outcomes);

        assertThat(written.files()).extracting(p -> p.getFileName().toString()).containsExactly(
                "TEST-spawn-monitoring.capacity-alerts-test.xml", "TEST-spawn-monitoring.cost-alerts-test.xml",
                "TEST-spawn-monitoring.custom-alerts-test.xml", "TEST-spawn-monitoring.lifecycle-alerts-test.xml",
                "TEST-spawn-monitoring.performance-alerts-test.xml", "routing.md", "coverage.md");
        Element custom = parse(dir.resolve("TEST-spawn-monitoring.custom-alerts-test.xml"));
        assertThat(custom.getTagName()).isEqualTo("testsuite");
        assertThat(custom.getAttribute("name")).isEqualTo("spawn-monitoring.custom-alerts-test");
        assertThat(custom.getAttribute("tests")).isEqualTo("2");
        assertThat(custom.getAttribute("failures")).isEqualTo("1");
        NodeList cases = custom.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(2);
        Element passed = (Element) cases.item(0);
        Element failed = (Element) cases.item(1);
        assertThat(passed.getAttribute("classname")).isEqualTo("ManyUsers");
        assertThat(passed.getAttribute("name")).isEqualTo("fires above three");
        assertThat(passed.getElementsByTagName("failure").getLength()).isZero();
        assertThat(failed.getAttribute("name")).isEqualTo("claims to fire at three");
        Element failure = (Element) failed.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("promtool: alertname: ManyUsers, time: 5m: the alerts differ from the expected");
        assertThat(failure.getTextContent()).startsWith("name: ManyUsers: claims to fire at three,")
                .contains("exp:[").contains("Labels:{alertname=\"ManyUsers\"").contains("got:[]");

        Element cost = parse(dir.resolve("TEST-spawn-monitoring.cost-alerts-test.xml"));
        assertThat(cost.getAttribute("failures")).isEqualTo("0");
        assertThat(cost.getElementsByTagName("testcase").getLength()).isEqualTo(Integer.parseInt(cost.getAttribute("tests")))
                .isGreaterThanOrEqualTo(12);
        assertThat(Files.readString(dir.resolve("coverage.md"))).contains("| ManyUsers | 2 | 0 | no silent case |")
                .contains("| HighCostInstance | 1 | 2 |  |");
        assertThat(written.coverageSummary()).startsWith("coverage: 27 alerts, 26 with firing and silent cases (")
                .endsWith("; lacking: ManyUsers (no silent case)");
    }

    @Test
    void theReportsAreTheSameBytesOnEveryRun(@TempDir Path dir) throws Exception {
        MonitoringBundle bundle = SpawnMonitoring.defaults().build();
        List<RuleTestCases.Case> cases = RuleTestCases.of(bundle.ruleTestFiles());
        List<BundleCheck.Outcome> outcomes = List.of(new BundleCheck.Outcome("promtool test rules", BundleCheck.Outcome.Status.PASSED,
                "", List.of(), cases));

        CheckReports.write(dir.resolve("a"), bundle, outcomes);
        CheckReports.write(dir.resolve("b"), bundle, outcomes);

        for (String file : List.of("TEST-spawn-monitoring.cost-alerts-test.xml", "coverage.md")) {
            assertThat(Files.readAllBytes(dir.resolve("a").resolve(file))).isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(file)));
        }
        assertThat(CheckReports.coverageSummary(CheckReports.alertNames(bundle), cases))
                .matches("coverage: 26 alerts, 26 with firing and silent cases \\(\\d+ firing, \\d+ silent\\)");
    }

    private static Element parse(Path xml) throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        return document.getDocumentElement();
    }
}
