package dev.spawn.monitoring.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes a rendered bundle so that a reader of the output folder (Prometheus, Alertmanager, a person)
 * sees one whole generation or the previous one, also when the writer is killed at any instant. The
 * layout is the one Kubernetes uses for mounted ConfigMaps:
 *
 * <pre>
 * out/.generations/3f2a9c0e1b7d4a55/   one folder per generation, named by the SHA-256 of its files
 * out/..data -&gt; .generations/3f2a9c0e1b7d4a55
 * out/prometheus.yaml -&gt; ..data/prometheus.yaml      every top-level name of the bundle is a link
 * out/alerts -&gt; ..data/alerts                        through ..data
 * </pre>
 *
 * A new generation is written into a staging folder under {@code .generations/}, checked there by the
 * caller's verifier (promtool, amtool), renamed to its hash, and switched in with one atomic rename of
 * the {@code ..data} link; a bundle equal to the live generation, byte for byte, is checked there and nothing
 * is staged or switched. Links for names the new generation adds are made before the switch (they
 * dangle until then, so a reader finds no such file), links for names it drops are removed after. The
 * next run removes whatever a killed one left: staging folders, generations {@code ..data} does not
 * name, temporary files, dangling links. One writer at a time ({@link OutputLock}). Files equal to
 * the previous generation's are hard links to them, so their timestamps stay put for incremental
 * builds. Files the bundle never wrote at the top of the folder, such as {@code targets/}, are left
 * alone; a top-level name the bundle needs that holds something it did not write (a file, a folder,
 * a symbolic link elsewhere) stops the write before anything changes. A folder written by an earlier
 * version (plain files listed in {@value #MANIFEST}) is converted once, file by file.
 *
 * <p>Crash consistency is against the writer dying (kill -9, an exception, a full disk) and against
 * power loss: every file a generation writes is synced to disk, then its folders, before the switch, and
 * the output folder after it, so the {@code ..data} a restarted machine finds names a complete
 * generation. Symbolic links are
 * required: on a file system without them the write fails with a message saying so.
 */
public final class BundleWriter {

    /** Lists the files of a generation, one relative path a line (inside the generation, linked at the top). */
    public static final String MANIFEST = ".spawn-monitoring-files";
    /** The link whose one atomic rename switches generations. */
    public static final String DATA = "..data";
    /** The folder holding the generations. */
    public static final String GENERATIONS = ".generations";
    /**
     * The way from inside a top-level folder of the bundle up to the bundle's root, as the operating system
     * resolves it: the folder is a link into {@code .generations/<hash>/}, so a process started in it (whose
     * working directory is the real folder) reaches the root's {@code targets/} as {@code ../../../targets}.
     */
    public static final String FOLDER_TO_ROOT = "../../../";
    /** The suffix of every temporary file or link the writer makes; a name ending so is a leftover after a run. */
    public static final String TEMP_SUFFIX = ".spawn-tmp";
    /** Top-level names the writer keeps for itself; no bundle file may use them (nor any name starting with {@code ..}). */
    public static final Set<String> RESERVED = Set.of(MANIFEST, DATA, GENERATIONS, OutputLock.FILE, Fingerprint.FILE);

    private static final Set<PosixFilePermission> READABLE_DIR = PosixFilePermissions.fromString("rwxr-xr-x");

    /**
     * Checks a staged bundle before it is switched in; throws to abort the write. A bundle whose bytes are live
     * already is checked in its live generation folder, read only.
     */
    @FunctionalInterface
    public interface Verifier {
        void verify(Path stagedBundle);
    }

    /**
     * What a write did: the generation now live, and the bundle's files that differ from the previous
     * generation, that are equal to it, and that it had and this one has not.
     */
    public record Result(Path directory, String generation, List<String> written, List<String> unchanged, List<String> removed) {
    }

    private BundleWriter() {
    }

    public static Result write(SortedMap<String, byte[]> files, Path target, Verifier verifier) {
        return write(files, target, verifier, OutputLock.DEFAULT_WAIT);
    }

    /** {@link #write(SortedMap, Path, Verifier)} waiting at most {@code lockWait} for another writer of the folder. */
    public static Result write(SortedMap<String, byte[]> files, Path target, Verifier verifier, Duration lockWait) {
        Path out = target.toAbsolutePath().normalize();
        checkPaths(files.keySet());
        try {
            Files.createDirectories(out);
            try (OutputLock lock = OutputLock.acquire(out, lockWait)) {
                Live live = cleanUp(out);
                Set<String> top = topLevelNames(files.keySet());
                checkTopLevel(out, top, files.keySet(), live);
                String name = Fingerprint.digest(files).substring(0, 16);
                if (isLive(live, name, files)) {
                    // the same bytes are live already: the tools see them there, and nothing is staged or switched
                    verifier.verify(live.generation());
                    linkTopLevel(out, top); // only repair links someone removed
                    return new Result(out, name, List.of(), List.copyOf(files.keySet()), List.of());
                }
                Path generations = Files.createDirectories(out.resolve(GENERATIONS));
                Path staging = Files.createTempDirectory(generations, ".staging-");
                try {
                    readableByOthers(staging);
                    List<String> written = new ArrayList<>();
                    List<String> unchanged = new ArrayList<>();
                    stage(files, out, staging, live, written, unchanged);
                    verifier.verify(staging);
                    List<String> removed = live.manifest().stream().filter(p -> !files.containsKey(p)).toList();
                    String generation = switchTo(out, staging, name, top, live);
                    return new Result(out, generation, List.copyOf(written), List.copyOf(unchanged), removed);
                } finally {
                    deleteRecursively(staging);
                    if (isEmptyDirectory(generations)) {
                        Files.delete(generations); // a failed first write leaves only the lock file
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bundle to " + out + ": " + e.getMessage(), e);
        }
    }

    /** The generation {@code ..data} names (null: none), its manifest, and whether the folder is in the old flat layout. */
    private record Live(Path generation, List<String> manifest, boolean legacy) {
        Path root(Path out) {
            return generation != null ? generation : out;
        }
    }

    /**
     * Removes what a killed run left (generations {@code ..data} does not name, staging folders,
     * temporary files and links, links that dangle) and returns the live generation. Nothing removed
     * here is visible to a reader: none of it is reachable through a top-level name.
     */
    private static Live cleanUp(Path out) throws IOException {
        Path data = out.resolve(DATA);
        Path generation = null;
        if (Files.isSymbolicLink(data)) {
            Path link = Files.readSymbolicLink(data);
            if (link.isAbsolute() || link.getNameCount() != 2 || !link.getName(0).toString().equals(GENERATIONS)
                    || link.getName(1).toString().startsWith(".")) {
                throw new OutputConflictException(data + " points to " + link + ", which spawn-monitoring did not make;"
                        + " expected " + GENERATIONS + "/<generation>; remove it to let the next run write a fresh generation");
            }
            generation = Files.isDirectory(out.resolve(link)) ? out.resolve(link) : null;
        } else if (Files.exists(data, LinkOption.NOFOLLOW_LINKS)) {
            throw new OutputConflictException(data + " is not the link spawn-monitoring makes; remove it");
        }
        Path generations = out.resolve(GENERATIONS);
        if (Files.isDirectory(generations, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> list = Files.list(generations)) {
                for (Path old : list.toList()) {
                    if (!old.equals(generation)) {
                        deleteRecursively(old);
                    }
                }
            }
        }
        try (Stream<Path> list = Files.list(out)) {
            for (Path entry : list.toList()) {
                String name = entry.getFileName().toString();
                if (name.endsWith(TEMP_SUFFIX) || isOurLink(entry) && !Files.exists(entry)) {
                    deleteRecursively(entry);
                } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) && !name.equals(GENERATIONS)) {
                    deleteTemporaryFiles(entry);
                }
            }
        }
        Path manifestRoot = generation != null ? generation : out;
        boolean legacy = generation == null && Files.isRegularFile(out.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS);
        return new Live(generation, generation != null || legacy ? readManifest(manifestRoot) : List.of(), legacy);
    }

    /** Leftover temporary files of {@link #writeAtomically} in a folder the bundle does not own, such as {@code targets/}. */
    private static void deleteTemporaryFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(p -> p.getFileName().toString().endsWith(TEMP_SUFFIX)).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A top-level link this writer made: {@code name -> ..data/name}. */
    private static boolean isOurLink(Path entry) {
        try {
            return Files.isSymbolicLink(entry)
                    && Files.readSymbolicLink(entry).toString().equals(DATA + "/" + entry.getFileName());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Every top-level name the new generation needs must be free, one of this writer's links, a plain
     * file (the bundle's name: replaced, as a flat layout's file is), or a plain folder whose files the
     * old manifest lists or the new bundle replaces; a symbolic link elsewhere, or a folder with files of
     * the user's, stops the write before anything changes.
     */
    private static void checkTopLevel(Path out, Set<String> top, Set<String> paths, Live live) throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> replaceable = new java.util.HashSet<>(paths);
        if (live.legacy()) {
            replaceable.addAll(live.manifest());
        }
        for (String name : top) {
            Path entry = out.resolve(name);
            if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS) || isOurLink(entry)
                    || Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (Files.isSymbolicLink(entry)) {
                problems.add(entry + " is a symbolic link to " + Files.readSymbolicLink(entry)
                        + "; the bundle's files would land outside the output folder");
                continue;
            }
            List<String> foreign = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(entry)) {
                walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                        .map(p -> out.relativize(p).toString().replace('\\', '/'))
                        .filter(p -> !replaceable.contains(p)).sorted().forEach(foreign::add);
            }
            if (!foreign.isEmpty()) {
                problems.add(entry + " holds files spawn-monitoring did not write ("
                        + String.join(", ", foreign.subList(0, Math.min(5, foreign.size())))
                        + (foreign.size() > 5 ? ", ..." : "") + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new OutputConflictException(String.join("; ", problems) + "; move "
                    + (problems.size() == 1 ? "it" : "them") + " out of the output folder, nothing was written");
        }
    }

    /** Writes every file into {@code staging}; a file equal to the live generation's is a hard link to it. */
    private static void stage(SortedMap<String, byte[]> files, Path out, Path staging, Live live, List<String> written,
            List<String> unchanged) throws IOException {
        Set<String> before = Set.copyOf(live.manifest());
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path staged = staging.resolve(file.getKey());
            Files.createDirectories(staged.getParent());
            Path old = live.root(out).resolve(file.getKey());
            if (before.contains(file.getKey()) && Files.isRegularFile(old, LinkOption.NOFOLLOW_LINKS)
                    && Arrays.equals(Files.readAllBytes(old), file.getValue())) {
                unchanged.add(file.getKey());
                if (link(staged, old)) {
                    continue;
                }
            } else {
                written.add(file.getKey());
            }
            writeDurably(staged, file.getValue());
        }
        writeDurably(staging.resolve(MANIFEST), (String.join("\n", new TreeSet<>(files.keySet())) + "\n").getBytes(StandardCharsets.UTF_8));
        try (Stream<Path> tree = Files.walk(staging)) {
            for (Path dir : tree.filter(Files::isDirectory).toList()) {
                syncDirectory(dir);
            }
        }
    }

    /** Writes {@code file} from {@code content} and syncs its bytes to the disk before returning. */
    private static void writeDurably(Path file, Content content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            java.io.OutputStream stream = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
            content.writeTo(stream);
            stream.flush();
            channel.force(true);
        }
    }

    /** Writes {@code file} and syncs its bytes to the disk before returning. */
    private static void writeDurably(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** Syncs a folder's entries (names made, renamed or removed in it) to the disk, where the system allows it. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // not every system opens a folder for syncing (Windows does not); its file system orders the renames
        }
    }

    private static boolean link(Path staged, Path old) {
        try {
            Files.createLink(staged, old);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false; // a file system without hard links: the bytes are written instead
        }
    }

    /** Renames the staged folder to its generation, switches {@code ..data} to it, and tidies the links. */
    private static String switchTo(Path out, Path staging, String digest, Set<String> top, Live live) throws IOException {
        String name = digest;
        Path generations = staging.getParent();
        if (live.generation() != null && live.generation().getFileName().toString().equals(name)) {
            name = name + ".1"; // the live generation was edited in place: the new one needs another folder
        }
        Path generation = generations.resolve(name);
        Files.move(staging, generation, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(generations);
        linkTopLevel(out, top);
        Path next = out.resolve(DATA + TEMP_SUFFIX);
        symlink(next, Path.of(GENERATIONS, name));
        syncDirectory(out);
        Files.move(next, out.resolve(DATA), StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(out);
        convertPlain(out, top, live.legacy() ? live.manifest() : List.of());
        try (Stream<Path> list = Files.list(out)) {
            for (Path entry : list.toList()) {
                if (isOurLink(entry) && !top.contains(entry.getFileName().toString())) {
                    Files.delete(entry);
                }
            }
        }
        if (live.generation() != null) {
            deleteRecursively(live.generation());
        }
        return name;
    }

    /** Whether the live generation is {@code name} and holds exactly {@code files}, byte for byte. */
    private static boolean isLive(Live live, String name, SortedMap<String, byte[]> files) throws IOException {
        return live.generation() != null && live.generation().getFileName().toString().equals(name)
                && live.manifest().equals(List.copyOf(files.keySet())) && sameBytes(live.generation(), files);
    }

    private static boolean sameBytes(Path generation, SortedMap<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path p = generation.resolve(file.getKey());
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || !Arrays.equals(Files.readAllBytes(p), file.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** A link {@code name -> ..data/name} for every top-level name that has none yet (until the switch it may dangle). */
    private static void linkTopLevel(Path out, Set<String> top) throws IOException {
        for (String name : top) {
            Path entry = out.resolve(name);
            if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
                Path temp = out.resolve(name + TEMP_SUFFIX);
                symlink(temp, Path.of(DATA, name));
                Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    /**
     * Once, for a folder an earlier version wrote as plain files (or a plain file at one of the bundle's
     * names): each top-level file becomes a link with one atomic rename, each folder is moved aside and
     * replaced by a link, and the files of the old manifest that the bundle no longer has are removed.
     * This step is file by file, not atomic as a whole.
     */
    private static void convertPlain(Path out, Set<String> top, List<String> oldManifest) throws IOException {
        for (String name : top) {
            Path entry = out.resolve(name);
            if (isOurLink(entry)) {
                continue;
            }
            Path temp = out.resolve(name + TEMP_SUFFIX);
            symlink(temp, Path.of(DATA, name));
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                Path aside = out.resolve(GENERATIONS).resolve(".legacy-" + name);
                Files.move(entry, aside, StandardCopyOption.ATOMIC_MOVE);
                Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE);
                deleteRecursively(aside);
            } else {
                Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        for (String old : oldManifest) {
            Path stale = out.resolve(old);
            if (!top.contains(topLevelName(old)) && Files.isRegularFile(stale, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(stale);
                for (Path dir = stale.getParent(); !dir.equals(out) && isEmptyDirectory(dir); dir = dir.getParent()) {
                    Files.delete(dir);
                }
            }
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.findAny().isEmpty();
        }
    }

    private static void symlink(Path link, Path target) throws IOException {
        Files.deleteIfExists(link);
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | FileSystemException e) {
            throw new IOException("cannot make the symbolic link " + link + " (" + e.getMessage() + "); spawn-monitoring"
                    + " switches generations with one atomic rename of a link and needs a file system with symbolic links", e);
        }
    }

    /** The first component of each path, and the manifest: the names linked at the top of the output folder. */
    private static Set<String> topLevelNames(Set<String> paths) {
        Set<String> top = new TreeSet<>();
        paths.forEach(p -> top.add(topLevelName(p)));
        top.add(MANIFEST);
        return top;
    }

    private static String topLevelName(String path) {
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    /**
     * Bundle paths are relative, stay inside the folder, avoid the writer's reserved names, and no file
     * is also another file's folder; every violation is listed at once.
     */
    static void checkPaths(Set<String> paths) {
        List<String> problems = new ArrayList<>();
        TreeSet<String> sorted = new TreeSet<>(paths);
        for (String path : sorted) {
            String problem = pathProblem(path);
            // the first path at or after "path/" is inside it, if any is
            String inside = sorted.ceiling(path + "/");
            if (problem == null && inside != null && inside.startsWith(path + "/")) {
                problem = "is a file, and '" + inside + "' needs it to be a folder";
            }
            if (problem != null) {
                problems.add("bundle path '" + path + "' " + problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** What is wrong with one bundle path, or null; also used to check rule file paths before building. */
    public static String pathProblem(String path) {
        if (path.isBlank() || path.startsWith("/") || path.contains("\\") || path.matches("^[A-Za-z]:.*")) {
            return "is not a relative path with '/' separators";
        }
        List<String> parts = List.of(path.split("/", -1));
        if (parts.contains("..") || parts.contains(".") || parts.contains("")) {
            return "escapes the output folder or has an empty or '.' component";
        }
        return isReserved(path) ? "uses a name spawn-monitoring keeps for itself (" + String.join(", ", new TreeSet<>(RESERVED))
                + ", names starting with '..' or ending with '" + TEMP_SUFFIX + "')" : null;
    }

    /** Whether a relative path starts with one of the writer's own names, or uses its temporary suffix. */
    public static boolean isReserved(String path) {
        String top = topLevelName(path);
        return RESERVED.contains(top) || top.startsWith("..") || List.of(path.split("/")).stream().anyMatch(p -> p.endsWith(TEMP_SUFFIX));
    }

    /** Writes one file atomically (temporary file beside it, then rename), e.g. file-discovery targets. */
    public static void writeAtomically(Path destination, byte[] content) {
        writeAtomically(destination, stream -> stream.write(content));
    }

    /** {@link #writeAtomically(Path, byte[])} with the content streamed into the temporary file. */
    public static void writeAtomically(Path destination, Content content) {
        Path absolute = destination.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute.getParent());
            Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + ".", TEMP_SUFFIX);
            try {
                writeDurably(temp, content);
                readableLike(absolute, temp);
                move(temp, absolute);
                syncDirectory(absolute.getParent());
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + absolute + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code relative} inside the output folder {@code out} atomically, holding the folder's
     * {@link OutputLock}: after resolving symbolic links the file must still be inside {@code out}, and
     * not inside a generation (the next generation would drop it).
     */
    public static void writeInto(Path out, String relative, byte[] content, Duration lockWait) {
        writeInto(out, relative, stream -> stream.write(content), lockWait);
    }

    /** What writes a file's content into a stream (so that a large file need not be held in memory). */
    @FunctionalInterface
    public interface Content {
        void writeTo(java.io.OutputStream out) throws IOException;
    }

    /** {@link #writeInto(Path, String, byte[], Duration)} with the content streamed into the temporary file. */
    public static void writeInto(Path out, String relative, Content content, Duration lockWait) {
        String problem = pathProblem(relative);
        if (problem != null) {
            throw new IllegalArgumentException("path '" + relative + "' " + problem);
        }
        Path dir = out.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            try (OutputLock lock = OutputLock.acquire(dir, lockWait)) {
                Path destination = dir.resolve(relative);
                if (isOurLink(dir.resolve(topLevelName(relative)))) {
                    throw new OutputConflictException(destination + " is inside the generated bundle ("
                            + topLevelName(relative) + " is one of its folders); expected a path the bundle does not use");
                }
                Files.createDirectories(destination.getParent());
                if (!destination.getParent().toRealPath().startsWith(dir.toRealPath())) {
                    throw new OutputConflictException(destination + " resolves to " + destination.getParent().toRealPath()
                            + ", outside the output folder " + dir.toRealPath() + " (a symbolic link on the way)");
                }
                writeAtomically(destination, content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(relative) + ": " + e.getMessage(), e);
        }
    }

    /**
     * A temporary file is created private (0600); the file it becomes must be readable by the
     * Prometheus user, so it takes the permissions of the file it replaces, or rw-r--r--.
     */
    private static void readableLike(Path destination, Path temp) throws IOException {
        if (!Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.exists(destination)
                ? Files.getPosixFilePermissions(destination)
                : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(temp, permissions);
    }

    /** A temporary folder is private (0700); a generation must be readable by the Prometheus user. */
    private static void readableByOthers(Path dir) throws IOException {
        if (Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(dir, READABLE_DIR);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // only on file systems without rename; still never partial
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static List<String> readManifest(Path root) throws IOException {
        Path manifest = root.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return List.of();
        }
        return Files.readAllLines(manifest, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && pathProblem(line) == null)
                .toList();
    }

    /** Deletes {@code dir} and everything under it, never following a symbolic link; nothing when it does not exist. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
