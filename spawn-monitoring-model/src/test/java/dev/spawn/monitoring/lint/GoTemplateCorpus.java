package dev.spawn.monitoring.lint;

import dev.spawn.monitoring.rules.RuleCatalog;
import dev.spawn.monitoring.rules.RuleDefinition;
import dev.spawn.monitoring.rules.RuleTemplates;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The fixed parts of the template differential corpus: the default rules' templates and hand-written edge cases. */
final class GoTemplateCorpus {

    private GoTemplateCorpus() {
    }

    /** Every label and annotation template of the default rules, with default parameters. */
    static List<String> ruleTemplates() {
        Set<String> out = new LinkedHashSet<>();
        for (RuleDefinition rule : RuleCatalog.defaults().rules()) {
            RuleTemplates templates = new RuleTemplates(rule.parameters(), rule.defaults());
            rule.annotations().values().forEach(t -> out.add(templates.render(t, rule.name())));
            rule.labels().values().forEach(t -> out.add(templates.render(t, rule.name())));
        }
        return List.copyOf(out);
    }

    /** Hand-written templates, valid and invalid, one or more per rule of Go's lexer and parser. */
    static List<String> edgeCases() {
        return List.of(
                // plain text and simple actions
                "", "plain text", "{{ $labels.instance }}", "{{$labels.instance}}", "{{ $value }}", "{{ .Value }}",
                "{{ .Labels.job }}", "{{ $labels.x $labels.y | }}", "{{ $value | humanize }}", "{{ humanize $value }}",
                "{{ $value | printf \"%.2f\" }}", "{{ printf \"%.2f\" $value }}", "{{ $externalLabels.cluster }}",
                "{{ $externalURL }}", "{{ $ }}", "{{ $.Labels.x }}", "{{ . }}", "{{ .Labels }}", "{{ $labels }}",
                "{{ index $labels \"region\" }}", "{{ index $labels `region` }}", "{{ index $labels }}",
                "{{ index .Labels \"a-b\" }}", "{{ (index $labels \"x\") }}", "{{ (index $labels \"x\").y }}",
                "{{ ($labels).x }}", "{{ $labels.x.y }}", "{{ .Labels.x.y.z }}", "{{ $labels.instance_id | toUpper }}",
                "{{ title (toLower $labels.x) }}", "{{ reReplaceAll \"(.*):.*\" \"$1\" $labels.instance }}",
                "{{ query \"up\" | first | value | humanize }}", "{{ with query \"up\" }}{{ . | first | value }}{{ end }}",
                "{{ range query \"up\" }}{{ .Labels.instance }} {{ .Value }}{{ end }}",
                "{{ humanizeDuration 3600 }}", "{{ humanizePercentage 0.5 }}", "{{ humanizeTimestamp 1 }}",
                "{{ humanize1024 1024 }}", "{{ toTime 1 }}", "{{ pathPrefix }}", "{{ externalURL }}",
                "{{ parseDuration \"1h\" }}", "{{ stripPort $labels.instance }}", "{{ stripDomain $labels.instance }}",
                "{{ graphLink \"up\" }}", "{{ tableLink \"up\" }}", "{{ sortByLabel \"x\" (query \"up\") }}",
                "{{ args 1 2 }}", "{{ safeHtml \"<b>\" }}", "{{ match \"a\" \"b\" }}", "{{ label \"x\" . }}",
                "{{ strvalue . }}", "{{ join }}", "{{ stringSlice }}", "{{ trimSpace \"x\" }}", "{{ html \"x\" }}",
                "{{ js \"x\" }}", "{{ urlquery \"x\" }}", "{{ len $labels }}", "{{ slice \"abc\" 1 2 }}", "{{ call }}",
                "{{ print 1 2 }}", "{{ println 1 }}", "{{ and 1 0 }}", "{{ or 1 0 }}", "{{ not 1 }}",
                "{{ eq 1 1 }}{{ ne 1 2 }}{{ lt 1 2 }}{{ le 1 2 }}{{ gt 2 1 }}{{ ge 2 1 }}",
                // functions and variables that do not exist
                "{{ foo }}", "{{ humanise $value }}", "{{ $nope }}", "{{ $labels.x | nope }}", "{{ $Labels.x }}",
                "{{ $x = 1 }}", "{{ $x := 1 }}{{ $x = 2 }}{{ $x }}", "{{ $x := 1 }}{{ $x }}", "{{ $x := $x }}",
                "{{ if true }}{{ $x := 1 }}{{ end }}{{ $x }}", "{{ if true }}{{ $x := 1 }}{{ else }}{{ $x }}{{ end }}",
                "{{ with $x := $labels }}{{ $x.y }}{{ end }}", "{{ with $x := $labels }}{{ end }}{{ $x }}",
                "{{ range $i, $e := $labels }}{{ $i }}{{ $e }}{{ end }}", "{{ range $e := $labels }}{{ $e }}{{ end }}",
                "{{ range $i, $e, $f := $labels }}{{ end }}", "{{ range $i, 1 }}{{ end }}", "{{ range $i, }}{{ end }}",
                "{{ $a, $b := 1 }}", "{{ $x := }}", "{{ $x := 1 2 }}", "{{ $x.y := 1 }}", "{{ $x:=1 }}{{$x}}",
                "{{$x :=1}}", "{{ $ := 1 }}", "{{ $1 := 1 }}{{ $1 }}", "{{ $_ := 1 }}{{ $_ }}",
                // control structures
                "{{ if $labels.x }}a{{ end }}", "{{ if $labels.x }}a{{ else }}b{{ end }}",
                "{{ if 1 }}a{{ else if 2 }}b{{ else }}c{{ end }}", "{{ if 1 }}a{{ else if 2 }}b{{ else if 3 }}c{{ end }}",
                "{{ with 1 }}a{{ else with 2 }}b{{ end }}", "{{ range 1 }}a{{ else if 2 }}b{{ end }}",
                "{{ with 1 }}a{{ else if 2 }}b{{ end }}", "{{ range $labels }}{{ . }}{{ else }}none{{ end }}",
                "{{ if }}{{ end }}", "{{ range }}{{ end }}", "{{ with }}{{ end }}", "{{ if 1 }}", "{{ if 1 }}{{ else }}",
                "{{ end }}", "{{ else }}", "a{{ end }}b", "{{ if 1 }}{{ else }}{{ else }}{{ end }}",
                "{{ if 1 }}{{ end }}{{ end }}", "{{ if 1 }}{{ end 1 }}", "{{ if 1 }}{{ else 1 }}{{ end }}",
                "{{ if.x }}{{ end }}", "{{if 1}}{{end}}", "{{ range .Alerts }}{{ .Labels.x }}{{ end }}",
                "{{ range $labels }}{{ break }}{{ end }}", "{{ range $labels }}{{ continue }}{{ end }}",
                "{{ break }}", "{{ continue }}", "{{ range $labels }}{{ break 1 }}{{ end }}",
                "{{ range $labels }}{{ if 1 }}{{ break }}{{ end }}{{ end }}",
                "{{ range $labels }}{{ end }}{{ break }}", "{{ with 1 }}{{ break }}{{ end }}",
                "{{ range $labels }}{{ define \"x\" }}{{ end }}{{ end }}",
                // define, template, block
                "{{ define \"x\" }}a{{ end }}", "{{ define \"x\" }}a{{ end }}{{ template \"x\" }}",
                "{{ define \"x\" }}a{{ end }}{{ define \"x\" }}b{{ end }}", "{{ define \"x\" }}{{ end }}{{ define \"x\" }}b{{ end }}",
                "{{ define \"x\" }}a{{ end }}{{ define \"x\" }} {{ end }}", "{{ define \"x\" }}{{ $labels.x }}{{ end }}",
                "{{ define \"x\" }}{{ $.Labels.x }}{{ end }}", "{{ define x }}{{ end }}", "{{ define \"x\" 1 }}{{ end }}",
                "{{ define \"x\" }}{{ else }}{{ end }}", "{{ define \"x\" }}", "{{ define `x` }}a{{ end }}",
                "{{ define \"\\q\" }}a{{ end }}", "{{ if 1 }}{{ define \"x\" }}a{{ end }}{{ end }}",
                "{{ define \"x\" }}{{ define \"y\" }}{{ end }}{{ end }}", "{{- define \"x\" -}} a {{- end -}}",
                "{{ template \"x\" }}", "{{ template \"x\" . }}", "{{ template \"x\" $labels }}", "{{ template x }}",
                "{{ template }}", "{{ template \"x\" $y }}", "{{ template \"x\" $y := 1 }}",
                "{{ block \"x\" . }}a{{ end }}", "{{ block \"x\" }}a{{ end }}", "{{ block \"x\" . }}{{ else }}{{ end }}",
                "{{ block \"x\" . }}{{ $labels }}{{ end }}", "{{ define \"x\" }}a{{ end }}{{ block \"x\" . }}b{{ end }}",
                "{{ block \"x\" . }}a{{ end }}{{ define \"x\" }}b{{ end }}", "{{ block x . }}{{ end }}",
                "{{ range $labels }}{{ block \"x\" . }}{{ break }}{{ end }}{{ end }}",
                // pipelines
                "{{ 1 | printf \"%d\" }}", "{{ $value | 1 }}", "{{ $value | \"a\" }}", "{{ $value | . }}",
                "{{ $value | nil }}", "{{ $value | true }}", "{{ $value | $labels }}", "{{ $value | .Labels }}",
                "{{ | humanize }}", "{{ $value | | humanize }}", "{{ $value || humanize }}", "{{ ( $value ) }}",
                "{{ (humanize $value) | toUpper }}", "{{ ((1)) }}", "{{ () }}", "{{ ( }}", "{{ ) }}", "{{ (1 }}",
                "{{ 1) }}", "{{ (1)) }}", "{{ (1 | printf \"%d\") }}", "{{ ($x := 1) }}", "{{ (1).x }}",
                "{{ \"a\".x }}", "{{ true.x }}", "{{ nil.x }}", "{{ ..x }}", "{{ nil }}", "{{ true }}", "{{ false }}",
                "{{ printf .x.y }}", "{{ printf $.x }}", "{{ printf (print 1).x }}", "{{ humanize.x }}",
                "{{ }}", "{{}}", "{{ \t }}", "{{\n}}", "{{ 1 2 3 }}", "{{ $labels.x $labels.y }}",
                "{{ 1, 2 }}", "{{ 1 , }}", "{{ = }}", "{{ := }}", "{{ : }}", "{{ $x : = 1 }}", "{{ ; }}",
                "{{ x@y }}", "{{ $x+1 }}", "{{ .x+1 }}", "{{ a+1 }}", "{{ .x-y }}", "{{ $x-1 }}",
                // numbers
                "{{ 1 }}", "{{ -1 }}", "{{ +1 }}", "{{ 1.5 }}", "{{ .5 }}", "{{ 5. }}", "{{ 1e3 }}", "{{ 1E-3 }}",
                "{{ 1e }}", "{{ 1e+ }}", "{{ 0x1F }}", "{{ 0X1f }}", "{{ 0x }}", "{{ 0o17 }}", "{{ 0O17 }}", "{{ 0o }}",
                "{{ 0b101 }}", "{{ 0b }}", "{{ 0b102 }}", "{{ 017 }}", "{{ 018 }}", "{{ 089 }}", "{{ 08.5 }}",
                "{{ 1_000 }}", "{{ 1__000 }}", "{{ _1 }}", "{{ 1_ }}", "{{ 0x_1F }}", "{{ 0_1 }}", "{{ 1_000.5 }}",
                "{{ 1_000.5_0 }}", "{{ 1._5 }}", "{{ 0x1p-2 }}", "{{ 0x1P+2 }}", "{{ 0x1.8p1 }}", "{{ 0x1.8 }}",
                "{{ 0x.8p1 }}", "{{ 0xp1 }}", "{{ 1p2 }}", "{{ 1i }}", "{{ 1.5i }}", "{{ 0x1i }}", "{{ 0xi }}",
                "{{ 1+2i }}", "{{ 1-2i }}", "{{ 1.5e3+2.5e-1i }}", "{{ 0x1p2+1i }}", "{{ 0x1+1i }}", "{{ 1i+2i }}",
                "{{ 1+2 }}", "{{ 1+ }}", "{{ -+2i }}", "{{ 1_0+2i }}", "{{ 1__0+2i }}", "{{ 1e999+1i }}",
                "{{ 0b1+1i }}", "{{ 18446744073709551615 }}", "{{ 18446744073709551616 }}", "{{ -9223372036854775808 }}",
                "{{ -9223372036854775809 }}", "{{ 9223372036854775808 }}", "{{ 1e308 }}", "{{ 1e309 }}", "{{ 1e-400 }}",
                "{{ 0x1p1024 }}", "{{ 0x1p1023 }}", "{{ 99999999999999999999i }}", "{{ 1.2.3 }}", "{{ 1..2 }}",
                "{{ 1a }}", "{{ 1.5x }}", "{{ - }}", "{{ + }}", "{{ . }}", "{{ -. }}", "{{ +i }}", "{{ -i }}",
                "{{ 3 -}}", "{{ 3-}}", "{{ -3}}", "{{- 3 -}}", "{{-3 }}", "{{ 3  -}}", "{{ 3\t-}}", "{{ 3\n-}}",
                "{{ 1e1_0 }}", "{{ 0x1p1_0 }}", "{{ 1_e1 }}", "{{ 0o1_7 }}", "{{ 0b_1 }}", "{{ 0b1_ }}", "{{ 00 }}",
                "{{ 0 }}", "{{ -0 }}", "{{ 0.0 }}", "{{ 0e0 }}", "{{ 0x0p0 }}", "{{ '\\u00e9' }}",
                // characters and strings
                "{{ 'a' }}", "{{ '' }}", "{{ 'ab' }}", "{{ '\\n' }}", "{{ '\\'' }}", "{{ '\"' }}", "{{ '\\\"' }}",
                "{{ '\\x41' }}", "{{ '\\x4' }}", "{{ '\\u0041' }}", "{{ '\\U00000041' }}", "{{ '\\U00110000' }}",
                "{{ '\\ud800' }}", "{{ '\\101' }}", "{{ '\\400' }}", "{{ '\\q' }}", "{{ 'é' }}", "{{ '😀' }}",
                "{{ 'a }}", "{{ '\n' }}", "{{ '\\", "{{ \"a\" }}", "{{ \"\" }}", "{{ \"a\\tb\" }}", "{{ \"\\q\" }}",
                "{{ \"\\'\" }}", "{{ \"\\\"\" }}", "{{ \"\\x4\" }}", "{{ \"\\x41\" }}", "{{ \"\\u00\" }}",
                "{{ \"\\u00e9\" }}", "{{ \"\\U0001F600\" }}", "{{ \"\\ud800\" }}", "{{ \"\\0\" }}", "{{ \"\\000\" }}",
                "{{ \"\\777\" }}", "{{ \"\\a\\b\\f\\n\\r\\t\\v\\\\\" }}", "{{ \"abc }}", "{{ \"abc\n\" }}",
                "{{ \"abc\\\n\" }}", "{{ \"a\" \"b\" }}", "{{ `raw` }}", "{{ `raw\nline` }}", "{{ `raw\\q` }}",
                "{{ `raw }}", "{{ `a\rb` }}", "{{ \"é\" }}", "{{ \"abcdefghijklmnop\" | x }}",
                // delimiters, trim markers and comments
                "{{", "}}", "{", "}", "{{{ 1 }}}", "{{ 1 }}}", "{{ {1} }}", "{{ 1 }", "{{ $labels.x", "{{ $labels.x }",
                "a {{ 1 }} b", "a {{- 1 -}} b", "a\n\n{{- 1 -}}\n\nb", "{{-1}}", "{{- 1}}", "{{1 -}}", "{{-}}",
                "{{- -}}", "{{-  -}}", "{{ -}}", "{{- }}", "{{--1}}", "{{- -1 -}}", "{{ 1 - }}", "{{ 1 -}}x",
                "{{/* comment */}}", "{{- /* comment */ -}}", "{{/* comment */ }}", "{{ /* comment */ }}",
                "{{/* unclosed", "{{/* a */}}{{/* b */}}", "{{-/* c */-}}", "{{- /* c */}}", "{{/* c */ -}}",
                "{{/**/}}", "{{/* multi\nline */}}", "{{ /* */ }}", "{{/* a */}} {{ $x }}", "{{/* */}}{{ end }}",
                // odd characters
                "{{ é }}", "{{ $é }}", "{{ .é }}", "{{ € }}", "{{ 😀 }}", "{{ \u0001 }}", "{{ \u00a0 }}", "{{ a\u00a0 }}",
                "{{ $x€ }}", "{{ .x€ }}", "{{ f€ }}", "{{ # }}", "{{ ! }}", "{{ ~ }}", "{{ [ }}", "{{ \\ }}",
                "{{ $labels.x\r\n}}", "{{\r\n$labels.x\r\n}}", "{{ $labels.x\n}}\n{{ end }}",
                "line1\nline2 {{ if\n \"abc }}", "{{ if 1 }}\n\n{{ else }}\n", "{{ range $labels }}\n{{ end",
                // Alertmanager-style templates (Prometheus has no such functions: rejected there)
                "{{ range .Alerts }}{{ .Annotations.summary }}{{ end }}", "{{ .CommonLabels.alertname }}",
                "{{ range .Alerts.Firing }}{{ .Labels.instance }}{{ end }}", "{{ .GroupLabels.SortedPairs }}",
                "{{ range .CommonLabels.SortedPairs }}{{ .Name }}={{ .Value }}{{ end }}",
                "{{ join \", \" .GroupLabels.Values }}",
                // how tokens are printed in messages
                "{{ define \"x\" }}{{ end \"ab\" }}", "{{ define \"x\" }}{{ end \"ééééé\" }}",
                "{{ define \"x\" }}{{ end \"ééééééééééé\" }}", "{{ define \"x\" }}{{ end \"a\\tb\" }}",
                "{{ define \"x\" }}{{ end `a\tb` }}", "{{ define \"x\" }}{{ end `a\u0001b` }}",
                "{{ define \"x\" }}{{ end `a\u00a0b` }}", "{{ define \"x\" }}{{ end `😀` }}", "{{ define \"x\" }}{{ end `\u2028` }}",
                "{{ define \"x\" }}{{ end 'a' }}", "{{ define \"x\" }}{{ end $labels }}", "{{ define \"x\" }}{{ end .x }}",
                "{{ define \"x\" }}{{ end nil }}", "{{ define \"x\" }}{{ end . }}", "{{ define \"x\" }}{{ end ( }}",
                "{{ $x := 1 }}{{ $x € }}", "{{ \u0085 }}", "{{ \u007f }}", "{{ \u200b }}", "{{ x\u0301 }}", "{{ define \"slack.title\" }}[{{ .Status | toUpper }}]{{ end }}");
    }
}
