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
