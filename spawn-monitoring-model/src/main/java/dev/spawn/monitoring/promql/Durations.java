package dev.spawn.monitoring.promql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus durations as 2.42 reads them (prometheus/common v0.39 {@code model.ParseDuration}):
 * units y w d h m s ms, each at most once, in that order, integers only; and prints them back the same way.
 */
final class Durations {

    private static final Pattern DURATION = Pattern.compile(
            "(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?");
    private static final long[] UNIT_MILLIS = {365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000,
        3600L * 1000, 60L * 1000, 1000L, 1L};
    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long MAX_NANOS = Long.MAX_VALUE;

    private Durations() {
    }

    /** Milliseconds of a duration; throws IllegalArgumentException with Prometheus' message. */
    static long parseMillis(String text) {
        if (text.equals("0")) {
            return 0;
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty duration string");
        }
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a valid duration string: " + Lexer.goQuote(text));
        }
        long nanos = 0;
        boolean overflow = false;
        for (int i = 0; i < UNITS.length; i++) {
            String digits = m.group(i + 1);
            if (digits == null) {
                continue;
            }
            long unitNanos = UNIT_MILLIS[i] * 1_000_000L;
            long n;
            try {
                n = Long.parseLong(digits);
            } catch (NumberFormatException e) {
                n = Long.MAX_VALUE;
            }
            if (n > MAX_NANOS / unitNanos) {
                overflow = true;
                continue;
            }
            long add = n * unitNanos;
            if (nanos > MAX_NANOS - add) {
                overflow = true;
            }
            nanos += add;
        }
        if (overflow) {
            throw new IllegalArgumentException("duration out of range");
        }
        return nanos / 1_000_000L;
    }

    /** The canonical text of a duration, as Prometheus prints it ({@code 1h30m}, {@code 90d}, {@code 0s}). */
    public static String format(long millis) {
        if (millis == 0) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        long rest = millis;
        if (rest < 0) {
            b.append('-');
            rest = -rest;
        }
        for (int i = 0; i < UNITS.length; i++) {
            // Years and weeks only when exact, as Prometheus prints 90d rather than 12w6d.
            if (i < 2 && rest % UNIT_MILLIS[i] != 0) {
                continue;
            }
            long n = rest / UNIT_MILLIS[i];
            if (n > 0) {
                b.append(n).append(UNITS[i]);
                rest -= n * UNIT_MILLIS[i];
            }
        }
        return b.toString();
    }
}
