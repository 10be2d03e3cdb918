package dev.spawn.monitoring.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the real Prometheus and Alertmanager processes of a test have in common: the process, the
 * loopback port its HTTP API listens on, and the command line made from a generated flags file
 * with the test's own ports and storage put over it.
 */
public abstract class LoopbackServer implements AutoCloseable {

    public static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    protected final ManagedProcess process;
    private final int port;
    protected final JsonApi api;

    protected LoopbackServer(ManagedProcess process, int port) {
        this(process, port, new JsonApi("http://" + Loopback.address(port)));
    }

    protected LoopbackServer(ManagedProcess process, int port, JsonApi api) {
        this.process = process;
        this.port = port;
        this.api = api;
    }

    /** {@code binary} followed by the flags of {@code flagsFile} (may be null) with {@code overrides} applied. */
    protected static List<String> command(Path binary, Path flagsFile, List<String> overrides) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(ManagedProcess.flags(readLines(flagsFile), overrides));
        return command;
    }

    private static List<String> readLines(Path file) {
        if (file == null) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the server answers {@code /-/ready}. */
    protected final void awaitReady() {
        process.awaitReady(api, START_TIMEOUT);
    }

    public String address() {
        return Loopback.address(port);
    }

    public ManagedProcess process() {
        return process;
    }

    public JsonApi api() {
        return api;
    }

    /** Kills the server abruptly, as a crash would. */
    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        process.close();
    }
}
