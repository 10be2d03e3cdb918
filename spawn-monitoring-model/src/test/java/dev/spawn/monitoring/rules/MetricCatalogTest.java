package dev.spawn.monitoring.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every default expression uses only catalogued metrics and labels, and rate()/increase() only on counters. */
class MetricCatalogTest {

    private static final Pattern METRIC = Pattern.compile("\\b(spawn_[a-z0-9_]+)");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)\\s*\"");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern COUNTER_FUNCTION = Pattern.compile("\\b(rate|irate|increase)\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");

    private final MetricCatalog catalog = RuleCatalog.defaults().metrics();

    @Test
    void everyExpressionUsesOnlyCataloguedMetricsAndLabels() {
        Set<String> labels = catalog.allLabels();
        List<String> problems = new ArrayList<>();
        for (RuleDefinition rule : RuleCatalog.defaults().rules()) {
            String expr = RuleCatalog.defaultExpr(rule);
            scan(METRIC, expr, m -> catalog.metric(m.group(1)).isEmpty(), rule.name() + ": unknown metric ", problems);
            scan(MATCHER, expr, m -> !labels.contains(m.group(1)), rule.name() + ": unknown label ", problems);
            Matcher g = GROUPING.matcher(expr);
            while (g.find()) {
                for (String label : g.group(1).split(",")) {
                    if (!label.isBlank() && !labels.contains(label.trim())) {
                        problems.add(rule.name() + ": unknown label " + label.trim());
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void rateAndIncreaseOnlyOnCounters() {
        List<String> problems = new ArrayList<>();
        int uses = 0;
        for (RuleDefinition rule : RuleCatalog.defaults().rules()) {
            Matcher m = COUNTER_FUNCTION.matcher(RuleCatalog.defaultExpr(rule));
            while (m.find()) {
                uses++;
                if (!catalog.metric(m.group(2)).map(MetricCatalog.Metric::isCounter).orElse(false)) {
                    problems.add(rule.name() + ": " + m.group(1) + "() over " + m.group(2) + ", which is not a counter");
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(uses).as("HighNetworkThroughput and HighDiskIO use rate()").isEqualTo(2);
    }

    @Test
    void catalogHoldsTheFleetFactsMetrics() {
        assertThat(catalog.metrics()).hasSize(23);
        assertThat(catalog.metric("spawn_network_bytes_total")).hasValueSatisfying(m -> assertThat(m.isCounter()).isTrue());
        assertThat(catalog.metric("spawn_cost_per_hour_dollars")).hasValueSatisfying(m -> assertThat(m.isCounter()).isFalse());
        assertThat(catalog.targetLabels()).contains("region", "instance_type", "spot", "job_array_id", "provider");
    }

    private static void scan(Pattern pattern, String expr, java.util.function.Predicate<Matcher> bad, String message,
            List<String> problems) {
        Matcher m = pattern.matcher(expr);
        while (m.find()) {
            if (bad.test(m)) {
                problems.add(message + m.group(1));
            }
        }
    }
}
