package dev.spawn.monitoring.promql;

/**
 * Where a node sits in the expression text: character offsets {@code [start, end)} and the 1-based
 * line and column of its start (an expression from a YAML block scalar spans lines).
 */
public record Span(int start, int end, int line, int column) {

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
