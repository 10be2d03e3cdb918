package dev.spawn.monitoring.goal;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.check.ResultCache;
import dev.spawn.monitoring.check.RoutingSimulator;
import dev.spawn.monitoring.check.ToolCache;
import dev.spawn.monitoring.io.BundleDrift;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.spec.SpecReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code spawn:check} and {@code spawn-monitoring check}, the CI gate: the committed bundle in
 * {@code directory} compared with what the spec renders (drift: generated files edited by hand, or a
 * spec changed without regenerating), and promtool/amtool run on the rendered bundle (a missing tool
 * fails). Writes nothing but the {@link ToolCache} beside the output folder.
 */
public record DriftCheck(MonitoringBundle bundle, Path directory, List<BundleDrift.Change> drift,
        List<BundleCheck.Outcome> checks) {

    public DriftCheck {
        drift = List.copyOf(drift);
        checks = List.copyOf(checks);
    }

    /** Compares and checks; {@code runTools} false leaves promtool and amtool out. */
    public static DriftCheck run(MonitoringBundle bundle, Path directory, boolean runTools) {
        return run(bundle, directory, runTools, false);
    }

    /**
     * Compares and checks; the tools are skipped (with an outcome that says so) when the rendered bundle and the
     * tool versions are those of the last passing check ({@link ToolCache}), unless {@code force}. The routing
     * tests of the spec run in the JVM either way.
     */
    public static DriftCheck run(MonitoringBundle bundle, Path directory, boolean runTools, boolean force) {
        if (!runTools) {
            return new DriftCheck(bundle, directory, BundleDrift.compare(bundle.files(), directory), List.of());
        }
        // the comparison beside the tools: neither waits for the other
        Background<List<BundleDrift.Change>> comparing = Background.start("spawn-drift",
                () -> BundleDrift.compare(bundle.files(), directory));
        List<BundleCheck.Outcome> checks = tools(bundle, directory, force);
        return new DriftCheck(bundle, directory, comparing.join(), checks);
    }

    private static List<BundleCheck.Outcome> tools(MonitoringBundle bundle, Path directory, boolean force) {
        Optional<String> key = ToolCache.key("check mutation=" + bundle.mutation().id(), bundle.files());
        Optional<List<Problem>> warnings = force || key.isEmpty() ? Optional.empty() : ToolCache.matches(directory, key.get());
        if (warnings.isPresent()) {
            List<BundleCheck.Outcome> checks = new ArrayList<>(List.of(ToolCache.skipped(directory, warnings.get())));
            if (!bundle.routingTests().isEmpty()) {
                checks.add(RoutingSimulator.run(bundle.alertmanager(), bundle.routingTests()));
            }
            return checks;
        }
        // the alerts' own tests and mutants that passed (or were killed) unchanged before are not run again
        ResultCache results = force ? ResultCache.NONE : ResultCache.beside(directory);
        List<BundleCheck.Outcome> checks = bundle.check(BundleCheck.MissingTool.FAIL, results);
        results.save();
        key.ifPresent(k -> ToolCache.rememberIfPassed(directory, k, checks));
        return checks;
    }

    /** Whether the tools were skipped because nothing changed since the last passing check. */
    public boolean toolsCached() {
        return checks.stream().anyMatch(ToolCache::isSkipped);
    }

    long failedChecks() {
        return checks.stream().filter(BundleCheck.Outcome::failed).count();
    }

    /** Whether the gate passes: no drift and no failed check. */
    public boolean passed() {
        return drift.isEmpty() && failedChecks() == 0;
    }

    /** Each drifted file (with its diff), each check, and a summary line. */
    public List<Message> messages(String specName, SpecReader.Spec spec) {
        List<Message> messages = new ArrayList<>();
        drift.forEach(change -> messages.add(Message.error("drift: " + change)));
        messages.addAll(Message.checks(checks, spec));
        messages.add(Message.info("checked " + specName + " against " + directory + ": " + bundle.files().size()
                + " files, " + drift.size() + " drifted; " + bundle.alertCount() + " alert rules, "
                + bundle.alertmanager().receivers().size() + " receivers; " + checks.size() + " tool checks, "
                + failedChecks() + " failed"));
        return messages;
    }

    /** Why the gate failed, one sentence; {@code regenerate} is the command that fixes drift. */
    public String failure(String specName, String regenerate) {
        if (!drift.isEmpty()) {
            return drift.size() + " generated " + (drift.size() == 1 ? "file differs" : "files differ") + " from " + specName
                    + " in " + directory + "; run '" + regenerate + "' and commit the result";
        }
        long failed = failedChecks();
        return failed + " tool " + (failed == 1 ? "check" : "checks") + " failed on the generated bundle (see the errors above)";
    }
}
