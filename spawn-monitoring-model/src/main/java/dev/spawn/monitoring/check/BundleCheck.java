package dev.spawn.monitoring.check;

import dev.spawn.monitoring.grafana.DashboardQueries;
import dev.spawn.monitoring.io.BundleWriter;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.rules.AlertingRule;
import dev.spawn.monitoring.model.rules.RuleFile;
import dev.spawn.monitoring.render.YamlOutput;
import dev.spawn.monitoring.rules.RuleSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

/**
 * Runs the real tools over a written (or staged) bundle: {@code promtool check config} on each
 * Prometheus configuration, {@code promtool check rules} on every rule file, {@code promtool test
 * rules} on the generated rule tests, {@code amtool check-config} on the Alertmanager configuration,
 * and {@code amtool config routes test} for each category and severity of the rules.
 */
public final class BundleCheck {

    /** What to do when a tool is not installed. */
    public enum MissingTool { FAIL, SKIP }

    /**
     * One check: which command ran on which files, and how it went; {@code output} is the tool's own
     * message, less the lines that became {@code problems} (findings traced to a model element, such as
     * a rule whose expression does not parse, located at {@code custom rule X.expr} or {@code rule X}, or
     * a generated case that fails, at its rule). {@code cases}: the promtool test cases that ran, for
     * {@code promtool test rules} only.
     */
    public record Outcome(String name, Status status, String output, List<Problem> problems, List<RuleTestCases.Case> cases,
            List<MutationCheck.Verdict> mutants) {
        public enum Status { PASSED, FAILED, SKIPPED }

        public Outcome {
            problems = List.copyOf(problems == null ? List.of() : problems);
            cases = List.copyOf(cases == null ? List.of() : cases);
            mutants = List.copyOf(mutants == null ? List.of() : mutants);
        }

        public Outcome(String name, Status status, String output, List<Problem> problems, List<RuleTestCases.Case> cases) {
            this(name, status, output, problems, cases, List.of());
        }

        public Outcome(String name, Status status, String output, List<Problem> problems) {
            this(name, status, output, problems, List.of());
        }

        public Outcome(String name, Status status, String output) {
            this(name, status, output, List.of());
        }

        public boolean failed() {
            return status == Status.FAILED;
        }

        /** The same outcome with each problem passed through {@code place} (e.g. to its spec position). */
        public Outcome placed(UnaryOperator<Problem> place) {
            return new Outcome(name, status, output, problems.stream().map(place).toList(), cases, mutants);
        }

        @Override
        public String toString() {
            StringBuilder details = new StringBuilder();
            problems.forEach(p -> details.append('\n').append(p));
            if (status != Status.PASSED && !output.isBlank()) {
                details.append('\n').append(output.strip());
            }
            return name + ": " + status.name().toLowerCase(java.util.Locale.ROOT) + details;
        }
    }

    private static final long TIMEOUT_SECONDS = 120;

    private BundleCheck() {
    }

    public static List<Outcome> run(BundleContents bundle, Path directory, MissingTool missing) {
        return run(bundle, directory, missing, false);
    }

    /**
     * {@link #run(BundleContents, Path, MissingTool)}, and with {@code mutation} also {@link MutationCheck} once the
     * rule tests pass ({@code spawn:check}; {@code spawn:generate} leaves it out, it takes seconds). The tools that
     * do not wait for each other run at the same time (the Prometheus configurations, the rules and their tests,
     * the dashboard queries, the Alertmanager configuration and its routes); the outcomes keep their order.
     */
    public static List<Outcome> run(BundleContents bundle, Path directory, MissingTool missing, boolean mutation) {
        return run(bundle, directory, missing, mutation, ResultCache.NONE);
    }

    /**
     * {@link #run(BundleContents, Path, MissingTool, boolean)}, skipping the alerts' test files and mutants that
     * {@code cache} says passed (or were killed) with the same bytes and promtool before; it learns this run's.
     */
    public static List<Outcome> run(BundleContents bundle, Path directory, MissingTool missing, boolean mutation,
            ResultCache cache) {
        // what the configuration checks read: every file but the rules and their tests, which change most often
        Inputs inputs = new Inputs(bundle);
        List<Callable<List<Outcome>>> parts = new ArrayList<>();
        // --syntax-only: certificates, password files and the like live on the Prometheus server, not on
        // the machine that generates the bundle; the rule files, which it then skips, are checked next
        for (String config : bundle.prometheusConfigFiles()) {
            String name = "promtool check config " + config;
            parts.add(() -> List.of(unlessPassed(cache, Tool.PROMTOOL, name, inputs.settings(), () -> run(Tool.PROMTOOL, directory,
                    missing, name, "check", "config", "--syntax-only", config))));
        }
        parts.add(() -> rules(bundle, directory, missing, mutation, cache, inputs));
        if (bundle.grafana() != null && !bundle.grafana().dashboards().isEmpty()) {
            // the scratch file goes beside the bundle, where the caller's temporary or staging directories are
            Path beside = directory.toAbsolutePath().getParent();
            DashboardQueries queries = DashboardQueries.of(bundle.grafana().dashboards());
            parts.add(() -> List.of(unlessPassed(cache, Tool.PROMTOOL, "promtool check rules (" + queries.size()
                    + " dashboard queries)", List.of(queries.ruleFile()), () -> dashboardQueries(queries, beside, missing))));
        }
        parts.add(() -> {
            List<Outcome> outcomes = new ArrayList<>();
            String name = "amtool check-config " + BundleContents.ALERTMANAGER_FILE;
            Outcome config = unlessPassed(cache, Tool.AMTOOL, name, inputs.settings(), () -> run(Tool.AMTOOL, directory, missing,
                    name, "check-config", BundleContents.ALERTMANAGER_FILE));
            outcomes.add(config);
            if (config.status() == Outcome.Status.PASSED) {
                outcomes.add(routing(bundle, directory, cache, inputs));
            }
            return outcomes;
        });
        List<Outcome> outcomes = new ArrayList<>();
        SideBySide.all(PARALLEL, parts, "the tools").forEach(outcomes::addAll);
        if (!bundle.routingTests().isEmpty()) {
            outcomes.add(RoutingSimulator.run(bundle.alertmanager(), bundle.routingTests()));
        }
        return outcomes;
    }

    /** What a run of a tool reads, for the keys of {@link ResultCache}: the bundle's files, looked at once. */
    private static final class Inputs {
        private final BundleContents bundle;
        private SortedMap<String, byte[]> files;
        private List<byte[]> settings;

        Inputs(BundleContents bundle) {
            this.bundle = bundle;
        }

        synchronized SortedMap<String, byte[]> files() {
            if (files == null) {
                files = bundle.files();
            }
            return files;
        }

        /**
         * Every file of the bundle except the rule files and their tests, path and bytes: what a configuration check
         * may read (a configuration names other files of the bundle: templates, flags), and nothing a rule change touches.
         */
        synchronized List<byte[]> settings() {
            if (settings == null) {
                java.util.Set<String> rules = new java.util.HashSet<>(bundle.ruleTests().keySet());
                bundle.ruleFiles().forEach(f -> rules.add(f.path()));
                List<byte[]> read = new ArrayList<>();
                files().forEach((path, bytes) -> {
                    if (!rules.contains(path)) {
                        read.add(path.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        read.add(bytes);
                    }
                });
                settings = List.copyOf(read);
            }
            return settings;
        }
    }

    /** The name of a check that {@link ResultCache} knew passed with the same tool and the same bytes. */
    static String unchanged(String name) {
        return name.endsWith(")") ? name.substring(0, name.length() - 1) + "; unchanged since it last passed)"
                : name + " (unchanged since it last passed)";
    }

    /**
     * {@code check}, unless {@code cache} knows that the same tool passed {@code name} on the same {@code inputs}; a run
     * that passes is remembered. {@code name} is the command, the key's part that is not read from files.
     */
    private static Outcome unlessPassed(ResultCache cache, Tool tool, String name, List<byte[]> inputs,
            java.util.function.Supplier<Outcome> check) {
        Optional<String> key = cache.stepKey(tool, name, inputs);
        if (key.isPresent() && cache.passed(key.get())) {
            return new Outcome(unchanged(name), Outcome.Status.PASSED, "");
        }
        Outcome outcome = check.get();
        if (outcome.status() == Outcome.Status.PASSED) {
            key.ifPresent(cache::rememberPassed);
        }
        return outcome;
    }

    /** Threads that wait for tool processes: the independent checks, or the amtool route probes. */
    private static final int PARALLEL = 4;

    /**
     * {@code promtool check rules}, and beside it {@code test rules}, whose result counts only if the rules load (its
     * run is cancelled otherwise); then the mutants if the tests pass. The tests are the longest of the tools: they
     * do not wait for the rule check, which would only tell them what they find themselves.
     */
    private static List<Outcome> rules(BundleContents bundle, Path directory, MissingTool missing, boolean mutation,
            ResultCache cache, Inputs inputs) {
        java.util.concurrent.Future<Outcome> tests = bundle.ruleTestFiles().isEmpty() ? null
                : SideBySide.started(() -> withCases(bundle, traced(bundle, testRules(bundle, directory, missing,
                        testsName(bundle), cache))), "promtool test rules");
        List<Outcome> outcomes = new ArrayList<>();
        try {
            if (!bundle.ruleFiles().isEmpty()) {
                outcomes.add(checkRules(bundle, directory, missing, cache, inputs));
            }
            if (bundle.scaleOut() != null && !bundle.scaleOut().ruleFilePaths().isEmpty()) {
                // the rule files each process of a scaled-out bundle loads: its tier's share of the files above
                List<String> args = new ArrayList<>(List.of("check", "rules"));
                args.addAll(bundle.scaleOut().ruleFilePaths());
                outcomes.add(run(Tool.PROMTOOL, directory, missing, "promtool check rules (scale-out: "
                        + bundle.scaleOut().ruleFilePaths().size() + " files in " + bundle.scaleOut().folders().size() + " folders)",
                        args.toArray(String[]::new)));
            }
            if (bundle.scaleOut() != null) {
                outcomes.addAll(bundle.scaleOut().engineChecks().stream().map(c -> run(Tool.forCommand(c.tool()),
                        directory.resolve(c.folder()), missing, c.name(), c.args().toArray(String[]::new))).toList());
            }
        } catch (RuntimeException e) {
            if (tests != null) {
                tests.cancel(true);
            }
            throw e;
        }
        if (tests == null) {
            return outcomes;
        }
        if (outcomes.stream().anyMatch(o -> o.failed() && !o.problems().isEmpty())) {
            // the same load errors again, once per test file: the rules must load before their tests can run
            tests.cancel(true);
            outcomes.add(new Outcome(testsName(bundle), Outcome.Status.SKIPPED, "not run: the rule files do not load"));
            return outcomes;
        }
        Outcome tested = SideBySide.result(tests, "promtool test rules");
        outcomes.add(tested);
        if (mutation && tested.status() == Outcome.Status.PASSED) {
            // mutants of rules whose own cases fail say nothing
            outcomes.add(MutationCheck.run(bundle, directory, bundle.mutation(), cache));
        }
        return outcomes;
    }

    private static String testsName(BundleContents bundle) {
        return "promtool test rules (" + bundle.ruleTestFiles().size() + " files)";
    }

    /**
     * {@code promtool check rules} on the rule files, one process; a file that {@code cache} knows passed with the same
     * bytes and promtool is left out (a rule file is checked on its own, so its verdict is its own).
     */
    private static Outcome checkRules(BundleContents bundle, Path directory, MissingTool missing, ResultCache cache,
            Inputs inputs) {
        SortedMap<String, byte[]> files = inputs.files();
        Map<String, String> keys = new TreeMap<>();
        List<String> args = new ArrayList<>(List.of("check", "rules"));
        int unchanged = 0;
        for (RuleFile file : bundle.ruleFiles()) {
            byte[] bytes = files.get(file.path());
            Optional<String> key = bytes == null ? Optional.empty()
                    : cache.stepKey(Tool.PROMTOOL, "promtool check rules " + file.path(), List.of(bytes));
            if (key.isPresent() && cache.passed(key.get())) {
                unchanged++;
                continue;
            }
            key.ifPresent(k -> keys.put(file.path(), k));
            args.add(file.path());
        }
        String name = "promtool check rules (" + bundle.ruleFiles().size() + " files"
                + (unchanged == 0 ? "" : "; " + unchanged + " unchanged since they last passed") + ")";
        if (args.size() == 2) {
            return new Outcome(name, Outcome.Status.PASSED, "");
        }
        Outcome outcome = traced(bundle, run(Tool.PROMTOOL, directory, missing, name, args.toArray(String[]::new)));
        if (outcome.status() == Outcome.Status.PASSED) {
            keys.values().forEach(cache::rememberPassed);
        }
        return outcome;
    }

    /**
     * An amtool label argument {@code name="value"} that amtool reads back as exactly {@code value}:
     * quoted, so {@code =}, spaces, commas and quotes in a value (external labels, say) survive, with
     * {@code \\}, {@code \"} and {@code \n} escaped as Alertmanager's matcher parser unescapes them.
     */
    static String matcher(String name, String value) {
        StringBuilder quoted = new StringBuilder(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> quoted.append("\\\\");
                case '"' -> quoted.append("\\\"");
                case '\n' -> quoted.append("\\n");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    /**
     * {@code amtool config routes test} for one alert of each category and severity the bundle has:
     * Alertmanager must deliver it to exactly the receivers the model's routing tree says.
     */
    static Outcome routing(BundleContents bundle, Path directory) {
        return routing(bundle, directory, ResultCache.NONE, new Inputs(bundle));
    }

    private static Outcome routing(BundleContents bundle, Path directory, ResultCache cache, Inputs inputs) {
        Collection<Map<String, String>> probes = probes(bundle);
        String name = "amtool config routes test (" + probes.size() + " category/severity pairs)";
        // the probes' labels and expected receivers come from the rules and the model: they are part of the key
        List<byte[]> read = new ArrayList<>(inputs.settings());
        probes.forEach(labels -> read.add(String.join("\n", probeArguments(bundle, labels)).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return unlessPassed(cache, Tool.AMTOOL, name, read, () -> {
            // amtool takes one label set a call: the calls run side by side, their findings in the probes' order
            List<Callable<String>> calls = new ArrayList<>();
            probes.forEach(labels -> calls.add(() -> probe(bundle, directory, labels)));
            String report = String.join("", SideBySide.all(PARALLEL, calls, "amtool"));
            return new Outcome(name, report.isEmpty() ? Outcome.Status.PASSED : Outcome.Status.FAILED, report);
        });
    }

    /** The arguments of one probe: the configuration, the receivers the model expects, the labels quoted. */
    private static List<String> probeArguments(BundleContents bundle, Map<String, String> labels) {
        List<String> expected = bundle.alertmanager().route().receiversFor(labels);
        List<String> args = new ArrayList<>(List.of("config", "routes", "test",
                "--config.file=" + BundleContents.ALERTMANAGER_FILE, "--verify.receivers=" + String.join(",", expected)));
        labels.forEach((k, v) -> args.add(matcher(k, v)));
        return args;
    }

    /** One label set through {@code amtool config routes test}: empty when it reaches the receivers the model says. */
    private static String probe(BundleContents bundle, Path directory, Map<String, String> labels) {
        List<String> expected = bundle.alertmanager().route().receiversFor(labels);
        List<String> args = probeArguments(bundle, labels);
        Tool.Result result = Tool.AMTOOL.run(directory, TIMEOUT_SECONDS, args.toArray(String[]::new));
        if (result.ok()) {
            return "";
        }
        return labels + ": expected " + expected + ", amtool: " + result.output().lines().filter(l -> !l.startsWith("Warning: --config.file"))
                .reduce((a, b) -> a + " " + b).orElse("").strip() + "\n";
    }

    /**
     * {@code promtool check rules} over every dashboard query at once, as recording rules in a scratch
     * directory made (and deleted) in {@code workDir}; what promtool rejects is placed at the dashboard,
     * panel and query.
     */
    public static Outcome dashboardQueries(DashboardQueries queries, Path workDir, MissingTool missing) {
        String name = "promtool check rules (" + queries.size() + " dashboard queries)";
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory(workDir, "spawn-dashboard-queries-");
            Files.write(scratch.resolve(DashboardQueries.FILE), queries.ruleFile());
            Outcome outcome = run(Tool.PROMTOOL, scratch, missing, name, "check", "rules", DashboardQueries.FILE);
            if (!outcome.failed()) {
                return outcome;
            }
            List<Problem> problems = queries.problems(outcome.output());
            return new Outcome(name, outcome.status(), problems.isEmpty() ? outcome.output() : "", problems);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dashboard queries for promtool: " + e.getMessage(), e);
        } finally {
            if (scratch != null) {
                try {
                    BundleWriter.deleteRecursively(scratch);
                } catch (IOException e) {
                    // a leftover scratch directory is harmless; the outcome is what was asked for
                }
            }
        }
    }

    /** A failed rule check with promtool's messages about single rules traced back to those rules. */
    private static Outcome traced(BundleContents bundle, Outcome outcome) {
        if (!outcome.failed()) {
            return outcome;
        }
        RuleLoadErrors.Split split = RuleLoadErrors.of(bundle, outcome.output());
        return new Outcome(outcome.name(), outcome.status(), split.rest(), split.problems());
    }

    /**
     * The test run with its cases, and each failed case as a problem at its rule: a default rule's case
     * fails because of how the spec changed the rule, so the spec's line for that rule is where to look.
     */
    private static Outcome withCases(BundleContents bundle, Outcome outcome) {
        if (outcome.status() == Outcome.Status.SKIPPED) {
            return outcome;
        }
        List<RuleTestCases.Case> cases = RuleTestCases.of(bundle.ruleTestFiles(), outcome.output());
        List<Problem> problems = new ArrayList<>(outcome.problems());
        for (RuleTestCases.Case c : cases) {
            if (c.failed()) {
                boolean custom = !RuleSet.isDefaultsTest(c.file());
                // an alert that shares its name with others is tested, and placed, on its own
                String element = RuleSet.testKey(c.rule(), RuleSet.occurrence(c.file()));
                problems.add(Problem.error((custom ? "custom rule " : "rule ") + element, (custom ? "custom rule '" : "rule '")
                        + c.rule() + "': promtool test '" + c.name() + "' failed (" + c.failureSummary() + ", in " + c.file() + ")"
                        + (custom ? "" : "; the generated case does not hold for the rule as changed here")));
            }
        }
        return new Outcome(outcome.name(), outcome.status(), outcome.output(), problems, cases);
    }

    /**
     * {@code promtool test rules} over every test file, in one process per processor (at most {@value #PARALLEL}), the
     * files balanced by what they cost promtool ({@link RuleTestCases#cost}): promtool runs its files one after another.
     */
    private static Outcome testRules(BundleContents bundle, Path directory, MissingTool missing, String name, ResultCache cache) {
        Map<String, Long> cost = new TreeMap<>();
        Map<String, String> keys = new TreeMap<>();
        int unchanged = 0;
        for (Map.Entry<String, byte[]> test : bundle.ruleTestFiles().entrySet()) {
            byte[] copy = ruleCopy(bundle, test.getKey(), test.getValue());
            Optional<String> key = copy == null ? Optional.empty() : cache.testKey(test.getValue(), copy);
            if (key.isPresent() && cache.passed(key.get())) {
                unchanged++;
                continue;
            }
            key.ifPresent(k -> keys.put(test.getKey(), k));
            cost.put(test.getKey(), RuleTestCases.cost(test.getValue()));
        }
        String named = unchanged == 0 ? name : name.replaceFirst("\\)$", "; " + unchanged + " unchanged since they last passed)");
        if (cost.isEmpty()) {
            return new Outcome(named, Outcome.Status.PASSED, "");
        }
        int processes = Math.max(1, Math.min(PARALLEL, Runtime.getRuntime().availableProcessors()));
        List<Callable<Outcome>> runs = new ArrayList<>();
        for (List<String> batch : MutationCheck.batches(cost, processes)) {
            List<String> args = new ArrayList<>(List.of("test", "rules"));
            args.addAll(batch);
            runs.add(() -> {
                Outcome outcome = run(Tool.PROMTOOL, directory, missing, named, args.toArray(String[]::new));
                if (outcome.status() == Outcome.Status.PASSED) {
                    batch.stream().map(keys::get).filter(java.util.Objects::nonNull).forEach(cache::rememberPassed);
                }
                return outcome;
            });
        }
        List<Outcome> outcomes = SideBySide.all(PARALLEL, runs, "promtool test rules");
        boolean passed = outcomes.stream().allMatch(o -> o.status() == Outcome.Status.PASSED);
        boolean skipped = outcomes.stream().anyMatch(o -> o.status() == Outcome.Status.SKIPPED);
        String output = outcomes.stream().map(Outcome::output).reduce((a, b) -> a.strip() + "\n" + b).orElse("");
        return new Outcome(named, passed ? Outcome.Status.PASSED : skipped ? Outcome.Status.SKIPPED : Outcome.Status.FAILED,
                skipped ? outcomes.get(0).output() : output);
    }

    /**
     * The paths and bytes of the rule copies a test file loads (its {@code rule_files}, relative to it), or null when
     * one is not among the bundle's test files: then its result is not remembered.
     */
    static byte[] ruleCopy(BundleContents bundle, String testPath, byte[] test) {
        String folder = testPath.substring(0, testPath.lastIndexOf('/') + 1);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (com.fasterxml.jackson.databind.JsonNode file : RuleTestCases.tree(test).path("rule_files")) {
            byte[] copy = bundle.ruleTests().get(folder + file.asText());
            if (copy == null) {
                return null;
            }
            bytes.writeBytes((folder + file.asText() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            bytes.writeBytes(copy);
        }
        return bytes.toByteArray();
    }

    private static Outcome run(Tool tool, Path directory, MissingTool missing, String name, String... args) {
        if (tool.locate().isEmpty()) {
            String message = tool.missingMessage();
            if (missing == MissingTool.FAIL) {
                return new Outcome(name, Outcome.Status.FAILED, message);
            }
            return new Outcome(name, Outcome.Status.SKIPPED, message);
        }
        Tool.Result result = tool.run(directory, TIMEOUT_SECONDS, args);
        return new Outcome(name, result.ok() ? Outcome.Status.PASSED : Outcome.Status.FAILED, result.output());
    }

    /** One alert's labels per category and severity, as Alertmanager would receive it. */
    static Collection<Map<String, String>> probes(BundleContents bundle) {
        Map<String, Map<String, String>> probes = new TreeMap<>();
        for (Map<String, String> labels : alertLabels(bundle)) {
            probes.putIfAbsent(labels.getOrDefault("category", "") + "/" + labels.getOrDefault("severity", ""), labels);
        }
        return probes.values();
    }

    /** Each alerting rule's labels as Alertmanager receives them, with its alertname, in file order. */
    static List<Map<String, String>> alertLabels(BundleContents bundle) {
        List<Map<String, String>> all = new ArrayList<>();
        for (RuleFile file : bundle.ruleFiles()) {
            file.groups().stream().flatMap(g -> g.rules().stream()).filter(r -> r instanceof AlertingRule)
                    .map(r -> (AlertingRule) r).forEach(rule -> {
                        // what reaches Alertmanager: the rule's labels and Prometheus' external labels
                        // (less the HA replica label, which alert relabelling drops)
                        Map<String, String> labels = new TreeMap<>(bundle.prometheus().global().externalLabels());
                        if (bundle.highAvailability() != null) {
                            labels.remove(bundle.highAvailability().replicaLabel());
                        }
                        labels.putAll(rule.labels());
                        labels.put("alertname", rule.alert());
                        all.add(labels);
                    });
        }
        return all;
    }
}
