package dev.spawn.monitoring.rules;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Predicts what Prometheus makes of an annotation template for a given alert, so that generated
 * promtool tests can list the exact {@code exp_annotations}. It understands the subset the default
 * rules use: {@code {{ $labels.name }}}, {@code {{ $value }}} and {@code {{ $value | f }}} with f one
 * of {@code humanize}, {@code humanizePercentage}, {@code humanizeDuration}; numbers are printed as
 * Go's fmt does ({@code %v}, {@code %.4g}).
 */
final class AlertTemplate {

    private static final Pattern ACTION = Pattern.compile("\\{\\{-?\\s*(.*?)\\s*-?\\}\\}");
    private static final Pattern LABEL = Pattern.compile("\\$labels\\.([a-zA-Z_][a-zA-Z0-9_]*)");
    private static final Pattern VALUE = Pattern.compile("\\$value(?:\\s*\\|\\s*(humanize|humanizePercentage|humanizeDuration))?");

    private AlertTemplate() {
    }

    /** Whether the template prints the alert's value (so a test must say which value it expects). */
    static boolean usesValue(String template) {
        return template.contains("$value");
    }

    /**
     * The expanded text; {@code value} may be null when the template does not print it. Throws
     * {@link IllegalArgumentException} for template actions outside the supported subset.
     */
    static String expand(String template, Map<String, String> labels, Double value) {
        Matcher m = ACTION.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String action = m.group(1);
            String replacement;
            Matcher label = LABEL.matcher(action);
            Matcher val = VALUE.matcher(action);
            if (label.matches()) {
                // Prometheus expands with missingkey=zero: an absent label prints nothing
                replacement = labels.getOrDefault(label.group(1), "");
            } else if (val.matches()) {
                if (value == null) {
                    throw new IllegalArgumentException("the annotation prints $value, so the expected alert needs a value");
                }
                replacement = formatValue(val.group(1), value);
            } else {
                throw new IllegalArgumentException("cannot predict the template action '{{ " + action
                        + " }}'; generated tests understand $labels.<name>, $value and $value | humanize,"
                        + " humanizePercentage, humanizeDuration");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String formatValue(String function, double v) {
        if (function == null) {
            return goDefault(v);
        }
        switch (function) {
            case "humanize":
                return humanize(v);
            case "humanizePercentage":
                return goG4(v * 100) + "%";
            default:
                return humanizeDuration(v);
        }
    }

    /** Prometheus' {@code humanize}: SI prefixes and four significant digits. */
    static String humanize(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return goG4(v);
        }
        String prefix = "";
        if (Math.abs(v) >= 1) {
            for (String p : new String[] {"k", "M", "G", "T", "P", "E", "Z", "Y"}) {
                if (Math.abs(v) < 1000) {
                    break;
                }
                prefix = p;
                v /= 1000;
            }
        } else {
            for (String p : new String[] {"m", "u", "n", "p", "f", "a", "z", "y"}) {
                if (Math.abs(v) >= 1) {
                    break;
                }
                prefix = p;
                v *= 1000;
            }
        }
        return goG4(v) + prefix;
    }

    /** Prometheus' {@code humanizeDuration} for a number of seconds. */
    static String humanizeDuration(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return goG4(v);
        }
        if (v == 0) {
            return goG4(v) + "s";
        }
        if (Math.abs(v) >= 1) {
            String sign = v < 0 ? "-" : "";
            v = Math.abs(v);
            long duration = (long) v;
            long seconds = duration % 60;
            long minutes = (duration / 60) % 60;
            long hours = (duration / 3600) % 24;
            long days = duration / 86400;
            if (days != 0) {
                return sign + days + "d " + hours + "h " + minutes + "m " + seconds + "s";
            }
            if (hours != 0) {
                return sign + hours + "h " + minutes + "m " + seconds + "s";
            }
            if (minutes != 0) {
                return sign + minutes + "m " + seconds + "s";
            }
            return sign + goG4(v) + "s";
        }
        String prefix = "";
        for (String p : new String[] {"m", "u", "n", "p", "f", "a", "z", "y"}) {
            if (Math.abs(v) >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return goG4(v) + prefix + "s";
    }

    /** Go's {@code fmt.Sprint(float64)}: the shortest digits, exponent form from 1e+06 or below 1e-04. */
    static String goDefault(double v) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        BigDecimal digits = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        return (v < 0 ? "-" : "") + goG(digits, 6, digits.precision());
    }

    /** Go's {@code %.4g}. */
    static String goG4(double v) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        BigDecimal digits = new BigDecimal(Math.abs(v)).round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        int nd = digits.precision();
        int dp = nd - digits.scale();
        int eprec = 4 > nd && nd >= dp ? nd : 4;
        return (v < 0 ? "-" : "") + goG(digits, eprec, nd);
    }

    /** strconv's %g layout of {@code digits} (positive, trailing zeros stripped). */
    private static String goG(BigDecimal digits, int eprec, int shownDigits) {
        int nd = digits.precision();
        int exp = nd - digits.scale() - 1;
        if (exp < -4 || exp >= eprec) {
            String unscaled = digits.unscaledValue().toString();
            String mantissa = unscaled.length() == 1 ? unscaled : unscaled.charAt(0) + "." + unscaled.substring(1, Math.min(shownDigits, unscaled.length()));
            String e = String.valueOf(Math.abs(exp));
            return mantissa + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
        }
        return digits.toPlainString();
    }

    private static String special(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return v == 0 ? "0" : null;
    }
}
