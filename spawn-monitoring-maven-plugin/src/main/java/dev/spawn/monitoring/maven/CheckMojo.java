package dev.spawn.monitoring.maven;

import dev.spawn.monitoring.goal.Background;
import dev.spawn.monitoring.goal.CheckShortcut;
import dev.spawn.monitoring.goal.DriftCheck;
import dev.spawn.monitoring.goal.Linting;
import dev.spawn.monitoring.goal.Message;
import dev.spawn.monitoring.MonitoringBundle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
        // nothing changed since the last passing check: its verdict stands, without building the bundle
        Optional<String> shortcut = force ? Optional.empty()
                : CheckShortcut.key("maven check skipToolChecks=" + skipToolChecks, specFile().name(), specFile().bytes(), outputPath(),
                        List.of(CheckShortcut.jarOf(CheckShortcut.class), CheckShortcut.jarOf(CheckMojo.class)));
        Optional<List<Message>> said = shortcut.flatMap(k -> CheckShortcut.matches(outputPath(), k));
        if (said.isPresent()) {
            log(said.get());
            log(List.of(CheckShortcut.skipped(outputPath())));
            getLog().info(String.format(Locale.ROOT, "spawn: done in %.1fs", (System.nanoTime() - start) / 1e9));
            return;
        }
        CheckShortcut.forget(outputPath());
        Background.warmUpForCheck(!skipToolChecks);
        MonitoringBundle bundle = buildBundle();
        List<Message> messages = new ArrayList<>(Message.problems(bundle.warnings().stream().filter(p -> !p.isError()).toList()));
        if (skipToolChecks) {
            getLog().warn("spawn: tool checks skipped (spawn.skipToolChecks=true)");
        }
        // the drift comparison and the tools on one core, the lint on another
        Background<DriftCheck> running = Background.start("spawn-check-tools", () -> DriftCheck.run(bundle, outputPath(),
                !skipToolChecks, force));
        Linting linting = lint(bundle);
        messages.addAll(linting.messages());
        boolean lintFailed = linting.failed();
        DriftCheck check = running.join();
        List<Message> checked = check.messages(specFile().name(), specRead());
        log(checked);
        messages.addAll(checked);
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
        // the key of the folder as it was checked (the check writes only beside it, never in it)
        shortcut.ifPresent(k -> CheckShortcut.remember(outputPath(), k, messages));
    }
}
