package dev.spawn.monitoring.maven;

import dev.spawn.monitoring.goal.Background;
import dev.spawn.monitoring.goal.Generation;
import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.check.CheckFailedException;
import java.util.Locale;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the monitoring bundle of the spec (prometheus.yaml, alert rules and their tests,
 * alertmanager.yaml, flags files, systemd units) to {@code outputDirectory}, after the real promtool and
 * amtool accepted it ({@link Generation}). Skips with "up to date" when plugin version, spec and rendered
 * bundle match the stored fingerprint. A missing tool is a warning here; {@code spawn:check} makes it an error.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true, requiresProject = true)
public class GenerateMojo extends AbstractSpawnMojo {

    /** Regenerates even when the fingerprint says the output is up to date. */
    @Parameter(property = "spawn.force", defaultValue = "false")
    protected boolean force;

    @Override
    protected void process() throws MojoFailureException {
        long start = System.nanoTime();
        // the tools' versions key the result cache, which a forced run does not read
        Background.warmUp(!skipToolChecks && !force);
        MonitoringBundle bundle = buildBundle();
        if (lint(bundle).failed()) {
            throw new MojoFailureException("spawn:lint found errors in the monitoring definition; nothing was written"
                    + " (see the errors above; lint.checks in the spec sets a check's severity)");
        }
        if (skipToolChecks) {
            getLog().warn("spawn: tool checks skipped (spawn.skipToolChecks=true); promtool and amtool did not see these files");
        }
        Generation generation;
        try {
            generation = Generation.run(bundle, outputPath(), String.valueOf(pluginVersion), specFile().bytes(), force, !skipToolChecks);
        } catch (CheckFailedException e) {
            logChecks(e.outcomes());
            writeReports(bundle, e.outcomes());
            throw new MojoFailureException("the generated bundle was rejected by the Prometheus tools; nothing was written"
                    + " (the previous files in " + outputPath() + " are unchanged)");
        }
        log(generation.messages(specFile().name(), specRead()));
        if (!generation.upToDate() && !skipToolChecks) {
            writeReports(bundle, generation.checks());
        }
        if (!generation.upToDate()) {
            getLog().info(String.format(Locale.ROOT, "spawn: done in %.1fs", (System.nanoTime() - start) / 1e9));
        }
    }

}
