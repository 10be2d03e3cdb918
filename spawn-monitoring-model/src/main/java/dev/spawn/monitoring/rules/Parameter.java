package dev.spawn.monitoring.rules;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.LabelName;
import java.util.Objects;

/**
 * A named, overridable value of a rule definition ({@code threshold}, {@code budget}, {@code window}),
 * used in templates as {@code [[threshold]]}. A parameter is numeric ({@code 5}, {@code 0.2}) or a
 * Prometheus duration ({@code 24h}), decided by its default value.
 */
public record Parameter(String name, String defaultValue, String description) {

    public Parameter {
        Objects.requireNonNull(defaultValue, "defaultValue");
        description = description == null ? "" : description;
        if (!LabelName.isLegal(name)) {
            throw new IllegalArgumentException("parameter name '" + name + "' is not legal; expected [a-zA-Z_][a-zA-Z0-9_]*");
        }
        if (!isNumber(defaultValue) && !Duration.isValid(defaultValue)) {
            throw new IllegalArgumentException("default of parameter " + name + " is '" + defaultValue
                    + "'; expected a number (5, 0.2) or a duration (24h)");
        }
    }

    /** True for a duration parameter such as {@code window: 24h}. */
    public boolean isDuration() {
        return !isNumber(defaultValue);
    }

    /**
     * Checks a value a user gives for this parameter and returns it in the form templates use:
     * numbers as plain decimals, durations in Prometheus' canonical form.
     */
    public String normalise(String value) {
        if (isDuration()) {
            return Duration.parse(value).toString();
        }
        if (!isNumber(value)) {
            throw new IllegalArgumentException("'" + value + "' is not a number");
        }
        return Arithmetic.format(Double.parseDouble(value));
    }

    /** The value {@code [[#calc]]} sees: the number itself, or a duration's length in seconds. */
    double numeric(String value) {
        return isDuration() ? Duration.parse(value).millis() / 1000.0 : Double.parseDouble(value);
    }

    static boolean isNumber(String text) {
        try {
            double d = Double.parseDouble(text);
            return !Double.isNaN(d) && !Double.isInfinite(d) && !text.endsWith("d") && !text.endsWith("f")
                    && !text.endsWith("D") && !text.endsWith("F");
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
