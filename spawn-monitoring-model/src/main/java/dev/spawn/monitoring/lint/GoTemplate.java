package dev.spawn.monitoring.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Interim: finds label references by pattern and reports no syntax problem; the Go template parser replaces it. */
public final class GoTemplate {
    public static final Set<String> PROMETHEUS_FUNCTIONS = Set.of();
    public static final Set<String> ALERTMANAGER_FUNCTIONS = Set.of();
    public static final Set<String> PROMETHEUS_VARIABLES = Set.of("labels", "externalLabels", "externalURL", "value");
    private static final Pattern REF = Pattern.compile("(\\$labels|\\$externalLabels|\\.CommonLabels|\\.GroupLabels|\\.Labels)\\.([a-zA-Z_][a-zA-Z0-9_]*)|(\\$value|\\.Value)\\b");

    public static Result parse(String text, Set<String> functions, Set<String> predeclared) {
        List<Reference> refs = new ArrayList<>();
        Matcher m = REF.matcher(text);
        while (m.find()) {
            refs.add(m.group(1) != null ? new Reference(m.group(1), m.group(2), m.start()) : new Reference(m.group(3), "", m.start()));
        }
        return new Result(List.of(), refs);
    }

    public record Result(List<Problem> problems, List<Reference> references) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public record Problem(int offset, String message) {
    }

    public record Reference(String root, String key, int offset) {
    }
}
