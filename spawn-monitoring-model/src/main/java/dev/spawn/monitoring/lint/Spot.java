package dev.spawn.monitoring.lint;

import dev.spawn.monitoring.model.decl.Internal;
import java.util.Arrays;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Where a YAML scalar's value sits in its file, character by character, so that a problem at an offset of an
 * expression or template ({@code spawn_cpu_usage_percnt} at offset 0 of {@code expr}) is reported at its own
 * line and column, also inside a {@code |} or {@code >} block. Characters are aligned by skipping the
 * whitespace, indentation and escapes YAML folds away; where the alignment is lost (an escape sequence), the
 * rest is placed at the scalar's start.
 */
@Internal
public final class Spot {

    private final Position start;
    /** Where the value's first character is in the source, or -1 when only the start is known. */
    private final int from;
    private final String value;
    private final String source;
    private final int[] lineStarts;

    private Spot(Position start, int from, String value, String source, int[] lineStarts) {
        this.start = start;
        this.from = from;
        this.value = value;
        this.source = source;
        this.lineStarts = lineStarts;
    }

    /** The scalar's start only (no per-character positions). */
    public static Spot at(Position start) {
        return new Spot(start, -1, "", null, null);
    }

    /** A file's text with where its lines start, worked out once for all the scalars placed in it. */
    public static final class Text {
        private final String file;
        private final String source;
        private int[] lineStarts;

        public Text(String file, String source) {
            this.file = file;
            this.source = source;
        }

        /** The position of {@code node} in this text, character by character. */
        public Spot of(Node node) {
            if (lineStarts == null && source != null) {
                lineStarts = lineStarts(source);
            }
            return Spot.of(file, node, source, lineStarts);
        }
    }

    /** The position of {@code node} in {@code source} (the file's text, named {@code file}), character by character. */
    public static Spot of(String file, Node node, String source) {
        return new Text(file, source).of(node);
    }

    private static Spot of(String file, Node node, String source, int[] lineStarts) {
        Mark mark = node.getStartMark();
        Position start = new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
        if (!(node instanceof ScalarNode scalar) || source == null || mark.getLine() >= lineStarts.length) {
            return at(start);
        }
        int s = lineStarts[mark.getLine()] + mark.getColumn();
        DumperOptions.ScalarStyle style = scalar.getScalarStyle();
        if (style == DumperOptions.ScalarStyle.SINGLE_QUOTED || style == DumperOptions.ScalarStyle.DOUBLE_QUOTED) {
            s++;
        } else if (style == DumperOptions.ScalarStyle.LITERAL || style == DumperOptions.ScalarStyle.FOLDED) {
            while (s < source.length() && source.charAt(s) != '\n') {
                s++; // the block header: | or >, chomping and indentation indicators, a comment
            }
        }
        return new Spot(start, s, scalar.getValue(), source, lineStarts);
    }

    /** Where the value's character at {@code offset} is (just after the last one for its length); the start when unknown. */
    public Position at(int offset) {
        if (from < 0 || offset < 0 || offset > value.length() || offset == 0 && value.isEmpty()) {
            return start;
        }
        String file = start.file();
        int s = from;
        for (int v = 0; v <= offset && v < value.length(); v++) {
            char c = value.charAt(v);
            if (!Character.isWhitespace(c)) {
                while (s < source.length() && source.charAt(s) != c
                        && (Character.isWhitespace(source.charAt(s)) || source.charAt(s) == '\\' && v > 0)) {
                    s++;
                }
                if (s >= source.length() || source.charAt(s) != c) {
                    return start; // an escape sequence: the alignment is lost
                }
            }
            if (v == offset) {
                return position(file, lineStarts, s);
            }
            if (!Character.isWhitespace(c) || s < source.length() && source.charAt(s) == c) {
                s++;
            }
        }
        // just after the last character
        Position last = at(value.length() - 1);
        return last == start ? start : new Position(last.file(), last.line(), last.column() + 1);
    }

    private static int[] lineStarts(String source) {
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, n);
    }

    private static Position position(String file, int[] lineStarts, int index) {
        int line = Arrays.binarySearch(lineStarts, index);
        if (line < 0) {
            line = -line - 2;
        }
        return new Position(file, line + 1, index - lineStarts[line] + 1);
    }

    /** Where the scalar starts. */
    public Position start() {
        return start;
    }
}
