package dev.spawn.monitoring.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * The openAPIV3Schema of the Prometheus Operator CRDs (src/test/resources/prometheus-operator/, trimmed
 * from operator v0.93.0, see the README there) as strict JSON Schemas: every object that lists its
 * properties rejects others (the operator's API server would prune an unknown field silently, which is
 * how a misspelt key goes unnoticed), and the AlertmanagerConfig's child routes, which the CRD leaves
 * open, are checked against the route schema.
 */
final class CrdSchemas {

    static final Path DIR = Path.of("src", "test", "resources", "prometheus-operator");

    private CrdSchemas() {
    }

    /** The CRD file's own record of the operator version it comes from. */
    static String operatorVersion(String plural) {
        return read(plural).getString("operatorVersion");
    }

    static Schema strict(String plural) {
        JSONObject schema = read(plural).getJSONObject("openAPIV3Schema");
        close(schema);
        if (plural.equals("alertmanagerconfigs")) {
            JSONObject route = schema.getJSONObject("properties").getJSONObject("spec").getJSONObject("properties")
                    .getJSONObject("route");
            route.getJSONObject("properties").getJSONObject("routes")
                    .put("items", new JSONObject().put("$ref", "#/properties/spec/properties/route"));
        }
        return SchemaLoader.builder().schemaJson(schema).build().load().build();
    }

    /** Every violation, one line each ({@code #/spec/groups/0: extraneous key [treshold] is not permitted}). */
    static List<String> violations(Schema schema, JSONObject document) {
        try {
            schema.validate(document);
            return List.of();
        } catch (ValidationException e) {
            return e.getAllMessages();
        }
    }

    private static void close(Object node) {
        if (node instanceof JSONObject o) {
            boolean open = o.optBoolean("x-kubernetes-preserve-unknown-fields", false);
            if (o.has("properties") && !o.has("additionalProperties") && !open) {
                o.put("additionalProperties", false);
            }
            for (String key : new ArrayList<>(o.keySet())) {
                close(o.get(key));
            }
        } else if (node instanceof JSONArray a) {
            a.forEach(CrdSchemas::close);
        }
    }

    private static JSONObject read(String plural) {
        try {
            return new JSONObject(Files.readString(DIR.resolve(plural + ".json"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
