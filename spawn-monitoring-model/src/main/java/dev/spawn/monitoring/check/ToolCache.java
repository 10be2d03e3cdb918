package dev.spawn.monitoring.check;

import dev.spawn.monitoring.io.BundleWriter;
import dev.spawn.monitoring.model.decl.Internal;
import dev.spawn.monitoring.model.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.Callable;

/**
 * What the tools said about a bundle, remembered beside its output folder ({@code .<folder>.spawn-tools}): for each
 * kind of run ({@code check}, {@code generate}), the SHA-256 of the bundle's files, the promtool and amtool versions
 * and the checks' settings of the last run in which every check passed, with its warnings. When they are all the same
 * again the tools would say the same, so the run skips them, says so and repeats the warnings; {@code -Dspawn.force}
 * ({@code --force}) runs them anyway. A cache only: a file that cannot be read or written means the tools run.
 */
@Internal
public final class ToolCache {

    private ToolCache() {
    }

    /** The cache file of the output folder {@code directory}: beside it, so that it is no part of the bundle. */
    public static Path file(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        Path parent = absolute.getParent() == null ? absolute : absolute.getParent();
        return parent.resolve("." + absolute.getFileName() + ".spawn-tools");
    }

    /**
     * The key of a run of the tools of kind {@code kind} (with its settings, {@code check mutation=warn}) over
     * {@code files}; empty when a tool is missing (nothing to remember).
     */
    public static Optional<String> key(String kind, SortedMap<String, byte[]> files) {
        if (Tool.PROMTOOL.locate().isEmpty() || Tool.AMTOOL.locate().isEmpty()) {
            return Optional.empty();
        }
        List<Callable<String>> versions = new ArrayList<>();
        for (Tool tool : List.of(Tool.PROMTOOL, Tool.AMTOOL)) {
            versions.add(() -> tool.version().orElseThrow(() -> new Tool.ToolMissingException(tool)));
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            update(sha, kind.getBytes(StandardCharsets.UTF_8));
            for (String version : SideBySide.all(2, versions, "the tools' --version")) {
                update(sha, version.getBytes(StandardCharsets.UTF_8));
            }
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                update(sha, f.getKey().getBytes(StandardCharsets.UTF_8));
                update(sha, f.getValue());
            }
            return Optional.of(kind.split(" ")[0] + " " + HexFormat.of().formatHex(sha.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The warnings of the last passing run of this key's kind (surviving mutants, say) when it had this key: a
     * skipped run repeats them; empty when the tools must run.
     */
    public static Optional<List<Problem>> matches(Path directory, String key) {
        List<String> lines = lines(directory);
        int at = lines.indexOf(key);
        if (at < 0) {
            return Optional.empty();
        }
        List<Problem> warnings = new ArrayList<>();
        for (int i = at + 1; i < lines.size() && lines.get(i).startsWith(WARNING); i++) {
            String[] w = lines.get(i).substring(WARNING.length()).split("\t", 2);
            if (w.length == 2) {
                warnings.add(Problem.warning(unescape(w[0]), unescape(w[1])));
            }
        }
        return Optional.of(List.copyOf(warnings));
    }

    private static final String WARNING = "  warning ";

    /** Remembers {@code key} and its warnings when every outcome passed without an error. */
    public static void rememberIfPassed(Path directory, String key, List<BundleCheck.Outcome> outcomes) {
        if (outcomes.isEmpty() || !outcomes.stream().allMatch(o -> o.status() == BundleCheck.Outcome.Status.PASSED
                && o.problems().stream().noneMatch(Problem::isError))) {
            return;
        }
        String kind = key.substring(0, key.indexOf(' ') + 1);
        List<String> kept = new ArrayList<>();
        boolean other = false;
        for (String line : lines(directory)) {
            other = line.startsWith(WARNING) ? other : !line.startsWith(kind);
            if (other) {
                kept.add(line);
            }
        }
        kept.add(key);
        outcomes.forEach(o -> o.problems().forEach(w -> kept.add(WARNING + escape(w.location()) + "\t" + escape(w.message()))));
        try {
            BundleWriter.writeAtomically(file(directory), (String.join("\n", kept) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // a read-only folder: the tools run again next time
        }
    }

    /** A text on one line: backslash, line feed and tab escaped ({@link #unescape} reads it back). */
    public static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t");
    }

    /** The text {@link #escape} wrote. */
    public static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(++i);
                out.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static final String SKIPPED = "promtool and amtool not run: the bundle and the tool versions are those of the"
            + " last passing check (";

    /** The outcome that stands for the checks a cache hit skipped, with the warnings they gave. */
    public static BundleCheck.Outcome skipped(Path directory, List<Problem> warnings) {
        return new BundleCheck.Outcome(SKIPPED + file(directory).getFileName() + "); -Dspawn.force or --force runs them",
                BundleCheck.Outcome.Status.PASSED, "", warnings);
    }

    /** Whether {@code outcome} is {@link #skipped}'s. */
    public static boolean isSkipped(BundleCheck.Outcome outcome) {
        return outcome.name().startsWith(SKIPPED);
    }

    private static List<String> lines(Path directory) {
        try {
            Path file = file(directory);
            return Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    private static void update(MessageDigest sha, byte[] bytes) {
        // length-prefixed, so that moving bytes between fields changes the digest
        sha.update(ByteBuffer.allocate(8).putLong(bytes.length).array());
        sha.update(bytes);
    }
}
