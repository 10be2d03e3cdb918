package dev.spawn.monitoring.lint;

import dev.spawn.monitoring.model.decl.Internal;
import dev.spawn.monitoring.model.prometheus.PrometheusConfig;
import dev.spawn.monitoring.model.prometheus.RelabelConfig;
import dev.spawn.monitoring.model.prometheus.ScrapeConfig;
import dev.spawn.monitoring.model.prometheus.StaticConfig;
import dev.spawn.monitoring.promql.LabelFlow;
import dev.spawn.monitoring.promql.Labels;
import dev.spawn.monitoring.rules.MetricCatalog;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What rules are linted against: the metric catalog (spored's, extended by the spec's {@code metrics:}), the
 * namespaces it speaks for, the target labels the scrape jobs' discovery and relabelling attach, each job's
 * scrape interval, the external labels and alert relabelling that shape what Alertmanager sees, and the
 * severity of each check.
 */
@Internal
public final class LintContext {

    /** What Prometheus and Alertmanager default to when a configuration says nothing. */
    static final long DEFAULT_SCRAPE_INTERVAL = 60_000;

    private final MetricCatalog catalog;
    private final Map<String, MetricCatalog.Metric> metrics;
    private final Set<String> namespaces = new TreeSet<>();
    private final Set<String> targetLabels = new TreeSet<>();
    private final boolean anyTargetLabel;
    private final Map<String, Long> jobIntervals = new LinkedHashMap<>();
    private final long defaultInterval;
    private final Map<String, String> externalLabels;
    private final List<RelabelConfig> alertRelabel;
    private final Map<Check, Check.Severity> severities = new EnumMap<>(Check.class);
    private final LabelFlow.Metrics labelFlow;

    private LintContext(MetricCatalog catalog, PrometheusConfig config, Map<Check, Check.Severity> overrides) {
        this.catalog = catalog;
        this.metrics = catalog.byName();
        namespaces.add("spawn");
        catalog.metrics().forEach(m -> namespaces.add(namespace(m.name())));
        targetLabels.addAll(catalog.targetLabels());
        boolean any = false;
        long global = DEFAULT_SCRAPE_INTERVAL;
        Map<String, String> external = Map.of();
        List<RelabelConfig> relabel = List.of();
        if (config != null) {
            if (config.global() != null && config.global().scrapeInterval() != null) {
                global = config.global().scrapeInterval().millis();
            }
            external = config.global() == null || config.global().externalLabels() == null ? Map.of()
                    : config.global().externalLabels();
            relabel = config.alerting() == null || config.alerting().alertRelabelConfigs() == null ? List.of()
                    : config.alerting().alertRelabelConfigs();
            for (ScrapeConfig job : config.scrapeConfigs()) {
                jobIntervals.put(job.jobName(), job.scrapeInterval() == null ? global : job.scrapeInterval().millis());
                for (RelabelConfig r : job.relabelConfigs() == null ? List.<RelabelConfig>of() : job.relabelConfigs()) {
                    RelabelConfig.Action action = r.action() == null ? RelabelConfig.Action.REPLACE : r.action();
                    if (action == RelabelConfig.Action.LABELMAP) {
                        any = true;
                    } else if (r.targetLabel() != null && !r.targetLabel().startsWith("__")) {
                        targetLabels.add(r.targetLabel());
                    }
                }
                for (var d : job.discovery() == null ? List.<dev.spawn.monitoring.model.prometheus.Discovery>of() : job.discovery()) {
                    if (d instanceof StaticConfig s && s.labels() != null) {
                        targetLabels.addAll(s.labels().keySet());
                    }
                }
            }
        }
        this.anyTargetLabel = any;
        this.defaultInterval = global;
        this.externalLabels = Map.copyOf(external);
        this.alertRelabel = List.copyOf(relabel);
        overrides.forEach(severities::put);
        Map<String, Set<String>> own = new HashMap<>();
        catalog.metrics().forEach(m -> own.put(m.name(), Set.copyOf(m.labels())));
        Set<String> possible = new TreeSet<>(targetLabels);
        possible.removeAll(MetricCatalog.SCRAPE_LABELS);
        LabelFlow.Metrics base = LabelFlow.Metrics.of(own, MetricCatalog.SCRAPE_LABELS, possible);
        LabelFlow.Metrics flow = any ? name -> base.labels(name).map(l -> new Labels(l.certain(), l.possible(), true)) : base;
        // Labels are immutable: each metric's are worked out once per context, not once per selector of every rule
        Map<String, Optional<Labels>> known = new java.util.concurrent.ConcurrentHashMap<>();
        this.labelFlow = name -> known.computeIfAbsent(name, flow::labels);
    }

    /**
     * The context of a bundle or of rule files checked beside it: {@code catalog} with the spec's metrics, the
     * Prometheus configuration (null: Prometheus' defaults and the catalog's target labels), and the
     * severities the spec's {@code lint.checks} sets.
     */
    public static LintContext of(MetricCatalog catalog, PrometheusConfig config, Map<Check, Check.Severity> severities) {
        return new LintContext(catalog, config, severities == null ? Map.of() : severities);
    }

    static String namespace(String metric) {
        int cut = metric.indexOf('_');
        return cut < 0 ? metric : metric.substring(0, cut);
    }

    /** Whether the catalog speaks for this metric's namespace, so an unknown name in it is a mistake. */
    boolean catalogued(String metric) {
        return namespaces.contains(namespace(metric));
    }

    Optional<MetricCatalog.Metric> metric(String name) {
        return Optional.ofNullable(metrics.get(name));
    }

    Set<String> metricNames() {
        return metrics.keySet();
    }

    MetricCatalog catalog() {
        return catalog;
    }

    /** Whether a series of {@code metric} may carry {@code label}: its own, a target label, or anything after a labelmap. */
    boolean mayCarry(MetricCatalog.Metric metric, String label) {
        return anyTargetLabel || label.equals("__name__") || metric.labels().contains(label) || targetLabels.contains(label);
    }

    Set<String> labelsOf(MetricCatalog.Metric metric) {
        Set<String> all = new TreeSet<>(metric.labels());
        all.addAll(targetLabels);
        return all;
    }

    LabelFlow.Metrics labelFlow() {
        return labelFlow;
    }

    /** The scrape interval of {@code job}, or the longest of all jobs when the selector does not name one. */
    long scrapeInterval(Optional<String> job) {
        if (job.isPresent() && jobIntervals.containsKey(job.get())) {
            return jobIntervals.get(job.get());
        }
        return jobIntervals.values().stream().mapToLong(Long::longValue).max().orElse(defaultInterval);
    }

    Map<String, String> externalLabels() {
        return externalLabels;
    }

    List<RelabelConfig> alertRelabel() {
        return alertRelabel;
    }

    Check.Severity severity(Check check) {
        return severities.getOrDefault(check, check.defaultSeverity());
    }
}
