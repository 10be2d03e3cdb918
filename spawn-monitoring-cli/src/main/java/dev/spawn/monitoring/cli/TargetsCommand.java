package dev.spawn.monitoring.cli;

import dev.spawn.monitoring.model.prometheus.SpawnPrometheusDefaults;
import dev.spawn.monitoring.spec.Inventory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code spawn-monitoring targets}: what {@code mvn spawn:targets} does ({@link Inventory#refresh}), with no
 * spec needed: the regions left to the {@code spawn-ec2} job come from {@code --ec2-regions} (what the
 * generated {@code spawn-targets.service} passes), a spec's {@code ec2.regions}, or the spawn defaults.
 */
@Command(name = "targets", mixinStandardHelpOptions = true,
        description = "Writes DIR/" + Inventory.TARGETS_FILE + " from 'spawn list --json', atomically;"
                + " a bad inventory leaves the previous file in place.")
final class TargetsCommand implements Callable<Integer> {

    @ParentCommand
    private SpawnMonitoringCli cli;

    @Spec
    private CommandLine.Model.CommandSpec command;

    @Option(names = "--inventory", paramLabel = "FILE|-", defaultValue = "-",
            description = "The output of 'spawn list --json'; - reads standard input (default).")
    private Path inventory;

    @Option(names = "--output", paramLabel = "DIR", defaultValue = "target/spawn-monitoring",
            description = "The bundle folder; the targets go to DIR/" + Inventory.TARGETS_FILE + " (default: ${DEFAULT-VALUE}).")
    private Path output;

    @Option(names = "--spec", paramLabel = "FILE",
            description = "A spec, read only for the regions of its spawn-ec2 job.")
    private Path spec;

    @Option(names = "--ec2-regions", paramLabel = "REGION", split = ",",
            description = "The regions of the spawn-ec2 job, whose instances are left to it (default: those of --spec, else us-east-1 as in the spawn defaults).")
    private List<String> ec2Regions;

    @Option(names = "--include-ec2", description = "Writes the instances of the spawn-ec2 job's regions too (a setup without that job).")
    private boolean includeEc2;

    @Override
    public Integer call() {
        if (spec != null && ec2Regions != null) {
            throw new CommandLine.ParameterException(command.commandLine(), "--spec and --ec2-regions both name the EC2"
                    + " regions; give one of them");
        }
        Inventory.Refresh refresh = Inventory.refresh(inventory, cli.terminal().in(), regions(), includeEc2, output);
        refresh.summary("--include-ec2").forEach(cli.terminal()::out);
        return SpawnMonitoringCli.OK;
    }

    private List<String> regions() {
        if (ec2Regions != null) {
            return ec2Regions.stream().map(String::strip).filter(r -> !r.isEmpty()).toList();
        }
        if (spec != null) {
            // only the scrape jobs: a spec whose rules do not build yet still says where the spawn-ec2 job looks
            return SpawnPrometheusDefaults.ec2Regions(SpecOptions.of(spec).file().read().monitoring().scrapeConfigs());
        }
        return SpawnPrometheusDefaults.ec2Regions(SpawnPrometheusDefaults.scrapeConfigs());
    }
}
