package dev.spawn.monitoring.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.model.HighAvailability;
import dev.spawn.monitoring.model.prometheus.SpawnPrometheusDefaults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The systemd units in the bundle: what they start, reload and refresh, and that systemd accepts them. */
class SystemdUnitsTest {

    @Test
    void serversStartWithTheBundlesConfigurationAndFlagsFiles() {
        Map<String, byte[]> files = SpawnMonitoring.defaults().build().files();
        assertThat(files).containsKeys("systemd/prometheus.service", "systemd/prometheus-alertmanager.service",
                "systemd/spawn-targets.service", "systemd/spawn-targets.timer");
        assertThat(text(files, "systemd/prometheus.service"))
                // the flags file names the configuration, relative to the working directory (the bundle)
                .contains("WorkingDirectory=/etc/spawn-monitoring\n")
                .contains("ExecStart=/bin/sh -c 'exec /usr/bin/prometheus $$(cat /etc/spawn-monitoring/prometheus.flags)'")
                // the check runs first: a configuration promtool rejects is never sent the reload signal
                .contains("ExecReload=/usr/bin/promtool check config /etc/spawn-monitoring/prometheus.yaml\n"
                        + "ExecReload=/bin/kill -HUP $MAINPID\n");
        assertThat(text(files, "systemd/prometheus-alertmanager.service"))
                .contains("exec /usr/bin/prometheus-alertmanager $$(cat /etc/spawn-monitoring/alertmanager.flags)'")
                .contains("ExecReload=/usr/bin/amtool check-config /etc/spawn-monitoring/alertmanager.yaml\n"
                        + "ExecReload=/bin/kill -HUP $MAINPID\n");
        assertThat(text(files, "prometheus.flags")).startsWith("--config.file=prometheus.yaml\n"
                + "--storage.tsdb.path=/var/lib/prometheus/metrics2\n");
        assertThat(text(files, "alertmanager.flags")).startsWith("--config.file=alertmanager.yaml\n"
                + "--storage.path=/var/lib/prometheus/alertmanager\n");
    }

    @Test
    void targetsAreRefreshedEveryMinuteLeavingTheEc2JobsRegionsToIt() {
        Map<String, byte[]> files = SpawnMonitoring.defaults().ec2Regions("us-east-1", "eu-west-1").build().files();
        assertThat(text(files, "systemd/spawn-targets.service")).contains("Type=oneshot")
                .contains("ExecStart=/bin/sh -c 'spawn list --json | exec /usr/local/bin/spawn-monitoring targets"
                        + " --inventory - --output /etc/spawn-monitoring --ec2-regions=us-east-1,eu-west-1'");
        assertThat(text(files, "systemd/spawn-targets.timer")).contains("OnCalendar=minutely").contains("WantedBy=timers.target");

        Map<String, byte[]> withoutEc2 = SpawnMonitoring.defaults().removeScrapeJob(SpawnPrometheusDefaults.EC2_JOB).build().files();
        assertThat(text(withoutEc2, "systemd/spawn-targets.service")).contains("--output /etc/spawn-monitoring --include-ec2'");
    }

    @Test
    void highAvailabilityGetsOnePrometheusUnitPerReplica() {
        Map<String, byte[]> files = SpawnMonitoring.defaults()
                .highAvailability(new HighAvailability(List.of("a", "b"), "replica", List.of("am-1:9093", "am-2:9093"),
                        List.of("am-1:9094", "am-2:9094")))
                .build().files();
        assertThat(files).containsKey("systemd/prometheus@.service").doesNotContainKey("systemd/prometheus.service");
        assertThat(text(files, "systemd/prometheus@.service"))
                .contains("--config.file=/etc/spawn-monitoring/prometheus-%i.yaml")
                .contains("ExecReload=/usr/bin/promtool check config /etc/spawn-monitoring/prometheus-%i.yaml");
        // the replicas share the flags file; a second --config.file would stop Prometheus (kingpin refuses repeats)
        assertThat(text(files, "prometheus.flags")).doesNotContain("--config.file");
    }

    /** systemd-analyze (Debian package systemd) where the machine has it; it needs the binaries the units name. */
    @Test
    void systemdAnalyzeVerifyAcceptsTheUnits(@TempDir Path dir) throws IOException, InterruptedException {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed (apt-get install systemd)");
        for (String binary : List.of("/usr/bin/promtool", "/usr/bin/amtool", "/bin/sh", "/bin/kill")) {
            assumeTrue(Files.isExecutable(Path.of(binary)), binary + " is missing; systemd-analyze verify checks it exists");
        }
        MonitoringBundle bundle = SpawnMonitoring.defaults().build();
        List<String> command = new ArrayList<>(List.of(analyze.toString(), "verify", "--man=no"));
        bundle.files().forEach((path, bytes) -> {
            if (path.startsWith(SystemdUnits.FOLDER)) {
                Path unit = dir.resolve(path.substring(SystemdUnits.FOLDER.length()));
                try {
                    Files.write(unit, bytes);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                command.add(unit.toString());
            }
        });
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).as("systemd-analyze verify warns about nothing").isEmpty();
    }

    private static String text(Map<String, byte[]> files, String path) {
        return new String(files.get(path), StandardCharsets.UTF_8);
    }
}
