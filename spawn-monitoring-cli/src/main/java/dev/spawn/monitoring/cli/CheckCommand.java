package dev.spawn.monitoring.cli;

import dev.spawn.monitoring.goal.Background;
import dev.spawn.monitoring.goal.DriftCheck;
import dev.spawn.monitoring.MonitoringBundle;
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
        Background.warmUp(!options.skipToolChecks);
        MonitoringBundle bundle = spec.build(terminal);
        boolean runTools = options.runTools(terminal);
        // the drift comparison and the tools on one core, the lint on another
        Background<DriftCheck> running = Background.start("spawn-check-tools", () -> DriftCheck.run(bundle, options.output,
                runTools, force));
        boolean lintFailed = options.lint(bundle, terminal);
        DriftCheck check = running.join();
        terminal.print(check.messages(spec.file().name(), spec.read()));
        if (!check.passed()) {
            terminal.err("check: " + check.failure(spec.file().name(), "spawn-monitoring generate"));
            return SpawnMonitoringCli.FINDINGS;
        }
        if (lintFailed) {
            terminal.err("check: spawn lint found errors in the monitoring definition");
            return SpawnMonitoringCli.FINDINGS;
        }
        return SpawnMonitoringCli.OK;
    }
}
