package dev.spawn.monitoring.check;

import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.rules.Rule;
import dev.spawn.monitoring.model.rules.RuleFile;
import dev.spawn.monitoring.model.rules.RuleGroup;
import dev.spawn.monitoring.rules.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * promtool's messages about a rule that does not load ({@code alerts/custom-alerts.yaml: 7:15: group
 * "spawn-custom", rule 2, "X": could not parse expression: ...}), traced back through the bundle's rule
 * files to the rule, so that a spec reader can place them at the rule in the spec. promtool stays the
 * authority on PromQL; this only says which rule it meant.
 */
final class RuleLoadErrors {

    private static final Pattern RULE_ERROR = Pattern.compile(
            "^(?<file>\\S+?):(?: (?<line>\\d+):(?<col>\\d+):)? group \"(?<group>.*?)\", rule (?<index>\\d+), \"(?<name>.*?)\": (?<message>.*)$");

    /** The problems, and what is left of the output (lines that name no rule). */
    record Split(List<Problem> problems, String rest) {
    }

    private RuleLoadErrors() {
    }

    static Split of(BundleContents bundle, String output) {
        List<Problem> problems = new ArrayList<>();
        StringBuilder rest = new StringBuilder();
        for (String line : output.lines().toList()) {
            Matcher m = RULE_ERROR.matcher(line.strip());
            Optional<Problem> problem = m.matches() ? problem(bundle, m) : Optional.empty();
            if (problem.isPresent()) {
                problems.add(problem.get());
            } else if (!line.isBlank() && !line.strip().equals("FAILED:") && !line.strip().startsWith("Checking ")
                    && !line.strip().startsWith("SUCCESS:")) {
                rest.append(line.strip()).append('\n');
            }
        }
        return new Split(problems, problems.isEmpty() ? output : rest.toString());
    }

    /** Which rule of its name (1, 2, ...) in the file the rule at {@code index} of group {@code group} is. */
    private static int occurrence(RuleFile file, String group, int index, String name) {
        int seen = 0;
        for (RuleGroup g : file.groups()) {
            for (int i = 0; i < g.rules().size(); i++) {
                if (g.rules().get(i).name().equals(name)) {
                    seen++;
                }
                if (g.name().equals(group) && i == index) {
                    return Math.max(1, seen);
                }
            }
        }
        return 1;
    }

    /**
     * The problem at the rule's model element: {@code custom rule X.expr} for an expression of a custom
     * rule, {@code rule X} for a default rule (its override is where the spec changed it).
     */
    private static Optional<Problem> problem(BundleContents bundle, Matcher m) {
        String reported = m.group("file").replace("../", "");
        int index = Integer.parseInt(m.group("index")) - 1;
        for (RuleFile file : bundle.ruleFiles()) {
            if (!reported.equals(file.path()) && !reported.endsWith("/" + file.path())) {
                continue;
            }
            String name = file.groups().stream().filter(g -> g.name().equals(m.group("group"))).findFirst()
                    .map(RuleGroup::rules).filter(rules -> index >= 0 && index < rules.size())
                    .map(rules -> rules.get(index)).map(Rule::name).orElse(m.group("name"));
            boolean custom = !RuleSet.isDefaultsRuleFile(file.path());
            String element = (custom ? "custom rule " : "rule ") + RuleSet.testKey(name, occurrence(file, m.group("group"), index, name));
            String message = m.group("message");
            String location = custom && message.contains("expression") ? element + ".expr" : element;
            return Optional.of(Problem.error(location, (custom ? "custom rule '" : "rule '") + name + "': promtool: "
                    + message + " (" + file.path() + (m.group("line") == null ? "" : ":" + m.group("line") + ":"
                    + m.group("col")) + ")"));
        }
        return Optional.empty();
    }
}
