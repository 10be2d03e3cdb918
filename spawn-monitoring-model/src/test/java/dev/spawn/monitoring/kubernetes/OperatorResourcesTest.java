package dev.spawn.monitoring.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spawn.monitoring.KitchenSinkBundleTest;
import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.render.YamlOutput;
import dev.spawn.monitoring.spec.SpecReader;
import dev.spawn.monitoring.testing.Golden;
import dev.spawn.monitoring.testing.RealTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.everit.json.schema.Schema;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus Operator resources validate against the CRDs of operator v0.93.0 with unknown fields
 * rejected, their rule groups pass promtool, and what they cannot express is a warning.
 */
class OperatorResourcesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> LABELS = Map.of("release", "kube-prometheus-stack");

    private static MonitoringBundle defaults() {
        return SpawnMonitoring.defaults().kubernetes("monitoring", LABELS).build();
    }

    private static MonitoringBundle kitchenSink() {
        return KitchenSinkBundleTest.kitchenSinkSpec().kubernetes("observability", LABELS).build();
    }

    private static List<JsonNode> documents(MonitoringBundle bundle, String file) {
        String text = new String(bundle.files().get(file), StandardCharsets.UTF_8);
        List<JsonNode> docs = new ArrayList<>();
        for (String doc : text.split("(?m)^---\n")) {
            docs.add(YamlOutput.parse(doc.getBytes(StandardCharsets.UTF_8)));
        }
        return docs;
    }

    private static String withoutHeader(byte[] yaml) {
        String text = new String(yaml, StandardCharsets.UTF_8);
        return text.substring(text.indexOf('\n') + 1);
    }

    private static List<String> violations(String plural, JsonNode doc) throws IOException {
        Schema schema = CrdSchemas.strict(plural);
        return CrdSchemas.violations(schema, new JSONObject(JSON.writeValueAsString(doc)));
    }

    private static void assertValid(MonitoringBundle bundle) throws IOException {
        for (var entry : Map.of(OperatorResources.RULES_FILE, "prometheusrules", OperatorResources.ALERTMANAGER_FILE,
                "alertmanagerconfigs", OperatorResources.SCRAPE_FILE, "scrapeconfigs").entrySet()) {
            for (JsonNode doc : documents(bundle, entry.getKey())) {
                assertThat(violations(entry.getValue(), doc)).as(entry.getKey() + " " + doc.at("/metadata/name")).isEmpty();
            }
        }
    }

    @Test
    void schemasArePinnedToOneOperatorVersion() {
        for (String plural : List.of("prometheusrules", "alertmanagerconfigs", "scrapeconfigs")) {
            assertThat(CrdSchemas.operatorVersion(plural)).isEqualTo(OperatorResources.OPERATOR_VERSION);
        }
    }

    @Test
    void defaultResourcesValidateAgainstTheCrds() throws IOException {
        MonitoringBundle bundle = defaults();
        assertValid(bundle);
        List<JsonNode> rules = documents(bundle, OperatorResources.RULES_FILE);
        assertThat(rules).extracting(d -> d.at("/metadata/name").asText())
                .containsExactly("spawn-lifecycle-alerts", "spawn-cost-alerts", "spawn-capacity-alerts", "spawn-performance-alerts");
        assertThat(rules).allSatisfy(d -> {
            assertThat(d.at("/metadata/namespace").asText()).isEqualTo("monitoring");
            assertThat(d.at("/metadata/labels/release").asText()).isEqualTo("kube-prometheus-stack");
        });
        assertThat(documents(bundle, OperatorResources.SCRAPE_FILE)).extracting(d -> d.at("/metadata/name").asText())
                .containsExactly("spawn-prometheus", "spawn-fleet", "spawn-ec2");
    }

    @Test
    void kitchenSinkResourcesValidateAgainstTheCrds() throws IOException {
        MonitoringBundle bundle = kitchenSink();
        assertValid(bundle);
        JsonNode am = documents(bundle, OperatorResources.ALERTMANAGER_FILE).get(0);
        assertThat(am.at("/spec/receivers").toString()).contains("slackConfigs", "pagerdutyConfigs", "snsConfigs",
                "emailConfigs", "webhookConfigs", "\"name\":\"" + OperatorResources.SECRET + "\"");
        assertThat(am.at("/spec/route/routes").size()).isPositive();
        assertThat(am.toString()).doesNotContain("_file");
    }

    @Test
    void unknownFieldsAreRejectedAtEveryDepthIncludingChildRoutes() throws IOException {
        JsonNode rule = documents(defaults(), OperatorResources.RULES_FILE).get(0).deepCopy();
        ((ObjectNode) rule.at("/spec/groups/0")).put("treshold", 5);
        assertThat(violations("prometheusrules", rule)).containsExactly("#/spec/groups/0: extraneous key [treshold] is not permitted");

        JsonNode am = documents(kitchenSink(), OperatorResources.ALERTMANAGER_FILE).get(0).deepCopy();
        ((ObjectNode) am.at("/spec/route/routes/0")).put("group_wait", "10s");
        assertThat(violations("alertmanagerconfigs", am)).containsExactly(
                "#/spec/route/routes/0: extraneous key [group_wait] is not permitted");

        JsonNode scrape = documents(defaults(), OperatorResources.SCRAPE_FILE).get(2).deepCopy();
        ((ObjectNode) scrape.at("/spec/ec2SDConfigs/0")).put("endpoint", "http://127.0.0.1:1");
        assertThat(violations("scrapeconfigs", scrape)).containsExactly(
                "#/spec/ec2SDConfigs/0: extraneous key [endpoint] is not permitted");
    }

    @Test
    void ruleGroupsPassPromtool(@TempDir Path dir) throws IOException {
        RealTools.require(Tool.PROMTOOL);
        List<String> files = new ArrayList<>(List.of("check", "rules"));
        int rules = 0;
        for (JsonNode doc : documents(defaults(), OperatorResources.RULES_FILE)) {
            String file = doc.at("/metadata/name").asText() + ".yaml";
            Files.write(dir.resolve(file), YamlOutput.toBytes(doc.get("spec"), "test"));
            files.add(file);
            for (JsonNode group : doc.at("/spec/groups")) {
                rules += group.get("rules").size();
            }
        }
        Tool.Result result = Tool.PROMTOOL.run(dir, 120, files.toArray(String[]::new));
        assertThat(result.ok()).as(result.output()).isTrue();
        assertThat(rules).isEqualTo(26);
    }

    @Test
    void warnsAboutWhatTheResourcesCannotExpress() {
        List<String> warnings = kitchenSink().warnings().stream().map(Problem::toString).toList();
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("namespace=\"observability\"", "top route"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("Secret spawn-alertmanager-secrets in namespace observability"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("alertmanager.global: warning: global settings"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("file discovery reads targets/*.json inside the Prometheus pod"));
        assertThat(SpawnMonitoring.defaults().build().warnings()).isEmpty();
    }

    @Test
    void defaultResourcesMatchTheGoldenFiles() {
        defaults().files().forEach((path, bytes) -> {
            if (path.startsWith("kubernetes/")) {
                Golden.assertMatches("kubernetes/" + path.substring("kubernetes/".length()), bytes);
            }
        });
    }

    @Test
    void theSpecTurnsThemOnWithNamespaceAndLabels(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("spawn-monitoring.yaml");
        Files.writeString(spec, "apiVersion: spawn.dev/v1\nkubernetes:\n  namespace: monitoring\n  labels:\n"
                + "    release: kube-prometheus-stack\n");
        // the same resources as from Java, but for the header line naming the spec
        assertThat(withoutHeader(SpecReader.read(spec).build().files().get(OperatorResources.RULES_FILE)))
                .isEqualTo(withoutHeader(defaults().files().get(OperatorResources.RULES_FILE)));
        Files.writeString(spec, "apiVersion: spawn.dev/v1\nkubernetes:\n  enabled: false\n  namespace: monitoring\n");
        assertThat(SpecReader.read(spec).build().files()).doesNotContainKey(OperatorResources.RULES_FILE);
        assertThat(SpawnMonitoring.defaults().build().files()).doesNotContainKey(OperatorResources.RULES_FILE);
    }

    @Test
    void aBadNamespaceIsAnErrorAtItsPlace(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("spawn-monitoring.yaml");
        Files.writeString(spec, "apiVersion: spawn.dev/v1\nkubernetes:\n  namespace: Monitoring_1\n");
        assertThatThrownBy(() -> SpecReader.read(spec).build())
                .hasMessageContaining("spawn-monitoring.yaml:3:3: namespace 'Monitoring_1' is not a Kubernetes namespace name");
    }
}
