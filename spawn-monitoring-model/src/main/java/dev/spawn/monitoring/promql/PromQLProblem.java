package dev.spawn.monitoring.promql;

/** One thing wrong with a PromQL expression: where (1-based line and column in the expression) and Prometheus' message. */
public record PromQLProblem(int line, int column, int offset, String message) {

    @Override
    public String toString() {
        return line + ":" + column + ": " + message;
    }
}
