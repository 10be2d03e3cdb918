package dev.spawn.monitoring.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The spec a goal or command was pointed at: its path, the name it goes by in messages (the file name,
 * or "defaults (no spawn-monitoring.yaml)" when there is no file, which means the spawn defaults), and its
 * bytes for the up-to-date fingerprint. {@code defaultPath} is where an unset spec is looked for; a path
 * given explicitly must exist.
 */
public record SpecFile(Path path, Path defaultPath) {

    /** The spec at {@code given}, or at {@code defaultPath} when none was given. */
    public static SpecFile of(Path given, Path defaultPath) {
        return new SpecFile(given != null ? given : defaultPath, defaultPath);
    }

    /** Reads the spec; problems come out of {@link SpecReader.Spec#build()} at their {@code file:line:col}. */
    public SpecReader.Spec read() {
        return SpecReader.read(path, defaultPath);
    }

    public boolean exists() {
        return Files.isRegularFile(path);
    }

    /** The spec's bytes (none when there is no spec file), for the fingerprint. */
    public byte[] bytes() {
        try {
            return exists() ? Files.readAllBytes(path) : new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** The file name, or {@code defaults (no <file name>)}. */
    public String name() {
        String name = path.getFileName().toString();
        return exists() ? name : "defaults (no " + name + ")";
    }
}
