package dev.spawn.monitoring.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.spec.Inventory;
import dev.spawn.monitoring.testing.RealTools;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command as a user runs it: arguments in, exit code and the two streams out. */
class SpawnMonitoringCliTest {

    private static final String SPAWN_LIST = """
            {"instances": [
              {"instance_id": "i-0bbb", "region": "eu-west-1", "instance_type": "g5.xlarge", "spot": true,
               "private_ip": "10.0.0.2", "metrics_enabled": true},
              {"instance_id": "i-0aaa", "region": "us-east-1", "instance_type": "t3.micro", "spot": false,
               "private_ip": "10.0.0.1", "metrics_enabled": true}
            ]}
            """;

    @TempDir
    Path dir;

    /** One run's exit code and what it printed. */
    record Run(int code, String out, String err) {
    }

    static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SpawnMonitoringCli.run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        Run run = run("", "--help");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("generate", "check", "lint", "targets", "import", "doctor", "2   usage or input error");
    }

    @Test
    void aMissingCommandOrAnUnknownOptionIsAUsageError() {
        assertThat(run("").code()).isEqualTo(2);
        Run unknown = run("", "targets", "--invnetory", "x.json");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown options: '--invnetory'", "Possible solutions: --inventory").doesNotContain("at dev.spawn");
    }

    @Test
    void targetsFromStandardInputLeaveTheDefaultEc2RegionToItsJob() throws IOException {
        Run run = run(SPAWN_LIST, "targets", "--output", dir.toString());
        assertThat(run.code()).as(run.err()).isZero();
        String targets = Files.readString(dir.resolve(Inventory.TARGETS_FILE));
        assertThat(targets).contains("\"instance_id\" : \"i-0bbb\"").doesNotContain("i-0aaa");
        assertThat(run.out()).contains("1 metrics-enabled instance -> ")
                .contains("1 left to EC2 discovery (job spawn-ec2, regions us-east-1); --include-ec2 writes them too");
    }

    @Test
    void targetsTakeTheRegionsFromTheOptionOrFromASpec() throws IOException {
        Path list = Files.writeString(dir.resolve("list.json"), SPAWN_LIST);
        assertThat(run("", "targets", "--inventory", list.toString(), "--output", dir.toString(),
                "--ec2-regions", "eu-west-1").code()).isZero();
        assertThat(Files.readString(dir.resolve(Inventory.TARGETS_FILE))).contains("i-0aaa").doesNotContain("i-0bbb");

        Path spec = Files.writeString(dir.resolve("spec.yaml"), "apiVersion: spawn.dev/v1\nec2:\n  regions: [us-east-1, eu-west-1]\n");
        assertThat(run("", "targets", "--inventory", list.toString(), "--output", dir.toString(), "--spec", spec.toString())
                .code()).isZero();
        assertThat(Files.readString(dir.resolve(Inventory.TARGETS_FILE))).isEqualTo("[ ]\n");

        Run both = run("", "targets", "--inventory", list.toString(), "--spec", spec.toString(), "--ec2-regions", "x");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("--spec and --ec2-regions both name the EC2 regions");
    }

    @Test
    void aBadInventoryLeavesThePreviousTargetsAndSaysWhere() throws IOException {
        assertThat(run(SPAWN_LIST, "targets", "--output", dir.toString(), "--include-ec2").code()).isZero();
        byte[] previous = Files.readAllBytes(dir.resolve(Inventory.TARGETS_FILE));
        Path bad = Files.writeString(dir.resolve("bad.json"), """
                {"instances": [
                  {"instance_id": "i-0aaa", "private_ip": "10.0.0.1", "metrics_enabled": true},
                  {"region": "us-east-1", "metrics_enabled": true}
                ]}
                """);

        Run run = run("", "targets", "--inventory", bad.toString(), "--output", dir.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains(bad + ":3:3: instances[1]: a metrics-enabled instance needs instance_id and private_ip")
                .doesNotContain("at dev.spawn");
        assertThat(Files.readAllBytes(dir.resolve(Inventory.TARGETS_FILE))).isEqualTo(previous);
        assertThat(run("", "targets", "--inventory", dir.resolve("missing.json").toString()).err())
                .contains("missing.json: cannot read the inventory (no such file); expected the output of 'spawn list --json'");
        assertThat(run("not json", "targets", "--output", dir.toString()).code()).isEqualTo(2);
        assertThat(Files.readAllBytes(dir.resolve(Inventory.TARGETS_FILE))).isEqualTo(previous);
    }

    @Test
    void generateWritesTheCheckedBundleThenFindsItUpToDateAndCheckPasses() {
        RealTools.require(Tool.PROMTOOL);
        RealTools.require(Tool.AMTOOL);
        Path out = dir.resolve("bundle");
        Run first = run("", "generate", "--output", out.toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("defaults (no spawn-monitoring.yaml) -> ", "26 alert rules",
                "promtool check config prometheus.yaml: passed");
        assertThat(out.resolve("systemd/spawn-targets.timer")).isRegularFile();

        assertThat(run("", "generate", "--output", out.toString()).out()).contains("is up to date with defaults");
        Run check = run("", "check", "--output", out.toString(), "--skip-tool-checks");
        assertThat(check.code()).as(check.err()).isZero();
        assertThat(check.out()).contains("0 drifted");
    }

    @Test
    void checkFailsWithExitOneOnDrift() throws IOException {
        Path out = dir.resolve("bundle");
        assertThat(run("", "generate", "--output", out.toString(), "--skip-tool-checks").code()).isZero();
        Files.writeString(out.resolve("prometheus.yaml"), "# edited by hand\n");

        Run check = run("", "check", "--output", out.toString(), "--skip-tool-checks");

        assertThat(check.code()).isEqualTo(1);
        assertThat(check.err()).contains("drift: prometheus.yaml: differs from what the spec generates")
                .contains("run 'spawn-monitoring generate' and commit the result");
    }

    @Test
    void aSpecMistakeIsExitTwoAtItsLineAndColumn() throws IOException {
        Path spec = Files.writeString(dir.resolve("spawn-monitoring.yaml"),
                "apiVersion: spawn.dev/v1\nrules:\n  HighCostInstance:\n    treshold: 10\n");

        Run run = run("", "generate", "--spec", spec.toString(), "--output", dir.resolve("bundle").toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("spawn-monitoring.yaml:4:5: unknown field 'treshold'").contains("did you mean 'threshold'?")
                .doesNotContain("at dev.spawn");
        assertThat(dir.resolve("bundle")).doesNotExist();
    }

    @Test
    void importWritesTheSpecOnceAndReportsWhatItCannotCarryAtItsLine() throws IOException {
        Path from = Files.createDirectories(dir.resolve("hand-written"));
        Files.writeString(from.resolve("prometheus.yml"), """
                global: {scrape_interval: 30s}
                scrape_configs:
                  - job_name: node
                    static_configs: [{targets: ['10.0.0.1:9100']}]
                remote_write:
                  - url: https://mimir.example.com/api/v1/push
                    basic_auth: {username: spawn, password: hunter2}
                """);
        Path spec = dir.resolve("spawn-monitoring.yaml");

        Run run = run("", "import", "--from", from.toString(), "--spec", spec.toString());

        assertThat(run.code()).isZero();
        assertThat(Files.readString(spec)).contains("scrape_interval: 30s", "job_name: node", "mimir.example.com");
        assertThat(run.err()).contains("prometheus.yml:7:45: warning: inline secret 'password'").doesNotContain("hunter2");
        Run again = run("", "import", "--from", from.toString(), "--spec", spec.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("already exists; import does not overwrite a spec (--force replaces it)");
        assertThat(run("", "import", "--from", dir.resolve("none").toString(), "--spec", spec.toString(), "--force").code())
                .isEqualTo(2);
    }

    @Test
    void doctorNeedsAServerAndReportsOneThatDoesNotAnswer() {
        assertThat(run("", "doctor").code()).isEqualTo(2);
        Run notUrl = run("", "doctor", "--prometheus", "localhost:9090");
        assertThat(notUrl.code()).isEqualTo(2);
        assertThat(notUrl.err()).contains("--prometheus: 'localhost:9090' is not an http(s) URL");

        // port 1 on loopback: nothing listens there
        Run down = run("", "doctor", "--alertmanager", "http://127.0.0.1:1");
        assertThat(down.code()).isEqualTo(1);
        assertThat(down.err()).contains("http://127.0.0.1:1/-/ready: Alertmanager is not ready: nothing answers");
        assertThat(down.out()).contains("doctor: 1 finding, 1 error");
    }

    @Test
    void lintOfTheDefaultsIsCleanAndOfRuleFilesNamesEachFinding() throws IOException {
        Path spec = Files.writeString(dir.resolve("spec.yaml"), "apiVersion: spawn.dev/v1\n");
        Run defaults = run("", "lint", "--spec", spec.toString());
        assertThat(defaults.code()).as(defaults.err()).isZero();
        assertThat(defaults.out()).contains("lint: 0 errors, 0 warnings");

        Files.writeString(dir.resolve("cpu.yaml"), """
                groups:
                  - name: cpu
                    rules:
                      - alert: CpuHigh
                        expr: rate(spawn_cpu_usage_percent[5m]) > 150
                        labels: {severity: warning}
                        annotations: {summary: s, description: d}
                """);
        Files.writeString(dir.resolve("am.yaml"), """
                route:
                  receiver: r
                  routes:
                    - receiver: r
                      matchers: ['alertname="CpuHigh"', 'gpu_index="0"']
                receivers:
                  - name: r
                """);
        Run direct = run("", "lint", "--spec", spec.toString(), "--alertmanager", dir.resolve("am.yaml").toString(),
                dir.resolve("cpu.yaml").toString());
        assertThat(direct.code()).isEqualTo(1);
        assertThat(direct.err()).contains("cpu.yaml:5:15: error: rate/gauge: rate() over the gauge spawn_cpu_usage_percent")
                .contains("am.yaml:5:41: error: labels/route: route matcher gpu_index=\"0\" needs the label gpu_index")
                .contains("lint: 2 errors, 0 warnings");
        Run glob = run("", "lint", "--spec", spec.toString(), dir.resolve("c*.yaml").toString());
        assertThat(glob.code()).isEqualTo(1);
        assertThat(glob.err()).contains("cpu.yaml:5:15: error: rate/gauge:", "lint: 1 error, 0 warnings");
        Run missing = run("", "lint", "--spec", spec.toString(), dir.resolve("nothing-*.yaml").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("no rule file matches").doesNotContain("at dev.spawn");
    }
}
