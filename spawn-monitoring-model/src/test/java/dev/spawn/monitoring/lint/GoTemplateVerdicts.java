package dev.spawn.monitoring.lint;

import dev.spawn.monitoring.promql.PromtoolVerdicts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks the real {@code promtool check rules} about many templates at once: each becomes the one annotation
 * {@code t} of alert {@code A_<i>} in one rule file, and promtool's error lines
 * ({@code group "g0", rule 3, "A_2": annotation "t": template: __alert_A_2:1: unexpected {{end}}}) map back to
 * the templates. One process for thousands of templates keeps the differential fast.
 */
final class GoTemplateVerdicts {

    private static final Pattern TEMPLATE_ERROR = Pattern.compile("annotation \"t\": template: __alert_A_\\d+:(\\d+): (.*)");
    private static final Pattern STARTED_AT = Pattern.compile("(?: in action)? started at __alert_A_\\d+:\\d+$");

    private GoTemplateVerdicts() {
    }

    /** promtool's verdict on one template: Go's message (without its name:line prefix and "started at" suffix) and line. */
    record Verdict(Optional<String> error, int line) {
        boolean accepted() {
            return error.isEmpty();
        }
    }

    static List<Verdict> check(List<String> templates, Path dir) {
        List<String> rules = new ArrayList<>();
        for (int i = 0; i < templates.size(); i++) {
            rules.add("alert: A_" + i + "\n    expr: vector(1)\n    annotations:\n      t: " + PromtoolVerdicts.yamlQuote(templates.get(i)));
        }
        Map<Integer, String> errors = PromtoolVerdicts.ruleErrors(rules, dir.resolve("templates.rules.yml"));
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < templates.size(); i++) {
            String error = errors.get(i);
            if (error == null) {
                verdicts.add(new Verdict(Optional.empty(), 0));
                continue;
            }
            Matcher m = TEMPLATE_ERROR.matcher(error);
            if (!m.matches()) {
                throw new IllegalStateException("not a template error for A_" + i + ": " + error);
            }
            verdicts.add(new Verdict(Optional.of(STARTED_AT.matcher(m.group(2)).replaceFirst("")), Integer.parseInt(m.group(1))));
        }
        return verdicts;
    }
}
