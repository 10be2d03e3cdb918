package dev.spawn.monitoring.maven;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.check.CheckReports;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.spec.SpecReader;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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

    /** Where the check reports go: JUnit XML of the promtool cases and coverage.md. */
    @Parameter(property = "spawn.reportsDirectory", defaultValue = "${project.build.directory}/spawn-monitoring-reports")
    protected File reportsDirectory;

    /**
     * The monitoring spec; an empty file, or no file at the default path, means the spawn defaults. A path
     * set to somewhere else must exist.
     */
    @Parameter(property = "spawn.spec", defaultValue = "${project.basedir}/src/main/monitoring/spawn-monitoring.yaml")
    protected File spec;

    /** The project's directory, where the spec's default path starts. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    protected File basedir;

    /** This plugin's version, part of the up-to-date fingerprint so that a new plugin regenerates. */
    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    protected String pluginVersion;

    /** Skips every spawn goal. */
    @Parameter(property = "spawn.skip", defaultValue = "false")
    protected boolean skip;

    /** Skips promtool/amtool (with a warning). */
    @Parameter(property = "spawn.skipToolChecks", defaultValue = "false")
    protected boolean skipToolChecks;

    /** The spec as read by {@link #buildBundle()}; it places tool findings (a rule promtool rejects) in the spec. */
    private SpecReader.Spec specRead;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("spawn: skipped (spawn.skip=true)");
            return;
        }
        try {
            process();
        } catch (ValidationException e) {
            throw failure(e, "in the monitoring definition; nothing was written");
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /**
     * Logs the problems one per line (warnings, then errors) and returns the failure that counts them;
     * {@code where} says what they are in and what that means ("in the monitoring definition; nothing was written").
     */
    protected MojoFailureException failure(ValidationException e, String where) {
        List<Problem> problems = e.problems();
        problems.stream().filter(p -> !p.isError()).forEach(p -> getLog().warn(p.toString()));
        problems.stream().filter(Problem::isError).forEach(p -> getLog().error(p.toString()));
        long errors = problems.stream().filter(Problem::isError).count();
        return new MojoFailureException(errors + (errors == 1 ? " problem " : " problems ") + where + " (see the errors above)");
    }

    /** Reads the spec and builds the bundle; a user mistake comes out as a {@link ValidationException}. */
    protected MonitoringBundle buildBundle() {
        specRead = SpecReader.read(spec.toPath(), basedir.toPath().resolve(SpecReader.DEFAULT_PATH));
        MonitoringBundle bundle = specRead.build();
        bundle.warnings().stream().filter(p -> !p.isError()).map(Problem::toString).forEach(getLog()::warn);
        return bundle;
    }

    /** The spec's bytes (none when there is no spec file), for the fingerprint. */
    protected byte[] specBytes() {
        try {
            return Files.isRegularFile(spec.toPath()) ? Files.readAllBytes(spec.toPath()) : new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + spec + ": " + e.getMessage(), e);
        }
    }

    protected String specName() {
        return Files.isRegularFile(spec.toPath()) ? spec.getName() : "defaults (no " + spec.getName() + ")";
    }

    /** Writes the reports of a check (JUnit XML, coverage.md) and logs the coverage line. */
    protected void writeReports(MonitoringBundle bundle, List<BundleCheck.Outcome> outcomes) {
        CheckReports.Written written = CheckReports.write(reportsDirectory.toPath(), bundle, outcomes);
        getLog().info("spawn: " + written.coverageSummary());
        getLog().info("spawn: reports in " + reportsDirectory + " (" + written.files().size() + " files)");
    }

    protected abstract void process() throws MojoExecutionException, MojoFailureException;

    /**
     * Logs each check: passes at info, skips as warnings, failures as errors: the findings placed in the
     * spec one per line ({@code spawn-monitoring.yaml:14:13: custom rule 'X': promtool: ...}), then the
     * rest of the tool's own message.
     */
    protected void logChecks(List<BundleCheck.Outcome> outcomes) {
        for (BundleCheck.Outcome o : outcomes) {
            switch (o.status()) {
                case PASSED -> {
                    getLog().info("  " + o.name() + ": passed");
                    // warnings of a passing check, such as surviving mutants under rules.mutation: warn
                    (specRead == null ? o : specRead.place(o)).problems().forEach(p -> getLog().warn(p.toString()));
                }
                case SKIPPED -> getLog().warn("  " + o.name() + ": skipped, " + o.output().strip());
                case FAILED -> {
                    getLog().error("  " + o.name() + ": failed" + (o.output().isBlank() ? "" : "\n" + o.output().strip()));
                    (specRead == null ? o : specRead.place(o)).problems().forEach(p -> getLog().error(p.toString()));
                }
                default -> throw new IllegalStateException(o.status().name());
            }
        }
    }
}
