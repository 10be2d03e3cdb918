package dev.spawn.monitoring.promql.eval;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus 2.42's number functions for templates (template/template.go): convertToFloat, humanize, humanize1024,
 * humanizeDuration, humanizeTimestamp, toTime's conversion and parseDuration, with Go's %.4g.
 */
final class Humanize {

    private static final Pattern SPECIAL = Pattern.compile("(?i)[+-]?(inf|infinity)|nan");
    private static final Pattern DURATION = Pattern.compile(
            "(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?");
    private static final long[] UNIT_MILLIS = {365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000,
        3600L * 1000, 60L * 1000, 1000L, 1L};
    private static final List<String> BIG = List.of("k", "M", "G", "T", "P", "E", "Z", "Y");
    private static final List<String> SMALL = List.of("m", "u", "n", "p", "f", "a", "z", "y");
    private static final List<String> BINARY = List.of("ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi");
    /** 2^63 as float64: Go's float64(math.MaxInt64). */
    private static final double TWO_63 = 9.223372036854775807e18;

    private Humanize() {
    }

    /** convertToFloat: float64, int, or a string strconv.ParseFloat reads. */
    static double toFloat(Object v) {
        if (v instanceof Double d) {
            return d;
        } else if (v instanceof Long l) {
            return l;
        } else if (v instanceof String s) {
            if (SPECIAL.matcher(s).matches()) {
                return s.toLowerCase(java.util.Locale.ROOT).contains("nan") ? Double.NaN
                        : s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            Double d = GoNumbers.parseFloat(s);
            if (d == null) {
                throw new Unsupported("strconv.ParseFloat of " + GoText.quote(s) + " (an execution error in Prometheus)");
            }
            return d;
        }
        throw new Unsupported("can't convert " + GoValues.typeName(v) + " to float (an execution error in Prometheus)");
    }

    private static String g4(double v) {
        return GoFloats.format(v, 'g', 4);
    }

    static String humanize(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v);
        }
        String prefix = "";
        if (Math.abs(v) >= 1) {
            for (String p : BIG) {
                if (Math.abs(v) < 1000) {
                    break;
                }
                prefix = p;
                v /= 1000;
            }
            return g4(v) + prefix;
        }
        for (String p : SMALL) {
            if (Math.abs(v) >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return g4(v) + prefix;
    }

    static String humanize1024(double v) {
        if (Math.abs(v) <= 1 || Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v);
        }
        String prefix = "";
        for (String p : BINARY) {
            if (Math.abs(v) < 1024) {
                break;
            }
            prefix = p;
            v /= 1024;
        }
        return g4(v) + prefix;
    }

    static String duration(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v);
        }
        if (v == 0) {
            return g4(v) + "s";
        }
        if (Math.abs(v) >= 1) {
            String sign = "";
            if (v < 0) {
                sign = "-";
                v = -v;
            }
            // Go's int64(v) out of range is the CPU's: amd64 (where promtool runs here) gives math.MinInt64.
            long duration = v >= TWO_63 ? Long.MIN_VALUE : (long) v;
            long seconds = duration % 60;
            long minutes = (duration / 60) % 60;
            long hours = (duration / 60 / 60) % 24;
            long days = duration / 60 / 60 / 24;
            if (days != 0) {
                return sign + days + "d " + hours + "h " + minutes + "m " + seconds + "s";
            }
            if (hours != 0) {
                return sign + hours + "h " + minutes + "m " + seconds + "s";
            }
            if (minutes != 0) {
                return sign + minutes + "m " + seconds + "s";
            }
            return sign + g4(v) + "s";
        }
        String prefix = "";
        for (String p : SMALL) {
            if (Math.abs(v) >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return g4(v) + prefix + "s";
    }

    static String timestamp(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v);
        }
        return GoValues.timeString(epochMillis(v));
    }

    /** floatToTime's instant: v seconds to int64 nanoseconds, then Prometheus' model.Time milliseconds. */
    static long epochMillis(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new Unsupported("toTime of NaN or Inf (an execution error in Prometheus)");
        }
        double nanos = v * 1e9;
        if (nanos >= TWO_63 || nanos < -TWO_63) {
            throw new Unsupported(GoFloats.format(v, 'g', -1)
                    + " cannot be represented as a nanoseconds timestamp (an execution error in Prometheus)");
        }
        return ((long) nanos) / 1_000_000;
    }

    /** model.ParseDuration in seconds. */
    static double parseDuration(String s) {
        if (s.equals("0")) {
            return 0;
        }
        Matcher m = DURATION.matcher(s);
        if (s.isEmpty() || !m.matches()) {
            throw new Unsupported("parseDuration of " + GoText.quote(s) + " (an execution error in Prometheus)");
        }
        long millis = 0;
        for (int i = 0; i < UNIT_MILLIS.length; i++) {
            if (m.group(i + 1) != null) {
                try {
                    millis = Math.addExact(millis, Math.multiplyExact(Long.parseLong(m.group(i + 1)), UNIT_MILLIS[i]));
                } catch (ArithmeticException | NumberFormatException e) {
                    throw new Unsupported("parseDuration of " + GoText.quote(s) + " overflows");
                }
            }
        }
        try {
            return Math.multiplyExact(millis, 1_000_000L) / 1e9;
        } catch (ArithmeticException e) {
            throw new Unsupported("parseDuration of " + GoText.quote(s) + " overflows");
        }
    }
}
