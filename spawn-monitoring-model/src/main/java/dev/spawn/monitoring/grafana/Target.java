package dev.spawn.monitoring.grafana;

import java.util.Objects;

/**
 * One query of a panel: a PromQL expression that may use the dashboard's template variables
 * ({@code $region}, {@code ${instance_id}}) and Grafana's built-in ones ({@code $__rate_interval}).
 * {@code instant} asks for the latest value only (tables, pie charts); {@code legendFormat} names
 * each series ({@code {{region}}}).
 */
public record Target(String refId, String expr, String legendFormat, boolean instant) {

    public Target {
        Objects.requireNonNull(refId, "refId");
        Objects.requireNonNull(expr, "expr");
        if (!refId.matches("[A-Z]")) {
            throw new IllegalArgumentException("refId '" + refId + "' is not a letter A to Z");
        }
        if (expr.isBlank()) {
            throw new IllegalArgumentException("query " + refId + " has an empty expression");
        }
        legendFormat = legendFormat == null ? "" : legendFormat;
    }
}
