package dev.spawn.monitoring.cli;

import dev.spawn.monitoring.goal.Linting;
import dev.spawn.monitoring.MonitoringBundle;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code generate} and {@code check} share with the plugin's parameters: the spec, the bundle folder, the tools switch. */
final class BundleOptions {

    @Mixin
    SpecOptions spec;

    @Option(names = "--output", paramLabel = "DIR", defaultValue = "target/spawn-monitoring",
            description = "The bundle folder (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--skip-tool-checks", description = "Leaves promtool and amtool out (with a warning).")
    boolean skipToolChecks;

    /** spawn:lint on the bundle, printed (findings under --output named as the user gave it); whether it failed. */
    boolean lint(MonitoringBundle bundle, Terminal terminal) {
        Linting linting = Linting.of(bundle, spec.read(), prefix(output));
        terminal.print(linting.messages());
        return linting.failed();
    }

    /** How findings name the bundle's files: under the folder as the user gave it ({@code out/alerts/x.yaml}). */
    static String prefix(Path output) {
        String prefix = output.toString().replace('\\', '/');
        return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }

    /** Whether to run the tools; warns on standard error when they are left out. */
    boolean runTools(Terminal terminal) {
        if (skipToolChecks) {
            terminal.err("warning: tool checks skipped (--skip-tool-checks); promtool and amtool did not see these files");
        }
        return !skipToolChecks;
    }
}
