package dev.spawn.monitoring.promql.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.promql.eval.TemplatesDifferential.Case;
import dev.spawn.monitoring.promql.eval.TemplatesDifferential.Report;
import dev.spawn.monitoring.promql.eval.TemplatesDifferential.Suite;
import dev.spawn.monitoring.testing.RealTools;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link Templates#expand} against the real promtool ({@link TemplatesDifferential}): every template of
 * {@link TemplateCorpus} over series with values across magnitudes, the special ones, rounding ties and long shortest
 * forms, and labels with quotes, HTML, unicode, control characters and newlines, once with external labels and URL
 * and (the templates reading them) once without; the number templates over 1600 random values. Every expansion must
 * be Prometheus' byte for byte, every refused pair an error in Prometheus, and the default alerts' templates are
 * never refused.
 */
class TemplatesPromtoolTest {

    @Test
    void expansionsEqualPrometheus() throws IOException {
        RealTools.require(Tool.PROMTOOL);
        List<String> templates = TemplateCorpus.templates();
        List<Case> cases = cases();
        List<String> external = templates.stream().filter(t -> t.contains("xternal") || t.contains("{{ . }}")).toList();
        List<Case> numbers = numbers();
        Report report = TemplatesDifferential.run(List.of(
                new Suite("T", "m", new TreeMap<>(Map.of("region", "eu-west-1", "env", "a<b>&\"c\"")),
                        "http://prometheus.example.com:9090/prom?x=1&y=<2>", templates, cases),
                new Suite("X", "x", Map.of(), "", external, cases),
                new Suite("N", "n", Map.of(), "", TemplateCorpus.NUMBERS, numbers)));
        System.out.printf("templates %d, series %d + %d numbers, alerts compared %d, pairs refused %d (Prometheus errs"
                + " on %d, expands %d), one promtool run %d ms%n", templates.size(), cases.size(), numbers.size(),
                report.alerts(), report.refused(), report.errorsConfirmed(), report.gaps().size(),
                report.promtoolMillis());
        report.gapsByTemplate().forEach(g -> System.out.println("  refused, Prometheus expands: " + g));
        assertThat(report.failed().isEmpty()).as(report.failure()).isTrue();
        assertThat(report.gaps()).as("pairs Java refuses but Prometheus expands").isEmpty();
        assertThat(report.errorsConfirmed()).as("refused pairs promtool evaluated").isEqualTo(report.refused());
        assertThat(report.alerts()).as("alerts compared").isGreaterThan(templates.size() * cases.size() * 3 / 4);
        for (String template : TemplateCorpus.defaults()) {
            for (Case c : cases) {
                Templates.expand(template, c.labels(), c.value(), Map.of(), "");
            }
        }
    }

    /** Values across magnitudes, the special ones, rounding ties and long shortest forms, each with some labels. */
    static List<Case> cases() {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 0.1, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 100.0, 999.95,
                999.99999, 1000.0, 1023.99, 1024.0, 1048576.0, 12345.0, 1234.5, 123456.0, 1234567.0, 1e6, 1e15, 1e16,
                1e21, 1e-4, 1e-5, 1.5e-5, 0.00001234, 0.001, 1e-9, 5e-324, Double.MAX_VALUE, Double.MIN_NORMAL, 59.9999,
                60.0, 3599.999, 3600.0, 86400.0, 90061.5, -90061.5, 1.6789e9, 1700000000.123, -1.5, 9.2e9, 0.995, 0.99995,
                123456789012345680.0, 9007199254740993.0, 0.000123456789, 1.0000000000000002, 4.35, 0.0449, 0.045, 2e-3,
                -0.0005, 7e22, 1e23, 8.41e21, 5e-7, -7.25e-10));
        Random random = new Random(20260527);
        for (int i = 0; i < 60; i++) {
            double mantissa = 1 + random.nextInt(9999) / 1000.0;
            double v = mantissa * Math.pow(10, random.nextInt(61) - 30);
            values.add(random.nextBoolean() ? v : -v);
        }
        for (int i = 0; i < 20; i++) {
            values.add(Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL) % 1e12);
            values.add(random.nextInt(2_000_000) - 1_000_000 + 0.5);
            values.add((double) random.nextInt(400_000));
        }
        List<Map<String, String>> labelSets = List.of(
                Map.of("instance", "host-1.example.com:9100", "job", "node", "region", "eu-west-1"),
                Map.of("instance", "10.0.0.1:9100", "job", "a\"quote\" & <b>bold</b> 'x'", "n", "12345.678"),
                Map.of(),
                Map.of("instance", "[fe80::1]:8080", "job", "Üñí 日本 😀 tab\there", "n", "0.25"),
                Map.of("instance", "db.internal", "job", "new\nline \\ back", "n", "1e400"),
                Map.of("instance", "[::ffff:10.1.2.3]:443", "job", "node_exporter", "gpu_index", "0"),
                Map.of("instance", "i-0abc.ec2.internal:9100", "instance_id", "i-0abc", "job", "z=1&y=2 é"),
                Map.of("instance", "ünïcode.example:1", "job", "x", "weird",
                        "\u0001\u0007\u007f \u0085\u00a0\u00ad\u200b\u2028\ufeff\ud83d\ude00 \\ \" ' < > & = é ǅ"),
                Map.of("job", "node", "weird", "ﬁ ß ǆ ΣΑΣ ĳ-x_y.z 1a ünder"));
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            cases.add(new Case(labelSets.get(i % labelSets.size()), values.get(i)));
        }
        return cases;
    }

    /** Random values for the number templates: any bit pattern, short decimals, integers, eighths, subnormals. */
    private static List<Case> numbers() {
        Random random = new Random(7);
        List<Case> values = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            values.add(new Case(Map.of(), Double.longBitsToDouble(random.nextLong())));
            values.add(new Case(Map.of(), (random.nextInt(20001) - 10000) * Math.pow(10, random.nextInt(41) - 20)));
            values.add(new Case(Map.of(), (double) (random.nextLong() >> random.nextInt(64))));
            values.add(new Case(Map.of(), random.nextInt(100_000) / 8.0 * (random.nextBoolean() ? 1 : -1)));
        }
        for (int i = 0; i < 40; i++) {
            values.add(new Case(Map.of(), Double.longBitsToDouble(random.nextLong() & 0x000fffffffffffffL)));
            values.add(new Case(Map.of(), Double.longBitsToDouble(random.nextLong() & 0x00000000000fffffL)));
        }
        values.removeIf(c -> Double.isNaN(c.value()) || Double.isInfinite(c.value()));
        return values;
    }
}
