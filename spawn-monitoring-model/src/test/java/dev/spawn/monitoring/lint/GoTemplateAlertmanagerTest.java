package dev.spawn.monitoring.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.testing.RealTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Alertmanager's side: notification template files parse for us exactly when the real {@code amtool check-config}
 * (Alertmanager 0.25) loads them, with Alertmanager's functions; every function either list names is probed, so
 * {@link GoTemplate#ALERTMANAGER_FUNCTIONS} is neither short nor long. One amtool run checks one configuration
 * per template.
 */
class GoTemplateAlertmanagerTest {

    private static final Pattern FAILED = Pattern.compile("FAILED: template: t\\d+\\.tmpl:\\d+: (.*)");

    static List<String> templates() {
        List<String> templates = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(GoTemplate.PROMETHEUS_FUNCTIONS);
        names.addAll(GoTemplate.ALERTMANAGER_FUNCTIONS);
        names.addAll(List.of("trimSpace", "date", "tz", "since", "humanizeDuration", "toJson", "default", "upper"));
        names.forEach(name -> templates.add("{{ define \"probe\" }}{{ " + name + " }}{{ end }}"));
        templates.addAll(List.of(
                "{{ define \"slack.title\" }}[{{ .Status | toUpper }}{{ if eq .Status \"firing\" }}:{{ .Alerts.Firing | len }}"
                        + "{{ end }}] {{ .GroupLabels.SortedPairs.Values | join \" \" }}{{ end }}",
                "{{ define \"slack.text\" }}{{ range .Alerts }}*{{ .Labels.alertname }}* {{ .Annotations.summary }}\n"
                        + "{{ range .Labels.SortedPairs }} - {{ .Name }}: `{{ .Value }}`\n{{ end }}{{ end }}{{ end }}",
                "{{ define \"x\" }}{{ reReplaceAll \"-\" \"_\" .CommonLabels.region | title }}{{ end }}",
                "{{ define \"x\" }}{{ stringSlice \"a\" \"b\" | join \",\" }}{{ safeHtml \"<b>\" }}{{ match \"a\" \"b\" }}{{ end }}",
                "{{ define \"x\" }}{{ $labels.x }}{{ end }}", "{{ define \"x\" }}{{ if }}{{ end }}{{ end }}",
                "{{ define \"x\" }}{{ range .Alerts }}{{ end }}", "{{ define \"x\" }}a{{ end }}{{ define \"x\" }}b{{ end }}",
                "{{ define \"x\" }}{{ template \"y\" . }}{{ end }}", "{{ define \"x\" }}{{ .CommonLabels.x | humanize }}{{ end }}"));
        return templates;
    }

    @Test
    void acceptsExactlyWhatAmtoolLoads() throws IOException {
        RealTools.require(Tool.AMTOOL);
        List<String> templates = templates();
        Path dir = Files.createTempDirectory("gotemplate-amtool");
        try {
            List<Optional<String>> verdicts = amtool(templates, dir);
            List<String> disagreements = new ArrayList<>();
            for (int i = 0; i < templates.size(); i++) {
                GoTemplate.Result ours = GoTemplate.parse(templates.get(i), GoTemplate.ALERTMANAGER_FUNCTIONS, Set.of());
                Optional<String> oursMessage = ours.problems().stream().findFirst().map(GoTemplate.Problem::message);
                if (!oursMessage.equals(verdicts.get(i))) {
                    disagreements.add(templates.get(i) + "\n    amtool: " + verdicts.get(i).orElse("accepted") + "\n    ours:   "
                            + oursMessage.orElse("accepted"));
                }
            }
            System.out.println("Go template check against amtool 0.25: " + templates.size() + " templates ("
                    + verdicts.stream().filter(Optional::isEmpty).count() + " accepted), agreement on "
                    + (templates.size() - disagreements.size()) + "/" + templates.size());
            assertThat(disagreements).as(String.join("\n", disagreements)).isEmpty();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** amtool's first template error for each template, each loaded by a configuration of its own. */
    private static List<Optional<String>> amtool(List<String> templates, Path dir) throws IOException {
        List<String> args = new ArrayList<>(List.of("check-config"));
        for (int i = 0; i < templates.size(); i++) {
            Files.writeString(dir.resolve("t" + i + ".tmpl"), templates.get(i), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("c" + i + ".yml"),
                    "route:\n  receiver: r\nreceivers:\n- name: r\ntemplates:\n- 't" + i + ".tmpl'\n", StandardCharsets.UTF_8);
            args.add("c" + i + ".yml");
        }
        Tool.Result result = Tool.AMTOOL.run(dir, 120, args.toArray(String[]::new));
        String[] sections = result.output().split("Checking 'c");
        List<Optional<String>> verdicts = new ArrayList<>();
        for (int i = 0; i < templates.size(); i++) {
            String section = sections[i + 1];
            if (!section.startsWith(i + ".yml'")) {
                throw new IllegalStateException("amtool's output is out of order at c" + i + ".yml:\n" + result);
            }
            Matcher failed = FAILED.matcher(section);
            if (failed.find()) {
                verdicts.add(Optional.of(failed.group(1).strip()));
            } else if (section.contains("FAILED")) {
                throw new IllegalStateException("amtool rejected c" + i + ".yml for another reason:\n" + result);
            } else {
                verdicts.add(Optional.empty());
            }
        }
        return verdicts;
    }
}
