package dev.spawn.monitoring.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.model.Secret;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerConfig;
import dev.spawn.monitoring.model.alertmanager.KitchenSink;
import dev.spawn.monitoring.model.alertmanager.SpawnAlertmanagerDefaults;
import dev.spawn.monitoring.model.rules.Severity;
import dev.spawn.monitoring.render.AlertmanagerRenderer;
import dev.spawn.monitoring.testing.RealTools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rendered configs against the real amtool / Alertmanager the users run (0.25 on Debian 12). */
class AlertmanagerAmtoolTest {

    @TempDir
    Path dir;

    @Test
    void defaultConfigPassesAmtoolCheckConfig() throws IOException {
        assertPassesCheckConfig(SpawnAlertmanagerDefaults.config());
    }

    @Test
    void kitchenSinkConfigPassesAmtoolCheckConfig() throws IOException {
        assertPassesCheckConfig(KitchenSink.config());
    }

    @ParameterizedTest
    @EnumSource(Severity.class)
    void everySeverityRoutesToTheSpawnWebhook(Severity severity) throws IOException {
        RealTools.require(Tool.AMTOOL);
        write(SpawnAlertmanagerDefaults.config());

        Tool.Result result = Tool.AMTOOL.run(dir, 60, "config", "routes", "test", "--config.file=alertmanager.yaml",
                "severity=" + severity.id(), "alertname=HighCPUUsage", "instance_id=i-0123");

        assertThat(result.ok()).as(result.toString()).isTrue();
        assertThat(receivers(result)).as(result.toString()).isEqualTo(SpawnAlertmanagerDefaults.WEBHOOK_RECEIVER);
    }

    @Test
    void slackAddedToDefaultsReceivesAlertsBesideTheWebhook() throws IOException {
        RealTools.require(Tool.AMTOOL);
        write(SpawnAlertmanagerDefaults.config().toBuilder()
                .slack("#spawn-alerts", Secret.file("/etc/am/slack-url")).build());

        Tool.Result result = Tool.AMTOOL.run(dir, 60, "config", "routes", "test", "--config.file=alertmanager.yaml",
                "severity=warning");

        assertThat(receivers(result)).as(result.toString()).isEqualTo("slack-spawn-alerts,spawn-webhook");
    }

    @Test
    void installedAlertmanagerStartsWithTheDefaultFlags() throws Exception {
        Path binary = RealTools.require(Tool.ALERTMANAGER);
        write(SpawnAlertmanagerDefaults.config());
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        // the default flags, except a free port instead of :9093 so the test cannot clash with a running Alertmanager,
        // and storage in the test's folder instead of the server's /var/lib/prometheus/alertmanager
        SpawnAlertmanagerDefaults.flags().lines().stream()
                .map(line -> line.startsWith("--web.listen-address=") ? "--web.listen-address=127.0.0.1:0" : line)
                .map(line -> line.startsWith("--storage.path=") ? "--storage.path=data/alertmanager" : line)
                .forEach(command::add);
        command.add("--config.file=alertmanager.yaml");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        // a server that never logs "Listening on" is stopped after 30s, which ends the read loop
        CompletableFuture.runAsync(process::destroy, CompletableFuture.delayedExecutor(30, TimeUnit.SECONDS));
        StringBuilder log = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                log.append(line).append('\n');
                if (line.contains("Listening on")) {
                    break;
                }
            }
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        assertThat(log.toString()).as(log.toString()).contains("Completed loading of configuration file", "Listening on");
        assertThat(dir.resolve("data/alertmanager")).isDirectory();
    }

    /** The last line amtool prints (it may print a warning about --alertmanager.url first). */
    private static String receivers(Tool.Result result) {
        String[] lines = result.output().strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    private void assertPassesCheckConfig(AlertmanagerConfig config) throws IOException {
        RealTools.require(Tool.AMTOOL);
        write(config);

        Tool.Result result = Tool.AMTOOL.run(dir, 60, "check-config", "alertmanager.yaml");

        assertThat(result.ok()).as("%s\n--- alertmanager.yaml\n%s", result,
                Files.readString(dir.resolve("alertmanager.yaml"))).isTrue();
        assertThat(result.output()).contains("SUCCESS");
    }

    private void write(AlertmanagerConfig config) throws IOException {
        Files.write(dir.resolve("alertmanager.yaml"), AlertmanagerRenderer.toBytes(config, "test"));
    }
}
