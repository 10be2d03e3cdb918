package dev.spawn.monitoring.lint;

import java.util.Comparator;
import java.util.Objects;

/**
 * One finding of {@code spawn:lint}, printed as compilers print theirs:
 * {@code spawn-monitoring.yaml:14:13: error: metric/unknown: spawn_cpu_usage_percnt is not in the catalog; did you mean spawn_cpu_usage_percent?}
 *
 * @param element the model element it is about ({@code custom rule X.expr}, {@code rule X},
 *                {@code alertmanager.route.routes[0]}) so a spec reader can place it in the spec; empty when none
 * @param offset  for a finding in an expression, its character offset there; -1 otherwise
 */
public record Finding(Position position, Check.Severity severity, Check check, String message, String element, int offset) {

    /** In file order, then by check, then by message: the same findings always print in the same order. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::position)
            .thenComparing(f -> f.check().id()).thenComparing(Finding::message);

    public Finding {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(check, "check");
        element = element == null ? "" : element;
    }

    public boolean isError() {
        return severity == Check.Severity.ERROR;
    }

    public Finding at(Position where) {
        return new Finding(where, severity, check, message, element, offset);
    }

    public Finding withSeverity(Check.Severity s) {
        return new Finding(position, s, check, message, element, offset);
    }

    @Override
    public String toString() {
        return position + ": " + severity.id() + ": " + check.id() + ": " + message;
    }
}
