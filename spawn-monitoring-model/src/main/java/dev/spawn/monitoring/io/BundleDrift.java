package dev.spawn.monitoring.io;

import dev.spawn.monitoring.model.decl.Internal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a committed bundle directory differs from a freshly rendered bundle: files missing, changed
 * (with a unified diff of the first differing lines) or left over from an earlier run (listed in the
 * writer's manifest). Files the bundle never writes, such as file-discovery targets, are not drift.
 */
@Internal
public final class BundleDrift {

    /** Lines of context around the first difference. */
    private static final int CONTEXT = 3;
    /** Changed lines shown per file; enough to see what happened, short enough for a CI log. */
    private static final int MAX_CHANGED = 8;

    /** One drifted file and its diff. */
    public record Change(String path, String kind, String diff) {
        @Override
        public String toString() {
            return path + ": " + kind + (diff.isEmpty() ? "" : "\n" + diff);
        }
    }

    private BundleDrift() {
    }

    public static List<Change> compare(SortedMap<String, byte[]> expected, Path directory) {
        List<Change> changes = new ArrayList<>();
        try {
            for (Map.Entry<String, byte[]> file : expected.entrySet()) {
                Path committed = directory.resolve(file.getKey());
                if (!Files.isRegularFile(committed)) {
                    changes.add(new Change(file.getKey(), "missing (not generated yet)", ""));
                    continue;
                }
                byte[] actual = Files.readAllBytes(committed);
                if (!Arrays.equals(actual, file.getValue())) {
                    changes.add(new Change(file.getKey(), "differs from what the spec generates",
                            diff(file.getKey(), new String(actual, StandardCharsets.UTF_8),
                                    new String(file.getValue(), StandardCharsets.UTF_8))));
                }
            }
            Path manifest = directory.resolve(BundleWriter.MANIFEST);
            if (Files.isRegularFile(manifest)) {
                for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                    if (!line.isBlank() && !expected.containsKey(line) && Files.exists(directory.resolve(line))) {
                        changes.add(new Change(line, "no longer generated (stale file)", ""));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory + ": " + e.getMessage(), e);
        }
        return changes;
    }

    /**
     * The keys under which Prometheus and Alertmanager take a secret inline (each also exists as
     * {@code <key>_file}); their values never reach a diff, on either side.
     */
    static final Set<String> SECRET_KEYS = Set.of("password", "credentials", "bearer_token", "secret_key",
            "smtp_auth_password", "smtp_auth_secret", "auth_password", "auth_secret", "slack_api_url", "api_url",
            "routing_key", "service_key", "api_key", "token", "bot_token", "user_key", "webhook_url");

    private static final Pattern KEY_VALUE = Pattern.compile("^(\\s*(?:-\\s+)?)([A-Za-z0-9_]+)(:\\s+)(.+?)\\s*$");

    /**
     * A unified diff of the first run of differing lines (committed as "-", generated as "+"); a secret's
     * value is shown as {@code <secret: 15 chars, changed>} (or {@code unchanged}: the other side has the
     * same line), so that neither the committed nor the generated value reaches a CI log.
     */
    static String diff(String path, String committed, String generated) {
        List<String> a = Arrays.asList(committed.split("\n"));
        List<String> b = Arrays.asList(generated.split("\n"));
        // compared as they are, printed masked
        List<String> printA = a.stream().map(line -> masked(line, b)).toList();
        List<String> printB = b.stream().map(line -> masked(line, a)).toList();
        int first = 0;
        while (first < a.size() && first < b.size() && a.get(first).equals(b.get(first))) {
            first++;
        }
        int endA = a.size();
        int endB = b.size();
        while (endA > first && endB > first && a.get(endA - 1).equals(b.get(endB - 1))) {
            endA--;
            endB--;
        }
        int start = Math.max(0, first - CONTEXT);
        StringBuilder out = new StringBuilder();
        out.append("--- committed/").append(path).append('\n').append("+++ generated/").append(path).append('\n');
        int shownA = Math.min(endA, first + MAX_CHANGED);
        int shownB = Math.min(endB, first + MAX_CHANGED);
        int tail = Math.min(a.size(), endA + CONTEXT);
        out.append("@@ -").append(start + 1).append(',').append(shownA - start + (shownA == endA ? tail - endA : 0))
                .append(" +").append(start + 1).append(',').append(shownB - start + (shownB == endB ? tail - endA : 0))
                .append(" @@\n");
        for (int i = start; i < first; i++) {
            out.append(' ').append(printA.get(i)).append('\n');
        }
        for (int i = first; i < shownA; i++) {
            out.append('-').append(printA.get(i)).append('\n');
        }
        for (int i = first; i < shownB; i++) {
            out.append('+').append(printB.get(i)).append('\n');
        }
        if (shownA < endA || shownB < endB) {
            out.append("... (").append(endA - first).append(" lines removed, ").append(endB - first)
                    .append(" added in all)\n");
        } else {
            for (int i = endA; i < tail; i++) {
                out.append(' ').append(printA.get(i)).append('\n');
            }
        }
        return out.toString().stripTrailing();
    }

    /** The line with a secret's value replaced by its length and whether {@code other} has the same line. */
    static String masked(String line, List<String> other) {
        Matcher m = KEY_VALUE.matcher(line);
        if (!m.matches() || !SECRET_KEYS.contains(m.group(2))) {
            return line;
        }
        String value = m.group(4);
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            value = value.substring(1, value.length() - 1);
        }
        return m.group(1) + m.group(2) + m.group(3) + "<secret: " + value.codePointCount(0, value.length()) + " chars, "
                + (other.contains(line) ? "unchanged" : "changed") + ">";
    }
}
