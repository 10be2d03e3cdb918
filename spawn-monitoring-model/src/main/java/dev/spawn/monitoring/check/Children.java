package dev.spawn.monitoring.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The tool processes this JVM has running: their output drained from a pipe (no temporary file), each
 * waited for with a timeout after which it is killed with every process it started, and all of them
 * killed by a shutdown hook when the JVM exits while they run. A JVM killed with {@code kill -9} runs
 * no hook, so each tool runs under a small POSIX shell watchdog that kills it when the JVM's end of its
 * standard input closes, which the kernel does when the JVM dies however it dies.
 */
final class Children {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Children::killTree), "spawn-tools-cleanup"));
    }

    private Children() {
    }

    /** The shell that runs the watchdog; where there is none (Windows), a tool runs without one. */
    private static final Path SHELL = Path.of("/bin/sh");

    /**
     * Starts the tool ({@code $0}, arguments {@code $@}) with its standard input from /dev/null, and a
     * watcher that blocks reading the JVM's pipe: end of file there (the JVM closed it, or died) kills
     * the tool. When the tool ends first, the watcher is stopped and the tool's exit status returned.
     * Either way the shell then removes the tool's argument file ({@code SPAWN_ARGUMENT_FILE}), so even
     * a JVM killed outright leaves no temporary file. The shell's own messages ("Killed") go nowhere: on
     * the dead JVM's pipe they would end it with SIGPIPE before it cleaned up.
     */
    private static final String WATCHDOG = """
            exec 3<&0 4>&2 2>/dev/null
            "$0" "$@" </dev/null 2>&4 &
            tool=$!
            { read -r _ <&3; kill -9 "$tool"; } 2>/dev/null &
            watcher=$!
            wait "$tool"
            status=$?
            kill "$watcher" 2>/dev/null
            [ -z "$SPAWN_ARGUMENT_FILE" ] || rm -f "$SPAWN_ARGUMENT_FILE"
            exit "$status"
            """;

    /** The environment variable naming a temporary file the watchdog removes when the tool has ended. */
    static final String ARGUMENT_FILE = "SPAWN_ARGUMENT_FILE";

    /** The command prefix that runs {@code binary} under the watchdog (followed by the tool's arguments). */
    static List<String> watched(Path binary) {
        if (!Files.isExecutable(SHELL)) {
            return List.of(binary.toString());
        }
        return List.of(SHELL.toString(), "-c", WATCHDOG, binary.toString());
    }

    /**
     * Waits for {@code process} (its stdin closed, its stdout drained) at most {@code timeoutSeconds}; then
     * {@code done} gets the output decoded as UTF-8, or, after the process tree was killed, {@code timedOut} does.
     */
    static <T> T await(Process process, long timeoutSeconds, Function<String, T> done, Function<String, T> timedOut)
            throws IOException {
        RUNNING.add(process);
        try {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Thread drain = new Thread(() -> copy(process.getInputStream(), output), "spawn-tool-output-" + process.pid());
            drain.setDaemon(true);
            drain.start();
            boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!finished) {
                killTree(process);
            }
            drain.join(TimeUnit.SECONDS.toMillis(5));
            String text;
            synchronized (output) {
                text = output.toString(StandardCharsets.UTF_8);
            }
            return finished ? done.apply(text) : timedOut.apply(text);
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + process.info().command().orElse("a tool"), e);
        } finally {
            RUNNING.remove(process);
            // closed only now: the watchdog kills the tool when it sees this pipe end
            process.getOutputStream().close();
        }
    }

    /** Kills the process and its descendants (children first, so none is re-parented and missed) and waits briefly. */
    static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the process was killed; what was read so far is the output
        }
    }
}
