package dev.spawn.monitoring.check;

import dev.spawn.monitoring.MonitoringBundle;
import java.nio.file.Path;
import java.util.ArrayList;
import dev.spawn.monitoring.model.rules.AlertingRule;
import dev.spawn.monitoring.model.rules.RuleFile;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the real tools over a written (or staged) bundle: {@code promtool check config} on each
 * Prometheus configuration, {@code promtool check rules} on every rule file, {@code promtool test
 * rules} on the generated rule tests, {@code amtool check-config} on the Alertmanager configuration,
 * and {@code amtool config routes test} for each category and severity of the rules.
 */
public final class BundleCheck {

    /** What to do when a tool is not installed. */
    public enum MissingTool { FAIL, SKIP }

    /** One check: which command ran on which files, and how it went; {@code output} is the tool's own message. */
    public record Outcome(String name, Status status, String output) {
        public enum Status { PASSED, FAILED, SKIPPED }

        public boolean failed() {
            return status == Status.FAILED;
        }

        @Override
        public String toString() {
            return name + ": " + status.name().toLowerCase(java.util.Locale.ROOT)
                    + (status == Status.PASSED || output.isBlank() ? "" : "\n" + output.strip());
        }
    }

    private static final long TIMEOUT_SECONDS = 120;

    private BundleCheck() {
    }

    public static List<Outcome> run(MonitoringBundle bundle, Path directory, MissingTool missing) {
        List<Outcome> outcomes = new ArrayList<>();
        // --syntax-only: certificates, password files and the like live on the Prometheus server, not on
        // the machine that generates the bundle; the rule files, which it then skips, are checked next
        for (String config : bundle.prometheusConfigFiles()) {
            outcomes.add(run(Tool.PROMTOOL, directory, missing, "promtool check config " + config,
                    "check", "config", "--syntax-only", config));
        }
        if (!bundle.ruleFiles().isEmpty()) {
            List<String> args = new ArrayList<>(List.of("check", "rules"));
            bundle.ruleFiles().forEach(f -> args.add(f.path()));
            outcomes.add(run(Tool.PROMTOOL, directory, missing, "promtool check rules (" + bundle.ruleFiles().size() + " files)",
                    args.toArray(String[]::new)));
        }
        if (!bundle.ruleTests().isEmpty()) {
            List<String> args = new ArrayList<>(List.of("test", "rules"));
            args.addAll(bundle.ruleTests().keySet());
            outcomes.add(run(Tool.PROMTOOL, directory, missing, "promtool test rules (" + bundle.ruleTests().size() + " files)",
                    args.toArray(String[]::new)));
        }
        Outcome config = run(Tool.AMTOOL, directory, missing, "amtool check-config " + MonitoringBundle.ALERTMANAGER_FILE,
                "check-config", MonitoringBundle.ALERTMANAGER_FILE);
        outcomes.add(config);
        if (config.status() == Outcome.Status.PASSED) {
            outcomes.add(routing(bundle, directory));
        }
        return outcomes;
    }

    /**
     * {@code amtool config routes test} for one alert of each category and severity the bundle has:
     * Alertmanager must deliver it to exactly the receivers the model's routing tree says.
     */
    static Outcome routing(MonitoringBundle bundle, Path directory) {
        Map<String, Map<String, String>> probes = new TreeMap<>();
        for (RuleFile file : bundle.ruleFiles()) {
            file.groups().stream().flatMap(g -> g.rules().stream()).filter(r -> r instanceof AlertingRule)
                    .map(r -> (AlertingRule) r).forEach(rule -> {
                        Map<String, String> labels = new TreeMap<>(rule.labels());
                        labels.put("alertname", rule.alert());
                        probes.putIfAbsent(labels.getOrDefault("category", "") + "/" + labels.getOrDefault("severity", ""), labels);
                    });
        }
        StringBuilder report = new StringBuilder();
        boolean ok = true;
        for (Map<String, String> labels : probes.values()) {
            List<String> expected = bundle.alertmanager().route().receiversFor(labels);
            List<String> args = new ArrayList<>(List.of("config", "routes", "test",
                    "--config.file=" + MonitoringBundle.ALERTMANAGER_FILE, "--verify.receivers=" + String.join(",", expected)));
            labels.forEach((k, v) -> args.add(k + "=" + v));
            Tool.Result result = Tool.AMTOOL.run(directory, TIMEOUT_SECONDS, args.toArray(String[]::new));
            if (!result.ok()) {
                ok = false;
                report.append(labels).append(": expected ").append(expected).append(", amtool: ")
                        .append(result.output().lines().filter(l -> !l.startsWith("Warning: --config.file"))
                                .reduce((a, b) -> a + " " + b).orElse("").strip()).append('\n');
            }
        }
        return new Outcome("amtool config routes test (" + probes.size() + " category/severity pairs)",
                ok ? Outcome.Status.PASSED : Outcome.Status.FAILED, report.toString());
    }

    private static Outcome run(Tool tool, Path directory, MissingTool missing, String name, String... args) {
        if (tool.locate().isEmpty()) {
            String message = tool.command() + " not found; " + tool.installHint();
            if (missing == MissingTool.FAIL) {
                return new Outcome(name, Outcome.Status.FAILED, message);
            }
            return new Outcome(name, Outcome.Status.SKIPPED, message);
        }
        Tool.Result result = tool.run(directory, TIMEOUT_SECONDS, args);
        return new Outcome(name, result.ok() ? Outcome.Status.PASSED : Outcome.Status.FAILED, result.output());
    }
}
