package dev.spawn.monitoring.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.model.prometheus.SpawnPrometheusDefaults;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// changes the JVM's locale or line separator for a while: no other test may run meanwhile
@org.junit.jupiter.api.parallel.Isolated
class InventoryTest {

    private static final String LIST = """
            {"instances": [
              {"instance_id": "i-0bbb", "region": "eu-west-1", "instance_type": "g5.xlarge", "spot": true,
               "private_ip": "10.0.0.2", "metrics_enabled": true, "state": "running"},
              {"instance_id": "i-0aaa", "region": "us-east-1", "instance_type": "t3.micro", "spot": false,
               "private_ip": "10.0.0.1", "metrics_enabled": true},
              {"instance_id": "i-0ccc", "region": "us-east-1", "instance_type": "t3.micro", "spot": false,
               "private_ip": "10.0.0.3", "metrics_enabled": false}
            ]}
            """;

    @Test
    void keepsMetricsEnabledInstancesSortedById() {
        byte[] json = Inventory.toFileSd(Inventory.parse("spawn-list.json", LIST.getBytes(StandardCharsets.UTF_8)));
        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo(EXPECTED);
    }

    private static final String EXPECTED = """
            [
              {
                "targets" : [
                  "10.0.0.1:9090"
                ],
                "labels" : {
                  "instance_id" : "i-0aaa",
                  "region" : "us-east-1",
                  "instance_type" : "t3.micro",
                  "spot" : "false"
                }
              },
              {
                "targets" : [
                  "10.0.0.2:9090"
                ],
                "labels" : {
                  "instance_id" : "i-0bbb",
                  "region" : "eu-west-1",
                  "instance_type" : "g5.xlarge",
                  "spot" : "true"
                }
              }
            ]
            """;

    @Test
    void writesTheSameBytesWhateverThePlatformLineSeparator() {
        String saved = System.getProperty("line.separator");
        System.setProperty("line.separator", "\r\n");
        try {
            byte[] json = Inventory.toFileSd(Inventory.parse("spawn-list.json", LIST.getBytes(StandardCharsets.UTF_8)));
            assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo(EXPECTED).doesNotContain("\r");
        } finally {
            System.setProperty("line.separator", saved);
        }
    }

    private static final List<Inventory.Instance> FLEET = List.of(
            new Inventory.Instance("i-0aaa", "us-east-1", "t3.micro", false, "10.0.0.1"),
            new Inventory.Instance("i-0bbb", "eu-west-1", "g5.xlarge", true, "10.0.0.2"),
            new Inventory.Instance("laptop", Inventory.LOCAL_REGION, "", false, "192.168.1.5"));

    @Test
    void leavesInstancesInTheEc2JobsRegionsToIt() {
        Inventory.Targets targets = Inventory.targets(FLEET, SpawnMonitoring.defaults().build().prometheus(), false);
        assertThat(targets.leftToEc2()).extracting(Inventory.Instance::instanceId).containsExactly("i-0aaa");
        // eu-west-1 is not a region of the default EC2 job: nothing else would scrape i-0bbb
        assertThat(targets.fileSd()).extracting(Inventory.Instance::instanceId).containsExactly("i-0bbb", "laptop");
        assertThat(targets.ec2Regions()).containsExactly("us-east-1");

        Inventory.Targets twoRegions = Inventory.targets(FLEET,
                SpawnMonitoring.defaults().ec2Regions("us-east-1", "eu-west-1").build().prometheus(), false);
        assertThat(twoRegions.fileSd()).extracting(Inventory.Instance::instanceId).containsExactly("laptop");
    }

    @Test
    void keepsEveryInstanceWithoutAnEc2JobOrWhenAskedTo() {
        assertThat(Inventory.targets(FLEET, SpawnMonitoring.defaults().build().prometheus(), true).fileSd()).isEqualTo(FLEET);
        Inventory.Targets noEc2Job = Inventory.targets(FLEET,
                SpawnMonitoring.defaults().removeScrapeJob(SpawnPrometheusDefaults.EC2_JOB).build().prometheus(), false);
        assertThat(noEc2Job.fileSd()).isEqualTo(FLEET);
        assertThat(noEc2Job.leftToEc2()).isEmpty();
    }

    @Test
    void putsEveryTargetOnTheGivenPort() {
        byte[] json = Inventory.toFileSd(Inventory.parse("spawn-list.json", LIST.getBytes(StandardCharsets.UTF_8)), 19100);
        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains("\"10.0.0.1:19100\"", "\"10.0.0.2:19100\"")
                .doesNotContain(":9090", "10.0.0.3");
    }

    @Test
    void rejectsAPortOutsideTcpRange() {
        assertThatThrownBy(() -> Inventory.toFileSd(List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port 0 is not a TCP port");
        assertThatThrownBy(() -> Inventory.toFileSd(List.of(), 65536))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyFleetGivesAnEmptyList() {
        assertThat(new String(Inventory.toFileSd(Inventory.parse("x", "{\"instances\": []}".getBytes(StandardCharsets.UTF_8))),
                StandardCharsets.UTF_8)).isEqualTo("[ ]\n");
    }

    @Test
    void rejectsSomethingElseAtItsPosition() {
        assertThatThrownBy(() -> Inventory.parse("spawn-list.json", "[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("spawn-list.json:1:1: expected the output of 'spawn list --json'");
        assertThatThrownBy(() -> Inventory.parse("spawn-list.json", "{\"instances\": [\n  {\"x\": tru}\n]}"
                .getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("spawn-list.json:2:")
                .hasMessageContaining(": not valid JSON: Unrecognized token 'tru'");
    }

    @Test
    void placesAnIncompleteInstanceAtItsObject() {
        String json = """
                {"instances": [
                  {"instance_id": "i-0aaa", "private_ip": "10.0.0.1", "metrics_enabled": true},
                  {"instance_id": "i-0bbb", "metrics_enabled": true},
                  "i-0ccc"
                ]}
                """;
        assertThatThrownBy(() -> Inventory.parse("bad.json", json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Object::toString).containsExactly(
                                "bad.json:3:3: instances[1]: a metrics-enabled instance needs instance_id and private_ip",
                                "bad.json:4:3: instances[2] is not an object; expected {\"instance_id\": ...,"
                                        + " \"private_ip\": ..., \"metrics_enabled\": true, ...}"));
    }

    @Test
    void refreshWritesTheTargetsFileAndABadInventoryLeavesIt(@TempDir Path dir) throws IOException {
        Path list = Files.writeString(dir.resolve("list.json"), LIST);
        Inventory.Refresh refresh = Inventory.refresh(list, InputStream.nullInputStream(), List.of("us-east-1"), false, dir);

        assertThat(refresh.file()).isEqualTo(dir.resolve(Inventory.TARGETS_FILE));
        assertThat(refresh.targets().leftToEc2()).extracting(Inventory.Instance::instanceId).containsExactly("i-0aaa");
        byte[] written = Files.readAllBytes(refresh.file());
        assertThat(new String(written, StandardCharsets.UTF_8)).contains("i-0bbb").doesNotContain("i-0aaa");
        assertThat(refresh.summary("--include-ec2")).containsExactly(
                "1 metrics-enabled instance -> " + refresh.file(),
                "1 left to EC2 discovery (job spawn-ec2, regions us-east-1); --include-ec2 writes them too");

        InputStream broken = new ByteArrayInputStream("{\"instances\": [".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Inventory.refresh(null, broken, List.of(), false, dir))
                .isInstanceOf(ValidationException.class).hasMessageContaining("<stdin>:1:");
        assertThatThrownBy(() -> Inventory.refresh(null, InputStream.nullInputStream(), List.of(), false, dir))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("<stdin>: is empty; expected the output of 'spawn list --json' (did 'spawn list' fail?)");
        assertThatThrownBy(() -> Inventory.refresh(dir.resolve("none.json"), null, List.of(), false, dir))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("none.json: cannot read the inventory (no such file)");
        assertThat(Files.readAllBytes(refresh.file())).as("the previous targets stay").isEqualTo(written);
        try (var files = Files.list(dir.resolve("targets"))) {
            assertThat(files).as("no temporary file left behind").containsExactly(refresh.file());
        }
    }

    @Test
    void refusesWhatWouldOtherwiseBeDroppedOrWrittenAsGivenEachAtItsPosition() {
        String json = """
                {"instances": [
                  {"instance_id": "i-1", "private_ip": "10.0.0.1", "metrics_enabled": "yes"},
                  {"instance_id": "i-2", "private_ip": "999.1.1.1", "metrics_enabled": true},
                  {"instance_id": "i-3", "private_ip": "10.0.0.3/32", "metrics_enabled": true},
                  {"instance_id": "i-4", "private_ip": "10.0.0.4:9090", "metrics_enabled": true},
                  {"instance_id": "i-5", "private_ip": "ip-10-0-0-5.ec2.internal", "metrics_enabled": true},
                  {"instance_id": "i-6", "private_ip": "10.0.0.6", "metrics_enabled": true, "spot": "false"},
                  {"instance_id": "i-7", "private_ip": "10.0.0.7", "metrics_enabled": true, "region": 7},
                  {"instance_id": "i-8", "private_ip": "10.0.0.8", "metrics_enabled": true},
                  {"instance_id": "i-8", "private_ip": "10.0.0.9", "metrics_enabled": true},
                  {"instance_id": "i-9", "private_ip": "fe80::1%eth0", "metrics_enabled": 1}
                ]}
                """;
        assertThatThrownBy(() -> Inventory.parse("list.json", json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(Object::toString).containsExactly(
                                "list.json:2:71: instances[0]: metrics_enabled is the string \"yes\"; expected true or false",
                                "list.json:3:40: instances[1]: private_ip '999.1.1.1' is not an IP address; expected an IPv4"
                                        + " address such as 10.0.0.1 or an IPv6 address such as fd00::1",
                                "list.json:4:40: instances[2]: private_ip '10.0.0.3/32' is not an IP address; expected an IPv4"
                                        + " address such as 10.0.0.1 or an IPv6 address such as fd00::1",
                                "list.json:5:40: instances[3]: private_ip '10.0.0.4:9090' is not an IP address; expected an IPv4"
                                        + " address such as 10.0.0.1 or an IPv6 address such as fd00::1",
                                "list.json:6:40: instances[4]: private_ip 'ip-10-0-0-5.ec2.internal' is not an IP address;"
                                        + " expected an IPv4 address such as 10.0.0.1 or an IPv6 address such as fd00::1",
                                "list.json:7:85: instances[5]: spot is the string \"false\"; expected true or false",
                                "list.json:8:87: instances[6]: region is 7; expected a string",
                                "list.json:10:19: instances[8]: instance_id 'i-8' is listed twice (first at list.json:9:19);"
                                        + " expected each instance once",
                                "list.json:11:75: instances[9]: metrics_enabled is 1; expected true or false"));
    }

    @Test
    void writesIpv6TargetsInBrackets() {
        String json = """
                {"instances": [
                  {"instance_id": "i-6", "private_ip": "fd00::6", "metrics_enabled": true, "region": "local"},
                  {"instance_id": "i-7", "private_ip": "[fd00::7]", "metrics_enabled": true, "region": "local"},
                  {"instance_id": "i-4", "private_ip": "10.0.0.4", "metrics_enabled": true, "region": "local"},
                  {"instance_id": "i-0", "private_ip": "10.0.0.0", "metrics_enabled": false, "spot": null}
                ]}
                """;
        String targets = new String(Inventory.toFileSd(Inventory.parse("list.json", json.getBytes(StandardCharsets.UTF_8))),
                StandardCharsets.UTF_8);
        assertThat(targets).contains("\"10.0.0.4:9090\"", "\"[fd00::6]:9090\"", "\"[fd00::7]:9090\"").doesNotContain("10.0.0.0");
    }
}
