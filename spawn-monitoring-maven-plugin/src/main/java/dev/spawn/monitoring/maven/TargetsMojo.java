package dev.spawn.monitoring.maven;

import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.model.prometheus.SpawnPrometheusDefaults;
import dev.spawn.monitoring.spec.Inventory;
import java.io.File;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Turns the output of {@code spawn list --json} (a file, or standard input) into the file-discovery
 * targets of the {@code spawn-fleet} job: {@code <outputDirectory>/targets/spawn-instances.json},
 * metrics-enabled instances only, sorted by instance id, written atomically ({@link Inventory#refresh}).
 * Instances the spec's {@code spawn-ec2} job discovers are left to it. Runs without a POM too: the
 * current directory then stands in for the project's ({@code target/spawn-monitoring}, the spec at its
 * default path or the defaults); on a server, {@code spawn-monitoring targets} does the same without Maven.
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
    protected void process() throws MojoFailureException {
        // only the scrape jobs: the rules, their tests and the dashboards are not built for the regions
        List<String> ec2Regions = SpawnPrometheusDefaults.ec2Regions(specFile().read().monitoring().scrapeConfigs());
        Inventory.Refresh refresh;
        try {
            refresh = Inventory.refresh(inventory == null ? null : inventory.toPath(), System.in, ec2Regions, includeEc2,
                    outputPath());
        } catch (ValidationException e) {
            String source = inventory == null || inventory.getPath().equals("-") ? "<stdin>" : inventory.getName();
            throw failure(e, "in the inventory " + source + "; no targets were written");
        }
        refresh.summary("-Dspawn.targets.includeEc2=true").forEach(line -> getLog().info("spawn: " + line));
    }
}
