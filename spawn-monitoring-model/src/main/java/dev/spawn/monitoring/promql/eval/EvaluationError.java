package dev.spawn.monitoring.promql.eval;

/**
 * An error Prometheus' engine reports while evaluating (many-to-many matching, duplicate series after dropping the
 * metric name, ...): the rule's evaluation fails at that instant, as it does in Prometheus.
 */
public final class EvaluationError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EvaluationError(String message) {
        super(message, null, false, false);
    }
}
