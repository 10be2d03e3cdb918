package dev.spawn.monitoring.goal;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.check.ResultCache;
import dev.spawn.monitoring.io.BundleWriter;
import dev.spawn.monitoring.io.Fingerprint;
import dev.spawn.monitoring.spec.SpecReader;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code spawn:generate} and {@code spawn-monitoring generate}: writes a bundle after the real promtool
 * and amtool accepted the staged copy (a missing tool is skipped with a warning), or does nothing when
 * the fingerprint of generator version, spec and rendered files says the output is up to date. A rejected
 * bundle throws {@link dev.spawn.monitoring.check.CheckFailedException} and leaves the previous files.
 */
public record Generation(MonitoringBundle bundle, Path directory, boolean upToDate, BundleWriter.Result written,
        List<BundleCheck.Outcome> checks) {

    public Generation {
        checks = List.copyOf(checks);
    }

    /**
     * Generates {@code bundle} into {@code directory}; {@code force} writes even when up to date,
     * {@code runTools} false writes without promtool and amtool (and stores no fingerprint, so the next run checks).
     */
    public static Generation run(MonitoringBundle bundle, Path directory, String generatorVersion, byte[] spec,
            boolean force, boolean runTools) {
        String fingerprint = Fingerprint.of(generatorVersion, spec, bundle.files());
        if (!force && Fingerprint.isUpToDate(directory, fingerprint, bundle.files())) {
            return new Generation(bundle, directory, true, null, List.of());
        }
        if (!runTools) {
            return new Generation(bundle, directory, false, bundle.writeTo(directory), List.of());
        }
        ResultCache results = force ? ResultCache.NONE : ResultCache.beside(directory);
        MonitoringBundle.CheckedWrite result;
        try {
            result = bundle.writeChecked(directory, BundleCheck.MissingTool.SKIP, results);
        } finally {
            results.save(); // what passed is remembered even when another check failed the write
        }
        if (result.checks().stream().noneMatch(c -> c.status() == BundleCheck.Outcome.Status.SKIPPED)) {
            Fingerprint.store(directory, fingerprint); // an unchecked bundle is not "up to date": the next run checks again
        }
        return new Generation(bundle, directory, false, result.write(), result.checks());
    }

    /** What happened, for the log: up to date, or how many files were written, and the checks. */
    public List<Message> messages(String specName, SpecReader.Spec spec) {
        if (upToDate) {
            return List.of(Message.info(directory + " is up to date with " + specName + " (" + bundle.files().size()
                    + " files); nothing to do"));
        }
        List<Message> messages = new java.util.ArrayList<>();
        messages.add(Message.info(specName + " -> " + bundle.files().size() + " files in " + directory + " ("
                + written.written().size() + " written, " + written.unchanged().size() + " unchanged, "
                + written.removed().size() + " removed; generation " + written.generation() + "); " + bundle.alertCount()
                + " alert rules, " + bundle.alertmanager().receivers().size() + " receivers, " + bundle.dashboardCount()
                + " dashboards"));
        if (bundle.scaleOut() != null) {
            messages.add(Message.info(bundle.scaleOut().summary()));
        }
        messages.addAll(Message.checks(checks, spec));
        return messages;
    }
}
