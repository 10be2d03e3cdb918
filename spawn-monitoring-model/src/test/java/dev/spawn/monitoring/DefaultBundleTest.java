package dev.spawn.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.render.YamlOutput;
import dev.spawn.monitoring.testing.Golden;
import dev.spawn.monitoring.testing.RealTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundle {@code SpawnMonitoring.defaults()} makes: golden files, real tools, round trip, determinism. */
// changes the JVM's locale or line separator for a while: no other test may run meanwhile
@org.junit.jupiter.api.parallel.Isolated
class DefaultBundleTest {

    static MonitoringBundle defaults() {
        return SpawnMonitoring.defaults().build();
    }

    @Test
    void filesAreANewMapEachCallWithTheSameBytesAndOtherBundlesGetTheirOwn() {
        MonitoringBundle bundle = SpawnMonitoring.defaults().build();
        java.util.SortedMap<String, byte[]> first = bundle.files();
        first.remove("prometheus.yaml");
        first.put("extra.yaml", new byte[0]);
        java.util.SortedMap<String, byte[]> second = bundle.files();
        assertThat(second).containsKey("prometheus.yaml").doesNotContainKey("extra.yaml");
        // another bundle in between, then the first again: each its own files
        MonitoringBundle other = SpawnMonitoring.defaults().rule("HighCostInstance", r -> r.threshold(7)).build();
        assertThat(new String(other.files().get("alerts/cost-alerts.yaml"), StandardCharsets.UTF_8)).contains("> 7");
        assertThat(new String(bundle.files().get("alerts/cost-alerts.yaml"), StandardCharsets.UTF_8)).doesNotContain("> 7");
        assertThat(bundle.files().keySet()).isEqualTo(second.keySet());
    }

    @Test
    void everyFileMatchesItsGoldenCopy() {
        SortedMap<String, byte[]> files = defaults().files();
        assertThat(files).containsKeys("prometheus.yaml", "prometheus.flags", "alertmanager.yaml", "alertmanager.flags",
                "alerts/lifecycle-alerts.yaml", "alerts/cost-alerts.yaml", "alerts/capacity-alerts.yaml",
                "alerts/performance-alerts.yaml");
        files.forEach((path, bytes) -> Golden.assertMatches("default-bundle/" + path, bytes));
        // and no golden file is left over from an earlier layout
        java.nio.file.Path golden = java.nio.file.Path.of("src", "test", "resources", "golden", "default-bundle");
        try (java.util.stream.Stream<java.nio.file.Path> committed = java.nio.file.Files.walk(golden)) {
            assertThat(committed.filter(java.nio.file.Files::isRegularFile).map(p -> golden.relativize(p).toString().replace('\\', '/')))
                    .as("golden files the bundle no longer writes").allMatch(files::containsKey);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void eachTestFileLoadsACopyOfItsRuleAsDeployed() {
        MonitoringBundle bundle = defaults();
        SortedMap<String, byte[]> files = bundle.files();
        int tests = 0;
        for (var test : bundle.ruleTestFiles().entrySet()) {
            var tree = dev.spawn.monitoring.render.YamlOutput.parse(test.getValue());
            String folder = test.getKey().substring(0, test.getKey().lastIndexOf('/') + 1);
            var copy = dev.spawn.monitoring.render.YamlOutput.parse(files.get(folder + tree.path("rule_files").path(0).asText()));
            String alert = tree.path("tests").path(0).path("alert_rule_test").path(0).path("alertname").asText();
            var deployed = dev.spawn.monitoring.render.YamlOutput.parse(files.get("alerts/" + folder.split("/")[1] + ".yaml"));
            // the copy has the deployed group (name, interval) with the alert's rule exactly as deployed, and nothing else
            assertThat(copy.path("groups")).hasSize(1);
            assertThat(copy.path("groups").path(0).path("name")).isEqualTo(deployed.path("groups").path(0).path("name"));
            assertThat(copy.path("groups").path(0).path("interval")).isEqualTo(deployed.path("groups").path(0).path("interval"));
            assertThat(copy.path("groups").path(0).path("rules")).singleElement().satisfies(rule -> {
                assertThat(rule.path("alert").asText()).isEqualTo(alert);
                assertThat(deployed.path("groups").path(0).path("rules")).contains(rule);
            });
            tests++;
        }
        assertThat(tests).isEqualTo(26);
    }

    @Test
    void hasTheTwentySixSpawnAlerts() {
        assertThat(defaults().alertCount()).isEqualTo(26);
    }

    @Test
    void realToolsAcceptTheDefaultBundle(@TempDir Path dir) {
        RealTools.require(Tool.PROMTOOL);
        RealTools.require(Tool.AMTOOL);
        MonitoringBundle bundle = defaults();
        MonitoringBundle.CheckedWrite written = bundle.writeChecked(dir.resolve("bundle"), BundleCheck.MissingTool.FAIL);
        assertThat(written.checks()).extracting(BundleCheck.Outcome::status).containsOnly(BundleCheck.Outcome.Status.PASSED);
        assertThat(written.checks()).extracting(BundleCheck.Outcome::name)
                .anyMatch(n -> n.startsWith("promtool check config"))
                .anyMatch(n -> n.startsWith("promtool test rules"))
                .anyMatch(n -> n.startsWith("amtool check-config"));
    }

    @Test
    void yamlFilesRoundTripThroughAParser() {
        MonitoringBundle bundle = defaults();
        bundle.files().forEach((path, bytes) -> {
            if (path.endsWith(".yaml")) {
                // parse and serialise again: the same bytes (header comment aside) mean nothing was lost or reordered
                String body = new String(bytes, StandardCharsets.UTF_8);
                String reserialised = new String(YamlOutput.toBytes(YamlOutput.parse(bytes), ""), StandardCharsets.UTF_8);
                assertThat(strip(reserialised)).as(path).isEqualTo(strip(body));
            }
        });
        assertThat(YamlOutput.parse(bundle.files().get("prometheus.yaml")).at("/scrape_configs/2/job_name").asText())
                .isEqualTo("spawn-ec2");
        assertThat(YamlOutput.parse(bundle.files().get("alertmanager.yaml")).at("/route/receiver").asText())
                .isEqualTo("spawn-webhook");
    }

    @Test
    void twoRendersAreByteIdenticalWhateverTheLocaleAndLineSeparator() {
        Map<String, byte[]> first = defaults().files();
        Locale locale = Locale.getDefault();
        String separator = System.getProperty("line.separator");
        try {
            Locale.setDefault(new Locale("tr", "TR"));
            System.setProperty("line.separator", "\r\n");
            Map<String, byte[]> second = defaults().files();
            assertThat(second.keySet()).containsExactlyElementsOf(first.keySet());
            first.forEach((path, bytes) -> assertThat(second.get(path)).as(path).isEqualTo(bytes));
            second.values().forEach(bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("\r"));
        } finally {
            Locale.setDefault(locale);
            System.setProperty("line.separator", separator);
        }
    }

    @Test
    void flagsFilesHoldWhatIsNotAConfigKey() {
        String flags = new String(defaults().files().get("prometheus.flags"), StandardCharsets.UTF_8);
        // complete: prometheus $(cat prometheus.flags) in the bundle starts it
        assertThat(flags.lines().toList()).containsExactly("--config.file=prometheus.yaml",
                "--storage.tsdb.path=/var/lib/prometheus/metrics2",
                "--storage.tsdb.retention.time=30d", "--storage.tsdb.retention.size=50GB", "--web.listen-address=:9090",
                "--web.enable-lifecycle");
        String prometheus = new String(defaults().files().get("prometheus.yaml"), StandardCharsets.UTF_8);
        assertThat(prometheus).doesNotContain("storage:").doesNotContain("retention");
        String alertmanager = new String(defaults().files().get("alertmanager.yaml"), StandardCharsets.UTF_8);
        assertThat(alertmanager).doesNotContain("match:").doesNotContain("source_match:").contains("matchers:");
    }

    @Test
    void ruleFilesAreListedRelativeToTheConfig() {
        assertThat(defaults().prometheus().ruleFiles()).containsExactlyInAnyOrderElementsOf(List.of(
                "alerts/lifecycle-alerts.yaml", "alerts/cost-alerts.yaml", "alerts/capacity-alerts.yaml",
                "alerts/performance-alerts.yaml"));
    }

    private static String strip(String yaml) {
        return yaml.lines().filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
    }
}
