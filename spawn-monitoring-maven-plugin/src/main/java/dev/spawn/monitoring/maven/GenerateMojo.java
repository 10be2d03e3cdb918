package dev.spawn.monitoring.maven;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.check.CheckFailedException;
import dev.spawn.monitoring.io.BundleWriter;
import dev.spawn.monitoring.model.Problem;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Writes the monitoring bundle (prometheus.yaml, alert rules and their tests, alertmanager.yaml,
 * flags files) to {@code outputDirectory}, after the real promtool and amtool accepted it. A missing
 * tool is a warning here; {@code spawn:check} makes it an error.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true, requiresProject = true)
public class GenerateMojo extends AbstractSpawnMojo {

    @Override
    protected void process() throws MojoFailureException {
        long start = System.nanoTime();
        MonitoringBundle bundle = SpawnMonitoring.defaults().build();
        bundle.warnings().stream().filter(p -> !p.isError()).map(Problem::toString).forEach(getLog()::warn);
        BundleWriter.Result written;
        List<BundleCheck.Outcome> checks;
        try {
            if (skipToolChecks) {
                getLog().warn("spawn: tool checks skipped (spawn.skipToolChecks=true); promtool and amtool did not see these files");
                written = bundle.writeTo(outputDirectory.toPath());
                checks = List.of();
            } else {
                MonitoringBundle.CheckedWrite result = bundle.writeChecked(outputDirectory.toPath(), BundleCheck.MissingTool.SKIP);
                written = result.write();
                checks = result.checks();
            }
        } catch (CheckFailedException e) {
            logChecks(e.outcomes());
            throw new MojoFailureException("the generated bundle was rejected by the Prometheus tools; nothing was written"
                    + " (the previous files in " + outputDirectory + " are unchanged)");
        }
        getLog().info("spawn: " + bundle.files().size() + " files in " + outputDirectory + " (" + written.written().size()
                + " written, " + written.unchanged().size() + " unchanged, " + written.removed().size() + " removed); "
                + bundle.alertCount() + " alert rules, " + bundle.alertmanager().receivers().size() + " receivers");
        logChecks(checks);
        getLog().info(String.format(java.util.Locale.ROOT, "spawn: done in %.1fs", (System.nanoTime() - start) / 1e9));
    }
}
