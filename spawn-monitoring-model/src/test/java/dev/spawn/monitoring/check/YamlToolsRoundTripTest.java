package dev.spawn.monitoring.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.render.YamlOutput;
import dev.spawn.monitoring.render.YamlRoundTripTest;
import dev.spawn.monitoring.testing.RealTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Go readers read back what the renderer wrote: a batch of {@link YamlRoundTripTest}'s strings
 * as the annotations of one alerting rule, which {@code promtool test rules} must expand to exactly the
 * expected strings (written by an independent escaper, every character beyond printable ASCII as
 * {@code \\u}/{@code \\U}), and as the {@code match} values of Alertmanager routes, which
 * {@code amtool config routes test} must all take for the same values passed as quoted label arguments.
 */
class YamlToolsRoundTripTest {

    private static final int BATCH = 200;

    @Test
    void promtoolExpandsEveryAnnotationToTheSameString(@TempDir Path dir) throws IOException {
        RealTools.require(Tool.PROMTOOL);
        // text/template would expand {{ }}; Prometheus drops empty annotations
        List<String> values = YamlRoundTripTest.sample(BATCH * 2, 14).stream()
                .filter(v -> !v.isEmpty() && !v.contains("{{")).distinct().limit(BATCH).toList();
        ObjectNode rule = YamlOutput.object();
        rule.put("alert", "Fuzz");
        rule.put("expr", "vector(1)");
        ObjectNode annotations = rule.putObject("annotations");
        IntStream.range(0, values.size()).forEach(i -> annotations.put(String.format("a%03d", i), values.get(i)));
        ObjectNode rules = YamlOutput.object();
        ObjectNode group = rules.putArray("groups").addObject();
        group.put("name", "fuzz");
        group.putArray("rules").add(rule);
        Files.write(dir.resolve("rules.yaml"), YamlOutput.toBytes(rules, null));

        StringBuilder test = new StringBuilder("""
                rule_files: [rules.yaml]
                evaluation_interval: 1m
                tests:
                  - interval: 1m
                    alert_rule_test:
                      - eval_time: 1m
                        alertname: Fuzz
                        exp_alerts:
                          - exp_annotations:
                """);
        IntStream.range(0, values.size()).forEach(i -> test.append(String.format("                  a%03d: %s%n", i, escaped(values.get(i)))));
        Files.writeString(dir.resolve("test.yaml"), test.toString(), StandardCharsets.UTF_8);

        Tool.Result result = Tool.PROMTOOL.run(dir, 60, "test", "rules", "test.yaml");
        assertThat(result.ok()).as(values.size() + " annotations:\n" + result.output()).isTrue();
        assertThat(values).hasSizeGreaterThan(BATCH / 2);
    }

    @Test
    void amtoolRoutesEveryQuotedLabelValueAsTheRenderedMatchSays(@TempDir Path dir) throws IOException {
        RealTools.require(Tool.AMTOOL);
        // a line break or control character cannot travel in a command-line argument or kingpin's argument file
        List<String> values = YamlRoundTripTest.sample(BATCH * 3, 25).stream()
                .filter(v -> !v.isEmpty() && v.chars().allMatch(c -> c >= 0x20)).distinct().limit(BATCH).toList();
        ObjectNode config = YamlOutput.object();
        ObjectNode route = config.putObject("route");
        route.put("receiver", "miss");
        ArrayNode routes = route.putArray("routes");
        ArrayNode receivers = config.putArray("receivers");
        receivers.addObject().put("name", "miss");
        List<String> args = new ArrayList<>(List.of("config", "routes", "test", "--config.file=alertmanager.yml"));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            ObjectNode child = routes.addObject();
            child.put("receiver", "r" + i);
            child.putObject("match").put("k" + i, values.get(i));
            child.put("continue", true);
            receivers.addObject().put("name", "r" + i);
            args.add(BundleCheck.matcher("k" + i, values.get(i)));
            expected.add("r" + i);
        }
        Files.write(dir.resolve("alertmanager.yml"), YamlOutput.toBytes(config, null));
        args.add(3, "--verify.receivers=" + String.join(",", expected));

        Tool.Result result = Tool.AMTOOL.run(dir, 60, args.toArray(String[]::new));
        assertThat(result.ok()).as(values.size() + " label values:\n" + result.output()).isTrue();
        assertThat(values).hasSizeGreaterThan(BATCH / 2);
    }

    @Test
    void amtoolReadsQuotedValuesWithEqualsSpacesQuotesAndBackslashes(@TempDir Path dir) throws IOException {
        RealTools.require(Tool.AMTOOL);
        List<String> values = List.of("a=b", "eu west 1", "say \"hi\"", "back\\slash", "trail\\", "=~x", "a,b", "{x}", " ", "é=\"1\"");
        ObjectNode config = YamlOutput.object();
        ObjectNode route = config.putObject("route");
        route.put("receiver", "miss");
        ObjectNode hit = route.putArray("routes").addObject();
        hit.put("receiver", "hit");
        ObjectNode match = hit.putObject("match");
        ArrayNode receivers = config.putArray("receivers");
        receivers.addObject().put("name", "miss");
        receivers.addObject().put("name", "hit");
        List<String> args = new ArrayList<>(List.of("config", "routes", "test", "--config.file=alertmanager.yml", "--verify.receivers=hit"));
        for (int i = 0; i < values.size(); i++) {
            match.put("k" + i, values.get(i));
            args.add(BundleCheck.matcher("k" + i, values.get(i)));
        }
        Files.write(dir.resolve("alertmanager.yml"), YamlOutput.toBytes(config, null));
        Tool.Result result = Tool.AMTOOL.run(dir, 60, args.toArray(String[]::new));
        assertThat(result.ok()).as(result.output()).isTrue();
    }

    @Test
    void routingProbesPassExternalLabelValuesWithEqualsSpacesAndQuotes(@TempDir Path dir) throws IOException {
        RealTools.require(Tool.AMTOOL);
        MonitoringBundle bundle = SpawnMonitoring.defaults()
                .externalLabel("cluster", "eu west=1 \"blue\"")
                .externalLabel("team", "a\\b, c")
                .build();
        bundle.writeTo(dir);
        assertThat(BundleCheck.probes(bundle)).isNotEmpty()
                .allSatisfy(labels -> assertThat(labels).containsEntry("cluster", "eu west=1 \"blue\""));
        BundleCheck.Outcome outcome = BundleCheck.routing(bundle, dir);
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(BundleCheck.Outcome.Status.PASSED);
    }

    /** A YAML double-quoted scalar with nothing but printable ASCII in it: independent of the renderer under test. */
    private static String escaped(String value) {
        StringBuilder out = new StringBuilder("\"");
        value.codePoints().forEach(cp -> {
            if (cp == '"' || cp == '\\') {
                out.append('\\').append((char) cp);
            } else if (cp >= 0x20 && cp < 0x7F) {
                out.append((char) cp);
            } else if (cp <= 0xFFFF) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.append(String.format("\\U%08X", cp));
            }
        });
        return out.append('"').toString();
    }
}
