package dev.spawn.monitoring.check;

import dev.spawn.monitoring.model.decl.Internal;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One of the real Prometheus tools, found on {@code PATH} or through an environment variable
 * ({@code SPAWN_PROMTOOL}, {@code SPAWN_AMTOOL}, {@code SPAWN_PROMETHEUS}, {@code SPAWN_ALERTMANAGER}, {@code SPAWN_VMAGENT},
 * {@code SPAWN_VMALERT}, {@code SPAWN_VICTORIA_METRICS}).
 * Debian ships the Alertmanager server as {@code prometheus-alertmanager}, so that name is tried too.
 */
@Internal
public enum Tool {
    PROMTOOL("promtool", "prometheus"),
    AMTOOL("amtool", "prometheus-alertmanager"),
    PROMETHEUS("prometheus", "prometheus"),
    ALERTMANAGER("alertmanager", "prometheus-alertmanager", "prometheus-alertmanager"),
    VMAGENT("vmagent", "victoria-metrics"),
    VMALERT("vmalert", "victoria-metrics"),
    VICTORIA_METRICS("victoria-metrics", "victoria-metrics");

    private final String command;
    private final String debianPackage;
    private final List<String> alternatives;

    Tool(String command, String debianPackage, String... alternatives) {
        this.command = command;
        this.debianPackage = debianPackage;
        this.alternatives = List.of(alternatives);
    }

    public String command() {
        return command;
    }

    /** The tool whose command is {@code command} ({@code vmagent}); an unknown one is our bug. */
    static Tool forCommand(String command) {
        return java.util.Arrays.stream(values()).filter(t -> t.command.equals(command)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no tool runs '" + command + "'"));
    }

    /** The environment variable that overrides where the binary is. */
    String environmentVariable() {
        return "SPAWN_" + name().toUpperCase(Locale.ROOT);
    }

    /** How to install the tool, for error messages. */
    public String installHint() {
        String brew = this == AMTOOL || this == ALERTMANAGER ? "alertmanager"
                : debianPackage.equals("victoria-metrics") ? "victoriametrics" : "prometheus";
        return "install it with 'apt-get install " + debianPackage + "' (Debian/Ubuntu) or 'brew install " + brew
                + "' (macOS), or set " + environmentVariable() + " to the binary";
    }

    /** The binary, if it can be found. */
    public Optional<Path> locate() {
        String override = System.getenv(environmentVariable());
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        List<String> names = new ArrayList<>();
        names.add(command);
        names.addAll(alternatives);
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** What {@link #version()} learnt, by binary: its path, size and modification time. */
    private static final java.util.Map<String, String> VERSIONS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The binary's path and what its {@code --version} printed, the identity of the tool for the result caches;
     * asked once per binary (path, size, modification time) in this JVM. Empty when the tool is missing.
     */
    public Optional<String> version() {
        Optional<Path> binary = locate();
        if (binary.isEmpty()) {
            return Optional.empty();
        }
        String id;
        try {
            java.nio.file.attribute.BasicFileAttributes attributes = Files.readAttributes(binary.get(),
                    java.nio.file.attribute.BasicFileAttributes.class);
            id = binary.get() + "\n" + attributes.size() + "\n" + attributes.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return Optional.of(binary.get() + "\n" + run(Path.of("."), 30, "--version").output());
        }
        return Optional.of(VERSIONS.computeIfAbsent(id, k -> binary.get() + "\n" + run(Path.of("."), 30, "--version").output()));
    }

    /** Why {@link #locate()} found nothing, with the install hint: a tool that is missing, not one that failed. */
    String missingMessage() {
        String override = System.getenv(environmentVariable());
        if (override != null && !override.isBlank()) {
            return command + " not found: " + environmentVariable() + "=" + override + " is not an executable file; "
                    + installHint();
        }
        return command + " not found on PATH; " + installHint();
    }

    /** The binary, or an exception whose message says how to install it. */
    public Path require() {
        return locate().orElseThrow(() -> new ToolMissingException(this));
    }

    /**
     * Runs the tool in {@code workDir} and waits for it, at most {@code timeoutSeconds}; on timeout the tool
     * and every process it started are killed. Arguments reach the tool as UTF-8 and its output is read as
     * UTF-8, whatever the JVM's default charset: Java 17 encodes a process's arguments in the default
     * charset, so arguments beyond ASCII go through an argument file ({@code @file}, which promtool and
     * amtool read as UTF-8 through their flag parser, kingpin). A tool still running when the JVM exits
     * is killed: by a shutdown hook (Ctrl-C, SIGTERM, System.exit), or, when the JVM is killed outright,
     * by the watchdog it runs under (see {@link Children#watched}).
     */
    public Result run(Path workDir, long timeoutSeconds, String... args) {
        Path binary = require();
        Path argFile = null;
        try {
            List<String> command = new ArrayList<>(Children.watched(binary));
            if (needsArgumentFile(args)) {
                argFile = Files.createTempFile("spawn-" + this.command + "-args-", ".txt");
                Files.write(argFile, (String.join("\n", args) + "\n").getBytes(StandardCharsets.UTF_8));
                command.add("@" + argFile);
            } else {
                command.addAll(List.of(args));
            }
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
            pb.environment().put("LANG", "C");
            if (argFile != null) {
                pb.environment().put(Children.ARGUMENT_FILE, argFile.toString());
            }
            Process process;
            try {
                process = pb.start();
            } catch (IOException e) {
                throw new ToolMissingException(this, binary, e);
            }
            return Children.await(process, timeoutSeconds, output -> new Result(this, String.join(" ", args),
                    process.exitValue(), output), output -> new Result(this, String.join(" ", args), -1,
                    "timed out after " + timeoutSeconds + "s; killed it and its child processes\n" + output));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot run " + this.command + " (" + binary + "): " + e.getMessage(), e);
        } finally {
            deleteQuietly(argFile);
        }
    }

    /**
     * Whether the arguments must go through a UTF-8 argument file: some are beyond ASCII, and each can be
     * one line of it (kingpin reads one argument a line and skips lines starting with {@code #}).
     */
    static boolean needsArgumentFile(String... args) {
        boolean ascii = true;
        for (String arg : args) {
            ascii &= arg.chars().allMatch(c -> c < 0x80);
        }
        return !ascii && Stream.of(args).noneMatch(a -> a.startsWith("#") || a.startsWith("@") || a.contains("\n") || a.contains("\r"));
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a leftover temporary file is harmless
        }
    }

    /** What a tool printed and how it ended. */
    public record Result(Tool tool, String arguments, int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }

        @Override
        public String toString() {
            return tool.command() + " " + arguments + " -> exit " + exitCode + "\n" + output;
        }
    }

    /** Thrown when a tool cannot be found or started; the message carries the install hint. */
    public static final class ToolMissingException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Tool tool;

        ToolMissingException(Tool tool) {
            super(tool.missingMessage());
            this.tool = tool;
        }

        ToolMissingException(Tool tool, Path binary, IOException cause) {
            super("cannot start " + tool.command() + " (" + binary + "): " + cause.getMessage() + "; " + tool.installHint(), cause);
            this.tool = tool;
        }

        public Tool tool() {
            return tool;
        }
    }
}
