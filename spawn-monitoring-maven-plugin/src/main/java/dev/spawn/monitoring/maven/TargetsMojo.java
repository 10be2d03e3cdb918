package dev.spawn.monitoring.maven;

import dev.spawn.monitoring.io.BundleWriter;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.spec.Inventory;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Turns the output of {@code spawn list --json} (a file, or standard input) into the file-discovery
 * targets of the {@code spawn-fleet} job: {@code <outputDirectory>/targets/spawn-instances.json},
 * metrics-enabled instances only, sorted by instance id, written atomically.
 */
@Mojo(name = "targets", threadSafe = true, requiresProject = false)
public class TargetsMojo extends AbstractSpawnMojo {

    /** The {@code spawn list --json} output; unset or {@code -} reads standard input. */
    @Parameter(property = "spawn.inventory")
    protected File inventory;

    @Override
    protected void process() throws MojoExecutionException, MojoFailureException {
        boolean stdin = inventory == null || inventory.getPath().equals("-");
        byte[] json;
        try {
            json = stdin ? System.in.readAllBytes() : Files.readAllBytes(inventory.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read the inventory " + (stdin ? "from standard input" : inventory)
                    + ": " + e.getMessage() + "; expected the output of 'spawn list --json'", e);
        }
        String source = stdin ? "<stdin>" : inventory.getName();
        List<Inventory.Instance> instances;
        try {
            instances = Inventory.parse(source, json);
        } catch (ValidationException e) {
            throw failure(e, "in the inventory " + source + "; no targets were written");
        }
        Path target = outputDirectory.toPath().resolve(Inventory.TARGETS_FILE);
        try {
            BundleWriter.writeAtomically(target, Inventory.toFileSd(instances));
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        getLog().info("spawn: " + instances.size() + " metrics-enabled " + (instances.size() == 1 ? "instance" : "instances")
                + " -> " + target);
    }
}
