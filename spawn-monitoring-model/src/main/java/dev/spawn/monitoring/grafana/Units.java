package dev.spawn.monitoring.grafana;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Grafana unit ids a panel may use, with what Grafana shows for them. A fixed list of ids from
 * Grafana's unit catalogue ({@code packages/grafana-data/src/valueFormats/categories.ts}); a unit
 * outside it would be shown as a plain suffix, so {@link DashboardCheck} rejects it.
 */
final class Units {

    private static final Map<String, String> KNOWN = new LinkedHashMap<>();

    static {
        KNOWN.put("none", "plain number");
        KNOWN.put("short", "short number (1.2 K)");
        KNOWN.put("percent", "percent (0-100)");
        KNOWN.put("percentunit", "percent (0.0-1.0)");
        KNOWN.put("bytes", "bytes (IEC)");
        KNOWN.put("decbytes", "bytes (SI)");
        KNOWN.put("Bps", "bytes/sec (SI)");
        KNOWN.put("binBps", "bytes/sec (IEC)");
        KNOWN.put("bps", "bits/sec (SI)");
        KNOWN.put("s", "seconds");
        KNOWN.put("ms", "milliseconds");
        KNOWN.put("dtdurations", "duration (d h m s)");
        KNOWN.put("dateTimeAsIso", "date and time (ISO)");
        KNOWN.put("dateTimeFromNow", "time from now");
        KNOWN.put("currencyUSD", "dollars ($)");
        KNOWN.put("celsius", "degrees Celsius (°C)");
        KNOWN.put("watt", "watts (W)");
        KNOWN.put("hertz", "hertz (Hz)");
        KNOWN.put("ops", "operations/sec");
        KNOWN.put("reqps", "requests/sec");
    }

    private Units() {
    }

    static boolean isKnown(String unit) {
        return KNOWN.containsKey(unit);
    }

    /** Unit id to what Grafana shows, in a fixed order. */
    static Map<String, String> known() {
        return Collections.unmodifiableMap(KNOWN);
    }
}
