package dev.spawn.monitoring.io;

import dev.spawn.monitoring.model.decl.Internal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;

/**
 * A temporary folder for one run (the copy {@code spawn:check} hands to the tools), removed when
 * closed. It holds its own {@link OutputLock} while in use, so a folder left by a run that was killed
 * (no {@code finally} runs after {@code kill -9}) is recognised by its free lock and removed by the
 * next run, while the folders of runs still going are left alone.
 */
@Internal
public final class ScratchFolder implements AutoCloseable {

    private final Path dir;
    private final OutputLock lock;

    private ScratchFolder(Path dir, OutputLock lock) {
        this.dir = dir;
        this.lock = lock;
    }

    /** Removes abandoned {@code prefix*} folders in {@code parent}, then makes and locks a new one. */
    public static ScratchFolder create(Path parent, String prefix) {
        try {
            Files.createDirectories(parent);
            removeAbandoned(parent, prefix);
            Path dir = Files.createTempDirectory(parent, prefix);
            return new ScratchFolder(dir, OutputLock.acquire(dir, Duration.ZERO));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder in " + parent + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return dir;
    }

    /**
     * Writes {@code files} (paths relative to {@code sub}, a folder inside this one) as plain files: a copy for the
     * tools to read, deleted with the folder, so neither synced to disk nor switched in as the output's generations
     * are. Returns the folder.
     */
    public Path write(String sub, SortedMap<String, byte[]> files) {
        Path root = dir.resolve(sub).normalize();
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path target = root.resolve(file.getKey()).normalize();
                if (!target.startsWith(root) || !root.startsWith(dir)) {
                    throw new IllegalArgumentException("path '" + file.getKey() + "' leaves the scratch folder");
                }
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the scratch copy in " + dir + ": " + e.getMessage(), e);
        }
        return root;
    }

    private static void removeAbandoned(Path parent, String prefix) throws IOException {
        try (Stream<Path> list = Files.list(parent)) {
            for (Path old : list.filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isDirectory(p)
                    && Files.isRegularFile(p.resolve(OutputLock.FILE))).toList()) {
                try (OutputLock abandoned = OutputLock.acquire(old, Duration.ZERO)) {
                    BundleWriter.deleteRecursively(old);
                } catch (IllegalStateException | IOException | UncheckedIOException e) {
                    // in use by a live run, or already gone: not ours to remove
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            BundleWriter.deleteRecursively(dir);
        } catch (IOException e) {
            // a leftover is removed by the next run, which finds its lock free
        } finally {
            lock.close();
        }
    }
}
