package dev.spawn.monitoring.lint;

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
public final class Spot {

    private final Position start;
    private final Position[] chars;

    private Spot(Position start, Position[] chars) {
        this.start = start;
        this.chars = chars;
    }

    /** The scalar's start only (no per-character positions). */
    public static Spot at(Position start) {
        return new Spot(start, new Position[0]);
    }

    /** The position of {@code node} in {@code source} (the file's text, named {@code file}), character by character. */
    public static Spot of(String file, Node node, String source) {
        Mark mark = node.getStartMark();
        Position start = new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
        if (!(node instanceof ScalarNode scalar) || source == null) {
            return at(start);
        }
        int[] lineStarts = lineStarts(source);
        if (mark.getLine() >= lineStarts.length) {
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
        String value = scalar.getValue();
        Position[] chars = new Position[value.length()];
        boolean lost = false;
        for (int v = 0; v < value.length(); v++) {
            char c = value.charAt(v);
            if (!lost && !Character.isWhitespace(c)) {
                while (s < source.length() && source.charAt(s) != c
                        && (Character.isWhitespace(source.charAt(s)) || source.charAt(s) == '\\' && v > 0)) {
                    s++;
                }
                if (s >= source.length() || source.charAt(s) != c) {
                    lost = true;
                }
            }
            chars[v] = lost ? start : position(file, lineStarts, Math.min(s, source.length()));
            if (!lost && !Character.isWhitespace(c)) {
                s++;
            } else if (!lost && s < source.length() && source.charAt(s) == c) {
                s++;
            }
        }
        return new Spot(start, chars);
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

    /** Where the value's character at {@code offset} is (its end, just after the last one); the start when unknown. */
    public Position at(int offset) {
        if (offset == chars.length && offset > 0 && chars[offset - 1] != start) {
            Position last = chars[offset - 1];
            return new Position(last.file(), last.line(), last.column() + 1);
        }
        return offset >= 0 && offset < chars.length ? chars[offset] : start;
    }
}
