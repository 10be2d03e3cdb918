package dev.spawn.monitoring.promql;

import java.util.List;

/**
 * A PromQL expression Prometheus 2.42 would reject. The message is the first problem as promtool
 * prints it ({@code 1:5: parse error: unexpected end of input}); {@link #problems()} has them all.
 */
public final class PromQLException extends RuntimeException {

    private final transient List<PromQLProblem> problems;

    public PromQLException(List<PromQLProblem> problems) {
        super(problems.isEmpty() ? "invalid expression" : problems.get(0).line() + ":" + problems.get(0).column()
                + ": parse error: " + problems.get(0).message(), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<PromQLProblem> problems() {
        return problems;
    }
}
