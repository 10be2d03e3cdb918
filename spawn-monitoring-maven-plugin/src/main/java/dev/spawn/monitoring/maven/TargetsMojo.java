package dev.spawn.monitoring.maven;

import dev.spawn.monitoring.io.BundleWriter;
import dev.spawn.monitoring.io.OutputLock;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.model.prometheus.SpawnPrometheusDefaults;
import dev.spawn.monitoring.spec.Inventory;
import java.io.File;
import java.io.IOException;
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
 * metrics-enabled instances only, sorted by instance id, written atomically while holding the output
 * folder's lock; a bad inventory leaves the previous file. Instances the spec's {@code spawn-ec2} job
 * discovers are left to it (see {@link Inventory#targets}).
 */
@Mojo(name = "targets", threadSafe = true, requiresProject = false)
public class TargetsMojo extends AbstractSpawnMojo {

    /** The {@code spawn list --json} output; unset or {@code -} reads standard input. */
    @Parameter(property = "spawn.inventory")
    protected File inventory;

    /**
     * Writes EC2 instances to the targets too. Without it, when the bundle of the spec has a {@code spawn-ec2}
     * job, the instances in that job's regions are left to it, so that no agent is scraped twice.
     */
    @Parameter(property = "spawn.targets.includeEc2", defaultValue = "false")
    protected boolean includeEc2;

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
        Inventory.Targets targets = Inventory.targets(instances, buildBundle().prometheus(), includeEc2);
        Path target = outputDirectory.toPath().resolve(Inventory.TARGETS_FILE);
        BundleWriter.writeInto(outputDirectory.toPath(), Inventory.TARGETS_FILE, Inventory.toFileSd(targets.fileSd()),
                OutputLock.DEFAULT_WAIT);
        int written = targets.fileSd().size();
        getLog().info("spawn: " + written + " metrics-enabled " + (written == 1 ? "instance" : "instances") + " -> " + target);
        if (!targets.leftToEc2().isEmpty()) {
            getLog().info("spawn: " + targets.leftToEc2().size() + " left to EC2 discovery (job " + SpawnPrometheusDefaults.EC2_JOB
                    + ", regions " + String.join(", ", targets.ec2Regions()) + "); -Dspawn.targets.includeEc2=true writes them too");
        }
    }
}
