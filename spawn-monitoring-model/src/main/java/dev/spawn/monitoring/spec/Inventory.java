package dev.spawn.monitoring.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
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
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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
        return parse(source, new java.io.ByteArrayInputStream(json));
    }

    /** {@link #parse(String, byte[])} read from a stream, so that a large inventory is never held as a whole. */
    public static List<Instance> parse(String source, InputStream json) {
        List<Problem> problems = new ArrayList<>();
        List<Instance> out = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                // what a pipe gives when 'spawn list' failed: no output at all
                throw new ValidationException(List.of(Problem.error(source, "is empty; expected the output of 'spawn list --json'"
                        + " (did 'spawn list' fail?)")));
            }
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

    /**
     * The items of the {@code instances} array, the parser on its start. Each field is checked at its own
     * position: booleans must be JSON booleans, strings strings, {@code private_ip} an IPv4 or IPv6 address,
     * instance ids unique; an instance with a problem is reported, never dropped without a word.
     */
    private static void readInstances(String source, JsonParser parser, List<Instance> out, List<Problem> problems)
            throws IOException {
        Map<String, Field> firstSeen = new HashMap<>();
        for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
            JsonLocation itemAt = parser.currentTokenLocation();
            String item = "instances[" + i + "]";
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                problems.add(Problem.error(at(source, itemAt), item + " is not an object; expected"
                        + " {\"instance_id\": ..., \"private_ip\": ..., \"metrics_enabled\": true, ...}"));
                continue;
            }
            Map<String, Field> fields = new HashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (READ.contains(name)) {
                    // the position is kept, and spelt out only for a problem
                    fields.put(name, new Field(value, value.isScalarValue() ? parser.getText() : null, source,
                            parser.currentTokenLocation()));
                }
                parser.skipChildren();
            }
            int before = problems.size();
            boolean enabled = bool(fields, "metrics_enabled", item, problems);
            boolean spot = bool(fields, "spot", item, problems);
            String region = text(fields, "region", item, problems);
            String type = text(fields, "instance_type", item, problems);
            String id = text(fields, "instance_id", item, problems);
            String ip = text(fields, "private_ip", item, problems);
            if (!enabled || problems.size() > before) {
                continue;
            }
            if (id.isEmpty() || ip.isEmpty()) {
                problems.add(Problem.error(at(source, itemAt),
                        item + ": a metrics-enabled instance needs instance_id and private_ip"));
                continue;
            }
            String address = address(ip);
            if (address == null) {
                problems.add(Problem.error(fields.get("private_ip").at(), item + ": private_ip '" + ip
                        + "' is not an IP address; expected an IPv4 address such as 10.0.0.1 or an IPv6 address such as fd00::1"));
                continue;
            }
            Field first = firstSeen.putIfAbsent(id, fields.get("instance_id"));
            if (first != null) {
                problems.add(Problem.error(fields.get("instance_id").at(), item + ": instance_id '" + id
                        + "' is listed twice (first at " + first.at() + "); expected each instance once"));
                continue;
            }
            out.add(new Instance(id, region, type, spot, address));
        }
    }

    /** The fields of an instance object that are read; the others (name, state, ...) are skipped. */
    private static final java.util.Set<String> READ = java.util.Set.of("metrics_enabled", "spot", "region", "instance_type",
            "instance_id", "private_ip");

    /** One field of an instance object: its token, its text (scalars only) and its position. */
    private record Field(JsonToken token, String text, String source, JsonLocation location) {
        String at() {
            return Inventory.at(source, location);
        }
    }

    private static boolean bool(Map<String, Field> fields, String name, String item, List<Problem> problems) {
        Field field = fields.get(name);
        if (field == null || field.token() == JsonToken.VALUE_NULL) {
            return false;
        }
        if (field.token() != JsonToken.VALUE_TRUE && field.token() != JsonToken.VALUE_FALSE) {
            problems.add(Problem.error(field.at(), item + ": " + name + " is " + describe(field) + "; expected true or false"));
            return false;
        }
        return field.token() == JsonToken.VALUE_TRUE;
    }

    private static String text(Map<String, Field> fields, String name, String item, List<Problem> problems) {
        Field field = fields.get(name);
        if (field == null || field.token() == JsonToken.VALUE_NULL) {
            return "";
        }
        if (field.token() != JsonToken.VALUE_STRING) {
            problems.add(Problem.error(field.at(), item + ": " + name + " is " + describe(field) + "; expected a string"));
            return "";
        }
        return field.text();
    }

    private static String describe(Field field) {
        return switch (field.token()) {
            case VALUE_STRING -> "the string \"" + field.text() + "\"";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "a list";
            default -> field.text();
        };
    }

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    /**
     * The address as written in a target (IPv4 as given, IPv6 without brackets, which {@link #toFileSd}
     * adds), or null when it is no IP address: a host name, a path, a port, a zone or an octet above 255.
     */
    static String address(String ip) {
        if (IPV4.matcher(ip).matches()) {
            return ip;
        }
        String bare = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
        if (!bare.contains(":") || !IPV6_CHARS.matcher(bare).matches()) {
            return null;
        }
        try {
            // in brackets the JDK parses an IPv6 literal and never asks DNS
            InetAddress.getByName("[" + bare + "]");
            return bare;
        } catch (UnknownHostException e) {
            return null;
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
        List<Instance> instances;
        // stdin is read, not closed: it is the caller's (Maven's, the command's)
        try (InputStream json = fromStdin ? new java.io.FilterInputStream(stdin) {
            @Override
            public void close() {
            }
        } : Files.newInputStream(inventory)) {
            instances = parse(source, new java.io.BufferedInputStream(json, 1 << 16));
        } catch (IOException e) {
            throw new ValidationException(List.of(Problem.error(source, "cannot read the inventory ("
                    + (e instanceof NoSuchFileException ? "no such file" : e.getMessage())
                    + "); expected the output of 'spawn list --json'")));
        }
        Targets targets = targets(instances, ec2Regions, includeEc2);
        Path file = outputDirectory.resolve(TARGETS_FILE);
        // under the output folder's lock, as a generation is written: never beside a half-switched bundle; streamed,
        // so that a large fleet's targets are never held in memory as a whole
        BundleWriter.writeInto(outputDirectory, TARGETS_FILE,
                out -> writeFileSd(targets.fileSd(), SpawnPrometheusDefaults.SPORED_PORT, out),
                dev.spawn.monitoring.io.OutputLock.DEFAULT_WAIT);
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
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(instances.size() * 200 + 16);
        try {
            writeFileSd(instances, port, out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** {@link #toFileSd(List, int)} streamed into {@code out}: a 100,000-instance fleet is written without a tree or a copy. */
    public static void writeFileSd(List<Instance> instances, int port, java.io.OutputStream out) throws IOException {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port; expected 1 to 65535");
        }
        try (com.fasterxml.jackson.core.JsonGenerator json = PRETTY.createGenerator(out)) {
            json.disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartArray();
            for (Instance instance : instances) {
                String host = instance.privateIp().contains(":") ? "[" + instance.privateIp() + "]" : instance.privateIp();
                json.writeStartObject();
                json.writeArrayFieldStart("targets");
                json.writeString(host + ":" + port);
                json.writeEndArray();
                json.writeObjectFieldStart("labels");
                json.writeStringField("instance_id", instance.instanceId());
                json.writeStringField("region", instance.region());
                json.writeStringField("instance_type", instance.instanceType());
                json.writeStringField("spot", Boolean.toString(instance.spot()));
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        out.write('\n');
    }
}
