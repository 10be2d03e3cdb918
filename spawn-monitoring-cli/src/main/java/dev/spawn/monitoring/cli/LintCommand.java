package dev.spawn.monitoring.cli;

import dev.spawn.monitoring.goal.Linting;
import dev.spawn.monitoring.MonitoringBundle;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code spawn-monitoring lint}: what {@code mvn spawn:lint} does ({@link Linting}). */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Checks rules offline against the metric catalog, the scrape configuration and the Alertmanager"
                + " routing: the spec's bundle, or the rule files given (globs allowed).",
                "One line per finding, FILE:LINE:COL: error|warning: CHECK: message, then lint: N errors, M warnings."})
final class LintCommand implements Callable<Integer> {

    @ParentCommand
    private SpawnMonitoringCli cli;

    @Mixin
    private SpecOptions spec;

    @Parameters(paramLabel = "RULE_FILE", arity = "0..*",
            description = "Prometheus rule files or globs (alerts/*.yaml); none: the spec's bundle.")
    private List<String> files = List.of();

    @Option(names = "--alertmanager", paramLabel = "FILE", description = "An Alertmanager configuration for the routing"
            + " checks of the rule files given.")
    private String alertmanager;

    @Option(names = "--output", paramLabel = "DIR", defaultValue = "target/spawn-monitoring",
            description = "Where the bundle is generated, to name its files in findings (default: ${DEFAULT-VALUE}).")
    private Path output;

    @Override
    public Integer call() {
        Terminal terminal = cli.terminal();
        MonitoringBundle bundle = spec.build(terminal);
        Linting linting;
        if (files.isEmpty()) {
            linting = Linting.of(bundle, spec.read(), BundleOptions.prefix(output));
        } else {
            linting = Linting.files(bundle, files, alertmanager, Path.of("").toAbsolutePath());
        }
        terminal.print(linting.messages());
        return linting.failed() ? SpawnMonitoringCli.FINDINGS : SpawnMonitoringCli.OK;
    }
}
