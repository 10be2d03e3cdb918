package dev.spawn.monitoring.promql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.rules.MetricCatalog;
import dev.spawn.monitoring.rules.RuleCatalog;
import dev.spawn.monitoring.testing.RealTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Example;

/**
 * Label flow against what Prometheus really computes: every metric of the catalog gets series with all,
 * some and none of the discovery labels; {@code promtool test rules} evaluates each expression (an empty
 * expectation makes it print what it got), and every series it returns must carry the labels the flow
 * says are certain and no label the flow says cannot be there.
 */
class LabelFlowPromtoolTest {

    private static final Pattern FAILURE = Pattern.compile("expr: (\".*?\"), time: 20m,\\s*\\n\\s*exp: nil\\s*\\n\\s*got: (.*)");
    private static final Pattern SERIES = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)?\\{([^}]*)} [^,]+(?:, |$)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");

    @Example
    void outputSeriesCarryTheLabelsTheFlowPredicts() throws IOException {
        RealTools.require(Tool.PROMTOOL);
        MetricCatalog catalog = RuleCatalog.defaults().metrics();
        LabelFlow.Metrics metrics = catalog.labelFlow();
        List<String> exprs = corpus(catalog);
        Path dir = Files.createTempDirectory("label-flow");
        try {
            Files.writeString(dir.resolve("t.yml"), testFile(catalog, exprs), StandardCharsets.UTF_8);
            Tool.Result result = Tool.PROMTOOL.run(dir, 300, "test", "rules", "t.yml");
            Map<String, String> got = new HashMap<>();
            Matcher m = FAILURE.matcher(result.output());
            while (m.find()) {
                got.put(m.group(1), m.group(2));
            }
            List<String> wrong = new ArrayList<>();
            int series = 0;
            int evaluated = 0;
            for (String expr : exprs) {
                String output = got.get(Lexer.goQuote(expr));
                if (output == null) {
                    continue;
                }
                evaluated++;
                Labels predicted = LabelFlow.of(PromQL.parse(expr), metrics);
                Matcher s = SERIES.matcher(output);
                while (s.find()) {
                    series++;
                    Set<String> actual = new LinkedHashSet<>();
                    if (s.group(1) != null) {
                        actual.add("__name__");
                    }
                    Matcher l = LABEL.matcher(s.group(2));
                    while (l.find()) {
                        actual.add(l.group(1));
                    }
                    boolean missing = !actual.containsAll(predicted.certain());
                    boolean unexpected = actual.stream().anyMatch(label -> !predicted.possibly(label));
                    if (missing || unexpected) {
                        wrong.add(expr + "\n    predicted " + predicted + "\n    got " + s.group());
                    }
                }
            }
            System.out.println("Label flow against promtool test rules: " + exprs.size() + " expressions, " + evaluated
                    + " with output, " + series + " output series checked, " + wrong.size() + " wrong");
            assertThat(wrong).as(String.join("\n", wrong)).isEmpty();
            assertThat(series).isGreaterThan(1000);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** The default rules, hand-picked cases and generated expressions over the catalog's metrics and labels. */
    private static List<String> corpus(MetricCatalog catalog) {
        Set<String> exprs = new LinkedHashSet<>();
        RuleCatalog.defaults().rules().forEach(r -> exprs.add(RuleCatalog.defaultExpr(r)));
        exprs.addAll(List.of(
                "spawn_network_bytes_total", "rate(spawn_network_bytes_total[5m])", "-spawn_idle_state",
                "spawn_idle_state > 0", "spawn_idle_state > bool 0", "spawn_idle_state atan2 2",
                "last_over_time(spawn_idle_state[5m])", "sort_desc(spawn_idle_state)",
                "sum without (interface) (rate(spawn_network_bytes_total[5m]))", "topk(2, spawn_idle_state)",
                "count_values(\"state\", spawn_idle_state)", "count_values without (instance) (\"state\", spawn_idle_state)",
                "spawn_memory_used_bytes / on(instance_id) spawn_memory_total_bytes",
                "spawn_memory_used_bytes / ignoring(job) spawn_memory_total_bytes",
                "spawn_gpu_power_watts * on(instance_id) group_left(region) spawn_cost_per_hour_dollars",
                "spawn_cost_per_hour_dollars * on(instance_id) group_right(region) spawn_gpu_power_watts",
                "spawn_gpu_power_watts or spawn_network_bytes_total", "spawn_idle_state unless spawn_idle_state{region=\"r1\"}",
                "label_replace(spawn_idle_state, \"host\", \"$1\", \"instance\", \"(.*):.*\")",
                "label_replace(spawn_idle_state, \"team\", \"ml\", \"\", \".*\")",
                "label_join(spawn_idle_state, \"id\", \"/\", \"job\", \"instance_id\")",
                "label_join(spawn_idle_state, \"id\", \"/\", \"region\")",
                "absent(spawn_idle_state{instance_id=\"none\", region=~\"us.*\"})", "absent(nonexistent{job=\"a\"})",
                "absent_over_time(nonexistent{job=\"a\"}[5m])", "vector(1)", "timestamp(spawn_idle_state)",
                "max_over_time(rate(spawn_network_bytes_total[5m])[30m:1m])", "sum(spawn_idle_state)",
                "spawn_cost_per_hour_dollars{spot=\"\"}", "group by (provider, spot) (spawn_instance_uptime_seconds)"));
        List<String> metricNames = catalog.metrics().stream().map(MetricCatalog.Metric::name).toList();
        List<String> labels = new ArrayList<>(catalog.allLabels());
        new PromQLGenerator(false, metricNames, labels).expressions(77L, 3000).stream()
                .filter(e -> PromQL.problems(e).isEmpty() && PromQL.parse(e).type() == ValueType.VECTOR)
                .filter(e -> e.chars().allMatch(c -> c >= 0x20 && c < 0x7f))
                .forEach(exprs::add);
        return List.copyOf(exprs);
    }

    /** One promtool test group: three series per metric (all, some and none of the discovery labels), one case per expression. */
    private static String testFile(MetricCatalog catalog, List<String> exprs) {
        StringBuilder y = new StringBuilder("evaluation_interval: 1m\ntests:\n- interval: 1m\n  input_series:\n");
        List<String> discovery = catalog.targetLabels().stream().filter(l -> !MetricCatalog.SCRAPE_LABELS.contains(l)).toList();
        for (MetricCatalog.Metric metric : catalog.metrics()) {
            for (int i = 0; i < 3; i++) {
                Map<String, String> labels = new TreeMap<>();
                for (String own : metric.labels()) {
                    labels.put(own, own + "-" + i);
                }
                labels.put("job", "spawn");
                labels.put("instance", "host" + i + ":9100");
                for (int d = 0; d < discovery.size(); d++) {
                    if (i == 0 || (i == 1 && d % 2 == 0)) {
                        labels.put(discovery.get(d), "r" + i);
                    }
                }
                StringBuilder series = new StringBuilder(metric.name()).append('{');
                labels.forEach((k, v) -> series.append(k).append("=\"").append(v).append("\","));
                series.setLength(series.length() - 1);
                series.append('}');
                y.append("  - series: ").append(PromtoolVerdicts.yamlQuote(series.toString())).append('\n')
                        .append("    values: '").append(metric.isCounter() ? "0+60x60" : (i + 1) + "+1x60").append("'\n");
            }
        }
        y.append("  promql_expr_test:\n");
        for (String expr : exprs) {
            y.append("  - expr: ").append(PromtoolVerdicts.yamlQuote(expr)).append("\n    eval_time: 20m\n    exp_samples: []\n");
        }
        return y.toString();
    }
}
