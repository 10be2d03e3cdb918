package dev.spawn.monitoring.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.spawn.monitoring.testing.Golden;
import java.nio.charset.StandardCharsets;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The committed JSON Schema is the one generated from the declarations the reader uses (so the two
 * cannot drift), and it accepts the example specs and rejects a typo the reader rejects.
 */
class SchemaAgreementTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SCHEMA = ROOT.resolve("schemas/spawn-monitoring.schema.json");

    @Test
    void committedSchemaIsTheGeneratedOne() {
        Golden.assertFileMatches(SCHEMA, SchemaGenerator.specSchema().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void schemaDescribesEveryDeclaredKeyWithADescription() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(SchemaGenerator.specSchema());
        List<String> undocumented = new ArrayList<>();
        schema.path("definitions").fields().forEachRemaining(d -> d.getValue().path("properties").fields()
                .forEachRemaining(p -> {
                    if (p.getValue().path("description").asText().isBlank()) {
                        undocumented.add(d.getKey() + "." + p.getKey());
                    }
                }));
        assertThat(undocumented).isEmpty();
        assertThat(schema.at("/definitions/ScrapeJob/properties").has("sample_limit")).isTrue();
        assertThat(schema.at("/definitions/RemoteWriteSpec/properties").has("sigv4")).isTrue();
        assertThat(schema.at("/definitions/BasicAuth/properties").has("password_file")).isTrue();
    }

    @Test
    void schemaAcceptsTheExampleSpecs() throws Exception {
        Schema schema = load();
        for (Path spec : List.of(ROOT.resolve("examples/infra-repo/src/main/monitoring/spawn-monitoring.yaml"),
                ROOT.resolve("examples/default-bundle/src/main/monitoring/spawn-monitoring.yaml"),
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

    @Test
    void schemaTakesAPresetInPlaceOfTheUrlAndNeedsOneOfThem() throws Exception {
        String amp = "apiVersion: spawn.dev/v1\nremote_write:\n  - {preset: amp, region: us-east-1, workspace: ws-1}\n";
        load().validate(new JSONObject(new ObjectMapper().writeValueAsString(new Yaml().load(amp))));
        SpecReader.parse("spawn-monitoring.yaml", amp).build(); // and the reader agrees
        Object neither = new Yaml().load("apiVersion: spawn.dev/v1\nremote_write:\n  - {name: lts}\n");
        try {
            load().validate(new JSONObject(new ObjectMapper().writeValueAsString(neither)));
            throw new AssertionError("the schema accepted a remote write with neither url nor preset");
        } catch (ValidationException e) {
            assertThat(e.getAllMessages()).anyMatch(m -> m.contains("url")).anyMatch(m -> m.contains("preset"));
        }
    }

    private static Schema load() throws Exception {
        return SchemaLoader.load(new JSONObject(Files.readString(SCHEMA)));
    }
}
