package dev.spawn.monitoring.promql.eval;

import dev.spawn.monitoring.promql.Expr;
import java.util.List;

/**
 * The series a query reads. An evaluation at time {@code t} must not see samples after the storage's {@link #maxTime()}:
 * promtool's test loader appends the samples up to each evaluation time only, so an {@code @ end()} or a negative
 * offset sees no further.
 */
public interface Storage {

    /** Every series whose labels match all {@code matchers} (a selector's written metric name is a {@code __name__} matcher). */
    List<Series> select(List<Expr.Matcher> matchers);

    /** The last timestamp (milliseconds) whose samples are visible; {@link Long#MAX_VALUE} for all. */
    long maxTime();
}
