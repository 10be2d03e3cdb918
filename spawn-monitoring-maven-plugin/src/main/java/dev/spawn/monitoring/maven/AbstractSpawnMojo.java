package dev.spawn.monitoring.maven;

import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import java.io.File;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Parameters every goal shares and the one place where library exceptions become Maven failures:
 * user mistakes are printed one per line (file:line:col: message), never as stack traces.
 */
public abstract class AbstractSpawnMojo extends AbstractMojo {

    /** Where the bundle is written. */
    @Parameter(property = "spawn.outputDirectory", defaultValue = "${project.build.directory}/spawn-monitoring")
    protected File outputDirectory;

    /** Skips every spawn goal. */
    @Parameter(property = "spawn.skip", defaultValue = "false")
    protected boolean skip;

    /** Skips promtool/amtool (with a warning). */
    @Parameter(property = "spawn.skipToolChecks", defaultValue = "false")
    protected boolean skipToolChecks;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("spawn: skipped (spawn.skip=true)");
            return;
        }
        try {
            process();
        } catch (ValidationException e) {
            List<Problem> problems = e.problems();
            problems.stream().filter(p -> !p.isError()).forEach(p -> getLog().warn(p.toString()));
            problems.stream().filter(Problem::isError).forEach(p -> getLog().error(p.toString()));
            long errors = problems.stream().filter(Problem::isError).count();
            throw new MojoFailureException(errors + (errors == 1 ? " problem" : " problems")
                    + " in the monitoring definition; nothing was written (see the errors above)");
        }
    }

    protected abstract void process() throws MojoExecutionException, MojoFailureException;

    /** Logs each check: passes at info, skips as warnings, failures as errors with the tool's own message. */
    protected void logChecks(List<BundleCheck.Outcome> outcomes) {
        for (BundleCheck.Outcome o : outcomes) {
            switch (o.status()) {
                case PASSED -> getLog().info("  " + o.name() + ": passed");
                case SKIPPED -> getLog().warn("  " + o.name() + ": skipped, " + o.output().strip());
                case FAILED -> getLog().error("  " + o.name() + ": failed\n" + o.output().strip());
                default -> throw new IllegalStateException(o.status().name());
            }
        }
    }
}
