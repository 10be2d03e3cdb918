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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What promtool said about each alert's own test file and about its mutants, remembered beside the output folder
 * ({@code .<folder>.spawn-results}) so that a run after a change reruns only what the change touched. Each alert's
 * test file loads a copy of its rule and nothing else, so its result depends only on its bytes, its rule copy's
 * bytes and promtool: the key is the SHA-256 of those (and, for mutants, of the mutants themselves). A test file
 * is remembered when it passed; a rule's mutants with which of them a case killed. A cache only: a file that
 * cannot be read or written means promtool runs; {@code -Dspawn.force} ({@code --force}) runs it anyway.
 */
public final class ResultCache {

    /** No cache: every test and mutant runs (a forced run, or the library without an output folder). */
    public static final ResultCache NONE = new ResultCache(null, Map.of());

    /** Entries kept at most; the ones used last come first. */
    static final int MAX_ENTRIES = 20_000;

    private static final String PASSED = "passed ";
    private static final String MUTANTS = "mutants ";

    private final Path file;
    private final Map<String, String> known;
    private final Map<String, String> used = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger mutantsKnown = new java.util.concurrent.atomic.AtomicInteger();

    private ResultCache(Path file, Map<String, String> known) {
        this.file = file;
        this.known = known;
    }

    /** The cache of the output folder {@code directory}, read from beside it (empty when there is none yet). */
    public static ResultCache beside(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        Path parent = absolute.getParent() == null ? absolute : absolute.getParent();
        Path file = parent.resolve("." + absolute.getFileName() + ".spawn-results");
        Map<String, String> known = new LinkedHashMap<>();
        try {
            if (Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int space = line.indexOf(' ', line.indexOf(' ') + 1);
                    if (line.startsWith(PASSED)) {
                        known.put(line, "");
                    } else if (line.startsWith(MUTANTS) && space > 0) {
                        known.put(line.substring(0, space), line.substring(space + 1));
                    }
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            known.clear(); // unreadable: the tools run
        }
        return new ResultCache(file, known);
    }

    /** The key of an alert's test file: its bytes, its rule copy's and promtool's; empty when promtool is missing. */
    Optional<String> testKey(byte[] test, byte[] ruleCopy) {
        return version(Tool.PROMTOOL).map(v -> digest(v.getBytes(StandardCharsets.UTF_8), test, ruleCopy));
    }

    /** Whether the test file of {@code key} passed when it last ran (and remembers that it still does). */
    boolean passed(String key) {
        String line = PASSED + key;
        if (file != null && known.containsKey(line)) {
            used.put(line, "");
            return true;
        }
        return false;
    }

    /** Remembers that the test file of {@code key} passed. */
    void rememberPassed(String key) {
        used.put(PASSED + key, "");
    }

    /** The verdicts (killed or not) of the {@code count} mutants of {@code key}, when they are known. */
    Optional<boolean[]> verdicts(String key, int count) {
        String bits = file == null ? null : known.get(MUTANTS + key);
        if (bits == null || bits.length() != count || !bits.matches("[KS]*")) {
            return Optional.empty();
        }
        used.put(MUTANTS + key, bits);
        mutantsKnown.addAndGet(count);
        boolean[] killed = new boolean[count];
        for (int i = 0; i < count; i++) {
            killed[i] = bits.charAt(i) == 'K';
        }
        return Optional.of(killed);
    }

    /** Remembers which of the mutants of {@code key} a case killed. */
    void rememberVerdicts(String key, boolean[] killed) {
        StringBuilder bits = new StringBuilder();
        for (boolean k : killed) {
            bits.append(k ? 'K' : 'S');
        }
        used.put(MUTANTS + key, bits.toString());
    }

    /** The key of a rule's mutants: its test file, rule copy, the mutants (their text) and promtool. */
    Optional<String> mutantsKey(byte[] test, byte[] ruleCopy, List<String> mutants) {
        return version(Tool.PROMTOOL).map(v -> digest(v.getBytes(StandardCharsets.UTF_8), test, ruleCopy,
                String.join("\n", mutants).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The key of a tool run whose verdict depends only on the tool, the run ({@code step}: the command and its
     * arguments) and the bytes it reads ({@code inputs}, in a fixed order); empty without a cache or the tool.
     */
    Optional<String> stepKey(Tool tool, String step, List<byte[]> inputs) {
        return version(tool).map(v -> {
            List<byte[]> parts = new ArrayList<>();
            parts.add(v.getBytes(StandardCharsets.UTF_8));
            parts.add(step.getBytes(StandardCharsets.UTF_8));
            parts.addAll(inputs);
            return digest(parts.toArray(byte[][]::new));
        });
    }

    /** Writes what this run used or learnt first, then what it did not touch, up to {@value #MAX_ENTRIES} entries. */
    public void save() {
        if (file == null || used.isEmpty()) {
            return;
        }
        Map<String, String> entries = new LinkedHashMap<>(new java.util.TreeMap<>(used));
        known.forEach(entries::putIfAbsent);
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            if (lines.size() == MAX_ENTRIES) {
                break;
            }
            lines.add(e.getValue().isEmpty() ? e.getKey() : e.getKey() + " " + e.getValue());
        }
        try {
            BundleWriter.writeAtomically(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // a read-only folder: the tools run again next time
        }
    }

    /** How many mutants' verdicts this cache has given so far. */
    int mutantsKnown() {
        return mutantsKnown.get();
    }

    private Optional<String> version(Tool tool) {
        return file == null ? Optional.empty() : tool.version();
    }

    private static String digest(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                // length-prefixed, so that moving bytes between parts changes the digest
                sha.update(ByteBuffer.allocate(8).putLong(part.length).array());
                sha.update(part);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
