package dev.spawn.monitoring.lint;

import dev.spawn.monitoring.model.decl.Internal;
import dev.spawn.monitoring.rules.MetricCatalog;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a spec says about linting: metrics beyond spored's catalog ({@code metrics:}, checked like spored's
 * once declared) and the severity of each check ({@code lint.checks}).
 */
@Internal
public record LintSettings(List<MetricCatalog.Metric> metrics, Map<Check, Check.Severity> severities) {

    public static final LintSettings DEFAULTS = new LintSettings(List.of(), Map.of());

    public LintSettings {
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        Map<Check, Check.Severity> copy = new EnumMap<>(Check.class);
        if (severities != null) {
            copy.putAll(severities);
        }
        severities = java.util.Collections.unmodifiableMap(copy);
    }

    public LintSettings withMetric(MetricCatalog.Metric metric) {
        List<MetricCatalog.Metric> more = new java.util.ArrayList<>(metrics);
        more.removeIf(m -> m.name().equals(metric.name()));
        more.add(metric);
        return new LintSettings(more, severities);
    }

    public LintSettings withSeverity(Check check, Check.Severity severity) {
        Map<Check, Check.Severity> more = new EnumMap<>(Check.class);
        more.putAll(severities);
        more.put(check, severity);
        return new LintSettings(metrics, more);
    }
}
