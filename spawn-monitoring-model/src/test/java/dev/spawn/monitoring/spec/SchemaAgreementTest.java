package dev.spawn.monitoring.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The JSON Schema and the reader describe the same spec: every section's fields in
 * {@link SpecFields} are the schema's {@code properties} there, both ways; and the schema accepts
 * the example specs and rejects a typo the reader rejects.
 */
class SchemaAgreementTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SCHEMA = ROOT.resolve("schemas/spawn-monitoring.schema.json");

    /** Where each reader section lives in the schema, as a JSON pointer. */
    private static final Map<String, String> POINTERS = Map.ofEntries(
            Map.entry(SpecFields.ROOT, ""),
            Map.entry("global", "/properties/global"),
            Map.entry("ec2", "/properties/ec2"),
            Map.entry("file_sd", "/properties/file_sd"),
            Map.entry("static", "/properties/static"),
            Map.entry("scrape_configs[]", "/properties/scrape_configs/items"),
            Map.entry("tls_config", "/definitions/tls_config"),
            Map.entry("basic_auth", "/definitions/basic_auth"),
            Map.entry("authorization", "/definitions/authorization"),
            Map.entry("relabel_config", "/definitions/relabel_config"),
            Map.entry("queue_config", "/properties/remote_write/items/properties/queue_config"),
            Map.entry("alerting", "/properties/alerting"),
            Map.entry("prometheus_flags", "/properties/prometheus_flags"),
            Map.entry("alertmanager_flags", "/properties/alertmanager_flags"),
            Map.entry("alertmanager.global", "/properties/alertmanager/properties/global"),
            Map.entry("alertmanager.time_intervals[]", "/properties/alertmanager/properties/time_intervals/items"),
            Map.entry("time_range", "/definitions/time_range"),
            Map.entry("times[]", "/definitions/time_range/properties/times/items"),
            Map.entry("remote_write[]", "/properties/remote_write/items"),
            Map.entry("remote_read[]", "/properties/remote_read/items"),
            Map.entry("high_availability", "/properties/high_availability"),
            Map.entry("grafana", "/properties/grafana"),
            Map.entry("kubernetes", "/properties/kubernetes"),
            Map.entry("rules", "/properties/rules"),
            Map.entry("rules.<rule>", "/definitions/rule_override"),
            Map.entry("rules.custom[]", "/properties/rules/properties/custom/items"),
            Map.entry("rules.custom[].tests[]", "/properties/rules/properties/custom/items/properties/tests/items"),
            Map.entry("rules.custom[].tests[].input[]",
                    "/properties/rules/properties/custom/items/properties/tests/items/properties/input/items"),
            Map.entry("rules.custom[].tests[].alerts[]",
                    "/properties/rules/properties/custom/items/properties/tests/items/properties/alerts/items"),
            Map.entry("alertmanager", "/properties/alertmanager"),
            Map.entry("alertmanager.receivers[]", "/properties/alertmanager/properties/receivers/items"),
            Map.entry("webhook", "/properties/alertmanager/properties/receivers/items/properties/webhook"),
            Map.entry("slack", "/properties/alertmanager/properties/receivers/items/properties/slack"),
            Map.entry("pagerduty", "/properties/alertmanager/properties/receivers/items/properties/pagerduty"),
            Map.entry("sns", "/properties/alertmanager/properties/receivers/items/properties/sns"),
            Map.entry("email", "/properties/alertmanager/properties/receivers/items/properties/email"),
            Map.entry("alertmanager.routes[]", "/properties/alertmanager/properties/routes/items"),
            Map.entry("alertmanager.inhibit_rules[]", "/properties/alertmanager/properties/inhibit_rules/items"));

    @Test
    void everyReaderSectionMatchesTheSchemaBothWays() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(SCHEMA.toFile());
        assertThat(POINTERS.keySet()).containsExactlyInAnyOrderElementsOf(SpecFields.sections().keySet());
        List<String> mismatches = new ArrayList<>();
        SpecFields.sections().forEach((section, fields) -> {
            JsonNode node = schema.at(POINTERS.get(section));
            TreeSet<String> inSchema = new TreeSet<>();
            node.path("properties").fieldNames().forEachRemaining(inSchema::add);
            if (!inSchema.equals(new TreeSet<>(fields))) {
                mismatches.add("'" + section + "': reader " + new TreeSet<>(fields) + ", schema " + inSchema);
            }
            // a section that reports unknown fields must be closed in the schema too (rules is open: rule names)
            boolean closed = node.path("additionalProperties").isBoolean() && !node.path("additionalProperties").asBoolean();
            if (!section.equals("rules") && !closed) {
                mismatches.add("'" + section + "': schema allows additional properties");
            }
        });
        assertThat(mismatches).isEmpty();
    }

    @Test
    void schemaAcceptsTheExampleSpecs() throws Exception {
        Schema schema = load();
        for (Path spec : List.of(ROOT.resolve("examples/infra-repo/src/main/monitoring/spawn-monitoring.yaml"),
                ROOT.resolve("spawn-monitoring-maven-plugin/src/it/full-spec/src/main/monitoring/spawn-monitoring.yaml"))) {
            Object yaml = new Yaml().load(Files.readString(spec));
            schema.validate(new JSONObject(new ObjectMapper().writeValueAsString(yaml)));
            SpecReader.read(spec).build(); // and the reader agrees
        }
    }

    @Test
    void schemaRejectsAMisspeltField() throws Exception {
        Object yaml = new Yaml().load("apiVersion: spawn.dev/v1\nrules:\n  HighCostInstance:\n    treshold: 10\n");
        try {
            load().validate(new JSONObject(new ObjectMapper().writeValueAsString(yaml)));
            throw new AssertionError("the schema accepted 'treshold'");
        } catch (ValidationException e) {
            assertThat(e.getAllMessages()).anyMatch(m -> m.contains("treshold"));
        }
    }

    @Test
    void schemaAcceptsNumberAndDurationParameters() throws Exception {
        Object yaml = new Yaml().load("apiVersion: spawn.dev/v1\nrules:\n  CostTrendingUp:\n"
                + "    parameters: {window: 12h, threshold: 1.2}\n");
        load().validate(new JSONObject(new ObjectMapper().writeValueAsString(yaml)));
    }

    private static Schema load() throws Exception {
        return SchemaLoader.load(new JSONObject(Files.readString(SCHEMA)));
    }
}
