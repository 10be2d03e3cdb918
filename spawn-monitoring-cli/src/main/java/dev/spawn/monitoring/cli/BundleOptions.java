package dev.spawn.monitoring.cli;

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

    /** Whether to run the tools; warns on standard error when they are left out. */
    boolean runTools(Terminal terminal) {
        if (skipToolChecks) {
            terminal.err("warning: tool checks skipped (--skip-tool-checks); promtool and amtool did not see these files");
        }
        return !skipToolChecks;
    }
}
