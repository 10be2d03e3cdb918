package dev.spawn.monitoring.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.spec.SpecReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inline secrets drift (someone edited a committed password, or the spec's changed): the drift report
 * that {@code spawn:check} logs names the key and the value's length, never the old or the new value.
 */
class SecretsInDiffsTest {

    private static final String SPEC = """
            apiVersion: spawn.dev/v1
            scrape_configs:
              - job_name: node
                targets: ["10.1.0.5:9100"]
                basic_auth: {username: p, password: "scrape-pw-DO-NOT-LOG"}
            alertmanager:
              global:
                smtp_smarthost: smtp.example.com:587
                smtp_from: am@example.com
                smtp_auth_username: am
                smtp_auth_password: smtp-pw-DO-NOT-LOG
              receivers:
                - name: pager
                  pagerduty: {routing_key: pd-key-DO-NOT-LOG}
                - name: slack
                  slack: {channel: "#alerts", api_url: "https://hooks.slack.com/services/DO-NOT-LOG"}
              routes:
                - receiver: pager
                  matchers: ['severity="critical"']
                - receiver: slack
                  matchers: ['severity="warning"']
            """;

    @Test
    void driftOfEveryInlineSecretShowsNoValue(@TempDir Path dir) throws Exception {
        MonitoringBundle bundle = SpecReader.parse("spawn-monitoring.yaml", SPEC).build();
        SortedMap<String, byte[]> files = bundle.files();
        String all = files.values().stream().map(b -> new String(b, StandardCharsets.UTF_8)).collect(Collectors.joining("\n"));
        assertThat(all.split("DO-NOT-LOG", -1)).as("the spec's four inline secrets are in the bundle").hasSize(5);

        // the committed copy holds other values for every secret: both sides differ at each of them
        BundleWriter.write(files, dir, staged -> { });
        for (String name : List.of(MonitoringBundle.PROMETHEUS_FILE, MonitoringBundle.ALERTMANAGER_FILE)) {
            Path file = dir.resolve(name);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Files.writeString(file, text.replace("DO-NOT-LOG", "OLD-NEVER-LOG"), StandardCharsets.UTF_8);
        }

        List<BundleDrift.Change> drift = BundleDrift.compare(files, dir);
        String report = drift.stream().map(Object::toString).collect(Collectors.joining("\n"));
        assertThat(drift).extracting(BundleDrift.Change::path)
                .containsExactly(MonitoringBundle.ALERTMANAGER_FILE, MonitoringBundle.PROMETHEUS_FILE);
        assertThat(report).doesNotContain("DO-NOT-LOG", "NEVER-LOG", "scrape-pw", "smtp-pw", "pd-key", "hooks.slack.com")
                .contains("password: <secret: 20 chars, changed>", "smtp_auth_password: <secret: 18 chars, changed>");
    }

    @Test
    void everyLineThatCarriesAnInlineSecretIsMasked() {
        // a renderer that writes a secret under a key the mask does not know would leak it: this finds it
        MonitoringBundle bundle = SpecReader.parse("spawn-monitoring.yaml", SPEC).build();
        for (Map.Entry<String, byte[]> file : bundle.files().entrySet()) {
            for (String line : new String(file.getValue(), StandardCharsets.UTF_8).split("\n")) {
                if (line.contains("DO-NOT-LOG")) {
                    assertThat(BundleDrift.masked(line, List.of())).as(file.getKey()).doesNotContain("DO-NOT-LOG")
                            .contains("<secret: ");
                }
            }
        }
        assertThat(BundleDrift.masked("    password: same", List.of("    password: same"))).isEqualTo("    password: <secret: 4 chars, unchanged>");
        assertThat(BundleDrift.masked("    password_file: /etc/pw", List.of())).isEqualTo("    password_file: /etc/pw");
    }
}
