package dev.spawn.monitoring.e2e;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.e2e.harness.AlertmanagerServer;
import dev.spawn.monitoring.e2e.harness.FakeSpored;
import dev.spawn.monitoring.e2e.harness.FileSdTargets;
import dev.spawn.monitoring.e2e.harness.Loopback;
import dev.spawn.monitoring.e2e.harness.LoopbackStack;
import dev.spawn.monitoring.e2e.harness.PrometheusServer;
import dev.spawn.monitoring.e2e.harness.WebhookSink;
import dev.spawn.monitoring.model.alertmanager.SpawnAlertmanagerDefaults;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One Prometheus and one Alertmanager running a bundle the library generated (written with
 * {@code bundle.writeTo}), with the {@code spawn-webhook} receiver pointed at a sink in the test JVM
 * and the given fake spored agents listed in {@code targets/fleet.json}.
 */
record SingleNode(PrometheusServer prometheus, AlertmanagerServer alertmanager, WebhookSink spawnWebhook,
        Path bundleDir, MonitoringBundle bundle) {

    /** Long enough for scrape, evaluation, {@code for}, group_wait and a slow CI machine. */
    static final Duration ALERT_TIMEOUT = Duration.ofSeconds(30);
    /** Long enough for a duplicate or late notification to have arrived if there were one. */
    static final Duration QUIET = Duration.ofSeconds(3);

    static SingleNode start(LoopbackStack stack, UnaryOperator<SpawnMonitoring> customise, FakeSpored... fleet) {
        int prometheusPort = Loopback.freePort();
        int alertmanagerPort = Loopback.freePort();
        WebhookSink spawnWebhook = stack.webhook(SpawnAlertmanagerDefaults.WEBHOOK_RECEIVER);
        MonitoringBundle bundle = generate(customise, Loopback.address(prometheusPort), Loopback.address(alertmanagerPort),
                spawnWebhook);
        Path dir = stack.dir("bundle");
        bundle.writeTo(dir);
        stack.report(() -> "--- generated alertmanager.yaml\n"
                + new String(bundle.files().get(MonitoringBundle.ALERTMANAGER_FILE), StandardCharsets.UTF_8));
        if (fleet.length > 0) {
            List<Map<String, Object>> groups = Arrays.stream(fleet)
                    .map(spored -> FileSdTargets.group(spored, "us-east-1", "t3.medium", false)).toList();
            FileSdTargets.write(dir.resolve("targets"), "fleet.json", groups);
        }
        AlertmanagerServer alertmanager = stack.alertmanager("alertmanager", dir, alertmanagerPort, 0);
        PrometheusServer prometheus = stack.prometheus("prometheus", dir, MonitoringBundle.PROMETHEUS_FILE, prometheusPort);
        return new SingleNode(prometheus, alertmanager, spawnWebhook, dir, bundle);
    }

    /**
     * Generates the bundle again for the running processes, as a user changing the spec would, and
     * writes it over the live files; a {@link dev.spawn.monitoring.model.ValidationException} is thrown
     * before anything is written.
     */
    MonitoringBundle regenerate(UnaryOperator<SpawnMonitoring> customise) {
        MonitoringBundle changed = generate(customise, prometheus.address(), alertmanager.address(), spawnWebhook);
        changed.writeTo(bundleDir);
        return changed;
    }

    private static MonitoringBundle generate(UnaryOperator<SpawnMonitoring> customise, String prometheusAddress,
            String alertmanagerAddress, WebhookSink spawnWebhook) {
        SpawnMonitoring monitoring = LoopbackBundle.defaults(prometheusAddress, alertmanagerAddress);
        return customise.apply(monitoring.webhookUrl(spawnWebhook.url())).build();
    }
}
