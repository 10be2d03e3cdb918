package dev.spawn.monitoring.promql.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Templates.expand on the paths the alerts use, with the texts promtool gives for them (each was checked by
 * {@link TemplatesPromtoolTest}'s run); the promtool-free half of the proof.
 */
class TemplatesTest {

    private static final Map<String, String> LABELS = Map.of("__name__", "m", "instance", "host-1.example.com:9100",
            "job", "a\"b\" <c>", "region", "eu-west-1");

    private static String expand(String text, double value) {
        return Templates.expand(text, LABELS, value, Map.of("env", "prod"), "http://prom.example:9090/x");
    }

    @Test
    void printsTheValueAsGoFmtDoes() {
        assertThat(expand("{{ $value }}", 1e6)).isEqualTo("1e+06");
        assertThat(expand("{{ $value }}", 123456)).isEqualTo("123456");
        assertThat(expand("{{ $value }}", 1.5e-5)).isEqualTo("1.5e-05");
        assertThat(expand("{{ $value }}", 0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(expand("{{ $value }}", 1e21)).isEqualTo("1e+21");
        assertThat(expand("{{ $value }}", -0.0)).isEqualTo("-0");
        assertThat(expand("{{ $value }}", Double.NaN)).isEqualTo("NaN");
        assertThat(expand("{{ $value }}", Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(expand("{{ .Value }}", Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThat(expand("{{ $value }}", 5e-324)).isEqualTo("5e-324");
    }

    @Test
    void humanizesAsPrometheus() {
        assertThat(expand("{{ $value | humanize }}", 1234567)).isEqualTo("1.235M");
        assertThat(expand("{{ $value | humanize }}", 0.000123)).isEqualTo("123u");
        assertThat(expand("{{ $value | humanize }}", 12345)).isEqualTo("12.35k");
        assertThat(expand("{{ $value | humanize }}", 0)).isEqualTo("0");
        assertThat(expand("{{ $value | humanize }}", 100000)).isEqualTo("100k");
        assertThat(expand("{{ $value | humanize }}", 1e30)).isEqualTo("1e+06Y");
        assertThat(expand("{{ $value | humanizeDuration }}", 90061.5)).isEqualTo("1d 1h 1m 1s");
        assertThat(expand("{{ $value | humanizeDuration }}", -3600)).isEqualTo("-1h 0m 0s");
        assertThat(expand("{{ $value | humanizeDuration }}", 0.5)).isEqualTo("500ms");
        assertThat(expand("{{ $value | humanizeDuration }}", 1.5)).isEqualTo("1.5s");
        assertThat(expand("{{ $value | humanizeDuration }}", 0)).isEqualTo("0s");
        assertThat(expand("{{ $value | humanizePercentage }}", 0.5)).isEqualTo("50%");
        assertThat(expand("{{ $value | humanize1024 }}", 1048576)).isEqualTo("1Mi");
        assertThat(expand("{{ $value | humanizeTimestamp }}", 1700000000.5)).isEqualTo("2023-11-14 22:13:20.5 +0000 UTC");
    }

    @Test
    void readsLabelsAndAMissingLabelIsEmpty() {
        assertThat(expand("{{ $labels.instance }} in {{ $labels.region }}", 1))
                .isEqualTo("host-1.example.com:9100 in eu-west-1");
        assertThat(expand("[{{ $labels.nope }}][{{ .Labels.nope }}][{{ index $labels \"nope\" }}]", 1)).isEqualTo("[][][]");
        assertThat(expand("{{ $externalLabels.env }} {{ $externalURL }}", 1)).isEqualTo("prod http://prom.example:9090/x");
        assertThat(expand("{{ range $k, $v := $labels }}{{ $k }},{{ end }}", 1)).isEqualTo("__name__,instance,job,region,");
        assertThat(expand("{{ $labels.job | html }}|{{ js $labels.job }}", 1))
                .isEqualTo("a&#34;b&#34; &lt;c&gt;|a\\\"b\\\" \\u003Cc\\u003E");
    }

    @Test
    void followsGoTemplateSyntax() {
        assertThat(expand("a  {{- $value -}}  b", 2)).isEqualTo("a2b");
        assertThat(expand("x{{/* c */}}y", 2)).isEqualTo("xy");
        assertThat(expand("{{ if gt $value 1.0 }}big{{ else if eq $value 1.0 }}one{{ else }}small{{ end }}", 1)).isEqualTo("one");
        assertThat(expand("{{ $x := humanize $value }}{{ $x }}/{{ $x }}", 1500)).isEqualTo("1.5k/1.5k");
        assertThat(expand("{{ with $labels.nope }}x{{ else }}none{{ end }}", 1)).isEqualTo("none");
        assertThat(expand("{{ printf \"%.2f|%5.1f%%|%d|%s\" $value $value $value $labels.region }}", 2.345))
                .isEqualTo("2.35|  2.3%|%!d(float64=2.345)|eu-west-1");
        assertThat(expand("{{ reReplaceAll \"(.*):.*\" \"$1\" $labels.instance }}", 1)).isEqualTo("host-1.example.com");
        assertThat(expand("{{ $labels.instance | stripPort | stripDomain | toUpper }}", 1)).isEqualTo("HOST-1");
    }

    @Test
    void textWithoutActionsIsReturnedAsIs() {
        assertThat(expand("no actions { here }", 1)).isEqualTo("no actions { here }");
    }

    @Test
    void refusesWhatItCannotComputeEveryTime() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> expand("{{ query \"up\" | first | value }}", 1)).isInstanceOf(Unsupported.class)
                    .hasMessageContaining("query");
            assertThatThrownBy(() -> expand("{{ $value | toUpper }}", 1)).isInstanceOf(Unsupported.class)
                    .hasMessageContaining("expected string; got float64");
            assertThatThrownBy(() -> expand("{{ nosuchfunction }}", 1)).isInstanceOf(Unsupported.class)
                    .hasMessageContaining("function \"nosuchfunction\" not defined");
            assertThatThrownBy(() -> expand("{{ if $value }}unclosed", 1)).isInstanceOf(Unsupported.class);
            assertThatThrownBy(() -> expand("{{ template \"undefined\" }}", 1)).isInstanceOf(Unsupported.class);
            assertThatThrownBy(() -> expand("{{ block\"x\" . }}y{{ end }}", 1)).isInstanceOf(Unsupported.class);
            assertThatThrownBy(() -> expand("{{ externalURL }}", 1)).isInstanceOf(Unsupported.class);
            assertThatThrownBy(() -> expand("{{ $value | humanizeTimestamp }}", 1e10)).isInstanceOf(Unsupported.class);
        }
    }

    @Test
    void repeatedExpansionsOfOneTextUseEachValue() {
        String text = "{{ $labels.region }}: {{ $value | humanize }}";
        assertThat(expand(text, 1)).isEqualTo("eu-west-1: 1");
        assertThat(expand(text, 2000)).isEqualTo("eu-west-1: 2k");
        assertThat(Templates.expand(text, Map.of("region", "us"), 3, Map.of(), "")).isEqualTo("us: 3");
    }
}
