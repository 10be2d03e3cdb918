package dev.spawn.monitoring.maven;

import dev.spawn.monitoring.goal.Background;
import dev.spawn.monitoring.goal.Linting;
import dev.spawn.monitoring.MonitoringBundle;
import java.util.Arrays;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks rules offline against the metric catalog, the scrape configuration and the Alertmanager routing
 * ({@link Linting}): the spec's bundle, or with {@code spawn.lint.files} any Prometheus rule files (and with
 * {@code spawn.lint.alertmanager} the routing they go through). One line per finding,
 * {@code FILE:LINE:COL: error|warning: CHECK: message}, then {@code lint: N errors, M warnings}; fails on an error.
 * Writes nothing.
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true, requiresProject = false)
public class LintMojo extends AbstractSpawnMojo {

    /** Rule files or globs, comma-separated, relative to the project directory ({@code alerts/*.yaml,extra.yml}). */
    @Parameter(property = "spawn.lint.files")
    protected String files;

    /** An Alertmanager configuration for the routing checks of {@code spawn.lint.files}. */
    @Parameter(property = "spawn.lint.alertmanager")
    protected String alertmanager;

    @Override
    protected void process() throws MojoFailureException {
        Background.warmUp(false);
        MonitoringBundle bundle = buildBundle();
        Linting linting;
        if (files != null && !files.isBlank()) {
            List<String> patterns = Arrays.stream(files.split(",")).filter(p -> !p.isBlank()).toList();
            linting = Linting.files(bundle, patterns, alertmanager, projectDirectory());
            log(linting.messages());
        } else {
            if (alertmanager != null && !alertmanager.isBlank()) {
                getLog().warn("spawn: spawn.lint.alertmanager is used with spawn.lint.files only; the bundle's own"
                        + " alertmanager.yaml is linted");
            }
            linting = lint(bundle);
        }
        if (linting.failed()) {
            throw new MojoFailureException(linting.report().summary() + " (see the errors above)");
        }
    }
}
