package dev.spawn.monitoring.e2e;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.e2e.harness.AlertmanagerServer;
import dev.spawn.monitoring.e2e.harness.FakeSpored;
import dev.spawn.monitoring.e2e.harness.FileSdTargets;
import dev.spawn.monitoring.e2e.harness.Loopback;
import dev.spawn.monitoring.e2e.harness.LoopbackStack;
import dev.spawn.monitoring.e2e.harness.PrometheusServer;
import dev.spawn.monitoring.testing.RealTools;
import dev.spawn.monitoring.e2e.harness.WebhookSink;
import dev.spawn.monitoring.model.alertmanager.SpawnAlertmanagerDefaults;
import dev.spawn.monitoring.spec.SpecReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One Prometheus and one Alertmanager running a bundle the library generated (written with
 * {@code bundle.writeTo}), from the library's API or from a spec file, with the
 * {@code spawn-webhook} receiver pointed at a sink in the test JVM and the given fake spored agents
 * listed in {@code targets/fleet.json}.
 */
record SingleNode(PrometheusServer prometheus, AlertmanagerServer alertmanager, WebhookSink spawnWebhook,
        Path bundleDir, MonitoringBundle bundle) {

    /** Long enough for scrape, evaluation, {@code for}, group_wait and a slow CI machine. */
    static final Duration ALERT_TIMEOUT = Duration.ofSeconds(30);
    /** Long enough for a duplicate or late notification to have arrived if there were one. */
    static final Duration QUIET = Duration.ofSeconds(3);

    /** Where a node's bundle comes from; {@code loopback} moves whatever it builds onto this node's addresses. */
    @FunctionalInterface
    interface Generator {
        MonitoringBundle generate(UnaryOperator<SpawnMonitoring> loopback);
    }

    /** The spawn defaults through the library's API, changed by {@code customise}. */
    static Generator api(UnaryOperator<SpawnMonitoring> customise) {
        return loopback -> customise.apply(LoopbackBundle.everyRuleGroupEverySecond(
                loopback.apply(SpawnMonitoring.defaults().source(LoopbackBundle.SOURCE)))).build();
    }

    /**
     * The spec file read as a user's build reads it; {@code build()} places every problem at its
     * {@code file:line:col}. Its rule groups keep their own intervals, so {@link #regenerate} can run
     * the generated promtool tests.
     */
    static Generator spec(Path file) {
        return loopback -> {
            SpecReader.Spec spec = SpecReader.read(file);
            loopback.apply(spec.monitoring());
            return spec.build();
        };
    }

    static SingleNode start(LoopbackStack stack, UnaryOperator<SpawnMonitoring> customise, FakeSpored... fleet) {
        return startFrom(stack, api(customise), fleet);
    }

    static SingleNode startFrom(LoopbackStack stack, Generator generator, FakeSpored... fleet) {
        int prometheusPort = Loopback.freePort();
        int alertmanagerPort = Loopback.freePort();
        WebhookSink spawnWebhook = stack.webhook(SpawnAlertmanagerDefaults.WEBHOOK_RECEIVER);
        MonitoringBundle bundle = generate(generator, Loopback.address(prometheusPort), Loopback.address(alertmanagerPort),
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
     * writes it over the live files with {@code writeChecked}: promtool and amtool check the staged
     * copy first. A {@link dev.spawn.monitoring.model.ValidationException} (before anything is staged)
     * or a {@link dev.spawn.monitoring.check.CheckFailedException} (a tool rejected the staged copy)
     * leaves the live files as they were.
     */
    MonitoringBundle regenerate(Generator generator) {
        MonitoringBundle changed = generate(generator, prometheus.address(), alertmanager.address(), spawnWebhook);
        RealTools.require(Tool.PROMTOOL);
        RealTools.require(Tool.AMTOOL);
        changed.writeChecked(bundleDir, BundleCheck.MissingTool.FAIL);
        return changed;
    }

    private static MonitoringBundle generate(Generator generator, String prometheusAddress, String alertmanagerAddress,
            WebhookSink spawnWebhook) {
        return generator.generate(m -> LoopbackBundle.onLoopback(m, prometheusAddress, alertmanagerAddress)
                .webhookUrl(spawnWebhook.url()));
    }
}
