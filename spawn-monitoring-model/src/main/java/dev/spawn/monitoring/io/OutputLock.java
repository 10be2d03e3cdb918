package dev.spawn.monitoring.io;

import dev.spawn.monitoring.model.decl.Internal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Semaphore;

/**
 * One writer at a time per output folder: an OS file lock on {@value #FILE} inside the folder, held
 * while a bundle (or a targets file) is written. The operating system releases it when the holder
 * dies, even by {@code kill -9}, so a crashed run never blocks the next one. The holder writes its
 * pid and host into the file, and a second writer that waits in vain names it in its message.
 * Threads of one JVM queue on an in-process lock first, since the OS lock belongs to the process.
 */
@Internal
public final class OutputLock implements AutoCloseable {

    /** The lock file inside the output folder; it stays after a run (removing it would race the next writer). */
    public static final String FILE = ".spawn-monitoring.lock";

    /** How long a writer waits for another one by default: longer than a checked write of a large bundle. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(120);

    private static final ConcurrentHashMap<Path, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();
    private static final long POLL_MILLIS = 50;

    private final Semaphore threadLock;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Semaphore threadLock, FileChannel channel, FileLock lock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code directory} (created if missing), waiting at most {@code wait}; throws an
     * {@link OutputConflictException} naming the holder when it stays taken.
     */
    static OutputLock acquire(Path directory, Duration wait) {
        Path dir = directory.toAbsolutePath().normalize();
        long deadline = System.nanoTime() + wait.toNanos();
        Semaphore threadLock = IN_PROCESS.computeIfAbsent(dir, d -> new Semaphore(1));
        try {
            if (!threadLock.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new OutputConflictException("the output folder " + dir + " is being written by another thread of this"
                        + " process; waited " + wait.toSeconds() + "s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the lock of " + dir, e);
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(FILE);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            while ((lock = channel.tryLock()) == null) {
                if (System.nanoTime() >= deadline) {
                    throw new OutputConflictException("the output folder " + dir + " is being written by another"
                            + " spawn-monitoring run (" + holder(file) + "); waited " + wait.toSeconds()
                            + "s; try again when it has finished");
                }
                Thread.sleep(POLL_MILLIS);
            }
            long pid = ProcessHandle.current().pid();
            byte[] me = (pid + " " + pid + "@" + hostName() + " since " + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(me), 0);
            return new OutputLock(threadLock, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            threadLock.release();
            throw new UncheckedIOException("cannot lock the output folder " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            closeQuietly(channel);
            threadLock.release();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the lock of " + dir, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            threadLock.release();
            throw e;
        }
    }

    /**
     * This machine's name, for a second writer's message: the kernel's hostname (cheap), else the JVM's lookup (which
     * {@code ManagementFactory}'s {@code pid@host} name also uses, at the cost of the management beans in a cold JVM).
     */
    private static String hostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: ask the JVM
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }

    /** What the holder wrote into the lock file: "pid <n> (<jvm name>) since <instant>". */
    private static String holder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                return "holder unknown";
            }
            String[] parts = text.split(" ", 2);
            return "pid " + parts[0] + (parts.length > 1 ? ", " + parts[1] : "");
        } catch (IOException e) {
            return "holder unknown";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // closing releases the lock; nothing else to do
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close below releases it as well
        } finally {
            closeQuietly(channel);
            threadLock.release();
        }
    }
}
