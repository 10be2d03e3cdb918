package dev.spawn.monitoring.cli;

import dev.spawn.monitoring.goal.Background;
import dev.spawn.monitoring.goal.Generation;
import dev.spawn.monitoring.goal.Message;
import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.check.CheckFailedException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code spawn-monitoring generate}: what {@code mvn spawn:generate} does ({@link Generation}). */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Writes the bundle of the spec after promtool and amtool accepted it; nothing when it is up to date.")
final class GenerateCommand implements Callable<Integer> {

    @ParentCommand
    private SpawnMonitoringCli cli;

    @Mixin
    private BundleOptions options;

    @Option(names = "--force", description = "Regenerates even when the output is up to date.")
    private boolean force;

    @Override
    public Integer call() {
        Terminal terminal = cli.terminal();
        SpecOptions spec = options.spec;
        try {
            // the tools' versions key the result cache, which a forced run does not read
            Background.warmUp(!options.skipToolChecks && !force);
            MonitoringBundle bundle = spec.build(terminal);
            if (options.lint(bundle, terminal)) {
                terminal.err("generate: spawn lint found errors in the monitoring definition; nothing was written");
                return SpawnMonitoringCli.FINDINGS;
            }
            Generation generation = Generation.run(bundle, options.output, SpawnMonitoringCli.version(),
                    spec.file().bytes(), force, options.runTools(terminal));
            terminal.print(generation.messages(spec.file().name(), spec.read()));
            return SpawnMonitoringCli.OK;
        } catch (CheckFailedException e) {
            terminal.print(Message.checks(e.outcomes(), spec.read()));
            terminal.err("generate: the generated bundle was rejected by the Prometheus tools; nothing was written"
                    + " (the previous files in " + options.output + " are unchanged)");
            return SpawnMonitoringCli.FINDINGS;
        }
    }
}
