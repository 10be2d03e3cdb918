package dev.spawn.monitoring.e2e.harness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A fake EC2 Query API on loopback, for Prometheus' {@code ec2_sd_configs} {@code endpoint}: answers
 * {@code DescribeAvailabilityZones} (Prometheus asks for the zone ids first) and
 * {@code DescribeInstances} with fixed running spot instances whose private IP is 127.0.0.1. It
 * records each action it was asked for, and the request's filters, so a test can see Prometheus
 * really asked it. Signatures are not checked: the credentials are fake.
 */
public final class FakeEc2Api implements AutoCloseable {

    /** One EC2 instance as DescribeInstances reports it. */
    public record Instance(String instanceId, String instanceType, String availabilityZone, boolean spot,
            Map<String, String> tags) {
    }

    private final HttpServer server;
    private final List<Instance> instances;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private FakeEc2Api(List<Instance> instances) {
        this.instances = List.copyOf(instances);
        this.server = Loopback.serve(this::handle);
    }

    public static FakeEc2Api start(Instance... instances) {
        return new FakeEc2Api(List.of(instances));
    }

    /** The {@code endpoint} for ec2_sd_configs. */
    public String endpoint() {
        return "http://" + Loopback.address(server.getAddress().getPort());
    }

    /** The decoded query of each request, in order (Action=..., Filter.1.Name=...). */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (exchange.getRequestURI().getRawQuery() != null) {
                query = query.isEmpty() ? exchange.getRequestURI().getRawQuery() : query + "&" + exchange.getRequestURI().getRawQuery();
            }
            Map<String, String> params = parse(query);
            requests.add(params.toString());
            String action = params.getOrDefault("Action", "");
            String body;
            int status = 200;
            switch (action) {
                case "DescribeInstances" -> body = describeInstances();
                case "DescribeAvailabilityZones" -> body = describeAvailabilityZones();
                default -> {
                    status = 400;
                    body = "<Response><Errors><Error><Code>InvalidAction</Code><Message>fake EC2 does not know '"
                            + action + "'</Message></Error></Errors><RequestID>e2e</RequestID></Response>";
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(bytes);
            }
        }
    }

    private static Map<String, String> parse(String query) {
        Map<String, String> params = new java.util.TreeMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    private String describeAvailabilityZones() {
        String zones = instances.stream().map(Instance::availabilityZone).distinct().map(zone -> """
                    <item>
                      <zoneName>%s</zoneName>
                      <zoneId>use1-az1</zoneId>
                      <zoneState>available</zoneState>
                      <regionName>%s</regionName>
                      <zoneType>availability-zone</zoneType>
                    </item>
                """.formatted(zone, zone.substring(0, zone.length() - 1))).collect(Collectors.joining());
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <DescribeAvailabilityZonesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>e2e-zones</requestId>
                  <availabilityZoneInfo>
                %s  </availabilityZoneInfo>
                </DescribeAvailabilityZonesResponse>
                """.formatted(zones);
    }

    private String describeInstances() {
        String items = instances.stream().map(FakeEc2Api::instanceXml).collect(Collectors.joining());
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>e2e-instances</requestId>
                  <reservationSet>
                    <item>
                      <reservationId>r-0e2e</reservationId>
                      <ownerId>123456789012</ownerId>
                      <groupSet/>
                      <instancesSet>
                %s      </instancesSet>
                    </item>
                  </reservationSet>
                </DescribeInstancesResponse>
                """.formatted(items);
    }

    private static String instanceXml(Instance instance) {
        String tags = instance.tags().entrySet().stream().map(e -> """
                            <item><key>%s</key><value>%s</value></item>
                """.formatted(xml(e.getKey()), xml(e.getValue()))).collect(Collectors.joining());
        return """
                        <item>
                          <instanceId>%s</instanceId>
                          <imageId>ami-0e2e</imageId>
                          <instanceState><code>16</code><name>running</name></instanceState>
                          <privateDnsName>ip-127-0-0-1.ec2.internal</privateDnsName>
                          <instanceType>%s</instanceType>
                          <placement><availabilityZone>%s</availabilityZone><tenancy>default</tenancy></placement>
                          <subnetId>subnet-0e2e</subnetId>
                          <vpcId>vpc-0e2e</vpcId>
                          <privateIpAddress>127.0.0.1</privateIpAddress>
                          <architecture>x86_64</architecture>
                          %s
                          <tagSet>
                %s          </tagSet>
                        </item>
                """.formatted(instance.instanceId(), instance.instanceType(), instance.availabilityZone(),
                instance.spot() ? "<instanceLifecycle>spot</instanceLifecycle>" : "", tags);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** What the fake was asked, for a failing test's message. */
    public String describe() {
        return "fake EC2 API at " + endpoint() + ": " + requests.size() + " request(s)\n"
                + requests.stream().map(r -> "  " + r + "\n").collect(Collectors.joining());
    }
}
