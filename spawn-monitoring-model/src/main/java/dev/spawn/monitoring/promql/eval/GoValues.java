package dev.spawn.monitoring.promql.eval;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The Go values an alert template handles, as Java objects: {@link String} (string), {@link Double} (float64),
 * {@link Long} (int), {@link Boolean} (bool), {@link Html} (html/template.HTML), a {@code Map<String, String>}
 * (map[string]string, the label maps), {@link Args} (map[string]interface{}), {@link Time} (*time.Time),
 * {@link Data} (the template's data struct) and {@code null} (a nil interface). Here too is how Go's fmt prints them
 * with %v.
 */
final class GoValues {

    /** Go orders string map keys by bytes, which for UTF-8 is code point order (not Java's UTF-16 order). */
    static final Comparator<String> KEY_ORDER = GoValues::compareCodePoints;

    /** html/template.HTML, what safeHtml returns: a string kind, not assignable to string. */
    record Html(String text) {
    }

    /** map[string]interface{}, what args returns. */
    record Args(Map<String, Object> map) {
    }

    /** *time.Time at a millisecond in UTC, what toTime returns. */
    record Time(long epochMillis) {
    }

    /** The data Prometheus passes: struct {Labels, ExternalLabels map[string]string; ExternalURL string; Value float64}. */
    record Data(Map<String, String> labels, Map<String, String> externalLabels, String externalURL, double value) {
    }

    private GoValues() {
    }

    static String typeName(Object v) {
        if (v instanceof String) {
            return "string";
        } else if (v instanceof Double) {
            return "float64";
        } else if (v instanceof Long) {
            return "int";
        } else if (v instanceof Boolean) {
            return "bool";
        } else if (v instanceof Html) {
            return "template.HTML";
        } else if (v instanceof Map) {
            return "map[string]string";
        } else if (v instanceof Args) {
            return "map[string]interface {}";
        } else if (v instanceof Time) {
            return "*time.Time";
        } else if (v instanceof Data) {
            return "struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value float64 }";
        }
        return "<nil>";
    }

    /** Whether Go's reflect kind is String (fmt.Sprint puts no space next to such an operand). */
    static boolean isStringKind(Object v) {
        return v instanceof String || v instanceof Html;
    }

    /** fmt's %v. */
    static String print(Object v) {
        if (v instanceof String s) {
            return s;
        } else if (v instanceof Double d) {
            return GoFloats.format(d, 'g', -1);
        } else if (v instanceof Long || v instanceof Boolean) {
            return v.toString();
        } else if (v instanceof Html h) {
            return h.text();
        } else if (v instanceof Map<?, ?> m) {
            return printMap(m);
        } else if (v instanceof Args a) {
            return printMap(a.map());
        } else if (v instanceof Time t) {
            return timeString(t.epochMillis());
        } else if (v instanceof Data d) {
            return "{" + printMap(d.labels()) + " " + printMap(d.externalLabels()) + " " + d.externalURL() + " "
                    + print(d.value()) + "}";
        }
        return "<nil>";
    }

    private static String printMap(Map<?, ?> m) {
        List<String> keys = new ArrayList<>();
        m.keySet().forEach(k -> keys.add((String) k));
        keys.sort(KEY_ORDER);
        StringBuilder b = new StringBuilder("map[");
        for (int i = 0; i < keys.size(); i++) {
            b.append(i == 0 ? "" : " ").append(keys.get(i)).append(':').append(print(m.get(keys.get(i))));
        }
        return b.append(']').toString();
    }

    /** time.Time.String() of a UTC time: {@code 2006-01-02 15:04:05.999999999 +0000 UTC}. */
    static String timeString(long epochMillis) {
        ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            throw new Unsupported("time.Time.String() of year " + t.getYear());
        }
        StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT, "%04d-%02d-%02d %02d:%02d:%02d",
                t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()));
        int millis = t.getNano() / 1_000_000;
        if (millis != 0) {
            String frac = String.format(java.util.Locale.ROOT, "%03d", millis);
            while (frac.endsWith("0")) {
                frac = frac.substring(0, frac.length() - 1);
            }
            b.append('.').append(frac);
        }
        return b.append(" +0000 UTC").toString();
    }

    /** Go's truth: false, 0, "", an empty map and nil are false. */
    static boolean truth(Object v) {
        if (v == null) {
            return false;
        } else if (v instanceof Boolean b) {
            return b;
        } else if (v instanceof String s) {
            return !s.isEmpty();
        } else if (v instanceof Html h) {
            return !h.text().isEmpty();
        } else if (v instanceof Double d) {
            return d != 0;
        } else if (v instanceof Long l) {
            return l != 0;
        } else if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        } else if (v instanceof Args a) {
            return !a.map().isEmpty();
        }
        return true;
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
