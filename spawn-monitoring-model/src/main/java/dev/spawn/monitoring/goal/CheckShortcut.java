package dev.spawn.monitoring.goal;

import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.check.ToolCache;
import dev.spawn.monitoring.io.BundleWriter;
import dev.spawn.monitoring.io.OutputLock;
import dev.spawn.monitoring.model.decl.Internal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code spawn:check} with nothing changed since its last passing run: the same spec bytes, the same bytes and links
 * in the output folder, the same generator (the bytes of the jar this class is loaded from) and the same promtool and
 * amtool binaries (path, size, modification time) give the same verdict, so the check says so and repeats that run's
 * messages without building the bundle. The key and the messages are kept beside the output folder
 * ({@code .<folder>.spawn-check}). Classes loaded from a folder (a development build) have no such identity: the
 * check then always runs. {@code -Dspawn.force} runs it anyway.
 */
@Internal
public final class CheckShortcut {

    private CheckShortcut() {
    }

    /** The file beside the output folder {@code directory}. */
    static Path file(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        Path parent = absolute.getParent() == null ? absolute : absolute.getParent();
        return parent.resolve("." + absolute.getFileName() + ".spawn-check");
    }

    /**
     * The key of a check of {@code spec} against {@code directory} with {@code settings} (what else changes the
     * verdict: the goal's options) by the code in {@code generator} (the jars of the classes that check, see
     * {@link #jarOf}); empty when the generator or a tool cannot be identified or the folder is unreadable.
     */
    public static Optional<String> key(String settings, String specName, byte[] spec, Path directory,
            List<Optional<Path>> generator) {
        if (generator.isEmpty() || generator.stream().anyMatch(Optional::isEmpty) || Tool.PROMTOOL.locate().isEmpty()
                || Tool.AMTOOL.locate().isEmpty()) {
            return Optional.empty();
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            update(sha, ("check-shortcut 1\n" + settings + "\n" + specName).getBytes(StandardCharsets.UTF_8));
            for (Optional<Path> jar : generator) {
                update(sha, zipDirectory(jar.orElseThrow()));
            }
            for (Tool tool : List.of(Tool.PROMTOOL, Tool.AMTOOL)) {
                Path binary = tool.locate().orElseThrow().toRealPath();
                update(sha, (binary + "\n" + Files.size(binary) + "\n" + Files.getLastModifiedTime(binary).toMillis())
                        .getBytes(StandardCharsets.UTF_8));
            }
            update(sha, spec);
            Path out = directory.toAbsolutePath().normalize();
            if (!Files.isDirectory(out)) {
                return Optional.empty();
            }
            try (Stream<Path> walk = Files.walk(out)) {
                for (Path p : walk.sorted().toList()) {
                    String name = p.getFileName() == null ? "" : p.getFileName().toString();
                    if (name.equals(OutputLock.FILE)) {
                        continue; // held by a running writer; says nothing about the bundle
                    }
                    update(sha, out.relativize(p).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                    if (Files.isSymbolicLink(p)) {
                        update(sha, ("-> " + Files.readSymbolicLink(p)).getBytes(StandardCharsets.UTF_8));
                    } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        update(sha, Files.readAllBytes(p));
                    }
                }
            }
            return Optional.of(HexFormat.of().formatHex(sha.digest()));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The messages of the last passing check with this key, to repeat; empty when the check must run. */
    public static Optional<List<Message>> matches(Path directory, String key) {
        try {
            Path file = file(directory);
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(key)) {
                return Optional.empty();
            }
            List<Message> messages = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    messages.add(new Message(Message.Level.valueOf(line.substring(0, tab)), ToolCache.unescape(line.substring(tab + 1))));
                }
            }
            return Optional.of(messages);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Remembers a passing check's key and what it said; a cache only: a folder that cannot be written is no error. */
    public static void remember(Path directory, String key, List<Message> messages) {
        StringBuilder text = new StringBuilder(key).append('\n');
        messages.forEach(m -> text.append(m.level().name()).append('\t').append(ToolCache.escape(m.text())).append('\n'));
        try {
            BundleWriter.writeAtomically(file(directory), text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // read-only: the next check runs in full
        }
    }

    /** Forgets the last passing check (a failed one must not be taken for it). */
    public static void forget(Path directory) {
        try {
            Files.deleteIfExists(file(directory));
        } catch (IOException e) {
            // a stale key only matches an identical run, which would pass again
        }
    }

    /** The message that stands for the skipped work. */
    public static Message skipped(Path directory) {
        return Message.info("nothing changed since the last passing check (spec, output folder, generator, promtool and"
                + " amtool as then; " + file(directory).getFileName() + "): its messages are repeated above;"
                + " -Dspawn.force or --force checks again");
    }

    /** The jar {@code type} is loaded from; empty for a class loaded from a folder (a development build). */
    public static Optional<Path> jarOf(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            Path location = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(location) ? Optional.of(location) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * What identifies a jar's contents: its central directory (every entry's name, sizes and CRC-32 of its bytes) and
     * its size; a tenth of the jar's bytes, which a cold JVM hashes in a tenth of the time. The whole file when it has
     * no plain central directory (ZIP64, or not a zip).
     */
    static byte[] zipDirectory(Path jar) throws IOException {
        try (java.nio.channels.SeekableByteChannel channel = Files.newByteChannel(jar)) {
            long size = channel.size();
            int tail = (int) Math.min(size, END_RECORD + 0xFFFF); // the end record, and a comment of up to 64 KiB
            ByteBuffer end = readAt(channel, size - tail, tail);
            for (int at = tail - END_RECORD; at >= 0; at--) {
                if (end.getInt(at) != 0x06054b50) {
                    continue;
                }
                long length = end.getInt(at + 12) & 0xFFFFFFFFL;
                long offset = end.getInt(at + 16) & 0xFFFFFFFFL;
                if (offset + length > size - tail + at || length > Integer.MAX_VALUE - 8) {
                    break;
                }
                ByteBuffer directory = readAt(channel, offset, (int) length);
                return ByteBuffer.allocate(8 + (int) length).putLong(size).put(directory.array()).array();
            }
        }
        return Files.readAllBytes(jar);
    }

    /** The length of a zip file's end-of-central-directory record without its comment. */
    private static final int END_RECORD = 22;

    private static ByteBuffer readAt(java.nio.channels.SeekableByteChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        channel.position(position);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("unexpected end of " + position + "+" + length);
            }
        }
        return buffer;
    }

    private static void update(MessageDigest sha, byte[] bytes) {
        // length-prefixed, so that moving bytes between parts changes the digest
        sha.update(ByteBuffer.allocate(8).putLong(bytes.length).array());
        sha.update(bytes);
    }
}
