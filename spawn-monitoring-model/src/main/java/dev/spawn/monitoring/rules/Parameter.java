package dev.spawn.monitoring.rules;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.LabelName;
import java.util.Objects;

/**
 * A named, overridable value of a rule definition ({@code threshold}, {@code budget}, {@code window}),
 * used in templates as {@code [[threshold]]}. A parameter is numeric ({@code 5}, {@code 0.2}) or a
 * Prometheus duration ({@code 24h}), decided by its default value.
 *
 * <p>{@code minimum} and {@code maximum} are optional inclusive bounds, written like the default
 * (a number, or a duration for a duration parameter), or null for none. The default must lie
 * within them; a value a user sets is checked by {@link #checkRange}.
 */
public record Parameter(String name, String defaultValue, String description, String minimum, String maximum) {

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
        boolean duration = !isNumber(defaultValue);
        minimum = bound(name, "minimum", minimum, duration);
        maximum = bound(name, "maximum", maximum, duration);
        if (minimum != null && maximum != null && value(minimum, duration) > value(maximum, duration)) {
            throw new IllegalArgumentException("parameter " + name + ": minimum " + minimum + " is above maximum " + maximum);
        }
        double d = value(defaultValue, duration);
        if ((minimum != null && d < value(minimum, duration)) || (maximum != null && d > value(maximum, duration))) {
            throw new IllegalArgumentException("default of parameter " + name + " is " + defaultValue
                    + ", outside its allowed range " + range(minimum, maximum));
        }
    }

    /** A parameter without bounds. */
    public Parameter(String name, String defaultValue, String description) {
        this(name, defaultValue, description, null, null);
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

    /** True when the parameter has a minimum or a maximum. */
    boolean hasRange() {
        return minimum != null || maximum != null;
    }

    /** The allowed values in words: {@code 0 to 1}, {@code 0 or more}, {@code 100 or less}, {@code any}. */
    public String range() {
        return range(minimum, maximum);
    }

    /**
     * Throws {@link IllegalArgumentException} naming the parameter, the value and the allowed range
     * when a (normalised) value lies outside {@link #minimum()}..{@link #maximum()}.
     */
    void checkRange(String value) {
        double v = numeric(value);
        if ((minimum != null && v < numeric(minimum)) || (maximum != null && v > numeric(maximum))) {
            throw new IllegalArgumentException("parameter " + name + " = " + value + " is out of range; allowed: " + range());
        }
    }

    /** The value {@code [[#calc]]} sees: the number itself, or a duration's length in seconds. */
    double numeric(String value) {
        return value(value, isDuration());
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

    private static double value(String text, boolean duration) {
        return duration ? Duration.parse(text).millis() / 1000.0 : Double.parseDouble(text);
    }

    private static String bound(String name, String which, String text, boolean duration) {
        if (text == null) {
            return null;
        }
        if (duration ? !Duration.isValid(text) : !isNumber(text)) {
            throw new IllegalArgumentException(which + " of parameter " + name + " is '" + text + "'; expected "
                    + (duration ? "a duration (1m), as the default is one" : "a number, as the default is one"));
        }
        return duration ? Duration.parse(text).toString() : Arithmetic.format(Double.parseDouble(text));
    }

    private static String range(String minimum, String maximum) {
        if (minimum != null && maximum != null) {
            return minimum + " to " + maximum;
        }
        if (minimum != null) {
            return minimum + " or more";
        }
        return maximum != null ? maximum + " or less" : "any";
    }
}
