package dev.spawn.monitoring.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a reader such as Prometheus sees in an output folder: every regular file reachable from its
 * top-level names, links followed (a dangling link is no file), without the writer's own bookkeeping
 * ({@code ..data}, {@code .generations/}, the lock, and the temporaries a killed writer may leave, such as the
 * {@code ..data.spawn-tmp} link it was about to rename over {@code ..data}: no reader opens those names).
 */
final class OutputView {

    private static final Set<String> INTERNAL = Set.of(BundleWriter.DATA, BundleWriter.GENERATIONS, OutputLock.FILE);

    private OutputView() {
    }

    static Map<String, String> of(Path out) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> top = Files.list(out)) {
            for (Path entry : top.filter(p -> !INTERNAL.contains(p.getFileName().toString())
                    && !p.getFileName().toString().endsWith(BundleWriter.TEMP_SUFFIX)).sorted().toList()) {
                if (!Files.exists(entry)) {
                    continue;
                }
                try (Stream<Path> walk = Files.walk(entry, FileVisitOption.FOLLOW_LINKS)) {
                    for (Path p : walk.filter(Files::isRegularFile).toList()) {
                        files.put(out.relativize(p).toString(), read(p));
                    }
                }
            }
        }
        return files;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "<vanished>";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
