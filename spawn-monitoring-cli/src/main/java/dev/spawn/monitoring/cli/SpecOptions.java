package dev.spawn.monitoring.cli;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.spec.SpecFile;
import dev.spawn.monitoring.spec.SpecReader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --spec}, as the plugin's {@code spawn.spec}: unset means {@value SpecReader#DEFAULT_PATH} under the
 * current directory, and no file there means the spawn defaults; a path given must exist.
 */
final class SpecOptions {

    @Option(names = "--spec", paramLabel = "FILE",
            description = "The monitoring spec (default: " + SpecReader.DEFAULT_PATH + " if present, else the spawn defaults).")
    Path spec;

    private SpecReader.Spec read;

    /** The options of a command that takes a spec only for part of its work ({@code targets}, {@code doctor}). */
    static SpecOptions of(Path spec) {
        SpecOptions options = new SpecOptions();
        options.spec = spec;
        return options;
    }

    SpecFile file() {
        return SpecFile.of(spec, Path.of(SpecReader.DEFAULT_PATH));
    }

    /** The bundle of the spec, its warnings printed; a mistake in the spec is a ValidationException (exit 2). */
    MonitoringBundle build(Terminal terminal) {
        read = file().read();
        MonitoringBundle bundle = read.build();
        bundle.warnings().stream().filter(p -> !p.isError()).forEach(p -> terminal.err(p.toString()));
        return bundle;
    }

    /** The spec as {@link #build} read it, to place tool findings. */
    SpecReader.Spec read() {
        return read;
    }
}
