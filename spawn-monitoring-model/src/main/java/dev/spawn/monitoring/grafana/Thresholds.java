package dev.spawn.monitoring.grafana;

import dev.spawn.monitoring.rules.Arithmetic;
import java.util.List;
import java.util.Objects;

/**
 * A panel's colour steps, Grafana's absolute thresholds: the first step is the base colour (no
 * value), each further step starts at its value. {@code source} names where the values come from,
 * such as {@code HighCostInstance threshold}, so a dashboard's red line is the alert's and the
 * documentation can say so; empty for a plain choice.
 */
public record Thresholds(List<Step> steps, String source) {

    /** One colour from {@code value} up; the base step has no value. */
    public record Step(String color, Double value) {
        public Step {
            Objects.requireNonNull(color, "color");
        }
    }

    public Thresholds {
        steps = List.copyOf(steps);
        source = source == null ? "" : source;
        if (steps.isEmpty() || steps.get(0).value() != null) {
            throw new IllegalArgumentException("thresholds start with a base step without a value");
        }
        for (int i = 1; i < steps.size(); i++) {
            Double previous = steps.get(i - 1).value();
            Double value = steps.get(i).value();
            if (value == null || (previous != null && value <= previous)) {
                throw new IllegalArgumentException("threshold steps after the base need rising values; got " + steps);
            }
        }
    }

    /** Green, red from {@code value}: what an alert firing above a threshold looks like. */
    public static Thresholds redAbove(double value, String source) {
        return new Thresholds(List.of(new Step("green", null), new Step("red", value)), source);
    }

    /** Red, green from {@code value}: for an alert that fires below a threshold. */
    public static Thresholds redBelow(double value, String source) {
        return new Thresholds(List.of(new Step("red", null), new Step("green", value)), source);
    }

    /**
     * The red line in words, for a panel's description and the documentation: {@code Red from 5
     * (HighCostInstance threshold).} or {@code Red below 0.2 (LowSpotAvailability threshold).}; empty
     * when no step is red.
     */
    public String describe() {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).color().equals("red")) {
                boolean base = i == 0;
                double value = base ? steps.get(1).value() : steps.get(i).value();
                return "Red " + (base ? "below " : "from ") + Arithmetic.format(value)
                        + (source.isEmpty() ? "" : " (" + source + ")") + ".";
            }
        }
        return "";
    }
}
