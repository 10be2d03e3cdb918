package dev.spawn.monitoring.scale;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.decl.Internal;
import dev.spawn.monitoring.model.ScaleOut;
import dev.spawn.monitoring.model.ScaleOut.Tier;
import dev.spawn.monitoring.rules.MetricCatalog;
import dev.spawn.monitoring.rules.RuleCatalog;
import dev.spawn.monitoring.rules.RuleSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code docs/scale-out.md}: the defaults' rule split and the capacity plan, generated so they cannot drift from the code. */
@Internal
public final class ScaleOutDocs {

    /** The fleet sizes the plan is given for. */
    public static final List<Long> FLEETS = List.of(1_000L, 10_000L, 100_000L);

    private ScaleOutDocs() {
    }

    public static String render() {
        MetricCatalog catalog = RuleCatalog.defaults().metrics();
        RuleSplit split = RuleSplit.of(RuleSet.defaults().ruleFiles(), catalog.labelFlow(), Map.of());
        StringBuilder out = new StringBuilder();
        out.append("# Scale-out: the rule split and capacity on paper\n\n")
                .append("Generated from the code (`ScaleOutDocs`); `mvn test -Dgolden.update=true` rewrites it. See the README,\n")
                .append("section \"Scale-out\", for the `scale_out:` spec section and how to run the processes.\n\n")
                .append("## Which tier evaluates each default rule (engine prometheus)\n\n")
                .append("A rule stays on the shards when every series it computes is about one target: its output keeps\n")
                .append("`instance` or `instance_id`, every aggregation inside groups by one of them, and it asks no `absent()`.\n")
                .append("Everything else needs the whole fleet and runs once on the global tier. `rules.<name>.tier`\n")
                .append("overrides the analysis. With engine victoriametrics vmalert evaluates every rule against\n")
                .append("victoria-metrics, which holds every shard's samples: nothing is split.\n\n")
                .append(split.rules(Tier.SHARD).size()).append(" on the shards, ").append(split.rules(Tier.GLOBAL).size())
                .append(" on the global tier.\n\n")
                .append("| rule | tier | why |\n|---|---|---|\n");
        split.decisions().forEach(d -> out.append("| ").append(d.rule()).append(" | ").append(d.tier().id()).append(" | ")
                .append(d.why()).append(" |\n"));
        out.append("\n## Series per instance\n\n")
                .append("Each metric of `rule-definitions/metrics.yaml` times the values of its labels other than\n")
                .append("`instance_id`, plus the ").append(Capacity.SCRAPE_SERIES.size()).append(" series Prometheus adds to every target (")
                .append(String.join(", ", Capacity.SCRAPE_SERIES.stream().map(s -> "`" + s + "`").toList())).append(").\n")
                .append("vmagent (engine victoriametrics) adds one more, `scrape_timeout_seconds`. `ScaleOutTest` serves exactly\n")
                .append("the CPU profile from six fake agents and counts the series of each agent on the global tier: the count\n")
                .append("must equal this number (and one more in victoria-metrics, `ScaleOutVictoriaMetricsTest`).\n\n");
        List<Capacity> profiles = List.of(Capacity.cpuInstance(), Capacity.gpuInstance(4));
        out.append("| metric | labels | ").append(String.join(" | ", profiles.stream().map(Capacity::profile).toList()))
                .append(" |\n|---|---|").append("---|".repeat(profiles.size())).append('\n');
        for (MetricCatalog.Metric m : catalog.metrics()) {
            out.append("| `").append(m.name()).append("` | ").append(String.join(", ", m.labels())).append(" |");
            profiles.forEach(p -> out.append(' ').append(p.seriesByMetric(catalog).get(m.name())).append(" |"));
            out.append('\n');
        }
        out.append("| scrape series | | ");
        profiles.forEach(p -> out.append(Capacity.SCRAPE_SERIES.size()).append(" | "));
        out.setLength(out.length() - 1);
        out.append("\n| **total** | | ");
        profiles.forEach(p -> out.append("**").append(p.seriesPerInstance(catalog)).append("** | "));
        out.setLength(out.length() - 1);
        Duration interval = Duration.ofSeconds(60);
        out.append("\n\n## Fleets\n\n")
                .append("Scraped every ").append(interval).append(" (the defaults), ").append(String.format(Locale.ROOT, "%,d",
                        Capacity.SERIES_PER_SHARD)).append(" head series per scraping shard (a few GiB of memory at\n")
                .append("Prometheus' 3-4 KiB per series, with room for churn). The global tier of engine prometheus receives\n")
                .append("every shard's samples, so it holds the whole fleet's series: past a few million series, use engine\n")
                .append("victoriametrics, whose storage holds far more per node.\n\n")
                .append("| profile | instances | active series | samples/s | scraping shards |\n|---|---|---|---|---|\n");
        for (Capacity p : profiles) {
            for (long fleet : FLEETS) {
                Capacity.Plan plan = p.plan(catalog, fleet, interval, ScaleOut.Engine.PROMETHEUS);
                out.append("| ").append(p.profile()).append(" | ").append(String.format(Locale.ROOT, "%,d", fleet)).append(" | ")
                        .append(String.format(Locale.ROOT, "%,d", plan.series())).append(" | ")
                        .append(String.format(Locale.ROOT, "%,.0f", plan.samplesPerSecond())).append(" | ").append(plan.shards())
                        .append(" |\n");
            }
        }
        return out.toString();
    }
}
