package dev.spawn.monitoring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.e2e.harness.Loopback;
import dev.spawn.monitoring.e2e.harness.LoopbackStack;
import dev.spawn.monitoring.e2e.harness.LoopbackStackExtension;
import dev.spawn.monitoring.e2e.harness.PrometheusServer;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.prometheus.Ec2SdConfig;
import dev.spawn.monitoring.spec.SpecImport;
import dev.spawn.monitoring.spec.SpecReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code spawn:import} proven against the real Prometheus: a hand-written configuration and the spec the
 * import makes of it, generated into a bundle, load into two Prometheus processes on loopback to the same
 * configuration ({@code /api/v1/status/config}, as Prometheus prints it normalised, rule file paths aside)
 * and the same alerts ({@code /api/v1/rules}: name, expression after Prometheus' own formatting, for, labels).
 * Where the spec cannot say what the original says, the alert differs exactly as the import reported.
 * The configurations (src/test/resources/import/) send nothing off 127.0.0.1: EC2 discovery asks an endpoint
 * on loopback with static fake credentials, remote write and Alertmanagers are loopback addresses.
 */
@ExtendWith(LoopbackStackExtension.class)
class ImportAgreementTest {

    @ParameterizedTest
    @ValueSource(strings = {"spawn-like", "mimir"})
    void importedSpecLoadsToTheSameConfigurationAndAlerts(String name, LoopbackStack stack) throws IOException {
        Path original = stack.dir("original");
        copy(resource("import/" + name), original);

        SpecImport.Result imported = SpecImport.fromDirectory(original);
        stack.report(() -> "imported spec:\n" + imported.spec() + "\nreported:\n"
                + String.join("\n", imported.problems().stream().map(Problem::toString).toList()));
        System.out.println("[e2e] spawn:import of " + name + " reported:");
        imported.problems().forEach(p -> System.out.println("[e2e]   " + p.toString().replace(original.toString(), name)));
        EXPECTED.get(name).forEach(snippet -> assertThat(imported.spec()).contains(snippet));
        MonitoringBundle bundle = SpecReader.parse("spawn-monitoring.yaml", imported.spec()).build();
        // loopback only: every EC2 discovery of the generated configuration asks a fake endpoint on 127.0.0.1
        bundle.prometheus().scrapeConfigs().stream().flatMap(j -> j.discovery().stream())
                .filter(Ec2SdConfig.class::isInstance).map(Ec2SdConfig.class::cast)
                .forEach(ec2 -> assertThat(ec2.endpoint()).startsWith("http://127.0.0.1:"));
        Path generated = stack.dir("generated");
        bundle.writeTo(generated);

        PrometheusServer before = stack.prometheus("original", original, "prometheus.yml", Loopback.freePort());
        PrometheusServer after = stack.prometheus("generated", generated, MonitoringBundle.PROMETHEUS_FILE, Loopback.freePort());

        String beforeConfig = loadedConfig(before, original);
        String afterConfig = loadedConfig(after, generated);
        assertThat(afterConfig).isEqualTo(beforeConfig);

        Map<String, JsonNode> beforeAlerts = alerts(before);
        Map<String, JsonNode> afterAlerts = alerts(after);
        assertThat(afterAlerts.keySet()).isEqualTo(beforeAlerts.keySet());
        int reportedChanges = 0;
        for (Map.Entry<String, JsonNode> e : beforeAlerts.entrySet()) {
            JsonNode was = e.getValue();
            JsonNode is = afterAlerts.get(e.getKey());
            assertThat(is.path("query").asText()).as("expr of %s", e.getKey()).isEqualTo(was.path("query").asText());
            assertThat(is.path("duration").asLong()).as("for of %s", e.getKey()).isEqualTo(was.path("duration").asLong());
            Map<String, String> expected = labels(was);
            Map<String, String> changes = reportedLabels(e.getKey(), imported.problems());
            reportedChanges += changes.size();
            expected.putAll(changes);
            assertThat(labels(is)).as("labels of %s (with the changes the import reported)", e.getKey()).isEqualTo(expected);
        }
        // each alert evaluated as often, under the same limit, kept firing as long
        Map<String, String> evaluation = evaluation(before);
        assertThat(evaluation(after)).isEqualTo(evaluation);
        evaluation.forEach((alert, how) -> {
            if (!how.equals("interval 60, limit 0, keep_firing_for 0")) {
                System.out.println("[e2e]   " + alert + " evaluated alike: " + how);
            }
        });
        // recording rules are carried under rules.groups: the same names and queries are loaded
        List<String> recordings = rules(before, "recording").stream()
                .map(r -> r.path("name").asText() + " = " + r.path("query").asText()).sorted().toList();
        assertThat(rules(after, "recording").stream().map(r -> r.path("name").asText() + " = " + r.path("query").asText())
                .sorted().toList()).isEqualTo(recordings);
        System.out.println("[e2e] " + name + ": configurations equal (" + beforeConfig.lines().count() + " lines), "
                + beforeAlerts.size() + " alerts equal in expr and for, labels equal after " + reportedChanges
                + " reported label changes, " + recordings.size() + " recording rule(s) carried");
    }

    /**
     * What each import must have made of its configuration (beyond agreement): the changed defaults as overrides,
     * the user's own alerts as custom rules, any alert in its group under rules.groups when the group has its own
     * interval or limit or the alert keep_firing_for, the missing defaults switched off.
     */
    private static final Map<String, List<String>> EXPECTED = Map.of(
            "spawn-like", List.of("  HighCostInstance:\n    threshold: 10.0\n", "  CostTrendingUp:\n    parameters:\n      window: 12h\n",
                    "  CostForecastExceeded:\n    parameters:\n      horizon: 12h\n",
                    "  HighCPUUsage:\n    for: 10m\n    severity: critical\n", "  InstanceRecentlyStarted:\n    enabled: false\n",
                    "  - job_name: node-exporter\n",
                    // keep_firing_for: the alert keeps its group under rules.groups, written as it was
                    "    - name: spawn-performance\n      interval: 1m\n      rules:\n        - alert: HighMemoryUsage\n",
                    "          keep_firing_for: 15m\n"),
            "mimir", List.of(
                    // evaluated every 30s (global evaluation_interval), spawn-cost's alerts, default names too, keep it
                    "    - name: spawn-cost\n      rules:\n        - alert: HighCostInstance\n",
                    "        - alert: DailyCostBudgetExceeded\n", "        - alert: HighFleetSize\n",
                    // team-db's group has a limit: its alerts keep the group under rules.groups
                    "    - name: databases\n", "        - alert: PostgresDown\n", "        - alert: SporedDown\n",
                    "  disabled_categories:\n    - lifecycle\n    - cost\n    - capacity\n    - performance\n",
                    "X-Scope-OrgID: spawn-eu", "  - enabled: false\n    job_name: spawn-ec2\n"));

    /**
     * The configuration Prometheus loaded, without its rule_files block (the bundle keeps its rules elsewhere) and
     * with the configuration's folder, against which Prometheus resolves relative paths, named {@code <config dir>}.
     */
    private static String loadedConfig(PrometheusServer server, Path configDir) {
        String yaml = server.api().get("/api/v1/status/config").path("data").path("yaml").asText();
        return withoutRuleFiles(yaml.replace(configDir.toAbsolutePath() + "/", "<config dir>/"));
    }

    private static String withoutRuleFiles(String yaml) {
        StringBuilder out = new StringBuilder();
        boolean skipping = false;
        for (String line : yaml.split("\n", -1)) {
            if (line.startsWith("rule_files:")) {
                skipping = true;
                continue;
            }
            if (skipping && (line.startsWith(" ") || line.startsWith("-"))) {
                continue;
            }
            skipping = false;
            out.append(line).append('\n');
        }
        return out.toString();
    }

    private static Map<String, JsonNode> alerts(PrometheusServer server) {
        Map<String, JsonNode> alerts = new TreeMap<>();
        for (JsonNode rule : rules(server, "alerting")) {
            JsonNode earlier = alerts.put(rule.path("name").asText() + "/" + rule.path("labels").path("severity").asText(), rule);
            assertThat(earlier).as("alert %s twice at one severity", rule.path("name").asText()).isNull();
        }
        // keyed by name: a severity the import reported changing is compared through the labels
        Map<String, JsonNode> byName = new TreeMap<>();
        alerts.values().forEach(r -> byName.put(r.path("name").asText(), r));
        assertThat(byName).hasSameSizeAs(alerts);
        return byName;
    }

    /** By alert name: its group's interval and limit, and its keep_firing_for, as Prometheus loaded them. */
    private static Map<String, String> evaluation(PrometheusServer server) {
        Map<String, String> out = new TreeMap<>();
        server.api().get("/api/v1/rules").path("data").path("groups").forEach(g -> g.path("rules").forEach(r -> {
            if ("alerting".equals(r.path("type").asText())) {
                out.put(r.path("name").asText(), "interval " + g.path("interval").asText() + ", limit " + g.path("limit").asText()
                        + ", keep_firing_for " + r.path("keepFiringFor").asText());
            }
        }));
        return out;
    }

    private static List<JsonNode> rules(PrometheusServer server, String type) {
        return server.rules().stream().filter(r -> type.equals(r.path("type").asText())).toList();
    }

    private static Map<String, String> labels(JsonNode rule) {
        Map<String, String> labels = new TreeMap<>();
        rule.path("labels").fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
        return labels;
    }

    private static final Pattern CARRIES = Pattern.compile("also carries the labels? ([^;]*?)(?:, which|;|$)");
    private static final Pattern SEVERITY = Pattern.compile("carries severity=(\\w+)");

    /** The label changes the import reported for an alert ("also carries the labels a=b, c=d", "carries severity=x"). */
    private static Map<String, String> reportedLabels(String alert, List<Problem> problems) {
        Map<String, String> changes = new TreeMap<>();
        for (Problem p : problems) {
            String m = p.message();
            if (!m.contains("alert '" + alert + "'") && !m.contains("alert " + alert + " ")) {
                continue;
            }
            Matcher carries = CARRIES.matcher(m);
            if (carries.find()) {
                for (String pair : carries.group(1).split(", ")) {
                    String[] kv = pair.split("=", 2);
                    changes.put(kv[0], kv[1]);
                }
            }
            Matcher severity = SEVERITY.matcher(m);
            if (severity.find()) {
                changes.put("severity", severity.group(1));
            }
        }
        return changes;
    }

    static Path resource(String name) {
        try {
            return Path.of(ImportAgreementTest.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(from)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path f : files) {
            Path target = to.resolve(from.relativize(f).toString());
            Files.createDirectories(target.getParent());
            try {
                Files.copy(f, target);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
