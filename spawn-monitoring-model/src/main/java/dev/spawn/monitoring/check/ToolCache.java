package dev.spawn.monitoring.check;

import dev.spawn.monitoring.io.BundleWriter;
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
 * and the checks' settings of the last run in which every check passed without a warning. When they are all the same
 * again the tools would say the same, so the run skips them and says so; {@code -Dspawn.force} ({@code --force}) runs
 * them anyway. A cache only: a file that cannot be read or written means the tools run.
 */
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
            versions.add(() -> tool.locate().orElseThrow() + "\n" + tool.run(Path.of("."), 30, "--version").output());
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

    /** Whether the last clean run of this key's kind had this key. */
    public static boolean matches(Path directory, String key) {
        return lines(directory).contains(key);
    }

    /** Remembers {@code key} when every outcome passed without a problem (a surviving mutant must show again). */
    public static void rememberIfClean(Path directory, String key, List<BundleCheck.Outcome> outcomes) {
        if (outcomes.isEmpty() || !outcomes.stream().allMatch(o -> o.status() == BundleCheck.Outcome.Status.PASSED && o.problems().isEmpty())) {
            return;
        }
        String kind = key.substring(0, key.indexOf(' ') + 1);
        List<String> kept = new ArrayList<>(lines(directory).stream().filter(l -> !l.startsWith(kind)).toList());
        kept.add(key);
        java.util.Collections.sort(kept);
        try {
            BundleWriter.writeAtomically(file(directory), (String.join("\n", kept) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // a read-only folder: the tools run again next time
        }
    }

    private static final String SKIPPED = "promtool and amtool not run: the bundle and the tool versions are those of the"
            + " last passing check (";

    /** The outcome that stands for the checks a cache hit skipped. */
    public static BundleCheck.Outcome skipped(Path directory) {
        return new BundleCheck.Outcome(SKIPPED + file(directory).getFileName() + "); -Dspawn.force or --force runs them",
                BundleCheck.Outcome.Status.PASSED, "");
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
