package dev.spawn.monitoring.maven;

import dev.spawn.monitoring.io.BundleWriter;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.spec.SpecImport;
import dev.spawn.monitoring.spec.SpecReader;
import java.io.File;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Turns a hand-written {@code prometheus.yml}, the rule files it names and an {@code alertmanager.yml} beside it into
 * {@code src/main/monitoring/spawn-monitoring.yaml}: only what differs from the spawn defaults, so that
 * {@code spawn:generate} does what the originals did. Each thing the spec cannot carry, or carries
 * differently, is logged as {@code file:line:col: warning: ...}. An existing spec is kept unless
 * {@code -Dspawn.force}.
 */
@Mojo(name = "import", threadSafe = true, requiresProject = false)
public class ImportMojo extends AbstractSpawnMojo {

    /** The folder holding prometheus.yml (or prometheus.yaml), its rule files and optionally alertmanager.yml, or only an alertmanager.yml. */
    @Parameter(property = "spawn.import", required = true)
    protected File importDirectory;

    /** Replaces an existing spec. */
    @Parameter(property = "spawn.force", defaultValue = "false")
    protected boolean force;

    @Override
    protected void process() throws MojoExecutionException, MojoFailureException {
        Path target = basedir.toPath().resolve(SpecReader.DEFAULT_PATH);
        if (Files.exists(target) && !force) {
            throw new MojoFailureException(target + " already exists; spawn:import does not overwrite a spec"
                    + " (-Dspawn.force=true replaces it)");
        }
        SpecImport.Result result;
        try {
            result = SpecImport.fromDirectory(importDirectory.toPath());
        } catch (ValidationException e) {
            throw failure(e, "in the configuration to import; nothing was written");
        }
        result.problems().stream().map(Problem::toString).forEach(getLog()::warn);
        try {
            BundleWriter.writeAtomically(target, result.spec().getBytes(StandardCharsets.UTF_8));
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        getLog().info("spawn: imported " + importDirectory + " -> " + target + " (" + result.problems().size()
                + (result.problems().size() == 1 ? " note" : " notes") + ")");
    }
}
