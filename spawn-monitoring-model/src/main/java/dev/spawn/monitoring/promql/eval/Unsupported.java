package dev.spawn.monitoring.promql.eval;

/**
 * What the in-JVM evaluator does not implement (a function, a modifier, a template action): the caller falls back to
 * promtool. Never thrown for input Prometheus itself would reject; that is an {@link EvaluationError}.
 */
public final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Unsupported(String what) {
        super(what, null, false, false);
    }
}
