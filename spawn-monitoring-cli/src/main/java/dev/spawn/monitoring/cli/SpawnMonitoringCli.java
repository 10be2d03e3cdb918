package dev.spawn.monitoring.cli;

import dev.spawn.monitoring.goal.Message;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code spawn-monitoring}: the goals of the Maven plugin as one command for a monitoring server, cron and
 * systemd, each subcommand the same library call as its goal. Exit codes: {@value #OK} ok,
 * {@value #FINDINGS} findings or failed checks, {@value #USAGE} a usage or input error (printed
 * {@code file:line:col: message}, never a stack trace), {@value #BUG} a bug in spawn-monitoring (with its
 * stack trace). A new subcommand is one class with {@code @Command} listed in {@code subcommands}.
 */
@Command(name = "spawn-monitoring", mixinStandardHelpOptions = true, versionProvider = SpawnMonitoringCli.Version.class,
        description = "Generates, checks and runs the Prometheus and Alertmanager configuration of a spawn fleet.",
        subcommands = {GenerateCommand.class, CheckCommand.class, LintCommand.class, TargetsCommand.class, ImportCommand.class, DoctorCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:findings or failed checks", "2:usage or input error", "3:a bug in spawn-monitoring"})
public final class SpawnMonitoringCli implements Runnable {

    public static final int OK = 0;
    public static final int FINDINGS = 1;
    public static final int USAGE = 2;
    public static final int BUG = 3;

    private final Terminal terminal;

    SpawnMonitoringCli(Terminal terminal) {
        this.terminal = terminal;
    }

    Terminal terminal() {
        return terminal;
    }

    /** Without a subcommand: the usage, as a usage error. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is needed");
    }

    public static void main(String[] args) {
        System.exit(run(System.in, System.out, System.err, args));
    }

    /** Runs one command line with the given streams and returns its exit code. */
    static int run(InputStream in, PrintStream out, PrintStream err, String... args) {
        Terminal terminal = new Terminal(in, out, err);
        CommandLine cli = new CommandLine(new SpawnMonitoringCli(terminal));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e, terminal, commandLine));
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** A user's mistake becomes its messages and exit code 2; anything else is our bug, with its stack trace. */
    private static int handle(Exception e, Terminal terminal, CommandLine commandLine) {
        if (e instanceof ValidationException v) {
            terminal.print(Message.problems(v.problems()));
            long errors = v.problems().stream().filter(Problem::isError).count();
            terminal.err(commandLine.getCommandName() + ": stopped by " + errors + (errors == 1 ? " problem" : " problems")
                    + " (see above); no file was changed");
            return USAGE;
        }
        if (e instanceof UncheckedIOException io) {
            terminal.err(commandLine.getCommandName() + ": " + io.getMessage());
            return USAGE;
        }
        e.printStackTrace(terminal.errStream());
        terminal.err(commandLine.getCommandName() + ": failed unexpectedly (a bug in spawn-monitoring; the trace above"
                + " helps to fix it)");
        return BUG;
    }

    /** This command's version, as the build wrote it; part of the generate fingerprint, as the plugin's version is. */
    static String version() {
        Properties properties = new Properties();
        try (InputStream in = SpawnMonitoringCli.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"spawn-monitoring " + version()};
        }
    }
}
