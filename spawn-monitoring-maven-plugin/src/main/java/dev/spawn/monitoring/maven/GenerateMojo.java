package dev.spawn.monitoring.maven;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.check.CheckFailedException;
import dev.spawn.monitoring.io.BundleWriter;
import dev.spawn.monitoring.io.Fingerprint;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the monitoring bundle of the spec (prometheus.yaml, alert rules and their tests,
 * alertmanager.yaml, flags files) to {@code outputDirectory}, after the real promtool and amtool
 * accepted it. Skips with "up to date" when plugin version, spec and rendered bundle match the
 * stored fingerprint. A missing tool is a warning here; {@code spawn:check} makes it an error.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true, requiresProject = true)
public class GenerateMojo extends AbstractSpawnMojo {

    /** Regenerates even when the fingerprint says the output is up to date. */
    @Parameter(property = "spawn.force", defaultValue = "false")
    protected boolean force;

    @Override
    protected void process() throws MojoFailureException {
        long start = System.nanoTime();
        MonitoringBundle bundle = buildBundle();
        Path out = outputDirectory.toPath();
        String fingerprint = Fingerprint.of(String.valueOf(pluginVersion), specBytes(), bundle.files());
        if (!force && Fingerprint.isUpToDate(out, fingerprint, bundle.files())) {
            getLog().info("spawn: " + out + " is up to date with " + specName() + " (" + bundle.files().size()
                    + " files); nothing to do");
            return;
        }
        BundleWriter.Result written;
        List<BundleCheck.Outcome> checks;
        try {
            if (skipToolChecks) {
                getLog().warn("spawn: tool checks skipped (spawn.skipToolChecks=true); promtool and amtool did not see these files");
                written = bundle.writeTo(out);
                checks = List.of();
            } else {
                MonitoringBundle.CheckedWrite result = bundle.writeChecked(out, BundleCheck.MissingTool.SKIP);
                written = result.write();
                checks = result.checks();
            }
        } catch (CheckFailedException e) {
            logChecks(e.outcomes());
            throw new MojoFailureException("the generated bundle was rejected by the Prometheus tools; nothing was written"
                    + " (the previous files in " + outputDirectory + " are unchanged)");
        }
        if (checks.stream().noneMatch(c -> c.status() == BundleCheck.Outcome.Status.SKIPPED) && !skipToolChecks) {
            Fingerprint.store(out, fingerprint); // an unchecked bundle is not "up to date": the next run checks again
        }
        getLog().info("spawn: " + specName() + " -> " + bundle.files().size() + " files in " + outputDirectory + " ("
                + written.written().size() + " written, " + written.unchanged().size() + " unchanged, "
                + written.removed().size() + " removed; generation " + written.generation() + "); " + bundle.alertCount() + " alert rules, "
                + bundle.alertmanager().receivers().size() + " receivers");
        logChecks(checks);
        getLog().info(String.format(Locale.ROOT, "spawn: done in %.1fs", (System.nanoTime() - start) / 1e9));
    }
}
