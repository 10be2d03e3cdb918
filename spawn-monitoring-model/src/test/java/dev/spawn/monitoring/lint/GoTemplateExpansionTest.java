package dev.spawn.monitoring.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.promql.eval.Templates;
import dev.spawn.monitoring.promql.eval.TemplatesDifferential;
import dev.spawn.monitoring.promql.eval.TemplatesDifferential.Case;
import dev.spawn.monitoring.promql.eval.TemplatesDifferential.Report;
import dev.spawn.monitoring.promql.eval.TemplatesDifferential.Suite;
import dev.spawn.monitoring.promql.eval.Unsupported;
import dev.spawn.monitoring.testing.RealTools;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The in-JVM template expander ({@code promql.eval.Templates}) over this package's generated Go template corpus
 * (other seeds than {@code GoTemplateDifferentialTest}'s): a template Go refuses to parse (the lint parser's verdict,
 * which agrees with promtool's) is never expanded to a text; every template Go accepts goes through the real
 * promtool, where Java's expansions must be Prometheus' byte for byte and Java's refusals Prometheus' errors or
 * constructs the expander does not model (counted, not failed).
 */
class GoTemplateExpansionTest {

    private static final Map<String, String> LABELS = Map.of("__name__", "m", "instance", "host:9100", "job", "node");

    private static List<String> corpus() {
        Set<String> all = new LinkedHashSet<>(GoTemplateCorpus.ruleTemplates());
        all.addAll(GoTemplateCorpus.edgeCases());
        all.addAll(new GoTemplateGenerator(false).templates(142L, 1500));
        all.addAll(new GoTemplateGenerator(true).templates(143L, 1500));
        List<String> valid = all.stream().filter(t -> parse(t).ok()).toList();
        all.addAll(GoTemplateMutations.of(valid, 107L, 1500));
        return List.copyOf(all);
    }

    private static GoTemplate.Result parse(String template) {
        return GoTemplate.parse(template, GoTemplate.PROMETHEUS_FUNCTIONS, GoTemplate.PROMETHEUS_VARIABLES);
    }

    @Test
    void neverExpandsATemplateGoRefusesToParse() {
        List<String> expanded = new ArrayList<>();
        int rejected = 0;
        for (String template : corpus()) {
            if (parse(template).ok()) {
                continue;
            }
            rejected++;
            try {
                expanded.add(template + " -> " + Templates.expand(template, LABELS, 1.5, Map.of(), ""));
            } catch (Unsupported expected) {
                // what it must do
            }
        }
        assertThat(rejected).as("templates Go rejects").isGreaterThan(1000);
        assertThat(expanded).as("templates Go rejects that were expanded").isEmpty();
    }

    @Test
    void expandsWhatGoAcceptsAsPromtoolDoes() throws IOException {
        RealTools.require(Tool.PROMTOOL);
        List<String> accepted = corpus().stream().filter(t -> parse(t).ok()).toList();
        List<Case> cases = List.of(
                new Case(Map.of("instance", "host-1.example.com:9100", "job", "node", "region", "eu-west-1"), 1234.5),
                new Case(Map.of("x", "<a href=\"x\">&</a>", "job", "Ünï"), Double.NaN),
                new Case(Map.of(), -0.25));
        Report report = TemplatesDifferential.run(List.of(
                new Suite("G", "m", Map.of("cluster", "c1"), "http://prom.example/p", accepted, cases)));
        System.out.printf("generated templates Go accepts %d, alerts compared %d, pairs refused %d (Prometheus errs on"
                + " %d, expands %d), one promtool run %d ms%n", accepted.size(), report.alerts(), report.refused(),
                report.errorsConfirmed(), report.gaps().size(), report.promtoolMillis());
        report.gapsByTemplate().stream().limit(40).forEach(g -> System.out.println("  refused, Prometheus expands: " + g));
        assertThat(report.failed().isEmpty()).as(report.failure()).isTrue();
        assertThat(report.errorsConfirmed() + report.gaps().size()).as("refused pairs promtool evaluated")
                .isEqualTo(report.refused());
        assertThat(report.alerts()).as("alerts compared").isGreaterThan(accepted.size() / 2);
    }
}
