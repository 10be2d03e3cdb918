package dev.spawn.monitoring.grafana;

import dev.spawn.monitoring.model.DidYouMean;
import dev.spawn.monitoring.promql.Expr;
import dev.spawn.monitoring.promql.PromQL;
import dev.spawn.monitoring.rules.MetricCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a PromQL query (template variables already substituted) against the metric catalogue:
 * every metric it selects exists, every label in a matcher exists on that metric or is a target
 * label, every label of {@code by}/{@code without} exists on a metric the aggregation reads, every
 * label of {@code on}/{@code ignoring}/{@code group_left}/{@code group_right} on a metric of the
 * query, and {@code rate}/{@code irate}/{@code increase} read counters. Besides spored's metrics,
 * Prometheus' own {@code ALERTS} (the rules' labels) and {@code up} are known.
 *
 * <p>The query is parsed with {@link PromQL}; one that does not parse yields no finding here (promtool
 * reports it, {@link DashboardQueries}).
 */
final class QueryLint {

    private static final Set<String> COUNTER_FUNCTIONS = Set.of("rate", "irate", "increase");
    private static final Set<String> LABEL_WRITERS = Set.of("label_replace", "label_join");
    /** Labels every alert of the spawn rules carries besides those of its expression's series. */
    private static final List<String> ALERT_LABELS = List.of("alertname", "alertstate", "severity", "component", "category");

    private final Map<String, Set<String>> labelsByMetric = new HashMap<>();
    private final Set<String> counters = new TreeSet<>();
    private final Set<String> allLabels;

    QueryLint(MetricCatalog catalog) {
        this(catalog, Set.of());
    }

    /** {@code alertLabels}: the labels the bundle's alerting rules set (a custom {@code team}, say), which ALERTS carries too. */
    QueryLint(MetricCatalog catalog, Set<String> alertLabels) {
        for (MetricCatalog.Metric metric : catalog.metrics()) {
            Set<String> labels = new TreeSet<>(metric.labels());
            labels.addAll(catalog.targetLabels());
            labelsByMetric.put(metric.name(), labels);
            if (metric.isCounter()) {
                counters.add(metric.name());
            }
        }
        Set<String> alerts = new TreeSet<>(catalog.allLabels());
        alerts.addAll(ALERT_LABELS);
        alerts.addAll(alertLabels);
        labelsByMetric.put("ALERTS", alerts);
        labelsByMetric.put("up", new TreeSet<>(catalog.targetLabels()));
        allLabels = new TreeSet<>(catalog.allLabels());
        allLabels.addAll(alerts);
    }

    /** What is wrong with the query, one sentence each; empty when it is fine. */
    List<String> check(String query) {
        PromQL.Analysis analysis = PromQL.analyse(query);
        if (analysis.parsed().isEmpty()) {
            return List.of();
        }
        Expr root = analysis.parsed().get();
        List<String> findings = new ArrayList<>();
        Set<String> written = new TreeSet<>();
        walk(root, e -> {
            if (e instanceof Expr.Call c && LABEL_WRITERS.contains(c.function().name()) && c.args().size() > 1
                    && unparen(c.args().get(1)) instanceof Expr.StringLiteral s) {
                written.add(s.value());
            }
        });
        walk(root, e -> {
            if (e instanceof Expr.VectorSelector vs) {
                selector(vs, findings);
            } else if (e instanceof Expr.Call c && COUNTER_FUNCTIONS.contains(c.function().name())) {
                counter(c, findings);
            } else if (e instanceof Expr.Aggregate a && a.groupingGiven()) {
                labels(a.without() ? "without" : "by", a.grouping(), metrics(a.expr()), "it aggregates", written, findings);
            } else if (e instanceof Expr.Binary b && b.matching().isPresent()) {
                Expr.VectorMatching m = b.matching().get();
                List<String> over = metrics(root);
                if (m.labelsGiven()) {
                    labels(m.on() ? "on" : "ignoring", m.labels(), over, "of the query", written, findings);
                }
                if (!m.include().isEmpty()) {
                    labels(m.card() == Expr.Cardinality.MANY_TO_ONE ? "group_left" : "group_right", m.include(), over,
                            "of the query", written, findings);
                }
            }
        });
        return findings;
    }

    private void selector(Expr.VectorSelector vs, List<String> findings) {
        String name = vs.metricName().orElse(null);
        if (name != null && !labelsByMetric.containsKey(name)) {
            findings.add("unknown metric '" + name + "'" + DidYouMean.hint(name, new TreeSet<>(labelsByMetric.keySet())));
            return; // the unknown metric is the mistake; its matchers cannot be judged
        }
        Set<String> available = name != null ? labelsByMetric.get(name) : allLabels;
        Set<String> seen = new LinkedHashSet<>();
        for (Expr.Matcher m : vs.matchers()) {
            if (!m.name().equals("__name__") && seen.add(m.name()) && !available.contains(m.name())) {
                findings.add("label '" + m.name() + "' does not exist on " + (name == null ? "any catalogued metric" : name)
                        + DidYouMean.hint(m.name(), available));
            }
        }
    }

    private void counter(Expr.Call c, List<String> findings) {
        if (c.args().isEmpty() || !(unparen(c.args().get(0)) instanceof Expr.MatrixSelector ms)
                || !(ms.selector() instanceof Expr.VectorSelector vs)) {
            return;
        }
        vs.metricName().filter(labelsByMetric::containsKey).filter(m -> !counters.contains(m))
                .ifPresent(m -> findings.add(c.function().name() + "() over '" + m + "', which is not a counter; expected one of "
                        + String.join(", ", counters)));
    }

    /** {@code by}/{@code without}/{@code on}/... labels that none of the metrics read has (nor a label_replace writes). */
    private void labels(String keyword, List<String> labels, List<String> over, String what, Set<String> written,
            List<String> findings) {
        Set<String> available = new TreeSet<>(written);
        over.stream().filter(labelsByMetric::containsKey).forEach(m -> available.addAll(labelsByMetric.get(m)));
        if (over.stream().noneMatch(labelsByMetric::containsKey)) {
            available.addAll(allLabels);
        }
        for (String label : labels) {
            if (!available.contains(label)) {
                findings.add(keyword + " (" + label + "): no metric " + what + " (" + String.join(", ", over) + ") has label '"
                        + label + "'" + DidYouMean.hint(label, available));
            }
        }
    }

    /** The metric names an expression reads, sorted. */
    private static List<String> metrics(Expr e) {
        Set<String> names = new TreeSet<>();
        walk(e, x -> {
            if (x instanceof Expr.VectorSelector vs) {
                vs.metricName().ifPresent(names::add);
            }
        });
        return List.copyOf(names);
    }

    private static Expr unparen(Expr e) {
        Expr inner = e;
        while (inner instanceof Expr.Paren p) {
            inner = p.expr();
        }
        return inner;
    }

    private static void walk(Expr e, java.util.function.Consumer<Expr> visit) {
        visit.accept(e);
        if (e instanceof Expr.MatrixSelector m) {
            walk(m.selector(), visit);
        } else if (e instanceof Expr.Subquery s) {
            walk(s.expr(), visit);
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(a -> walk(a, visit));
        } else if (e instanceof Expr.Aggregate a) {
            a.param().ifPresent(p -> walk(p, visit));
            walk(a.expr(), visit);
        } else if (e instanceof Expr.Binary b) {
            walk(b.lhs(), visit);
            walk(b.rhs(), visit);
        } else if (e instanceof Expr.Unary u) {
            walk(u.expr(), visit);
        } else if (e instanceof Expr.Paren p) {
            walk(p.expr(), visit);
        }
    }
}
