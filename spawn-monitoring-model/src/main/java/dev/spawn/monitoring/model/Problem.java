package dev.spawn.monitoring.model;

import java.util.Objects;

/**
 * One thing wrong with a monitoring definition: where it is (a spec file position, or the model
 * element such as {@code scrape_configs[spawn-ec2]}), what is wrong and what is expected. Printed
 * like a compiler message: {@code spawn-monitoring.yaml:12:5: unknown field ...}.
 */
public record Problem(Severity severity, String location, String message) {

    /** Whether the problem stops generation. */
    public enum Severity { ERROR, WARNING }

    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        location = location == null ? "" : location;
    }

    public static Problem error(String location, String message) {
        return new Problem(Severity.ERROR, location, message);
    }

    public static Problem warning(String location, String message) {
        return new Problem(Severity.WARNING, location, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        String prefix = location.isEmpty() ? "" : location + ": ";
        return prefix + (severity == Severity.WARNING ? "warning: " : "") + message;
    }
}
