package dev.spawn.monitoring.cli;

import dev.spawn.monitoring.DriftCheck;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code spawn-monitoring check}: what {@code mvn spawn:check} does ({@link DriftCheck}). */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Fails when the bundle in --output differs from what the spec generates, or promtool or amtool reject it.")
final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    private SpawnMonitoringCli cli;

    @Mixin
    private BundleOptions options;

    @Option(names = "--force", description = "Runs promtool and amtool even when the bundle and the tool versions are those of the last passing check.")
    private boolean force;

    @Override
    public Integer call() {
        Terminal terminal = cli.terminal();
        SpecOptions spec = options.spec;
        DriftCheck check = DriftCheck.run(spec.build(terminal), options.output, options.runTools(terminal), force);
        terminal.print(check.messages(spec.file().name(), spec.read()));
        if (check.passed()) {
            return SpawnMonitoringCli.OK;
        }
        terminal.err("check: " + check.failure(spec.file().name(), "spawn-monitoring generate"));
        return SpawnMonitoringCli.FINDINGS;
    }
}
