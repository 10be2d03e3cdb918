package dev.spawn.monitoring.cli;

import dev.spawn.monitoring.goal.Background;
import dev.spawn.monitoring.goal.CheckShortcut;
import dev.spawn.monitoring.goal.DriftCheck;
import dev.spawn.monitoring.goal.Linting;
import dev.spawn.monitoring.goal.Message;
import dev.spawn.monitoring.MonitoringBundle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        // nothing changed since the last passing check (spec, folder, this jar, the tools): its verdict stands
        Optional<String> shortcut = force ? Optional.empty()
                : CheckShortcut.key("cli check skipToolChecks=" + options.skipToolChecks, spec.file().name(), spec.file().bytes(),
                        options.output, List.of(CheckShortcut.jarOf(CheckCommand.class)));
        Optional<List<Message>> said = shortcut.flatMap(k -> CheckShortcut.matches(options.output, k));
        if (said.isPresent()) {
            terminal.print(said.get());
            terminal.print(List.of(CheckShortcut.skipped(options.output)));
            return SpawnMonitoringCli.OK;
        }
        CheckShortcut.forget(options.output);
        Background.warmUpForCheck(!options.skipToolChecks);
        MonitoringBundle bundle = spec.build(terminal);
        List<Message> messages = new ArrayList<>(Message.problems(bundle.warnings().stream().filter(p -> !p.isError()).toList()));
        boolean runTools = options.runTools(terminal);
        // the drift comparison and the tools on one core, the lint on another
        Background<DriftCheck> running = Background.start("spawn-check-tools", () -> DriftCheck.run(bundle, options.output,
                runTools, force));
        Linting linting = Linting.of(bundle, spec.read(), BundleOptions.prefix(options.output));
        terminal.print(linting.messages());
        messages.addAll(linting.messages());
        DriftCheck check = running.join();
        List<Message> checked = check.messages(spec.file().name(), spec.read());
        terminal.print(checked);
        messages.addAll(checked);
        if (!check.passed()) {
            terminal.err("check: " + check.failure(spec.file().name(), "spawn-monitoring generate"));
            return SpawnMonitoringCli.FINDINGS;
        }
        if (linting.failed()) {
            terminal.err("check: spawn lint found errors in the monitoring definition");
            return SpawnMonitoringCli.FINDINGS;
        }
        // the key of the folder as it was checked (the check writes only beside it, never in it)
        shortcut.ifPresent(k -> CheckShortcut.remember(options.output, k, messages));
        return SpawnMonitoringCli.OK;
    }
}
