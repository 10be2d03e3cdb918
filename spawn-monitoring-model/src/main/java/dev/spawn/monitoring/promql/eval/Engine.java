package dev.spawn.monitoring.promql.eval;

import dev.spawn.monitoring.promql.Expr;

/**
 * Evaluates a parsed expression at one instant as Prometheus 2.42's engine does for a rule (start = end = the
 * evaluation time, lookback delta 5 minutes). Results are exactly Prometheus' for what is implemented; anything else
 * throws {@link Unsupported}. Errors Prometheus reports at evaluation throw {@link EvaluationError}.
 */
public final class Engine {

    /** Prometheus' default lookback delta. */
    public static final long LOOKBACK_MILLIS = 5 * 60 * 1000;

    private final Storage storage;

    public Engine(Storage storage) {
        this.storage = storage;
    }

    /** {@code expr} at {@code timeMillis}. */
    public Value eval(Expr expr, long timeMillis) {
        throw new Unsupported("the in-JVM PromQL engine is not written yet");
    }
}
