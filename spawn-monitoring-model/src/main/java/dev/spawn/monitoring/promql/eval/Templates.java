package dev.spawn.monitoring.promql.eval;

import java.util.Map;

/**
 * Prometheus 2.42's alert templates ({@code template.Expander} as the rule manager calls it for labels and
 * annotations): Go's text/template with {@code $labels}, {@code $externalLabels}, {@code $externalURL}, {@code $value}
 * and Prometheus' functions, output exactly as Prometheus writes it. What is not implemented throws {@link
 * Unsupported}; a query function ({@code query}) always does.
 */
public final class Templates {

    private Templates() {
    }

    /**
     * {@code text} expanded for one alert. A template Prometheus fails to expand gives Prometheus' own
     * {@code <error expanding template: ...>} text only when it is exactly known; otherwise {@link Unsupported}.
     */
    public static String expand(String text, Map<String, String> labels, double value, Map<String, String> externalLabels,
            String externalURL) {
        if (!text.contains("{{")) {
            return text;
        }
        throw new Unsupported("alert templates are not evaluated in the JVM yet");
    }
}
