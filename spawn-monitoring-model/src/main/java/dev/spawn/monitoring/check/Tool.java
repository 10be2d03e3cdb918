package dev.spawn.monitoring.check;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One of the real Prometheus tools, found on {@code PATH} or through an environment variable
 * ({@code SPAWN_PROMTOOL}, {@code SPAWN_AMTOOL}, {@code SPAWN_PROMETHEUS}, {@code SPAWN_ALERTMANAGER}).
 * Debian ships the Alertmanager server as {@code prometheus-alertmanager}, so that name is tried too.
 */
public enum Tool {
    PROMTOOL("promtool", "prometheus"),
    AMTOOL("amtool", "prometheus-alertmanager"),
    PROMETHEUS("prometheus", "prometheus"),
    ALERTMANAGER("alertmanager", "prometheus-alertmanager", "prometheus-alertmanager");

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

    /** The environment variable that overrides where the binary is. */
    public String environmentVariable() {
        return "SPAWN_" + name().toUpperCase(Locale.ROOT);
    }

    /** How to install the tool, for error messages. */
    public String installHint() {
        String brew = this == AMTOOL || this == ALERTMANAGER ? "alertmanager" : "prometheus";
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

    /** The binary, or an exception whose message says how to install it. */
    public Path require() {
        return locate().orElseThrow(() -> new ToolMissingException(this));
    }

    /**
     * Runs the tool in {@code workDir} and waits for it, at most {@code timeoutSeconds}: its output
     * goes to a temporary file, so a tool that hangs without printing is still stopped in time.
     */
    public Result run(Path workDir, long timeoutSeconds, String... args) {
        List<String> command = new ArrayList<>();
        command.add(require().toString());
        command.addAll(List.of(args));
        Path output = null;
        try {
            output = Files.createTempFile("spawn-" + this.command, ".out");
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            pb.environment().put("LANG", "C");
            Process process = pb.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return new Result(this, String.join(" ", args), -1, "timed out after " + timeoutSeconds + "s\n"
                        + readLeniently(output));
            }
            return new Result(this, String.join(" ", args), process.exitValue(), readLeniently(output));
        } catch (IOException e) {
            throw new ToolMissingException(this, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + this.command, e);
        } finally {
            deleteQuietly(output);
        }
    }

    /** The output as UTF-8, bytes that are not (promtool echoes a user's \\xff escape raw) replaced, not fatal. */
    private static String readLeniently(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
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
            super(tool.command() + " not found on PATH; " + tool.installHint());
            this.tool = tool;
        }

        ToolMissingException(Tool tool, IOException cause) {
            super("cannot start " + tool.command() + ": " + cause.getMessage() + "; " + tool.installHint(), cause);
            this.tool = tool;
        }

        public Tool tool() {
            return tool;
        }
    }
}
