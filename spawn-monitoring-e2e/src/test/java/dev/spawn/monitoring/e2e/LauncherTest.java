package dev.spawn.monitoring.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a monitoring server runs, run as it runs it: {@code bin/spawn-monitoring} with the built jar (targets from
 * standard input for the systemd timer, a bad inventory that leaves the previous file, lint, a check repeated with
 * nothing changed). {@code mvn spawn:targets}
 * in a folder without a POM is the plugin's integration test {@code targets-without-pom}, so that this module needs
 * only the command's jar and runs beside the plugin's integration tests.
 */
class LauncherTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final String INVENTORY = """
            {"instances": [
              {"instance_id": "i-0aaa", "region": "eu-west-1", "instance_type": "t3.micro", "spot": false,
               "private_ip": "10.0.0.1", "metrics_enabled": true}
            ]}
            """;

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    private Run run(Path cwd, String stdin, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        builder.environment().put("SPAWN_MONITORING_CDS", "off");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("timed out: " + String.join(" ", command));
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Path launcher() {
        Path jar = REPOSITORY.resolve("spawn-monitoring-cli/target/spawn-monitoring.jar");
        assertThat(jar).as("the command's jar; build it with mvn install (the reactor builds it before this module)")
                .exists();
        return REPOSITORY.resolve("bin/spawn-monitoring");
    }

    @Test
    void theLauncherWritesTargetsFromStandardInputAndKeepsThemOnABadInventory() throws Exception {
        String launcher = launcher().toString();
        Path output = dir.resolve("bundle");
        Run ok = run(dir, INVENTORY, "sh", launcher, "targets", "--inventory", "-", "--output", output.toString(),
                "--ec2-regions", "us-east-1");
        assertThat(ok.code()).as(ok.err()).isZero();
        Path targets = output.resolve("targets/spawn-instances.json");
        String written = Files.readString(targets);
        assertThat(written).contains("\"instance_id\" : \"i-0aaa\"", "10.0.0.1:9090");

        Run bad = run(dir, "{\"instances\": [{\"instance_id\": 7}]}", "sh", launcher, "targets", "--inventory", "-",
                "--output", output.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("<stdin>").doesNotContain("at dev.spawn");
        assertThat(Files.readString(targets)).isEqualTo(written);
    }

    @Test
    void theLauncherLintsASpec() throws Exception {
        Files.createDirectories(dir.resolve("src/main/monitoring"));
        Files.writeString(dir.resolve("src/main/monitoring/spawn-monitoring.yaml"), """
                apiVersion: spawn.dev/v1
                rules:
                  custom:
                    - name: CpuHot
                      expr: spawn_cpu_usage_percent > 150
                      annotations: {summary: s, description: d}
                """);
        Run run = run(dir, "", "sh", launcher().toString(), "lint");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("spawn-monitoring.yaml:5:13: error: alert/never-fires:", "lint: 1 error, 0 warnings");
    }

    @Test
    void aSecondCheckWithNothingChangedRepeatsTheFirstsVerdict() throws Exception {
        String launcher = launcher().toString();
        Path output = dir.resolve("bundle");
        Run generate = run(dir, "", "sh", launcher, "generate", "--output", output.toString());
        assertThat(generate.code()).as(generate.err()).isZero();

        Run first = run(dir, "", "sh", launcher, "check", "--output", output.toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("promtool test rules").doesNotContain("nothing changed since the last passing check");
        Run second = run(dir, "", "sh", launcher, "check", "--output", output.toString());
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).contains("nothing changed since the last passing check", "promtool test rules")
                .contains(first.out().lines().filter(l -> l.contains("checked ")).findFirst().orElseThrow());

        // a hand edit inside the bundle is another folder: the check runs, and fails on the drift
        Path rules = output.resolve("alerts/cost-alerts.yaml");
        Files.writeString(rules, Files.readString(rules) + "# edited\n");
        Run edited = run(dir, "", "sh", launcher, "check", "--output", output.toString());
        assertThat(edited.code()).isEqualTo(1);
        assertThat(edited.out() + edited.err()).doesNotContain("nothing changed since").contains("alerts/cost-alerts.yaml");
    }
}
