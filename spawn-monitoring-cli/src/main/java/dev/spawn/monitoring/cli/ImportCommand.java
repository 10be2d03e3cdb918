package dev.spawn.monitoring.cli;

import dev.spawn.monitoring.io.BundleWriter;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.spec.SpecImport;
import dev.spawn.monitoring.spec.SpecReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code spawn-monitoring import}: what {@code mvn spawn:import} does ({@link SpecImport#fromDirectory}). */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Turns a hand-written prometheus.yml, the rule files it names and an alertmanager.yml beside it into"
                + " a spec that says only what"
                + " differs from the spawn defaults; what the spec cannot carry is reported as file:line:col: warning.")
final class ImportCommand implements Callable<Integer> {

    @ParentCommand
    private SpawnMonitoringCli cli;

    @Spec
    private CommandLine.Model.CommandSpec command;

    @Option(names = "--from", paramLabel = "DIR", required = true,
            description = "The folder holding prometheus.yml (or prometheus.yaml), its rule files and optionally"
                    + " alertmanager.yml (or alertmanager.yaml), or only an alertmanager.yml.")
    private Path from;

    @Option(names = "--spec", paramLabel = "FILE", defaultValue = SpecReader.DEFAULT_PATH,
            description = "Where to write the spec (default: ${DEFAULT-VALUE}).")
    private Path spec;

    @Option(names = "--force", description = "Replaces an existing spec.")
    private boolean force;

    @Override
    public Integer call() {
        if (Files.exists(spec) && !force) {
            throw new CommandLine.ParameterException(command.commandLine(), spec + " already exists; import does not"
                    + " overwrite a spec (--force replaces it)");
        }
        SpecImport.Result result = SpecImport.fromDirectory(from);
        result.problems().stream().map(Problem::toString).forEach(cli.terminal()::err);
        BundleWriter.writeAtomically(spec.toAbsolutePath(), result.spec().getBytes(StandardCharsets.UTF_8));
        cli.terminal().out("imported " + from + " -> " + spec + " (" + result.problems().size()
                + (result.problems().size() == 1 ? " note" : " notes") + ")");
        return SpawnMonitoringCli.OK;
    }
}
