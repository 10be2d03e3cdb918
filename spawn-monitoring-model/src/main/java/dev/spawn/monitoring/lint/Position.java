package dev.spawn.monitoring.lint;

/** A place in a file: its name as the user knows it, and the 1-based line and column. */
public record Position(String file, int line, int column) implements Comparable<Position> {

    @Override
    public int compareTo(Position o) {
        int c = file.compareTo(o.file);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(line, o.line);
        return c != 0 ? c : Integer.compare(column, o.column);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
