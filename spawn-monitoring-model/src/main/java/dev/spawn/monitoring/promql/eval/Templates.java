package dev.spawn.monitoring.promql.eval;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prometheus 2.42's alert templates ({@code template.Expander} as the rule manager calls it for labels and
 * annotations): Go's text/template with {@code $labels}, {@code $externalLabels}, {@code $externalURL}, {@code $value}
 * and Prometheus' functions, output exactly as Prometheus writes it. What is not implemented throws {@link
 * Unsupported}; a query function ({@code query}) always does.
 *
 * <p>Implemented: text, actions, trim markers, comments; variables (declared, assigned), fields of the data and of
 * the label maps (a missing label is empty: Prometheus sets {@code missingkey=zero}); pipelines and parenthesized
 * pipelines; if/else if/else, range over a map (sorted keys), with, break, continue, define, template, block; Go's
 * literals (strings with escapes, raw strings, character constants, decimal, hexadecimal, octal and binary numbers,
 * underscores, hexadecimal floats); Prometheus' args, reReplaceAll, safeHtml, match, title, toUpper, toLower,
 * graphLink, tableLink, stripPort, stripDomain, humanize, humanize1024, humanizeDuration, humanizePercentage,
 * humanizeTimestamp, toTime, parseDuration; Go's and, or, not, len, index (of maps), slice (of strings), print,
 * printf, println, html, js, urlquery, eq, ne, lt, le, gt, ge; numbers printed as Go's fmt prints them (shortest
 * float64 digits, %e %f %g with precision, flags, widths, fmt's {@code %!verb(type=value)} texts).
 *
 * <p>Unsupported: query, first, label, value, strvalue, sortByLabel; externalURL and pathPrefix (promtool has no URL
 * and fails where Prometheus prints its --web.external-url); call; slice of other than strings, or cutting a UTF-8
 * sequence; a template defined twice; complex numbers; printf's {@code #}, {@code *}, argument indexes, %O, and %x
 * %b of floats; and every template Prometheus fails to parse or execute (Prometheus then writes {@code <error
 * expanding template: ...>}, whose text names the alert and a column, which this method does not know).
 *
 * <p>One CPU-dependent case follows amd64, where promtool runs here: humanizeDuration of a value of 2^63 seconds or
 * more converts it to int64 as amd64 does (math.MinInt64); on arm64 Prometheus would print other numbers.
 */
public final class Templates {

    /** The texts seen, parsed (or the Unsupported they throw); bounded, since mutation runs reuse a few texts. */
    private static final Map<String, Object> PARSED = new ConcurrentHashMap<>();
    private static final int MAX_CACHED = 10_000;
    private static final List<String> PREDECLARED = List.of("$labels", "$externalLabels", "$externalURL", "$value");

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
        Object parsed = PARSED.get(text);
        if (parsed == null) {
            try {
                parsed = TemplateParser.parse(text, TemplateFunctions.names(), PREDECLARED);
            } catch (Unsupported e) {
                parsed = e;
            }
            if (PARSED.size() >= MAX_CACHED) {
                PARSED.clear();
            }
            PARSED.put(text, parsed);
        }
        if (parsed instanceof Unsupported e) {
            throw new Unsupported(e.getMessage());
        }
        return TemplateExecution.run((TemplateParser.Parsed) parsed,
                new GoValues.Data(labels, externalLabels, externalURL, value));
    }
}
