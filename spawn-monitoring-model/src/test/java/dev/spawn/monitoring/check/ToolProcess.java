package dev.spawn.monitoring.check;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs a tool in its own JVM, for tests that need another default charset or environment, or that end
 * the JVM while a tool runs: {@code run <TOOL> <dir> <args...>} prints {@code exit=<code>} and the
 * output (or {@code missing: <message>}) as UTF-8; {@code tree <pidfile>} starts {@code sh} with a
 * {@code sleep} child and waits on it forever; {@code hang <dir> <port>} runs an amtool that never ends.
 */
public final class ToolProcess {

    private ToolProcess() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        switch (args[0]) {
            case "run" -> {
                try {
                    Tool.Result result = Tool.valueOf(args[1]).run(Path.of(args[2]), 60, Arrays.copyOfRange(args, 3, args.length));
                    out.println("exit=" + result.exitCode());
                    out.println(result.output());
                } catch (Tool.ToolMissingException e) {
                    out.println("missing: " + e.getMessage());
                }
            }
            case "hang" -> {
                // amtool asking an "Alertmanager" that accepts and never answers: it runs until killed
                out.println("starting");
                // (the matcher beyond ASCII sends the arguments through a temporary argument file)
                Tool.AMTOOL.run(Path.of(args[1]), 600, "--alertmanager.url=http://127.0.0.1:" + args[2], "--timeout=300s",
                        "alert", "query", "team=équipe");
            }
            case "tree" -> {
                Path pidFile = Path.of(args[1]);
                Process sh = new ProcessBuilder("sh", "-c", "sleep 300 & echo $! > '" + pidFile + "'; wait").start();
                Thread waiter = new Thread(() -> {
                    try {
                        Children.await(sh, 600, o -> o, o -> o);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                waiter.start();
                while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
                    Thread.sleep(20);
                }
                out.println("running " + sh.pid() + " " + Files.readString(pidFile).strip());
                waiter.join();
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
