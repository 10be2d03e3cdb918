package dev.spawn.monitoring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerConfig;
import dev.spawn.monitoring.spec.SpecImport;
import dev.spawn.monitoring.spec.SpecReader;
import dev.spawn.monitoring.spec.UpstreamFiles;
import dev.spawn.monitoring.testing.RealTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code spawn:import} of a hand-written {@code alertmanager.yml} proven against the real Alertmanager's routing:
 * the original and the alertmanager.yaml generated from the imported spec send every alert of a set (each category
 * at each severity, and alerts the configurations route specially) to the same receivers, as
 * {@code amtool config routes test} reports them; the inhibitions and time intervals are the same models (no
 * inhibition simulator on main to ask).
 */
class AlertmanagerImportAgreementTest {

    /** One default rule of each category, so the category and the alert name agree as the real alerts' do. */
    private static final Map<String, String> CATEGORIES = Map.of("cost", "HighCostInstance", "capacity", "LowSpotAvailability",
            "lifecycle", "InstanceTTLExpiringSoon", "performance", "HighCPUUsage");

    @ParameterizedTest
    @ValueSource(strings = {"spawn-like", "mimir"})
    void generatedAlertmanagerRoutesEveryAlertAsTheOriginal(String name, @TempDir Path generated) throws IOException {
        RealTools.require(Tool.AMTOOL);
        Path original = ImportAgreementTest.resource("import/" + name);
        SpecImport.Result imported = SpecImport.fromDirectory(original);
        System.out.println("[e2e] spawn:import of " + name + "/alertmanager.yml reported:");
        imported.problems().stream().map(Problem::toString).filter(p -> p.contains("alertmanager.yml"))
                .forEach(p -> System.out.println("[e2e]   " + p.replace(original.toString(), name)));
        MonitoringBundle bundle = SpecReader.parse("spawn-monitoring.yaml", imported.spec()).build();
        bundle.writeTo(generated);

        List<Map<String, String>> alerts = alerts();
        int differentFromDefault = 0;
        for (Map<String, String> labels : alerts) {
            String before = route(original, "alertmanager.yml", labels);
            String after = route(generated, MonitoringBundle.ALERTMANAGER_FILE, labels);
            assertThat(after).as("receivers of %s", labels).isEqualTo(before);
            if (!before.equals("spawn-webhook")) {
                differentFromDefault++;
            }
        }
        // the set is worth asking: the originals send many of these alerts elsewhere than spawn's default
        assertThat(differentFromDefault).isGreaterThan(alerts.size() / 4);

        AlertmanagerConfig was = UpstreamFiles.alertmanager("alertmanager.yml",
                Files.readString(original.resolve("alertmanager.yml")));
        AlertmanagerConfig is = bundle.alertmanager();
        assertThat(is.inhibitRules()).isEqualTo(was.inhibitRules());
        assertThat(is.timeIntervals()).isEqualTo(was.timeIntervals());
        assertThat(is.templates()).isEqualTo(was.templates());
        assertThat(is.receivers()).containsAll(was.receivers().stream().filter(r -> !r.name().equals("spawn-webhook")).toList());
        System.out.println("[e2e] " + name + ": " + alerts.size() + " label sets routed to the same receivers by amtool ("
                + differentFromDefault + " not only to spawn-webhook); " + is.inhibitRules().size() + " inhibit rules and "
                + is.timeIntervals().size() + " time intervals equal as models");
    }

    /** Every category at every severity, and the alerts the configurations route by name, team or environment. */
    private static List<Map<String, String>> alerts() {
        List<Map<String, String>> out = new ArrayList<>();
        CATEGORIES.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(c -> {
            for (String severity : List.of("critical", "warning", "info")) {
                out.add(labels("alertname", c.getValue(), "category", c.getKey(), "severity", severity,
                        "environment", "production", "region", "us-east-1", "instance_id", "i-0abc"));
            }
        });
        out.add(labels("alertname", "DailyCostBudgetExceeded", "category", "cost", "severity", "warning"));
        out.add(labels("alertname", "CostForecastExceeded", "category", "cost", "severity", "critical"));
        out.add(labels("alertname", "SporedDown", "severity", "critical", "environment", "production"));
        out.add(labels("alertname", "PostgresDown", "severity", "critical", "environment", "staging"));
        out.add(labels("alertname", "HighFleetSize", "category", "custom", "severity", "warning", "team", "data"));
        out.add(labels("alertname", "Watchdog"));
        out.add(labels("alertname", "HighCPUUsage", "category", "performance", "severity", "critical", "team", "data"));
        return out;
    }

    private static Map<String, String> labels(String... pairs) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }

    /** The receivers amtool names for one alert, as it prints them (comma-separated, in order). */
    private static String route(Path dir, String file, Map<String, String> labels) {
        List<String> args = new ArrayList<>(List.of("config", "routes", "test", "--config.file=" + file));
        labels.forEach((k, v) -> args.add(k + "=" + v));
        Tool.Result result = Tool.AMTOOL.run(dir, 30, args.toArray(String[]::new));
        assertThat(result.ok()).as("%s", result).isTrue();
        return result.output().lines().filter(l -> !l.startsWith("Warning")).findFirst().orElse("").strip();
    }
}
