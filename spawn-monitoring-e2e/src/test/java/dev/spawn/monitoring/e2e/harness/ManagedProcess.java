package dev.spawn.monitoring.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real server process (Prometheus, Alertmanager) whose output goes to a log file. {@link #close()}
 * always ends it: SIGTERM, a bounded wait, then SIGKILL; {@link #kill()} is the abrupt end a test
 * uses to simulate a crashed node.
 */
public final class ManagedProcess implements AutoCloseable {

    private static final int LOG_TAIL_LINES = 60;

    private final String name;
    private final List<String> command;
    private final Path log;
    private final Process process;

    private ManagedProcess(String name, List<String> command, Path log, Process process) {
        this.name = name;
        this.command = List.copyOf(command);
        this.log = log;
        this.process = process;
    }

    /** Starts {@code command} in {@code workDir}, with stdout and stderr appended to {@code workDir/<name>.log}. */
    public static ManagedProcess start(String name, Path workDir, List<String> command) {
        return start(name, workDir, command, java.util.Map.of());
    }

    /** As {@link #start(String, Path, List)}, with {@code environment} added to the process' environment. */
    public static ManagedProcess start(String name, Path workDir, List<String> command, java.util.Map<String, String> environment) {
        Path log = workDir.resolve(name + ".log");
        try {
            Files.createDirectories(workDir);
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().put("LANG", "C");
            // no proxy may turn a loopback call into one that leaves the machine
            List.of("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")
                    .forEach(builder.environment()::remove);
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            return new ManagedProcess(name, command, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    /**
     * The generated flag lines with the ones this test sets itself replaced: a test must choose its
     * own ports and data folders, and kingpin refuses a flag given twice.
     */
    public static List<String> flags(List<String> generated, List<String> overrides) {
        java.util.Set<String> replaced = new java.util.HashSet<>();
        overrides.forEach(flag -> replaced.add(flagName(flag)));
        List<String> merged = new ArrayList<>();
        generated.stream().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .filter(line -> !replaced.contains(flagName(line))).forEach(merged::add);
        merged.addAll(overrides);
        return merged;
    }

    private static String flagName(String flag) {
        int eq = flag.indexOf('=');
        return eq < 0 ? flag : flag.substring(0, eq);
    }

    public String name() {
        return name;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code /-/ready} answers 200 (Prometheus and Alertmanager alike); fails at once if the process exits. */
    public void awaitReady(JsonApi api, java.time.Duration timeout) {
        Poll.until(name + " to be ready at " + api.base(), timeout, () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited before it was ready\n" + describe());
            }
            return api.status("/-/ready") == 200;
        });
    }

    /** Ends the process at once (SIGKILL), as a crash would. */
    public void kill() {
        process.destroyForcibly();
        waitFor(10);
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitFor(10)) {
            process.destroyForcibly();
            waitFor(10);
        }
    }

    private boolean waitFor(long seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        }
    }

    /** The command line, whether it still runs, and the end of its log. */
    public String describe() {
        StringBuilder out = new StringBuilder("--- ").append(name).append(" (")
                .append(process.isAlive() ? "running" : "exited " + process.exitValue()).append("): ")
                .append(String.join(" ", command)).append('\n');
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            List<String> tail = new ArrayList<>(lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
            if (lines.size() > tail.size()) {
                out.append("    ... ").append(lines.size() - tail.size()).append(" earlier line(s) in ").append(log).append('\n');
            }
            tail.forEach(line -> out.append("    ").append(line).append('\n'));
        } catch (IOException | UncheckedIOException e) {
            out.append("    (log unreadable: ").append(e.getMessage()).append(")\n");
        }
        return out.toString();
    }
}
