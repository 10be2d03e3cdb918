package dev.spawn.monitoring.model;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus duration ({@code 5m}, {@code 1h30m}, {@code 250ms}), parsed with the same grammar as
 * Prometheus' {@code model.ParseDuration} and printed back in its canonical form.
 */
public record Duration(long millis) implements Comparable<Duration> {

    private static final Pattern SYNTAX = Pattern.compile(
            "^(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?$");
    private static final long[] UNIT_MILLIS = {
        365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000, 3600L * 1000, 60L * 1000, 1000L, 1L
    };
    private static final String[] UNIT_NAMES = {"y", "w", "d", "h", "m", "s", "ms"};

    public static final Duration ZERO = new Duration(0);

    public Duration {
        if (millis < 0) {
            throw new IllegalArgumentException("a duration cannot be negative: " + millis + "ms");
        }
    }

    /** Parses Prometheus duration syntax; throws {@link IllegalArgumentException} naming the expected form. */
    public static Duration parse(String text) {
        Objects.requireNonNull(text, "duration");
        if (text.equals("0")) {
            return ZERO;
        }
        Matcher m = SYNTAX.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a Prometheus duration;"
                    + " expected a number with a unit, e.g. 30s, 5m, 1h30m (units: ms, s, m, h, d, w, y)");
        }
        long total = 0;
        for (int i = 0; i < UNIT_MILLIS.length; i++) {
            String group = m.group(i + 1);
            if (group != null) {
                try {
                    total = Math.addExact(total, Math.multiplyExact(Long.parseLong(group), UNIT_MILLIS[i]));
                } catch (ArithmeticException | NumberFormatException e) {
                    throw new IllegalArgumentException("'" + text + "' is too long a duration");
                }
            }
        }
        return new Duration(total);
    }

    /** True when the text parses as a Prometheus duration. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static Duration ofSeconds(long seconds) {
        return new Duration(Math.multiplyExact(seconds, 1000L));
    }

    public static Duration ofMinutes(long minutes) {
        return ofSeconds(Math.multiplyExact(minutes, 60L));
    }

    public long seconds() {
        return millis / 1000;
    }

    @Override
    public int compareTo(Duration other) {
        return Long.compare(millis, other.millis);
    }

    /** The canonical form Prometheus prints: largest units first, {@code 0s} for zero. */
    @Override
    public String toString() {
        if (millis == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long rest = millis;
        for (int i = 0; i < UNIT_MILLIS.length; i++) {
            // like Prometheus, weeks and years are only used when they divide the whole duration
            if ((i == 0 || i == 1) && millis % UNIT_MILLIS[i] != 0) {
                continue;
            }
            long count = rest / UNIT_MILLIS[i];
            if (count > 0) {
                out.append(count).append(UNIT_NAMES[i]);
                rest -= count * UNIT_MILLIS[i];
            }
        }
        return out.toString();
    }
}
