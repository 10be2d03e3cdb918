package dev.spawn.monitoring.promql;

import java.util.List;

/**
 * Entry point: parses and type-checks PromQL exactly as Prometheus 2.42 (and so {@code promtool
 * check rules}) does, into a typed {@link Expr} tree with positions.
 *
 * <pre>{@code
 * Expr e = PromQL.parse("sum by (region) (rate(spawn_cost_total[5m])) > 10");
 * List<PromQLProblem> problems = PromQL.problems("rate(x[5m]) > bool");   // all problems, empty when valid
 * }</pre>
 */
public final class PromQL {

    private PromQL() {
    }

    /** The expression, or a {@link PromQLException} listing every problem Prometheus would report. */
    public static Expr parse(String expression) {
        Parser parser = new Parser(expression);
        var expr = parser.parse();
        if (!parser.problems().isEmpty() || expr.isEmpty()) {
            throw new PromQLException(parser.problems());
        }
        return expr.get();
    }

    /** Every problem with the expression (syntax, then types), in order; empty when Prometheus accepts it. */
    public static List<PromQLProblem> problems(String expression) {
        Parser parser = new Parser(expression);
        parser.parse();
        return List.copyOf(parser.problems());
    }
}
