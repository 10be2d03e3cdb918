package dev.spawn.monitoring.maven;

import dev.spawn.monitoring.goal.Linting;
import dev.spawn.monitoring.goal.Message;
import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.check.CheckReports;
import dev.spawn.monitoring.io.OutputConflictException;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.spec.SpecFile;
import dev.spawn.monitoring.spec.SpecReader;
import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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

    /** Where the bundle is written; default {@code ${project.build.directory}/spawn-monitoring}. */
    @Parameter(property = "spawn.outputDirectory")
    protected File outputDirectory;

    /** Where the check reports go: JUnit XML of the promtool cases and coverage.md. */
    @Parameter(property = "spawn.reportsDirectory", defaultValue = "${project.build.directory}/spawn-monitoring-reports")
    protected File reportsDirectory;

    /**
     * The monitoring spec; default {@code ${project.basedir}/src/main/monitoring/spawn-monitoring.yaml}. An empty
     * file, or no file at the default path, means the spawn defaults. A path set to somewhere else must exist.
     */
    @Parameter(property = "spawn.spec")
    protected File spec;

    /** The project's build directory, where the default output goes. */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    protected File buildDirectory;

    /** The project's directory, where the spec's default path starts; without a POM, the current directory. */
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
        } catch (OutputConflictException e) {
            throw new MojoFailureException(e.getMessage());
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
        log(Message.problems(problems));
        long errors = problems.stream().filter(Problem::isError).count();
        return new MojoFailureException(errors + (errors == 1 ? " problem " : " problems ") + where + " (see the errors above)");
    }

    /** Reads the spec and builds the bundle; a user mistake comes out as a {@link ValidationException}. */
    protected MonitoringBundle buildBundle() {
        specRead = specFile().read();
        MonitoringBundle bundle = specRead.build();
        bundle.warnings().stream().filter(p -> !p.isError()).map(Problem::toString).forEach(getLog()::warn);
        return bundle;
    }

    /**
     * The project's directory; run without a POM ({@code mvn spawn:targets} on a server) Maven gives none
     * (and leaves {@code ${project.basedir}} unresolved in defaults, hence no defaults in the annotations),
     * and the current directory stands in: spec at its default path under it, output in its {@code target/}.
     */
    protected Path projectDirectory() {
        return basedir != null ? basedir.toPath() : Path.of("").toAbsolutePath();
    }

    /** The spec: the parameter, or {@value SpecReader#DEFAULT_PATH} under {@link #projectDirectory()}. */
    protected SpecFile specFile() {
        return SpecFile.of(spec == null ? null : spec.toPath(), projectDirectory().resolve(SpecReader.DEFAULT_PATH));
    }

    /** The output directory: the parameter, or {@code spawn-monitoring} in the build directory ({@code target/} without a POM). */
    protected Path outputPath() {
        if (outputDirectory != null) {
            return outputDirectory.toPath();
        }
        Path build = basedir != null && buildDirectory != null ? buildDirectory.toPath() : projectDirectory().resolve("target");
        return build.resolve("spawn-monitoring");
    }

    /** Logs what the library reports: info lines prefixed with {@code spawn: }, warnings and errors as they are. */
    protected void log(List<Message> messages) {
        for (Message m : messages) {
            switch (m.level()) {
                case INFO -> getLog().info(m.text().startsWith(" ") || m.text().startsWith("lint: ") ? m.text() : "spawn: " + m.text());
                case WARNING -> getLog().warn(m.text());
                case ERROR -> getLog().error(m.text());
                default -> throw new IllegalStateException(m.level().name());
            }
        }
    }

    /** Writes the reports of a check (JUnit XML, coverage.md) and logs the coverage line. */
    protected void writeReports(MonitoringBundle bundle, List<BundleCheck.Outcome> outcomes) {
        CheckReports.Written written = CheckReports.write(reportsDirectory.toPath(), bundle, outcomes);
        getLog().info("spawn: " + written.coverageSummary());
        getLog().info("spawn: reports in " + reportsDirectory + " (" + written.files().size() + " files)");
    }

    protected abstract void process() throws MojoExecutionException, MojoFailureException;

    /**
     * spawn:lint on the bundle, logged: each finding (placed in the spec when the spec wrote what it is about,
     * else in the generated file under the output directory) and the summary line.
     */
    protected Linting lint(MonitoringBundle bundle) {
        Path project = projectDirectory().toAbsolutePath().normalize();
        Path output = outputPath().toAbsolutePath().normalize();
        String prefix = (output.startsWith(project) ? project.relativize(output) : output).toString().replace('\\', '/');
        Linting linting = Linting.of(bundle, specRead, prefix.isEmpty() ? "" : prefix + "/");
        log(linting.messages());
        return linting;
    }

    /** Logs each check; a failure's findings placed in the spec when it was read. */
    protected void logChecks(List<BundleCheck.Outcome> outcomes) {
        log(Message.checks(outcomes, specRead));
    }

    /** The spec as last read by {@link #buildBundle()}, to place tool findings; null before. */
    protected SpecReader.Spec specRead() {
        return specRead;
    }
}
