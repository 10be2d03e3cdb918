package dev.spawn.monitoring.check;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.model.rules.AlertingRule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The reports of a check, for CI dashboards and reviewers: one JUnit XML file per promtool test file in
 * the Surefire format ({@code TEST-spawn-monitoring.<file>.xml}: a {@code testsuite} of one
 * {@code testcase} per promtool case, named by case with the rule as class, a {@code failure} carrying
 * promtool's expected and got alerts), and {@code coverage.md}, each alert's firing and silent cases.
 * Deterministic: no timestamps, no host names, cases in file order.
 */
public final class CheckReports {

    public static final String COVERAGE_FILE = "coverage.md";

    /** What a report run wrote, and the coverage in one line for the log. */
    public record Written(List<Path> files, String coverageSummary) {
    }

    private CheckReports() {
    }

    /**
     * Writes the reports of {@code outcomes} into {@code directory} (created if needed): the JUnit files
     * when promtool's tests ran, and the coverage of the bundle's cases in any case.
     */
    public static Written write(Path directory, MonitoringBundle bundle, List<BundleCheck.Outcome> outcomes) {
        List<RuleTestCases.Case> ran = outcomes.stream().flatMap(o -> o.cases().stream()).toList();
        List<RuleTestCases.Case> cases = ran.isEmpty() ? RuleTestCases.of(bundle.ruleTests()) : ran;
        List<String> alerts = alertNames(bundle);
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            Map<String, List<RuleTestCases.Case>> byFile = new TreeMap<>();
            ran.forEach(c -> byFile.computeIfAbsent(c.file(), f -> new ArrayList<>()).add(c));
            for (Map.Entry<String, List<RuleTestCases.Case>> file : byFile.entrySet()) {
                Path xml = directory.resolve("TEST-" + suiteName(file.getKey()) + ".xml");
                Files.write(xml, junit(file.getKey(), file.getValue()));
                written.add(xml);
            }
            Path coverage = directory.resolve(COVERAGE_FILE);
            Files.writeString(coverage, coverage(alerts, cases), StandardCharsets.UTF_8);
            written.add(coverage);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports to " + directory + ": " + e.getMessage(), e);
        }
        return new Written(List.copyOf(written), coverageSummary(alerts, cases));
    }

    /** {@code spawn-monitoring.cost-alerts-test} for {@code tests/cost-alerts-test.yaml}. */
    static String suiteName(String testFile) {
        String name = testFile.substring(testFile.lastIndexOf('/') + 1);
        return "spawn-monitoring." + (name.endsWith(".yaml") ? name.substring(0, name.length() - ".yaml".length()) : name);
    }

    /** One Surefire {@code testsuite}. */
    static byte[] junit(String testFile, List<RuleTestCases.Case> cases) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", suiteName(testFile));
            xml.writeAttribute("tests", Integer.toString(cases.size()));
            xml.writeAttribute("failures", Long.toString(cases.stream().filter(RuleTestCases.Case::failed).count()));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", "0");
            xml.writeAttribute("time", "0");
            for (RuleTestCases.Case c : cases) {
                xml.writeCharacters("\n  ");
                if (!c.failed()) {
                    xml.writeEmptyElement("testcase");
                    caseAttributes(xml, c);
                    continue;
                }
                xml.writeStartElement("testcase");
                caseAttributes(xml, c);
                xml.writeCharacters("\n    ");
                xml.writeStartElement("failure");
                xml.writeAttribute("message", "promtool: " + c.failureSummary() + ": the alerts differ from the expected");
                xml.writeAttribute("type", "promtool test rules");
                xml.writeCharacters(c.failure());
                xml.writeEndElement();
                xml.writeCharacters("\n  ");
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the JUnit report of " + testFile, e);
        }
        return out.toByteArray();
    }

    private static void caseAttributes(XMLStreamWriter xml, RuleTestCases.Case c) throws XMLStreamException {
        xml.writeAttribute("name", c.name());
        xml.writeAttribute("classname", c.rule());
        xml.writeAttribute("time", "0");
    }

    /** Each alert's firing and silent cases, alerts in file order; alerts lacking either are marked. */
    static String coverage(List<String> alerts, List<RuleTestCases.Case> cases) {
        Map<String, int[]> counts = counts(alerts, cases);
        StringBuilder md = new StringBuilder("# Rule test coverage\n\n");
        md.append("Generated by spawn-monitoring: the promtool cases of each alert that expect it to fire and to stay silent.\n\n");
        md.append("| alert | firing cases | silent cases | |\n|---|---:|---:|---|\n");
        counts.forEach((rule, n) -> md.append("| ").append(rule).append(" | ").append(n[0]).append(" | ").append(n[1])
                .append(" | ").append(n[0] == 0 ? "no firing case" : n[1] == 0 ? "no silent case" : "").append(" |\n"));
        md.append('\n').append(coverageSummary(alerts, cases)).append('\n');
        return md.toString();
    }

    /** {@code coverage: 26 alerts, 26 with firing and silent cases (47 firing, 45 silent)}, and the ones lacking. */
    public static String coverageSummary(List<String> alerts, List<RuleTestCases.Case> cases) {
        Map<String, int[]> counts = counts(alerts, cases);
        long both = counts.values().stream().filter(n -> n[0] > 0 && n[1] > 0).count();
        int firing = counts.values().stream().mapToInt(n -> n[0]).sum();
        int silent = counts.values().stream().mapToInt(n -> n[1]).sum();
        List<String> lacking = counts.entrySet().stream().filter(e -> e.getValue()[0] == 0 || e.getValue()[1] == 0)
                .map(e -> e.getKey() + (e.getValue()[0] == 0 ? " (no firing case)" : " (no silent case)")).toList();
        return "coverage: " + counts.size() + " alerts, " + both + " with firing and silent cases (" + firing + " firing, "
                + silent + " silent)" + (lacking.isEmpty() ? "" : "; lacking: " + String.join(", ", lacking));
    }

    /** The alerts of the bundle's rule files, in file order (a name twice, for severity tiers, once). */
    static List<String> alertNames(MonitoringBundle bundle) {
        return bundle.ruleFiles().stream().flatMap(f -> f.groups().stream()).flatMap(g -> g.rules().stream())
                .filter(r -> r instanceof AlertingRule).map(r -> ((AlertingRule) r).alert()).distinct().toList();
    }

    private static Map<String, int[]> counts(List<String> alerts, List<RuleTestCases.Case> cases) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        alerts.forEach(a -> counts.put(a, new int[2]));
        cases.forEach(c -> counts.computeIfAbsent(c.rule(), r -> new int[2])[c.fires() ? 0 : 1]++);
        return counts;
    }
}
