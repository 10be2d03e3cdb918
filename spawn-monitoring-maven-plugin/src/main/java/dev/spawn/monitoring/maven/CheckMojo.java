package dev.spawn.monitoring.maven;

import dev.spawn.monitoring.goal.DriftCheck;
import dev.spawn.monitoring.MonitoringBundle;
import java.util.Locale;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The CI gate ({@link DriftCheck}): renders the spec in memory, fails when the committed
 * {@code outputDirectory} differs from it (drift: someone edited generated files or forgot
 * {@code spawn:generate}), and runs {@code promtool check config}, {@code promtool test rules} and
 * {@code amtool check-config} on the rendered bundle. A missing tool is an error with an install hint.
 * Writes nothing.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = true)
public class CheckMojo extends AbstractSpawnMojo {

    /** Runs promtool and amtool even when the bundle and the tool versions are those of the last passing check. */
    @Parameter(property = "spawn.force", defaultValue = "false")
    protected boolean force;

    @Override
    protected void process() throws MojoFailureException {
        long start = System.nanoTime();
        MonitoringBundle bundle = buildBundle();
        boolean lintFailed = lint(bundle).failed();
        if (skipToolChecks) {
            getLog().warn("spawn: tool checks skipped (spawn.skipToolChecks=true)");
        }
        DriftCheck check = DriftCheck.run(bundle, outputPath(), !skipToolChecks, force);
        log(check.messages(specFile().name(), specRead()));
        if (!skipToolChecks && !check.toolsCached()) {
            // a skipped run keeps the reports of the run it stands for
            writeReports(bundle, check.checks());
        }
        getLog().info(String.format(Locale.ROOT, "spawn: done in %.1fs", (System.nanoTime() - start) / 1e9));
        if (!check.passed()) {
            throw new MojoFailureException(check.failure(specFile().name(), "mvn spawn:generate"));
        }
        if (lintFailed) {
            throw new MojoFailureException("spawn:lint found errors in the monitoring definition (see the errors above)");
        }
    }
}
