package dev.spawn.monitoring.promql;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

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

    /** Above this many parentheses an expression is parsed on a thread with a large stack (the parser recurses). */
    private static final int DEEP = 200;
    private static final long LARGE_STACK = 512L * 1024 * 1024;

    private PromQL() {
    }

    /** The expression, or a {@link PromQLException} listing every problem Prometheus would report. */
    public static Expr parse(String expression) {
        Parser parser = new Parser(expression);
        var expr = run(parser);
        if (!parser.problems().isEmpty() || expr.isEmpty()) {
            throw new PromQLException(parser.problems());
        }
        return expr.get();
    }

    /** Every problem with the expression (syntax, then types), in order; empty when Prometheus accepts it. */
    public static List<PromQLProblem> problems(String expression) {
        Parser parser = new Parser(expression);
        run(parser);
        return List.copyOf(parser.problems());
    }

    /**
     * The expression parsed, with its syntax problems (the parser's: no tree) and type problems
     * (Prometheus' checkAST, found on a tree that parsed) told apart, as {@code promql/syntax} and
     * {@code promql/type} report them.
     */
    public static Analysis analyse(String expression) {
        Parser parser = new Parser(expression);
        var expr = run(parser);
        List<PromQLProblem> all = List.copyOf(parser.problems());
        if (parser.typeChecked()) {
            return new Analysis(all.isEmpty() ? expr : java.util.Optional.empty(), List.of(), all, expr);
        }
        return new Analysis(java.util.Optional.empty(), all, List.of(), java.util.Optional.empty());
    }

    /**
     * What {@link #analyse} found: {@code expr} when Prometheus accepts the expression; {@code parsed} the tree
     * even when only its types are wrong.
     */
    public record Analysis(java.util.Optional<Expr> expr, List<PromQLProblem> syntax, List<PromQLProblem> types,
            java.util.Optional<Expr> parsed) {
    }

    private static java.util.Optional<Expr> run(Parser parser) {
        if (parser.parentheses() <= DEEP) {
            return parser.parseGuarded();
        }
        // Prometheus, on Go's growing stacks, accepts any nesting; a thread with a large stack gets close.
        AtomicReference<java.util.Optional<Expr>> result = new AtomicReference<>(java.util.Optional.empty());
        Thread thread = new Thread(null, () -> result.set(parser.parseGuarded()), "promql-deep", LARGE_STACK);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing", e);
        }
        return result.get();
    }
}
