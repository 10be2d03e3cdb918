package dev.spawn.monitoring.lint;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The checks of {@code spawn:lint}, each with the name a finding carries, the severity it has unless the
 * spec's {@code lint.checks} changes it, and what it finds. Docs and the spec's allowed values derive
 * from this list.
 */
public enum Check {
    PROMQL_SYNTAX("promql/syntax", Severity.ERROR, "the expression does not parse as PromQL 2.42"),
    PROMQL_TYPE("promql/type", Severity.ERROR, "the expression parses but its types do not fit (a range vector compared, a string summed)"),
    METRIC_UNKNOWN("metric/unknown", Severity.ERROR,
            "a metric of a catalogued namespace (spawn_, or one the spec's metrics: declares) that is not in the catalog"),
    METRIC_LABEL("metric/label", Severity.ERROR, "a matcher on a label the metric never carries"),
    RATE_GAUGE("rate/gauge", Severity.ERROR, "rate, irate, increase or resets over a gauge"),
    COUNTER_RAW("counter/raw", Severity.WARNING, "a counter's raw value compared, without rate or increase"),
    RATE_RANGE("rate/range", Severity.ERROR, "a rate-like range under twice the scrape interval: fewer than two samples, no result"),
    LABELS_ROUTE("labels/route", Severity.ERROR,
            "a route's matchers or group_by name a label the alerts it is meant for can never carry"),
    LABELS_INHIBIT("labels/inhibit", Severity.ERROR,
            "an inhibition's matchers or equal name a label the source or target alerts can never carry"),
    LABELS_TEMPLATE("labels/template", Severity.WARNING,
            "a receiver template reads .CommonLabels.x or .GroupLabels.x that the alerts routed to it cannot carry"),
    TEMPLATE_LABEL("template/label", Severity.WARNING, "$labels.x in a template where the expression's output cannot carry x"),
    TEMPLATE_VALUE_IN_LABEL("template/value-in-label", Severity.ERROR,
            "$value in a label: a new alert at every evaluation, never resolved"),
    TEMPLATE_SYNTAX("template/syntax", Severity.ERROR, "a Go template that does not parse"),
    ALERT_ALWAYS_FIRES("alert/always-fires", Severity.WARNING, "no comparison or filter: the alert fires for every series"),
    ALERT_NEVER_FIRES("alert/never-fires", Severity.ERROR,
            "a comparison outside the metric's value range, or matchers that cannot match"),
    STYLE_NAME("style/name", Severity.WARNING, "an alert name that is not CamelCase"),
    STYLE_SEVERITY("style/severity", Severity.WARNING, "a severity the routing does not know, or none"),
    STYLE_ANNOTATIONS("style/annotations", Severity.WARNING, "summary or description missing");

    /** How a finding counts: errors fail {@code spawn:lint}, {@code generate} and {@code check}; {@code off} drops the check. */
    public enum Severity {
        ERROR, WARNING, OFF;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String id;
    private final Severity severity;
    private final String description;

    Check(String id, Severity severity, String description) {
        this.id = id;
        this.severity = severity;
        this.description = description;
    }

    /** The name findings carry and {@code # spawn:ignore} and {@code lint.checks} use: {@code metric/unknown}. */
    public String id() {
        return id;
    }

    public Severity defaultSeverity() {
        return severity;
    }

    public String description() {
        return description;
    }

    public static Optional<Check> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Check::id).toList();
    }
}
