package dev.spawn.monitoring.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.spawn.monitoring.lint.GoTemplate.Problem;
import dev.spawn.monitoring.lint.GoTemplate.Reference;
import dev.spawn.monitoring.lint.GoTemplate.Result;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoTemplateTest {

    private static Result prometheus(String template) {
        return GoTemplate.parse(template, GoTemplate.PROMETHEUS_FUNCTIONS, GoTemplate.PROMETHEUS_VARIABLES);
    }

    private static Result alertmanager(String template) {
        return GoTemplate.parse(template, GoTemplate.ALERTMANAGER_FUNCTIONS, Set.of());
    }

    private static Problem firstProblem(String template) {
        Result result = prometheus(template);
        assertThat(result.problems()).as(template).isNotEmpty();
        return result.problems().get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "{{ $labels.instance_id }}", "{{ $value | humanize }}%",
        "{{ printf \"%.2f\" $value }}", "{{ if gt $value 80.0 }}high{{ else if gt $value 50.0 }}mid{{ else }}low{{ end }}",
        "{{ range $k, $v := $labels }}{{ $k }}={{ $v }} {{ break }}{{ end }}", "{{ with $labels.x }}{{ . }}{{ end }}",
        "{{- /* a comment */ -}}", "a {{- 1 -}} b", "{{ define \"x\" }}y{{ end }}{{ template \"x\" . }}",
        "{{ block \"b\" . }}z{{ end }}", "{{ $x := 1 }}{{ $x = 2 }}{{ $x }}", "{{ (index $labels \"a\").b }}",
        "{{ .Labels.job }}", "{{ $.Labels.job }}", "{{ 0x1F }}{{ 1e3 }}{{ 'a' }}{{ 1+2i }}{{ `raw` }}",
        "{{ $labels.x $labels.y | }}", "{{ humanize $value | toUpper | printf \"%s\" }}"})
    void acceptsWhatPrometheusAccepts(String template) {
        assertThat(prometheus(template).problems()).isEmpty();
        assertThat(prometheus(template).ok()).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1} at {2}")
    @CsvSource(delimiter = '¦', quoteCharacter = '^', value = {
        "a {{ $labels.x                        ¦ unclosed action                                  ¦ 2",
        "{{ if 1 }}x                            ¦ unexpected EOF                                   ¦ 11",
        "a{{ end }}                             ¦ unexpected {{end}}                               ¦ 1",
        "{{ else }}                             ¦ unexpected {{else}}                              ¦ 0",
        "{{ humanise $value }}                  ¦ function \"humanise\" not defined                ¦ 3",
        "{{ $nope }}                            ¦ undefined variable \"$nope\"                     ¦ 3",
        "{{ \"abc }}                            ¦ unterminated quoted string                       ¦ 3",
        "{{ `abc }}                             ¦ unterminated raw quoted string                   ¦ 3",
        "{{ 'a }}                               ¦ unterminated character constant                  ¦ 3",
        "{{ 1a }}                               ¦ bad number syntax: \"1a\"                        ¦ 3",
        "{{ 089 }}                              ¦ integer overflow: \"089\"                        ¦ 3",
        "{{ 1e400 }}                            ¦ illegal number syntax: \"1e400\"                 ¦ 3",
        "{{ 'ab' }}                             ¦ malformed character constant: 'ab'               ¦ 3",
        "{{ \"\\q\" }}                          ¦ invalid syntax                                   ¦ 3",
        "{{ 0x1+2i }}                           ¦ strconv.ParseFloat: parsing \"0x1\": invalid syntax ¦ 3",
        "{{ if }}{{ end }}                      ¦ missing value for if                             ¦ 6",
        "{{ range }}{{ end }}                   ¦ missing value for range                          ¦ 9",
        "{{ with }}{{ end }}                    ¦ missing value for with                           ¦ 8",
        "{{ }}                                  ¦ missing value for command                        ¦ 3",
        "{{ | humanize }}                       ¦ unexpected \"|\" in command                      ¦ 3",
        "{{ 1 | \"a\" }}                        ¦ non executable command in pipeline stage 2       ¦ 7",
        "{{-}}                                  ¦ illegal number syntax: \"-\"                     ¦ 2",
        "{{- -}}                                ¦ illegal number syntax: \"-\"                     ¦ 4",
        "{{/* c */ }}                           ¦ comment ends before closing delimiter            ¦ 2",
        "{{/* c                                 ¦ unclosed comment                                 ¦ 2",
        "{{ /* c */ }}                          ¦ unexpected \"/\" in command                      ¦ 3",
        "{{ define \"x\" }}{{ $labels }}{{ end }} ¦ undefined variable \"$labels\"                ¦ 19",
        "{{ define x }}{{ end }}                ¦ unexpected \"x\" in define clause                ¦ 10",
        "{{ if 1 }}{{ define \"x\" }}{{ end }}{{ end }} ¦ unexpected <define> in command            ¦ 13",
        "{{ template x }}                       ¦ unexpected \"x\" in template clause              ¦ 12",
        "{{ block \"b\" }}{{ end }}             ¦ missing value for block clause                   ¦ 13",
        "{{ define \"x\" }}a{{ end }}{{ define \"x\" }}b{{ end }} ¦ template: multiple definition of template \"x\" ¦ 26",
        "{{ break }}                            ¦ {{break}} outside {{range}}                      ¦ 0",
        "{{ range $labels }}{{ continue 1 }}{{ end }} ¦ unexpected \"1\" in {{continue}}           ¦ 31",
        "{{ with 1 }}{{ else with 2 }}{{ end }} ¦ unexpected <with> in else                        ¦ 20",
        "{{ range 1 }}{{ else if 2 }}{{ end }}  ¦ unexpected <if> in input                         ¦ 21",
        "{{ if 1 }}{{ else }}{{ else }}{{ end }} ¦ expected end; found {{else}}                    ¦ 20",
        "{{ $a, $b := 1 }}                      ¦ too many declarations in command                 ¦ 5",
        "{{ range $i, 1 }}{{ end }}             ¦ range can only initialize variables              ¦ 11",
        "{{ \"a\".x }}                          ¦ unexpected . after term \"\\\"a\\\"\"            ¦ 3",
        "{{ (1 }}                               ¦ unclosed left paren                              ¦ 6",
        "{{ 1) }}                               ¦ unexpected \")\" in command                      ¦ 4",
        "{{ $x+1 }}                             ¦ bad character U+002B '+'                         ¦ 3",
        "{{ € }}                                ¦ unrecognized character in action: U+20AC '€'    ¦ 3",
        "{{ $labels.x $labels.y | | x }}        ¦ unexpected \"|\" in command                      ¦ 25",
        "{{ \"abcdefghijklmnop\" \"x\" := }}    ¦ unexpected \":=\" in operand                     ¦ 26",
        "{{ $x = 1 }}                           ¦ undefined variable: $x                           ¦ 3"})
    void reportsGoMessagesWhereTheProblemIs(String template, String message, int offset) {
        assertThat(firstProblem(template)).isEqualTo(new Problem(offset, message));
    }

    @Test
    void describesTokensAsGoDoesCuttingThoseOverTenBytes() {
        assertThat(firstProblem("{{ define \"x\" }}{{ end \"ab\" }}").message()).isEqualTo("unexpected \"\\\"ab\\\"\" in end");
        assertThat(firstProblem("{{ define \"x\" }}{{ end \"abcdefghijklmnop\" }}").message())
                .isEqualTo("unexpected \"\\\"abcdefghi\"... in end");
        // over ten bytes of UTF-8 is cut, to ten characters
        assertThat(firstProblem("{{ define \"x\" }}{{ end \"ééééé\" }}").message())
                .isEqualTo("unexpected \"\\\"ééééé\\\"\"... in end");
        assertThat(firstProblem("{{ define \"x\" }}{{ end \"ééééééééééé\" }}").message())
                .isEqualTo("unexpected \"\\\"ééééééééé\"... in end");
        assertThat(firstProblem("{{ if 1 }}{{ end }}{{ else }}").message()).isEqualTo("unexpected {{else}}");
    }

    @Test
    void listsEveryUndefinedNameAtOnceButStopsAtTheFirstBrokenStructure() {
        Result result = prometheus("{{ foo }} {{ $bar }} {{ baz 1 }} {{ end }} {{ qux }}");
        assertThat(result.problems()).extracting(Problem::message).containsExactly("function \"foo\" not defined",
                "undefined variable \"$bar\"", "function \"baz\" not defined", "unexpected {{end}}");
    }

    @Test
    void predeclaredVariablesAreThoseOfTheCaller() {
        assertThat(prometheus("{{ $externalURL }}{{ $externalLabels.x }}").ok()).isTrue();
        assertThat(GoTemplate.parse("{{ $labels.x }}", GoTemplate.PROMETHEUS_FUNCTIONS, Set.of("$labels")).ok()).isTrue();
        assertThat(alertmanager("{{ $labels.x }}").problems()).containsExactly(new Problem(3, "undefined variable \"$labels\""));
        assertThat(alertmanager("{{ join \",\" .GroupLabels.Values }}").ok()).isTrue();
        assertThat(prometheus("{{ join \",\" .GroupLabels.Values }}").problems().get(0).message())
                .isEqualTo("function \"join\" not defined");
        assertThat(alertmanager("{{ humanize 1 }}").ok()).isFalse();
    }

    @Test
    void scopesEndWithTheirEndButElseSeesTheIfBody() {
        assertThat(prometheus("{{ if 1 }}{{ $x := 1 }}{{ end }}{{ $x }}").problems())
                .containsExactly(new Problem(35, "undefined variable \"$x\""));
        assertThat(prometheus("{{ if 1 }}{{ $x := 1 }}{{ else }}{{ $x }}{{ end }}").ok()).isTrue();
        assertThat(prometheus("{{ with $x := 1 }}{{ $x }}{{ end }}{{ $x }}").problems()).extracting(Problem::offset)
                .containsExactly(38);
        assertThat(prometheus("{{ template \"t\" $y := 1 }}{{ $y }}").ok()).isTrue();
    }

    @Test
    void breakAndContinueOnlyInsideRangeAndNotInsideDefinitions() {
        assertThat(prometheus("{{ range $labels }}{{ if 1 }}{{ break }}{{ end }}{{ continue }}{{ end }}").ok()).isTrue();
        assertThat(prometheus("{{ range $labels }}{{ end }}{{ continue }}").problems())
                .containsExactly(new Problem(28, "{{continue}} outside {{range}}"));
        assertThat(prometheus("{{ range $labels }}{{ block \"b\" . }}{{ break }}{{ end }}{{ end }}").problems())
                .extracting(Problem::message).containsExactly("{{break}} outside {{range}}");
    }

    private static List<Reference> references(Result result) {
        assertThat(result.problems()).isEmpty();
        return result.references();
    }

    @Test
    void referencesPrometheusLabelsAndValue() {
        String t = "{{ $labels.region }} {{ index $labels \"zone\" }} {{ $externalLabels.cluster }} {{ $value }} {{ .Value }}"
                + " {{ .Labels.job }} {{ $.Labels.az }}";
        assertThat(references(prometheus(t))).extracting(Reference::root, Reference::key, Reference::offset).containsExactly(
                tuple("$labels", "region", 3), tuple("$labels", "zone", 24), tuple("$externalLabels", "cluster", 51),
                tuple("$value", "", 81), tuple(".Value", "", 94), tuple(".Labels", "job", 107), tuple(".Labels", "az", 125));
    }

    @Test
    void referencesAlertmanagerGroupFields() {
        String t = "{{ .CommonLabels.alertname }}{{ .GroupLabels.region }}{{ .CommonAnnotations.summary }}"
                + "{{ index .CommonLabels \"severity\" }}{{ index .GroupLabels `x` }}";
        assertThat(references(alertmanager(t))).extracting(Reference::root, Reference::key).containsExactly(
                tuple(".CommonLabels", "alertname"), tuple(".GroupLabels", "region"), tuple(".CommonAnnotations", "summary"),
                tuple(".CommonLabels", "severity"), tuple(".GroupLabels", "x"));
    }

    @Test
    void dotFollowsRangeAndWith() {
        String t = "{{ range .Alerts }}{{ .Labels.instance }}{{ .Annotations.summary }}{{ end }}"
                + "{{ range $i, $a := .Alerts.Firing }}{{ $a.Labels.region }}{{ .Labels.az }}{{ end }}"
                + "{{ with .CommonLabels }}{{ .team }}{{ else }}{{ .Labels.x }}{{ end }}"
                + "{{ .Labels.top }}";
        assertThat(references(alertmanager(t))).extracting(Reference::root, Reference::key).containsExactly(
                tuple(".Alerts.Labels", "instance"), tuple(".Alerts.Annotations", "summary"), tuple(".Alerts.Labels", "region"),
                tuple(".Alerts.Labels", "az"), tuple(".CommonLabels", ""), tuple(".CommonLabels", "team"), tuple(".Labels", "x"),
                tuple(".Labels", "top"));
    }

    @Test
    void predeclaredVariablesKeepTheirMeaningInsideRangeAndWith() {
        String t = "{{ range $k, $v := $labels }}{{ $labels.inner }}{{ $k }}{{ .x }}{{ end }}"
                + "{{ with $value }}{{ $labels.w }}{{ . }}{{ end }}";
        assertThat(references(prometheus(t))).extracting(Reference::root, Reference::key).containsExactly(
                tuple("$labels", ""), tuple("$labels", "inner"), tuple("$value", ""), tuple("$labels", "w"), tuple("$value", ""));
    }

    @Test
    void aRedeclaredOrReassignedVariableIsNoLongerTheRoot() {
        String t = "{{ range .Alerts }}{{ $labels := .Labels }}{{ $labels.x }}{{ end }}"
                + "{{ $l := .CommonLabels }}{{ $l.y }}"
                + "{{ $l = .GroupLabels }}{{ $l.z }}";
        assertThat(references(alertmanager(t))).extracting(Reference::root, Reference::key).containsExactly(
                tuple(".Alerts.Labels", ""), tuple(".Alerts.Labels", "x"), tuple(".CommonLabels", ""), tuple(".CommonLabels", "y"),
                tuple(".GroupLabels", ""));
        String shadow = "{{ with 1 }}{{ $labels := $externalLabels }}{{ $labels.a }}{{ end }}{{ $labels.b }}";
        assertThat(references(prometheus(shadow))).extracting(Reference::root, Reference::key).containsExactly(
                tuple("$externalLabels", ""), tuple("$externalLabels", "a"), tuple("$labels", "b"));
        assertThat(references(prometheus("{{ $labels := 1 }}{{ $labels.x }}"))).isEmpty();
    }

    @Test
    void methodsOnAlertmanagerMapsReadTheWholeMap() {
        assertThat(references(alertmanager("{{ range .CommonLabels.SortedPairs }}{{ .Name }}{{ end }}{{ .GroupLabels.Names }}")))
                .extracting(Reference::root, Reference::key).containsExactly(tuple(".CommonLabels", ""), tuple(".GroupLabels", ""));
    }

    @Test
    void definitionBodiesReadTheTopLevelData() {
        String t = "{{ define \"slack.title\" }}{{ .CommonLabels.alertname }}{{ $.GroupLabels.x }}{{ end }}"
                + "{{ block \"b\" .CommonLabels }}{{ .inner }}{{ end }}";
        assertThat(references(alertmanager(t))).extracting(Reference::root, Reference::key).containsExactly(
                tuple(".CommonLabels", "alertname"), tuple(".GroupLabels", "x"), tuple(".CommonLabels", ""),
                tuple(".CommonLabels", "inner"));
    }

    @Test
    void dynamicIndexKeysAndPipedValuesReadTheWholeRoot() {
        assertThat(references(prometheus("{{ index $labels $labels.k }}{{ $labels | len }}{{ $value | humanize }}")))
                .extracting(Reference::root, Reference::key)
                .containsExactly(tuple("$labels", ""), tuple("$labels", "k"), tuple("$labels", ""), tuple("$value", ""));
    }

    @Test
    void keepsTheReferencesReadBeforeAProblem() {
        Result broken = prometheus("{{ $labels.region }}{{ if 1 }}");
        assertThat(broken.ok()).isFalse();
        assertThat(broken.references()).extracting(Reference::key).containsExactly("region");
    }
}
