package dev.spawn.monitoring.cli;

import dev.spawn.monitoring.doctor.Doctor;
import dev.spawn.monitoring.doctor.Expected;
import dev.spawn.monitoring.model.Problem;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code spawn-monitoring doctor}: what {@code mvn spawn:doctor} does ({@link Doctor}). */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Asks the running Prometheus and Alertmanager what is wrong, one finding a line.",
                "Finds: a loaded configuration that differs from the bundle, jobs without targets, targets down, rule"
                        + " groups failing or slower than their interval, no Alertmanager, a cluster not settled or missing"
                        + " peers, receivers failing, the webhook bridge not answering its health URL. Exit 1 when a"
                        + " finding is an error."})
final class DoctorCommand implements Callable<Integer> {

    @ParentCommand
    private SpawnMonitoringCli cli;

    @Spec
    private CommandLine.Model.CommandSpec command;

    @Option(names = "--prometheus", paramLabel = "URL", description = "The Prometheus to ask, such as http://localhost:9090.")
    private String prometheus;

    @Option(names = "--alertmanager", paramLabel = "URL", description = "The Alertmanager to ask, such as http://localhost:9093.")
    private String alertmanager;

    @Option(names = "--bundle", paramLabel = "DIR",
            description = "The bundle the servers should run (on the server: /etc/spawn-monitoring), to compare with what they loaded.")
    private Path bundle;

    @Option(names = "--spec", paramLabel = "FILE", description = "Compare with the bundle this spec generates instead.")
    private Path spec;

    @Override
    public Integer call() {
        URI prometheusUrl = Doctor.serverUrl("--prometheus", prometheus, "http://localhost:9090");
        URI alertmanagerUrl = Doctor.serverUrl("--alertmanager", alertmanager, "http://localhost:9093");
        if (prometheusUrl == null && alertmanagerUrl == null) {
            throw new CommandLine.ParameterException(command.commandLine(), "nothing to ask: give --prometheus URL and/or"
                    + " --alertmanager URL");
        }
        if (bundle != null && spec != null) {
            throw new CommandLine.ParameterException(command.commandLine(), "--bundle and --spec both say what to compare"
                    + " with; give one of them");
        }
        Expected expected = null;
        if (bundle != null) {
            expected = Expected.read(bundle);
        } else if (spec != null) {
            expected = Expected.of(SpecOptions.of(spec).build(cli.terminal()));
        }
        List<Problem> findings = Doctor.examine(prometheusUrl, alertmanagerUrl, expected);
        cli.terminal().print(Doctor.messages(findings));
        return findings.stream().anyMatch(Problem::isError) ? SpawnMonitoringCli.FINDINGS : SpawnMonitoringCli.OK;
    }
}
