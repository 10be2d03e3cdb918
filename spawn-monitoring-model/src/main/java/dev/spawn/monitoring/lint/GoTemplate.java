package dev.spawn.monitoring.lint;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Go text/template as Prometheus 2.42 (rule label and annotation templates) and Alertmanager 0.25
 * (notification templates) parse it, Go 1.19's text/template/parse: {@link #parse} says whether a template
 * parses, with Go's own messages, and which label-like values it reads.
 *
 * <p>Problems: Go stops at its first error; so does this parser for errors that break the template's
 * structure, but an undefined function or variable, {@code {{break}}} outside {@code {{range}}}, a missing
 * value, a non-executable pipeline stage or a second definition of a template is recorded and parsing goes
 * on, so one run lists them all. The first problem is the one Go reports. Messages are Go's without the
 * {@code template: NAME:LINE:} prefix and without its {@code in action started at NAME:LINE} suffix; the
 * offset says where instead ("unclosed action" points at the action's {@code {{}, "unexpected EOF" at the
 * end of the text). One problem Go only finds when it executes the template is reported too:
 * {@code {{ $x = 1 }}} with {@code $x} never declared, as {@code undefined variable: $x} (Go's execution
 * message, listed after the parse problems); promtool accepts that template, and every expansion of it fails.
 *
 * <p>Go 1.19's quirks are kept, since they decide what promtool accepts: a trailing {@code |}
 * ({@code {{ $labels.x | }}}) parses; {@code {{else with}}} does not (Go 1.23 added it: "unexpected &lt;with&gt; in
 * else"), nor {@code {{else if}}} after {@code range} or {@code with}; {@code {{-3}}} is the number -3 (a trim marker
 * needs its space); {@code 089} is an "integer overflow". Not modelled: a {@code define} named like the template
 * itself (Prometheus names it {@code __alert_<alertname>}), which Go reports as a second definition.
 *
 * <p>Proof: {@code GoTemplateDifferentialTest} compares every verdict and first message with the real
 * {@code promtool check rules} on about 10,000 templates, {@code GoTemplateAlertmanagerTest} the Alertmanager
 * functions with {@code amtool check-config}.
 *
 * <p>References: a read of a label-like value, see {@link Reference}.
 */
final class GoTemplate {

    private static final Set<String> GO_BUILTINS = Set.of("and", "call", "html", "index", "slice", "js", "len", "not", "or",
            "print", "printf", "println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne");

    /** Functions Prometheus 2.42 defines for rule templates (template/template.go) plus Go's builtins. */
    public static final Set<String> PROMETHEUS_FUNCTIONS = union(GO_BUILTINS, Set.of("query", "first", "label", "value",
            "strvalue", "args", "reReplaceAll", "safeHtml", "match", "title", "toUpper", "toLower", "graphLink", "tableLink",
            "sortByLabel", "stripPort", "stripDomain", "humanize", "humanize1024", "humanizeDuration", "humanizePercentage",
            "humanizeTimestamp", "toTime", "pathPrefix", "externalURL", "parseDuration"));

    /** Functions Alertmanager 0.25 defines for notification templates (template/template.go DefaultFuncs) plus Go's builtins. */
    public static final Set<String> ALERTMANAGER_FUNCTIONS = union(GO_BUILTINS, Set.of("toUpper", "toLower", "title", "join",
            "match", "safeHtml", "reReplaceAll", "stringSlice"));

    /**
     * The variables Prometheus predeclares in rule label/annotation templates, named without {@code $}: labels,
     * externalLabels, externalURL, value ({@code $} itself is always defined).
     */
    public static final Set<String> PROMETHEUS_VARIABLES = Set.of("labels", "externalLabels", "externalURL", "value");

    private GoTemplate() {
    }

    /**
     * Parses {@code text} with {{ }} delimiters; variables named in {@code predeclared} (without $; a leading $ is
     * allowed too) are defined at the top level (not inside {@code define} or {@code block} bodies, as in
     * Prometheus, which declares them in front of the text).
     */
    public static Result parse(String text, Set<String> functions, Set<String> predeclared) {
        return new GoTemplateParser(text, functions, predeclared).parse();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** What a parse found: problems in the order Go meets them, references in text order. */
    public record Result(List<Problem> problems, List<Reference> references) {

        public Result {
            problems = List.copyOf(problems);
            references = List.copyOf(references);
        }

        /** Whether the template parses (no problem at all). */
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** offset: char offset into text where the problem is; message: Go's ("unclosed action", "function \"x\" not defined", "undefined variable \"$x\""...). */
    public record Problem(int offset, String message) {
    }

    /**
     * A read of a label-like field: {@code root} is what is read, {@code key} the field or index key read on it
     * ({@code "region"} for {@code $labels.region}, {@code {{ index $labels "region" }}}, {@code .CommonLabels.region},
     * {@code {{ index .GroupLabels "x" }}}), empty when the root itself is used as a whole (printed, passed to a
     * function, ranged over, indexed with a key that is no literal: {@code {{ $value }}}, {@code {{ .Value }}},
     * {@code {{ range $labels }}}); {@code offset} is where the reference starts in text (the variable or field,
     * or the {@code index} word).
     *
     * <p>Roots: the label maps {@code $labels}, {@code $externalLabels}, {@code .Labels}, {@code .ExternalLabels},
     * {@code .Annotations}, {@code .CommonLabels}, {@code .GroupLabels}, {@code .CommonAnnotations}, and inside a
     * {@code range} over {@code .Alerts} (or {@code .Alerts.Firing}, {@code .Alerts.Resolved}) one alert's
     * {@code .Alerts.Labels} and {@code .Alerts.Annotations}; the values {@code $value} and {@code .Value} (always
     * with an empty key). Fields are read from the top-level data, so {@code $.Labels.x} is {@code .Labels}; dot
     * follows {@code with} and {@code range}; inside {@code define} the data is assumed to be the top-level data
     * (templates are called with {@code .}), inside {@code block} the block's argument. A variable declared from
     * a root ({@code $l := .CommonLabels}) stands for it; one redeclared or assigned something else no longer does.
     */
    public record Reference(String root, String key, int offset) {
    }
}
