package dev.spawn.monitoring.grafana;

import java.util.Objects;

/**
 * A template variable of a dashboard: the data source picker, or a query variable filled from
 * Prometheus ({@code label_values(spawn_instance_uptime_seconds, region)}). {@code sample} is the
 * value the checks substitute for it before promtool parses a query ({@code us-east-1}).
 */
public record Variable(String name, Kind kind, String label, String query, boolean multi, boolean includeAll, String sample) {

    public enum Kind { DATASOURCE, QUERY }

    public Variable {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(query, "query");
        if (name == null || !name.matches("[a-zA-Z_][a-zA-Z0-9_]*") || name.startsWith("__")) {
            throw new IllegalArgumentException("variable name '" + name + "' is not legal; expected [a-zA-Z_][a-zA-Z0-9_]*"
                    + " not starting with __ (Grafana's own variables)");
        }
        label = label == null ? name : label;
        sample = sample == null ? "" : sample;
    }

    /** The Prometheus data source picker, {@code $datasource}; every panel queries the chosen one. */
    public static Variable datasource() {
        return new Variable("datasource", Kind.DATASOURCE, "Data source", "prometheus", false, false, "");
    }

    /** A query variable over the values of one label. */
    public static Variable labelValues(String name, String label, String selector, String labelName, boolean multi,
            String sample) {
        return new Variable(name, Kind.QUERY, label, "label_values(" + selector + ", " + labelName + ")", multi, multi, sample);
    }
}
