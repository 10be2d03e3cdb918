package dev.spawn.monitoring.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.model.prometheus.SpawnPrometheusDefaults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The output of {@code spawn list --json} turned into a Prometheus file-discovery target file: one
 * entry per metrics-enabled instance ({@code private_ip:9090} with the labels instance_id, region,
 * instance_type and spot), sorted by instance id so the file only changes when the fleet does.
 */
public final class Inventory {

    /** Where in the bundle directory the targets go; matches the spawn-fleet job's {@code targets/*.json}. */
    public static final String TARGETS_FILE = "targets/spawn-instances.json";

    /** One scrape target. */
    public record Instance(String instanceId, String region, String instanceType, boolean spot, String privateIp) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Inventory() {
    }

    /** The metrics-enabled instances of a {@code spawn list --json} document, sorted by instance id. */
    public static List<Instance> parse(String source, byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ValidationException(List.of(Problem.error(source, "not valid JSON: " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new ValidationException(List.of(Problem.error(source, "cannot read: " + e.getMessage())));
        }
        JsonNode instances = root == null ? null : root.get("instances");
        if (instances == null || !instances.isArray()) {
            throw new ValidationException(List.of(Problem.error(source,
                    "expected the output of 'spawn list --json': an object with an \"instances\" list")));
        }
        List<Problem> problems = new ArrayList<>();
        List<Instance> out = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            JsonNode item = instances.get(i);
            if (!item.path("metrics_enabled").asBoolean(false)) {
                continue;
            }
            String id = item.path("instance_id").asText("");
            String ip = item.path("private_ip").asText("");
            if (id.isEmpty() || ip.isEmpty()) {
                problems.add(Problem.error(source + ": instances[" + i + "]",
                        "a metrics-enabled instance needs instance_id and private_ip"));
                continue;
            }
            out.add(new Instance(id, item.path("region").asText(""), item.path("instance_type").asText(""),
                    item.path("spot").asBoolean(false), ip));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        out.sort(Comparator.comparing(Instance::instanceId));
        return List.copyOf(out);
    }

    /** The file-discovery JSON for {@code instances} on spored's port, with a trailing newline. */
    public static byte[] toFileSd(List<Instance> instances) {
        return toFileSd(instances, SpawnPrometheusDefaults.SPORED_PORT);
    }

    /**
     * The file-discovery JSON for {@code instances} with each target on {@code port}, for a fleet whose
     * spored listens elsewhere (or a test's fake exporter), with a trailing newline.
     */
    public static byte[] toFileSd(List<Instance> instances, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port; expected 1 to 65535");
        }
        ArrayNode groups = JSON.createArrayNode();
        for (Instance instance : instances) {
            ObjectNode group = groups.addObject();
            group.putArray("targets").add(instance.privateIp() + ":" + port);
            ObjectNode labels = group.putObject("labels");
            labels.put("instance_id", instance.instanceId());
            labels.put("region", instance.region());
            labels.put("instance_type", instance.instanceType());
            labels.put("spot", Boolean.toString(instance.spot()));
        }
        try {
            return (JSON.writeValueAsString(groups).replace("\r\n", "\n") + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
