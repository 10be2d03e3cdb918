package dev.spawn.monitoring.spec;

import dev.spawn.monitoring.model.Problem;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Limits a YAML file must keep before it is composed into nodes, checked on the text and on SnakeYAML's
 * event stream (linear in the text, nothing expanded): its size, the length of its lines, its nesting depth, its number of aliases (of
 * scalars too, which SnakeYAML does not count) and the size the aliases expand it to (an alias of a
 * collection holding aliases counts everything it stands for). A spec of any size passes or fails in
 * about the time it takes to scan it; the first limit crossed is one problem at its {@code file:line:col}.
 */
final class YamlLimits {

    /** Characters in a file: a generous spec with a large inventory is well below 1 MiB. */
    static final int MAX_CHARS = 4 * 1024 * 1024;
    /** Characters in a line: SnakeYAML scans a long line in time that grows with its square (4 MiB: 11 s). */
    static final int MAX_LINE = 64 * 1024;
    static final int MAX_DEPTH = 64;
    static final int MAX_ALIASES = 1_000;
    /** Characters of scalar text the document stands for with every alias expanded. */
    static final long MAX_EXPANDED = 2L * MAX_CHARS;

    private YamlLimits() {
    }

    /** The options every spec and upstream file is composed with: SnakeYAML's own limits at ours. */
    static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported with both positions by the reader
        options.setCodePointLimit(MAX_CHARS + 1);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    /**
     * The problem of a file that is not UTF-8, at the line and column of its first byte that is not: {@code
     * spec.yaml:3:12: byte 0xE9 is not UTF-8; expected a UTF-8 file (saved as Latin-1?)}.
     */
    static Problem notUtf8(String fileName, byte[] bytes) {
        java.nio.charset.CharsetDecoder decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        String before = out.flip().toString();
        int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
        int column = before.length() - before.lastIndexOf('\n');
        String at = in.position() < bytes.length ? String.format(Locale.ROOT, "byte 0x%02X", bytes[in.position()] & 0xff) : "the end";
        return Problem.error(fileName + ":" + line + ":" + column, at + " is not UTF-8; expected a UTF-8 file"
                + " (an editor that saved it as Latin-1 or Windows-1252 writes accented letters so)");
    }

    /**
     * The problem of a character YAML does not allow anywhere (a C0 control such as NUL, say), at its line and
     * column, or null when the text has none: SnakeYAML names it without a position.
     */
    static Problem forbiddenCharacter(String fileName, String text) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean printable = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0x7E) || c == 0x85
                    || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF) || (c >= 0x10000 && c <= 0x10FFFF)
                    || (c == 0xFEFF && i == 0);
            if (!printable) {
                return Problem.error(fileName + ":" + line + ":" + (text.codePointCount(lineStart, i) + 1), String.format(Locale.ROOT,
                        "character U+%04X is not allowed in YAML, not even quoted; expected printable text (write it as"
                                + " \\u%04X in a double-quoted string)", c, c));
            }
            if (c == '\n') {
                line++;
                lineStart = i + 1;
            }
            i += Character.charCount(c);
        }
        return null;
    }

    /**
     * Whether {@code text} keeps every limit; when not, adds the problem and returns false. YAML syntax
     * errors are thrown as SnakeYAML's exceptions, for the caller to report as it does when composing.
     */
    static boolean check(SpecProblems problems, String text) {
        if (text.length() > MAX_CHARS) {
            problems.add(Problem.error(problems.fileName() + ":1:1", String.format(Locale.ROOT,
                    "the file has %,d characters; expected at most %,d (4 MiB)", text.length(), MAX_CHARS)));
            return false;
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - lineStart > MAX_LINE) {
                    problems.add(Problem.error(problems.fileName() + ":" + line + ":" + (MAX_LINE + 1), String.format(Locale.ROOT,
                            "the line has %,d characters; expected at most %,d (64 KiB; a long value can be a block scalar over several lines)",
                            i - lineStart, MAX_LINE)));
                    return false;
                }
                line++;
                lineStart = i + 1;
            }
        }
        Map<String, Long> anchored = new HashMap<>();
        // per open collection: its anchor (or "") and the expanded size of what it holds so far
        Deque<String> anchors = new ArrayDeque<>();
        Deque<long[]> sizes = new ArrayDeque<>();
        sizes.push(new long[1]);
        int aliases = 0;
        for (Event event : new Yaml(options()).parse(new StringReader(text))) {
            long added = 0;
            if (event instanceof CollectionStartEvent start) {
                if (anchors.size() >= MAX_DEPTH) {
                    problems.add(Problem.error(problems.at(event.getStartMark()), String.format(Locale.ROOT,
                            "nesting deeper than %d levels; expected at most %d", MAX_DEPTH, MAX_DEPTH)));
                    return false;
                }
                anchors.push(start.getAnchor() == null ? "" : start.getAnchor());
                sizes.push(new long[1]);
                continue;
            } else if (event instanceof CollectionEndEvent) {
                String anchor = anchors.pop();
                added = sizes.pop()[0] + 1;
                if (!anchor.isEmpty()) {
                    anchored.put(anchor, added);
                }
            } else if (event instanceof ScalarEvent scalar) {
                added = scalar.getValue().length() + 1;
                if (scalar.getAnchor() != null) {
                    anchored.put(scalar.getAnchor(), added);
                }
            } else if (event instanceof AliasEvent alias) {
                if (++aliases > MAX_ALIASES) {
                    problems.add(Problem.error(problems.at(event.getStartMark()), String.format(Locale.ROOT,
                            "more than %,d aliases; expected at most %,d (an anchor shares a value, it does not multiply the file)",
                            MAX_ALIASES, MAX_ALIASES)));
                    return false;
                }
                added = anchored.getOrDefault(alias.getAnchor(), 0L);
            }
            long[] total = sizes.peek();
            total[0] += added;
            if (total[0] > MAX_EXPANDED) {
                problems.add(Problem.error(problems.at(event.getStartMark()), String.format(Locale.ROOT,
                        "the aliases expand the file to more than %,d characters; expected at most %,d", MAX_EXPANDED, MAX_EXPANDED)));
                return false;
            }
        }
        return true;
    }
}
