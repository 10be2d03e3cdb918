package dev.spawn.monitoring.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.model.prometheus.Ec2SdConfig;
import dev.spawn.monitoring.model.prometheus.PrometheusConfig;
import dev.spawn.monitoring.model.prometheus.SpawnPrometheusDefaults;
import dev.spawn.monitoring.io.BundleWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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

    /** The region spawn reports for an instance that is not on EC2 (a laptop, an on-premises host). */
    public static final String LOCAL_REGION = "local";

    /** One scrape target. */
    public record Instance(String instanceId, String region, String instanceType, boolean spot, String privateIp) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Two spaces and {@code \n} for objects and arrays alike; Jackson's default would use the platform's line separator. */
    private static final DefaultIndenter INDENTER = new DefaultIndenter("  ", "\n");
    private static final ObjectWriter PRETTY = JSON.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(INDENTER).withArrayIndenter(INDENTER));

    private Inventory() {
    }

    /**
     * The metrics-enabled instances of a {@code spawn list --json} document, sorted by instance id. A problem
     * is placed at {@code source:line:col} of the offending JSON (the instance object, for a semantic one).
     */
    public static List<Instance> parse(String source, byte[] json) {
        if (new String(json, StandardCharsets.UTF_8).isBlank()) {
            // what a pipe gives when 'spawn list' failed: no output at all
            throw new ValidationException(List.of(Problem.error(source, "is empty; expected the output of 'spawn list --json'"
                    + " (did 'spawn list' fail?)")));
        }
        List<Problem> problems = new ArrayList<>();
        List<Instance> out = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken token = parser.nextToken();
            JsonLocation rootAt = parser.currentTokenLocation();
            boolean found = false;
            if (token == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    if (parser.nextToken() == JsonToken.START_ARRAY && field.equals("instances")) {
                        found = true;
                        readInstances(source, parser, out, problems);
                    } else {
                        parser.skipChildren();
                    }
                }
            }
            if (!found) {
                throw new ValidationException(List.of(Problem.error(at(source, rootAt),
                        "expected the output of 'spawn list --json': an object with an \"instances\" list")));
            }
        } catch (JsonProcessingException e) {
            throw new ValidationException(List.of(Problem.error(at(source, e.getLocation()),
                    "not valid JSON: " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new ValidationException(List.of(Problem.error(source, "cannot read: " + e.getMessage())));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        out.sort(Comparator.comparing(Instance::instanceId));
        return List.copyOf(out);
    }

    /** The items of the {@code instances} array, the parser on its start; each item's problems at its own position. */
    private static void readInstances(String source, JsonParser parser, List<Instance> out, List<Problem> problems)
            throws IOException {
        for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
            JsonLocation itemAt = parser.currentTokenLocation();
            JsonNode item = parser.readValueAsTree();
            if (!item.isObject()) {
                problems.add(Problem.error(at(source, itemAt), "instances[" + i + "] is not an object; expected"
                        + " {\"instance_id\": ..., \"private_ip\": ..., \"metrics_enabled\": true, ...}"));
                continue;
            }
            if (!item.path("metrics_enabled").asBoolean(false)) {
                continue;
            }
            String id = item.path("instance_id").asText("");
            String ip = item.path("private_ip").asText("");
            if (id.isEmpty() || ip.isEmpty()) {
                problems.add(Problem.error(at(source, itemAt),
                        "instances[" + i + "]: a metrics-enabled instance needs instance_id and private_ip"));
                continue;
            }
            out.add(new Instance(id, item.path("region").asText(""), item.path("instance_type").asText(""),
                    item.path("spot").asBoolean(false), ip));
        }
    }

    /** {@code source:line:col} (Jackson's line and column are 1-based already), or the source alone without a location. */
    private static String at(String source, JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return source;
        }
        return source + ":" + location.getLineNr() + ":" + location.getColumnNr();
    }

    /**
     * The instances of a {@code spawn:targets} run split between the file-discovery targets and the
     * {@code spawn-ec2} job; {@code ec2Regions} are the regions that job discovers (none without the job).
     */
    public record Targets(List<Instance> fileSd, List<Instance> leftToEc2, List<String> ec2Regions) {
        public Targets {
            fileSd = List.copyOf(fileSd);
            leftToEc2 = List.copyOf(leftToEc2);
            ec2Regions = List.copyOf(ec2Regions);
        }
    }

    /**
     * Splits {@code instances} for a Prometheus configuration: an EC2 instance (region other than
     * {@code local}) in a region the {@code spawn-ec2} job discovers is left to that job, so no agent is
     * scraped by both jobs (fleet-wide {@code count()} and {@code sum()} rules would double); an instance in
     * a region the job does not cover stays in the file, or nothing would scrape it. {@code includeEc2}
     * keeps every instance in the file, for a configuration whose EC2 job is disabled some other way.
     */
    public static Targets targets(List<Instance> instances, PrometheusConfig prometheus, boolean includeEc2) {
        return targets(instances, SpawnPrometheusDefaults.ec2Regions(prometheus), includeEc2);
    }

    /** {@link #targets(List, PrometheusConfig, boolean)} with the {@code spawn-ec2} job's regions given directly. */
    public static Targets targets(List<Instance> instances, List<String> regions, boolean includeEc2) {
        List<Instance> fileSd = new ArrayList<>();
        List<Instance> leftToEc2 = new ArrayList<>();
        for (Instance instance : instances) {
            boolean ec2 = !instance.region().equals(LOCAL_REGION) && regions.contains(instance.region());
            (ec2 && !includeEc2 ? leftToEc2 : fileSd).add(instance);
        }
        return new Targets(fileSd, leftToEc2, regions);
    }

    /**
     * What {@code spawn:targets} and {@code spawn-monitoring targets} do: reads the {@code spawn list --json}
     * output from {@code inventory} ({@code null} or {@code -}: {@code stdin}), splits it with
     * {@link #targets(List, List, boolean)} and writes {@code <outputDirectory>/}{@value #TARGETS_FILE}
     * atomically. An unreadable or bad inventory throws a {@link ValidationException} naming
     * {@code file:line:col}, and the previous targets file stays as it was.
     */
    public static Refresh refresh(Path inventory, InputStream stdin, List<String> ec2Regions, boolean includeEc2,
            Path outputDirectory) {
        boolean fromStdin = inventory == null || inventory.toString().equals("-");
        String source = fromStdin ? "<stdin>" : inventory.toString();
        byte[] json;
        try {
            json = fromStdin ? stdin.readAllBytes() : Files.readAllBytes(inventory);
        } catch (IOException e) {
            throw new ValidationException(List.of(Problem.error(source, "cannot read the inventory ("
                    + (e instanceof NoSuchFileException ? "no such file" : e.getMessage())
                    + "); expected the output of 'spawn list --json'")));
        }
        Targets targets = targets(parse(source, json), ec2Regions, includeEc2);
        Path file = outputDirectory.resolve(TARGETS_FILE);
        BundleWriter.writeAtomically(file, toFileSd(targets.fileSd()));
        return new Refresh(file, targets);
    }

    /** What {@link #refresh} wrote: the targets file and how the instances were split. */
    public record Refresh(Path file, Targets targets) {

        /** One line for a log: how many targets went where, and how to write the EC2 ones too. */
        public List<String> summary(String includeEc2Hint) {
            int written = targets.fileSd().size();
            List<String> lines = new ArrayList<>();
            lines.add(written + " metrics-enabled " + (written == 1 ? "instance" : "instances") + " -> " + file);
            if (!targets.leftToEc2().isEmpty()) {
                lines.add(targets.leftToEc2().size() + " left to EC2 discovery (job " + SpawnPrometheusDefaults.EC2_JOB
                        + ", regions " + String.join(", ", targets.ec2Regions()) + "); " + includeEc2Hint + " writes them too");
            }
            return lines;
        }
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
            return (PRETTY.writeValueAsString(groups) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
