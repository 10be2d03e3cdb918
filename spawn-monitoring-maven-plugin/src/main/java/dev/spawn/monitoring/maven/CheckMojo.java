package dev.spawn.monitoring.maven;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.check.BundleDrift;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * The CI gate: renders the spec in memory, fails when the committed {@code outputDirectory} differs
 * from it (drift: someone edited generated files or forgot {@code spawn:generate}), and runs
 * {@code promtool check config}, {@code promtool test rules} and {@code amtool check-config} on the
 * rendered bundle. A missing tool is an error with an install hint. Writes nothing.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = true)
public class CheckMojo extends AbstractSpawnMojo {

    @Override
    protected void process() throws MojoFailureException {
        long start = System.nanoTime();
        MonitoringBundle bundle = buildBundle();
        List<BundleDrift.Change> drift = BundleDrift.compare(bundle.files(), outputDirectory.toPath());
        drift.forEach(change -> getLog().error("spawn: drift: " + change));
        List<BundleCheck.Outcome> checks = List.of();
        if (skipToolChecks) {
            getLog().warn("spawn: tool checks skipped (spawn.skipToolChecks=true)");
        } else {
            checks = bundle.check(BundleCheck.MissingTool.FAIL);
            logChecks(checks);
            writeReports(bundle, checks);
        }
        long failed = checks.stream().filter(BundleCheck.Outcome::failed).count();
        getLog().info("spawn: checked " + specName() + " against " + outputDirectory + ": " + bundle.files().size()
                + " files, " + drift.size() + " drifted; " + bundle.alertCount() + " alert rules, "
                + bundle.alertmanager().receivers().size() + " receivers; " + checks.size() + " tool checks, "
                + failed + " failed" + String.format(Locale.ROOT, " (%.1fs)", (System.nanoTime() - start) / 1e9));
        if (!drift.isEmpty()) {
            throw new MojoFailureException(drift.size() + " generated " + (drift.size() == 1 ? "file differs" : "files differ")
                    + " from " + specName() + " in " + outputDirectory + "; run 'mvn spawn:generate' and commit the result");
        }
        if (failed > 0) {
            throw new MojoFailureException(failed + " tool " + (failed == 1 ? "check" : "checks")
                    + " failed on the generated bundle (see the errors above)");
        }
    }
}
