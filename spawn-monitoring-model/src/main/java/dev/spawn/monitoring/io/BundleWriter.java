package dev.spawn.monitoring.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes a rendered bundle without ever leaving a half-written state behind. Every file is first
 * written to a staging folder beside the target (same file system), the caller's verifier runs on
 * the staged copy (promtool, amtool), and only then are the files moved into place, each with an
 * atomic rename, the root configurations last. A failure before that point leaves the previous
 * output byte for byte; a failure while moving puts the previous bytes back; a reader such as
 * Prometheus never sees a partial file. Files of the previous run that the new bundle no
 * longer has are removed (they are listed in {@value #MANIFEST}); files the bundle never wrote,
 * such as file-discovery targets, are left alone. Unchanged files are not touched, so their
 * timestamps stay put for incremental builds.
 */
public final class BundleWriter {

    /** Lists the files the last run wrote, one relative path a line. */
    public static final String MANIFEST = ".spawn-monitoring-files";

    /** Checks a staged bundle before it is moved into place; throws to abort the write. */
    @FunctionalInterface
    public interface Verifier {
        void verify(Path stagedBundle);
    }

    /** What a write did. */
    public record Result(Path directory, List<String> written, List<String> unchanged, List<String> removed) {
    }

    private BundleWriter() {
    }

    public static Result write(SortedMap<String, byte[]> files, Path target, Verifier verifier) {
        Path absolute = target.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        try {
            Files.createDirectories(parent);
            Path staging = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".staging-");
            try {
                for (Map.Entry<String, byte[]> file : files.entrySet()) {
                    Path staged = resolveInside(staging, file.getKey());
                    Files.createDirectories(staged.getParent());
                    Files.write(staged, file.getValue());
                }
                verifier.verify(staging);
                return moveIntoPlace(files, staging, absolute);
            } finally {
                deleteRecursively(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bundle to " + absolute + ": " + e.getMessage(), e);
        }
    }

    private static Result moveIntoPlace(SortedMap<String, byte[]> files, Path staging, Path target) throws IOException {
        Files.createDirectories(target);
        List<String> previous = readManifest(target);
        List<String> written = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        // what each touched destination held before (null: it did not exist), to undo a move that fails half way
        Map<Path, byte[]> before = new LinkedHashMap<>();
        try {
            for (String path : entryPointsLast(files.keySet())) {
                Path destination = resolveInside(target, path);
                byte[] old = Files.isRegularFile(destination) ? Files.readAllBytes(destination) : null;
                if (Arrays.equals(old, files.get(path))) {
                    unchanged.add(path);
                    continue;
                }
                before.put(destination, old);
                Files.createDirectories(destination.getParent());
                move(resolveInside(staging, path), destination);
                written.add(path);
            }
            for (String old : previous) {
                Path stale = resolveInside(target, old);
                if (!files.containsKey(old) && Files.isRegularFile(stale)) {
                    before.put(stale, Files.readAllBytes(stale));
                    Files.delete(stale);
                    removed.add(old);
                }
            }
            byte[] manifest = (String.join("\n", new TreeSet<>(files.keySet())) + "\n").getBytes(StandardCharsets.UTF_8);
            Path manifestFile = target.resolve(MANIFEST);
            if (!Files.isRegularFile(manifestFile) || !Arrays.equals(Files.readAllBytes(manifestFile), manifest)) {
                writeAtomically(manifestFile, manifest);
            }
        } catch (IOException | RuntimeException e) {
            rollBack(before, e);
            throw e;
        }
        return new Result(target, List.copyOf(written), List.copyOf(unchanged), List.copyOf(removed));
    }

    /**
     * The bundle's files with the configurations at its root ({@code prometheus.yaml},
     * {@code alertmanager.yaml}) last: they name the others, so a reload that catches the write
     * half way still finds every rule file its configuration lists.
     */
    private static List<String> entryPointsLast(java.util.Set<String> paths) {
        List<String> ordered = new ArrayList<>();
        paths.stream().filter(p -> p.contains("/") || !p.endsWith(".yaml")).forEach(ordered::add);
        paths.stream().filter(p -> !p.contains("/") && p.endsWith(".yaml")).forEach(ordered::add);
        return ordered;
    }

    private static void rollBack(Map<Path, byte[]> before, Exception cause) {
        List<Map.Entry<Path, byte[]>> entries = new ArrayList<>(before.entrySet());
        java.util.Collections.reverse(entries);
        for (Map.Entry<Path, byte[]> entry : entries) {
            try {
                if (entry.getValue() == null) {
                    Files.deleteIfExists(entry.getKey());
                } else {
                    writeAtomically(entry.getKey(), entry.getValue());
                }
            } catch (IOException | RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }

    /** Writes one file atomically (temporary file beside it, then rename), e.g. file-discovery targets. */
    public static void writeAtomically(Path destination, byte[] content) {
        Path absolute = destination.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute.getParent());
            Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            try {
                Files.write(temp, content);
                readableLike(absolute, temp);
                move(temp, absolute);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + absolute + ": " + e.getMessage(), e);
        }
    }

    /**
     * A temporary file is created private (0600); the file it becomes must be readable by the
     * Prometheus user, so it takes the permissions of the file it replaces, or rw-r--r--.
     */
    private static void readableLike(Path destination, Path temp) throws IOException {
        if (!Files.getFileStore(temp).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
            return;
        }
        java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions = Files.exists(destination)
                ? Files.getPosixFilePermissions(destination)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(temp, permissions);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // only on file systems without rename (not the staging-beside-target layout); still never partial
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static List<String> readManifest(Path target) throws IOException {
        Path manifest = target.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return List.of();
        }
        return Files.readAllLines(manifest, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.contains("..") && !line.startsWith("/"))
                .toList();
    }

    private static Path resolveInside(Path root, String relative) {
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root)) {
            throw new IllegalArgumentException("bundle path '" + relative + "' escapes the output folder");
        }
        return resolved;
    }

    /** Deletes {@code dir} and everything under it; nothing when it does not exist. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
