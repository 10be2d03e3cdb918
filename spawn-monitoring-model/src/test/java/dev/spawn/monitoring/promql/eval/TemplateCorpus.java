package dev.spawn.monitoring.promql.eval;

import dev.spawn.monitoring.rules.RuleCatalog;
import dev.spawn.monitoring.rules.RuleDefinition;
import dev.spawn.monitoring.rules.RuleTemplates;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The templates the differential test expands: the default alerts' first, then every function and path. */
final class TemplateCorpus {

    /** The kinds of template the default alerts' annotations use (examples/infra-repo/monitoring/alerts). */
    static final List<String> DEFAULTS = List.of(
            "{{ $labels.instance_id }}",
            "{{ $labels.region }}",
            "{{ $value }}",
            "{{ $value | humanize }}",
            "{{ $value | humanizeDuration }}",
            "{{ $value | humanizePercentage }}",
            "Instance {{ $labels.instance_id }} in {{ $labels.region }} costs {{ $value | humanize }}/h",
            "{{ $labels.gpu_index }} {{ $labels.instance }} {{ $labels.job_array_id }} {{ $labels.missing }}");

    /** Number formatting, expanded for many random values. */
    static final List<String> NUMBERS = List.of(
            "{{ $value }}",
            "{{ $value | humanize }}|{{ $value | humanizePercentage }}|{{ humanize1024 $value }}|{{ humanizeDuration $value }}",
            "{{ printf \"%.4g|%e|%.3f|%g|%.10g|%.17g|%.0f|%.1e|%G|%.5E\" $value $value $value $value $value $value $value $value $value $value }}");

    private static final List<String> MORE = List.of(
            "{{ .Value }}",
            "{{ .Labels.job }}|{{ .Labels.nope }}|{{ $.Labels.instance }}",
            "{{ humanize $value }}",
            "{{ $value | humanize1024 }}",
            "{{ $value | humanizeTimestamp }}",
            "{{ $value | toTime }}",
            "{{ humanizePercentage $value }} {{ humanizeDuration $value }}",
            "{{ printf \"%.2f\" $value }}",
            "{{ printf \"%f|%.0f|%.1f|%.3f\" $value $value $value $value }}",
            "{{ printf \"%e|%.3e|%E\" $value $value $value }}",
            "{{ printf \"%g|%.4g|%.10g|%G|%.1g\" $value $value $value $value $value }}",
            "{{ printf \"%v|%s|%d|%t\" $value $value $value $value }}",
            "{{ printf \"[%10.3f][%-10.2f][%+.2e][%08.3f][% .2f][%+v][%12v]\" $value $value $value $value $value $value $value }}",
            "{{ printf \"%5.1f%%\" $value }}",
            "{{ printf \"%q|%x|%X|%s|%10s|%-6s|%.2s\" $labels.job $labels.job $labels.instance $labels.job $labels.instance $labels.job $labels.job }}",
            "{{ printf \"%s %s\" $labels.job }}",
            "{{ printf \"%s\" $labels.job 1 2.5 \"x\" }}",
            "{{ printf \"%d|%5d|%-5d|%05d|%x|%X|%o|%b|%+d\" 42 -42 42 42 255 255 8 5 7 }}",
            "{{ printf \"%v %v %T %T %T\" true nil 1 $value $labels }}",
            "{{ printf \"%v\" $labels }}",
            "{{ printf \"%d\" (len $labels) }}",
            "{{ printf \"trailing %\" }}",
            "{{ $value | printf \"%.3f\" }}",
            "{{ $labels }}",
            "{{ . }}",
            "{{ index $labels \"instance\" }}|{{ index $labels \"absent\" }}|{{ index . \"x\" }}",
            "{{ range $k, $v := $labels }}{{ $k }}={{ $v }};{{ end }}",
            "{{ range $labels }}[{{ . }}]{{ else }}none{{ end }}",
            "{{ range $i, $e := $externalLabels }}{{ $i }}{{ $e }}{{ end }}",
            "{{ range $k, $v := $labels }}{{ if eq $k \"job\" }}{{ break }}{{ end }}{{ $k }},{{ end }}",
            "{{ range $k, $v := $labels }}{{ if eq $k \"job\" }}{{ continue }}{{ end }}{{ $k }},{{ end }}",
            "{{ with $labels.instance }}i={{ . }}{{ else }}no instance{{ end }}",
            "{{ with $labels.nope }}x{{ else }}empty{{ end }}",
            "{{ if eq $labels.job \"node\" }}node{{ else if ne $labels.job \"\" }}other{{ else }}none{{ end }}",
            "{{ if gt $value 100.0 }}big{{ else if lt $value -1.5 }}negative{{ else }}small{{ end }}",
            "{{ if ge $value 0.5 }}ge{{ end }}{{ if le $value 0.5 }}le{{ end }}{{ if eq $value 0.5 1.0 }}eq{{ end }}",
            "{{ if $value }}truthy{{ else }}zero{{ end }}",
            "{{ toUpper $labels.job }}|{{ toLower $labels.instance }}|{{ title $labels.job }}",
            "{{ $labels.instance | stripPort }}|{{ $labels.instance | stripDomain }}|{{ stripDomain $labels.instance_id }}",
            "{{ reReplaceAll \"(.*):.*\" \"$1\" $labels.instance }}",
            "{{ reReplaceAll \"([a-z]+)\" \"<${1}>$1x$$\" $labels.job }}",
            "{{ reReplaceAll \"a*\" \"-\" \"baaac\" }}|{{ reReplaceAll \"\" \"_\" $labels.job }}",
            "{{ reReplaceAll \"(?P<first>\\\\w)(\\\\w*)\" \"${first}.$2\" $labels.instance }}",
            "{{ if match \"^10\\\\.\" $labels.instance }}ip{{ else }}name{{ end }}",
            "{{ safeHtml $labels.job }}|{{ html $labels.job }}|{{ js $labels.job }}|{{ urlquery $labels.job }}",
            "{{ $labels.job | html }}|{{ $labels.instance | js }}|{{ $value | urlquery }}|{{ html $value $labels.job }}",
            "{{ len $labels }}|{{ len $labels.job }}|{{ len \"héllo\" }}",
            "{{ with args 1 \"x\" $value }}{{ .arg0 }} {{ .arg1 }} {{ .arg2 }} {{ .arg3 }}{{ end }}",
            "{{ print $value $labels.job 1 2 true }}|{{ print \"a\" \"b\" 3 4 }}",
            "{{ println $value \"x\" }}",
            "{{ $externalLabels.region }}|{{ $externalLabels.env }}|{{ $externalURL }}|{{ .ExternalURL }}",
            "{{ $externalLabels }}",
            "a  {{- $value -}}  b\n  {{- \" c \" }}  d {{ \"e\" -}} \n f",
            "x{{/* a comment */}}y {{- /* trimmed */ -}} z",
            "{{ $x := humanize $value }}{{ $x }}/{{ $x }}",
            "{{ $v := 1 }}{{ if true }}{{ $v = 2 }}{{ $w := 3 }}{{ $w }}{{ end }}{{ $v }}",
            "{{ and $labels.job $labels.instance }}|{{ or $labels.missing \"default\" }}|{{ not $value }}|{{ and 1 0 }}|{{ or 0 \"\" }}",
            "{{ lt $labels.job \"m\" }} {{ gt \"b\" \"a\" }} {{ eq true true }} {{ ne 1 2 }}",
            "{{ 1.5 }} {{ 1e3 }} {{ 100 }} {{ -7 }} {{ 0.1 }} {{ 1.0 }} {{ true }} {{ \"a\\tb\\u00e9\\U0001F600\" }} {{ `raw\\n` }}",
            "{{ graphLink \"up{job=\\\"x\\\"} > 0\" }} {{ tableLink \"rate(m[5m])\" }}",
            "{{ parseDuration \"1h30m\" }} {{ humanizeDuration (parseDuration \"90061s\") }} {{ parseDuration \"1y2w3d\" }}",
            "{{ (humanize $value) | toUpper }} {{ (printf \"%.1f\" $value) }}",
            "{{ humanize $labels.n }}|{{ humanizePercentage $labels.n }}",
            "{{ humanize 1234 }} {{ humanize1024 2048 }} {{ humanizeDuration 3661 }} {{ humanizeTimestamp 1234567890 }} {{ humanize \"NaN\" }} {{ humanize \"-Inf\" }}",
            "{{ humanizeTimestamp \"1700000000.5\" }} {{ toTime 1.5 }}",
            "{{ humanize \"1_000\" }} {{ humanize \"0x1p-2\" }} {{ humanize \"089\" }} {{ humanize \".5e1\" }} {{ humanize \"+Inf\" }} {{ humanize \"infinity\" }} {{ humanize \"-0\" }}",
            "{{ $value | humanize | printf \"%s!\" | toUpper }}",
            "{{ if and (gt $value 0.0) (lt $value 1.0) }}fraction{{ end }}",
            "{{ $labels.job | title | printf \"%q\" }}",
            "{{ $value | toTime | print }}",
            "{{ printf \"%q\" $labels.weird }}|{{ js $labels.weird }}|{{ urlquery $labels.weird }}|{{ html $labels.weird }}",
            "{{ title \"hello wORLD foo_bar x-y émile ǆemal 1st a.b\" }}|{{ title $labels.weird }}|{{ title $labels.job }}",
            "{{ toUpper \"ß straße ǆ ﬁ ÿ\" }}|{{ toLower \"İSTANBUL ΣΑΣ Ǆ\" }}|{{ toUpper $labels.weird }}",
            "{{ range $k, $v := $labels }}{{ range $k2, $v2 := $externalLabels }}{{ $k }}{{ $k2 }} {{ end }}{{ end }}",
            "{{ with $x := $labels.job }}{{ $x }}{{ end }}|{{ if not (eq $labels.job \"node\") }}not node{{ end }}",
            "{{ len (printf \"%v\" $value) }}|{{ index (args \"a\" \"b\") \"arg1\" }}|{{ args }}",
            "{{ range $i, $a := args 3 \"x\" 1.5 }}{{ $i }}:{{ $a }} {{ end }}",
            "{{- if true -}}\n  yes\n{{- end -}}\n",
            "Value is {{ $value | humanize }}\nLabels:{{ range $k, $v := $labels }}\n  {{ $k }} = {{ $v }}{{ end }}\n",
            "{{ $value := 5 }}{{ $value }}|{{ $value = 7 }}{{ $value }}|{{ .Value }}",
            "{{ printf \"%s\" nil }}|{{ printf \"%d %s\" 1 }}|{{ printf \"100%\" }}|{{ printf \"%!\" }}|{{ printf \"%z\" 1 }}",
            "{{ printf \"%.3s|%.10s|%5.1s|\" \"日本語日本語\" \"ab\" \"xyz\" }}{{ printf \"%x|%X\" \"héllo\" 3735928559 }}",
            "{{ printf \"%v|%v|%v\" 1e100 0.000001 123456789.0 }}|{{ 1e100 }}|{{ 0.000001 }}|{{ 123456789.0 }}",
            "{{ reReplaceAll \"^(\\\\w+)-(\\\\d+)$\" \"$2-$1\" \"abc-123\" }}|{{ reReplaceAll \"(a)|b\" \"[$1]\" \"ab\" }}|{{ reReplaceAll \"x\" \"${1\" \"axb\" }}",
            "{{ reReplaceAll \"é\" \"e\" \"café é\" }}|{{ reReplaceAll \"\\\\b\" \"|\" \"ab cd\" }}|{{ reReplaceAll \"(?i)NODE\" \"n\" $labels.job }}|{{ reReplaceAll \"x*\" \"-\" \"日x本\" }}",
            "{{ reReplaceAll \"(\\\\w+)\" \"$10 $1_ ${1}_ $01 $$1 $\" \"word\" }}",
            "{{ match \"ode\" $labels.job }}|{{ match \"^$\" $labels.missing }}|{{ match \"(?s)a.b\" \"a\\nb\" }}",
            "{{ stripPort \"[::1]\" }}|{{ stripPort \"a:b:c\" }}|{{ stripPort \"[::1]:80\" }}|{{ stripPort \"host:\" }}|{{ stripPort \":80\" }}",
            "{{ stripDomain \"10.0.0.1\" }}|{{ stripDomain \"foo.bar:80\" }}|{{ stripDomain \"[fe80::1]:80\" }}|{{ stripDomain \"[a.b]:80\" }}|{{ stripDomain \"1.2.3.04:9\" }}|{{ stripDomain \"::ffff:1.2.3.4\" }}|{{ stripDomain \"1::2::3\" }}",
            "{{ eq (safeHtml \"a\") \"a\" }}|{{ safeHtml \"<b>\" | html }}|{{ len (safeHtml \"abc\") }}|{{ printf \"%s|%v|%q|%d\" (safeHtml \"<i>\") (safeHtml \"x\") (safeHtml \"y\") (safeHtml \"z\") }}",
            "{{ if eq $labels.job \"node\" \"node_exporter\" }}a node{{ else if eq $labels.job \"\" }}no job{{ else if lt (len $labels.job) 10 }}short{{ else }}long{{ end }}",
            "{{ range $labels }}{{ . | len }},{{ end }}{{ range $externalLabels }}{{ . }}{{ else }}no external labels{{ end }}",
            "{{ with $externalURL }}url={{ . }}{{ else }}no url{{ end }}|{{ $externalURL | urlquery }}",
            "{{ humanize1024 $value }}|{{ humanize1024 -2048.5 }}|{{ humanize1024 1 }}|{{ humanize1024 0.5 }}",
            "{{ humanizeDuration 0.000001234 }}|{{ humanizeDuration -0.5 }}|{{ humanizeDuration 59.99999 }}|{{ humanizeDuration 86399.9 }}|{{ humanizeDuration -3600 }}",
            "{{ humanizeTimestamp 0 }}|{{ humanizeTimestamp -1.5 }}|{{ humanizeTimestamp 1.0009 }}|{{ humanizeTimestamp 253402300799.999 }}|{{ humanizeTimestamp 1e9 }}",
            "{{ printf \"%.2f%%\" (humanize 1234) }}",
            "{{ printf \"%5d|%.1d|%-4t|%+q|%08s|%x|%.3v|%6.2v\" \"ab\" \"cd\" 1.5 1.5 true nil $value $value }}",
            "{{ printf \"%t|%5t|%s|%d|%v\" true false true $labels 1.5 }}",
            "{{ define \"x\" }}[{{ . }}]{{ end }}{{ template \"x\" $value }}{{ template \"x\" $labels.job }}{{ template \"x\" }}",
            "{{ block \"b\" $labels }}{{ range $k, $v := . }}{{ $k }}{{ end }}{{ end }}|{{ template \"b\" $externalLabels }}",
            "{{ slice \"abc\" 1 2 }}|{{ slice \"abc\" 1 }}|{{ slice \"héllo\" 3 }}|{{ slice (safeHtml \"<b>\") 1 }}|{{ slice \"abc\" }}",
            "{{ slice \"abc\" 2 1 }}",
            "{{ printf \"%c|%c|%q|%q|%U|%U|%5c|%-4q|%08U|%05c|%c|%q\" 65 0x1F600 39 10 233 -1 97 98 99 100 -5 1114112 }}",
            "{{ template \"y\" . }}{{ define \"y\" }}{{ .Labels.job }} {{ $.Value | humanize }}{{ end }}");

    private TemplateCorpus() {
    }

    static List<String> templates() {
        List<String> all = new ArrayList<>(defaults());
        all.addAll(MORE);
        return all;
    }

    /**
     * What the default alerts' labels and annotations use: every label and annotation template of the default rules
     * (default parameters), then {@link #DEFAULTS}.
     */
    static List<String> defaults() {
        Set<String> out = new LinkedHashSet<>();
        for (RuleDefinition rule : RuleCatalog.defaults().rules()) {
            RuleTemplates templates = new RuleTemplates(rule.parameters(), rule.defaults());
            rule.annotations().values().forEach(t -> out.add(templates.render(t, rule.name())));
            rule.labels().values().forEach(t -> out.add(templates.render(t, rule.name())));
        }
        out.addAll(DEFAULTS);
        return List.copyOf(out);
    }
}
