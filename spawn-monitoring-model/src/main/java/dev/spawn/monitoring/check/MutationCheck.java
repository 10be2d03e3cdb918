package dev.spawn.monitoring.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spawn.monitoring.io.BundleWriter;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.decl.Internal;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.rules.AlertingRule;
import dev.spawn.monitoring.model.rules.Rule;
import dev.spawn.monitoring.model.rules.RuleFile;
import dev.spawn.monitoring.model.rules.RuleGroup;
import dev.spawn.monitoring.render.RuleRenderer;
import dev.spawn.monitoring.render.YamlOutput;
import dev.spawn.monitoring.rules.Mutation;
import dev.spawn.monitoring.rules.RuleSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mutation testing of the rule tests: every {@link Mutants mutant} of every alert that has cases runs
 * against that alert's own generated cases (in rounds, each case against the mutants earlier ones left), batched into one {@code promtool test rules} process per
 * processor (promtool takes many test files at once). A
 * mutant is killed when one of its cases fails; one whose cases all pass survives, a sign that the cases
 * would pass for a wrong rule too. Each mutant gets a rule file (its group with only the alert's rules,
 * the mutant in place of the rule) and a test file (the alert's cases pointed at that file) in a scratch
 * folder beside the bundle, deleted afterwards.
 */
@Internal
public final class MutationCheck {

    /** One mutant and whether a case killed it; {@code custom}: the rule is one of the spec's own. */
    public record Verdict(String rule, boolean custom, String change, String expr, boolean killed) {
        /** {@code rule HighCostInstance: mutant survived: threshold 5 -> 5.5 (+10%): `expr`} */
        public String describe() {
            return (custom ? "custom rule " : "rule ") + rule + ": mutant " + (killed ? "killed" : "survived") + ": "
                    + change + ": `" + expr + "`";
        }
    }

    private static final long TIMEOUT_SECONDS = 120;
    private static final String NAME = "mutation testing";

    private MutationCheck() {
    }

    /** The check as one outcome: survivors are warnings, or errors (and the check fails) under {@link Mutation#FAIL}. */
    public static BundleCheck.Outcome run(BundleContents bundle, Path bundleDirectory, Mutation mode) {
        return run(bundle, bundleDirectory, mode, ResultCache.NONE);
    }

    /** {@link #run(BundleContents, Path, Mutation)}, taking the verdicts of rules whose mutants and cases {@code cache} knows. */
    public static BundleCheck.Outcome run(BundleContents bundle, Path bundleDirectory, Mutation mode, ResultCache cache) {
        if (Tool.PROMTOOL.locate().isEmpty()) {
            return new BundleCheck.Outcome(NAME, BundleCheck.Outcome.Status.SKIPPED, "promtool not found");
        }
        int knownBefore = cache.mutantsKnown();
        Run run = run(bundle, bundleDirectory, cache, true);
        List<Verdict> verdicts = run.verdicts();
        int known = cache.mutantsKnown() - knownBefore;
        List<Problem> problems = new ArrayList<>();
        StringBuilder output = new StringBuilder();
        for (Verdict v : verdicts) {
            if (!v.killed()) {
                String location = (v.custom() ? "custom rule " : "rule ") + v.rule();
                String message = v.describe() + "; no case tells it apart from the rule, add one that does";
                problems.add(mode == Mutation.FAIL ? Problem.error(location, message) : Problem.warning(location, message));
                output.append(v.describe()).append('\n');
            }
        }
        long survived = verdicts.stream().filter(v -> !v.killed()).count();
        boolean failed = survived > 0 && mode == Mutation.FAIL;
        List<String> notes = new ArrayList<>();
        if (known > 0) {
            notes.add(known + " unchanged since they last ran");
        }
        if (run.inJvm() > 0) {
            notes.add("the mutants of " + alerts(run.inJvm()) + " run in the JVM"
                    + (run.inPromtool() == 0 ? "" : ", of " + run.inPromtool() + " in promtool"));
        } else if (run.inPromtool() > 0) {
            notes.add("the mutants of " + alerts(run.inPromtool()) + " run in promtool");
        }
        return new BundleCheck.Outcome(summary(verdicts) + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")"), failed ? BundleCheck.Outcome.Status.FAILED
                : BundleCheck.Outcome.Status.PASSED, output.toString(), problems, List.of(), verdicts);
    }

    private static String alerts(int n) {
        return n + (n == 1 ? " alert" : " alerts");
    }

    /** {@code mutation: 150 killed, 0 survived} */
    public static String summary(List<Verdict> verdicts) {
        long killed = verdicts.stream().filter(Verdict::killed).count();
        return "mutation: " + killed + " killed, " + (verdicts.size() - killed) + " survived";
    }

    /**
     * Every mutant of the bundle's tested alerts, run against the alerts' cases, in rounds: each round runs the next
     * case of every alert (its short cases first) against the mutants no earlier case killed, all in one batch of
     * processes. A mutant costs promtool about the same at every evaluation and most die in a rule's first cases, so
     * the long ones (the cost rules step through a day) run against a few survivors; when little is left, one last
     * round runs it all, sparing a process start per case.
     */
    public static List<Verdict> verdicts(BundleContents bundle, Path bundleDirectory) {
        return verdicts(bundle, bundleDirectory, ResultCache.NONE);
    }

    /**
     * {@link #verdicts(BundleContents, Path)}; a rule whose test file, rule copy and mutants {@code cache} has seen
     * keeps the verdicts it had, the others run and are remembered.
     */
    public static List<Verdict> verdicts(BundleContents bundle, Path bundleDirectory, ResultCache cache) {
        return run(bundle, bundleDirectory, cache, true).verdicts();
    }

    /** The verdicts, and how many alerts' mutants ran in the JVM and how many in promtool. */
    public record Run(List<Verdict> verdicts, int inJvm, int inPromtool) {
    }

    /**
     * The verdicts; {@code jvmFirst}: each alert's mutants run in the JVM where {@link InJvmCases} can run them, the rest
     * (and everything when false) in promtool.
     */
    public static Run run(BundleContents bundle, Path bundleDirectory, ResultCache cache, boolean jvmFirst) {
        List<Tested> tested = new ArrayList<>();
        List<Verdict> pending = new ArrayList<>();
        Map<Integer, Boolean> known = new HashMap<>();
        Map<String, int[]> toRemember = new LinkedHashMap<>();
        int[] evaluatedInJvm = {0};
        for (RuleFile file : bundle.ruleFiles()) {
            boolean custom = !RuleSet.isDefaultsRuleFile(file.path());
            // each alert's cases are in a test file of its own, alerts that share a name too
            Map<String, Integer> seen = new HashMap<>();
            for (RuleGroup group : file.groups()) {
                for (Rule r : group.rules()) {
                    if (!(r instanceof AlertingRule rule)) {
                        continue;
                    }
                    String testPath = RuleSet.testFile(file.path(), rule.alert(), seen.merge(rule.alert(), 1, Integer::sum));
                    byte[] testBytes = bundle.ruleTests().get(testPath);
                    TestFile testFile = testBytes == null ? null : new TestFile(RuleTestCases.tree(testBytes));
                    if (testFile == null || testFile.cases(rule.alert()).isEmpty()) {
                        continue;
                    }
                    List<Mutants.Mutant> mutants = Mutants.of(rule, testFile.interval());
                    if (mutants.isEmpty()) {
                        continue;
                    }
                    Optional<String> key = cacheKey(bundle, testPath, testBytes, mutants, cache);
                    Optional<boolean[]> cached = key.flatMap(k -> cache.verdicts(k, mutants.size()));
                    if (cached.isPresent()) {
                        addKnown(rule, custom, mutants, cached.get(), pending, known);
                        continue;
                    }
                    key.ifPresent(k -> toRemember.put(k, new int[] {pending.size(), pending.size() + mutants.size()}));
                    List<JsonNode> ruleCases = testFile.cases(rule.alert());
                    Optional<boolean[]> inJvm = jvmFirst ? inJvm(rule, mutants, ruleCases, testFile.interval()) : Optional.empty();
                    if (inJvm.isPresent()) {
                        evaluatedInJvm[0]++;
                        addKnown(rule, custom, mutants, inJvm.get(), pending, known);
                        continue;
                    }
                    Map<String, AlertingRule> named = new LinkedHashMap<>();
                    for (Mutants.Mutant mutant : mutants) {
                        String name = mutantName(pending.size());
                        AlertingRule m = mutant.rule();
                        named.put(name, m.toBuilder().alert(name).build());
                        pending.add(new Verdict(rule.alert(), custom, mutant.change(), m.expr()
                                + (m.forDuration().equals(rule.forDuration()) ? "" : " for " + m.forDuration()), true));
                    }
                    List<JsonNode> cases = new ArrayList<>(testFile.cases(rule.alert()));
                    // stable: the cases keep their order among equally long ones
                    cases.sort(java.util.Comparator.comparingLong(c -> TestFile.evaluations(c, testFile.interval())));
                    tested.add(new Tested(rule, group, testFile, named, cases));
                }
            }
        }
        Set<String> killed = new HashSet<>();
        for (int round = 0; ; round++) {
            long left = 0;
            for (Tested rule : tested) {
                left += rule.alive(killed).size() * rule.evaluations(round, rule.cases().size());
            }
            boolean last = left <= LAST_ROUND;
            Map<String, byte[]> files = new LinkedHashMap<>();
            Map<String, Long> cost = new LinkedHashMap<>();
            for (int t = 0; t < tested.size(); t++) {
                Tested rule = tested.get(t);
                List<JsonNode> cases = rule.cases().subList(Math.min(round, rule.cases().size()),
                        Math.min(last ? rule.cases().size() : round + 1, rule.cases().size()));
                List<AlertingRule> alive = rule.alive(killed);
                if (cases.isEmpty() || alive.isEmpty()) {
                    continue;
                }
                // all live mutants of one rule in one rule file, each under its own name, so that every case
                // loads its series and steps through time once for all of them
                String stem = String.format(Locale.ROOT, "r%03d-%d", t + 1, round + 1);
                files.put(stem + "-rules.yaml", RuleRenderer.toBytes(new RuleFile(stem + "-rules.yaml",
                        List.of(new RuleGroup(rule.group().name(), rule.group().interval(), List.<Rule>copyOf(alive)))), NAME));
                // one test file per case, so that the cases of one round spread over the processes
                for (int c = 0; c < cases.size(); c++) {
                    String test = String.format(Locale.ROOT, "%s-c%02d-test.yaml", stem, c + 1);
                    files.put(test, rule.testFile().forMutants(rule.rule(), cases.get(c),
                            alive.stream().map(AlertingRule::alert).toList(), stem + "-rules.yaml"));
                    cost.put(test, alive.size() * TestFile.evaluations(cases.get(c), rule.testFile().interval()));
                }
            }
            if (files.isEmpty()) {
                break;
            }
            killed.addAll(run(files, cost, bundleDirectory));
        }
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            Verdict v = pending.get(i);
            verdicts.add(new Verdict(v.rule(), v.custom(), v.change(), v.expr(), known.containsKey(i) ? known.get(i)
                    : killed.contains(mutantName(i))));
        }
        toRemember.forEach((key, range) -> {
            boolean[] bits = new boolean[range[1] - range[0]];
            for (int i = range[0]; i < range[1]; i++) {
                bits[i - range[0]] = verdicts.get(i).killed();
            }
            cache.rememberVerdicts(key, bits);
        });
        return new Run(List.copyOf(verdicts), evaluatedInJvm[0], tested.size());
    }

    /** The verdicts of {@code rule}'s mutants known without promtool (remembered, or run in the JVM): killed or not. */
    private static void addKnown(AlertingRule rule, boolean custom, List<Mutants.Mutant> mutants, boolean[] killed,
            List<Verdict> pending, Map<Integer, Boolean> known) {
        for (int i = 0; i < mutants.size(); i++) {
            Mutants.Mutant m = mutants.get(i);
            known.put(pending.size(), killed[i]);
            pending.add(new Verdict(rule.alert(), custom, m.change(), m.rule().expr()
                    + (m.rule().forDuration().equals(rule.forDuration()) ? "" : " for " + m.rule().forDuration()), true));
        }
    }

    /**
     * Which of {@code mutants} the rule's {@code cases} kill, run in the JVM ({@link InJvmCases}), each case against the
     * mutants the earlier ones left; empty when the evaluator does not implement something the rule or a case uses,
     * or when it finds the rule itself failing a case promtool passed (then promtool decides, and the disagreement
     * is no verdict).
     */
    static Optional<boolean[]> inJvm(AlertingRule rule, List<Mutants.Mutant> mutants, List<JsonNode> cases, Duration interval) {
        try {
            java.util.function.Predicate<JsonNode> ofSeverity = alert -> {
                String severity = alert.path("exp_labels").path("severity").asText(null);
                return severity == null || severity.equals(rule.severity());
            };
            InJvmCases.Alert original = InJvmCases.Alert.of(rule);
            List<InJvmCases.Alert> alerts = new ArrayList<>();
            for (Mutants.Mutant m : mutants) {
                alerts.add(InJvmCases.Alert.of(m.rule()));
            }
            boolean[] killed = new boolean[mutants.size()];
            for (JsonNode c : cases) {
                List<Integer> alive = new ArrayList<>();
                List<InJvmCases.Alert> run = new ArrayList<>();
                run.add(original);
                for (int i = 0; i < killed.length; i++) {
                    if (!killed[i]) {
                        alive.add(i);
                        run.add(alerts.get(i));
                    }
                }
                boolean[] passed = InJvmCases.passesAll(c, interval, run, rule.alert(), ofSeverity);
                if (!passed[0]) {
                    return Optional.empty();
                }
                for (int i = 0; i < alive.size(); i++) {
                    killed[alive.get(i)] = !passed[i + 1];
                }
            }
            return Optional.of(killed);
        } catch (dev.spawn.monitoring.promql.eval.Unsupported e) {
            return Optional.empty();
        }
    }

    /** The cache key of a rule's mutants: its test file, the rule copy it loads, and the mutants; empty without them. */
    private static Optional<String> cacheKey(BundleContents bundle, String testPath, byte[] test, List<Mutants.Mutant> mutants,
            ResultCache cache) {
        byte[] copy = test == null ? null : BundleCheck.ruleCopy(bundle, testPath, test);
        if (copy == null) {
            return Optional.empty();
        }
        return cache.mutantsKey(test, copy, mutants.stream().map(m -> m.change() + "\t" + m.rule().expr() + "\t"
                + m.rule().forDuration() + "\t" + m.rule().labels()).toList());
    }

    /** Mutant evaluations left below which the next round is the last and runs every case left. */
    static final long LAST_ROUND = 2_000;

    /** An alert with cases: its mutants by name, and its cases, shortest first. */
    private record Tested(AlertingRule rule, RuleGroup group, TestFile testFile, Map<String, AlertingRule> mutants,
            List<JsonNode> cases) {
        List<AlertingRule> alive(Set<String> killed) {
            return mutants.entrySet().stream().filter(e -> !killed.contains(e.getKey())).map(Map.Entry::getValue).toList();
        }

        /** The evaluations of the cases {@code from} (inclusive) to {@code to} (exclusive). */
        long evaluations(int from, int to) {
            long sum = 0;
            for (int c = from; c < to; c++) {
                sum += TestFile.evaluations(cases.get(c), testFile.interval());
            }
            return sum;
        }
    }

    private static String mutantName(int index) {
        return String.format(Locale.ROOT, "spawn_mutant_%04d", index + 1);
    }

    /**
     * Writes the files into a scratch folder beside {@code bundleDirectory}, runs promtool over the test files,
     * and returns the mutants that a case told apart. The test files go to one promtool process per processor
     * (at most {@value #MAX_PROCESSES}), balanced by how many rule evaluations their cases take: promtool runs
     * its files one after another on one core, and the defaults' cost rules step through a day each.
     */
    private static Set<String> run(Map<String, byte[]> files, Map<String, Long> cost, Path bundleDirectory) {
        Path parent = bundleDirectory.toAbsolutePath().getParent();
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory(parent, ".spawn-mutants-");
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Files.write(scratch.resolve(f.getKey()), f.getValue());
            }
            List<java.util.concurrent.Callable<Tool.Result>> processes = new ArrayList<>();
            Path dir = scratch;
            for (List<String> batch : batches(cost, Math.max(1, Math.min(MAX_PROCESSES, Runtime.getRuntime().availableProcessors())))) {
                List<String> args = new ArrayList<>(List.of("test", "rules"));
                args.addAll(batch);
                processes.add(() -> Tool.PROMTOOL.run(dir, TIMEOUT_SECONDS, args.toArray(String[]::new)));
            }
            StringBuilder output = new StringBuilder();
            SideBySide.all(MAX_PROCESSES, processes, "the mutants").forEach(r -> output.append(r.output()).append('\n'));
            return killed(output.toString(), files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the mutants beside " + bundleDirectory + ": " + e.getMessage(), e);
        } finally {
            if (scratch != null) {
                try {
                    BundleWriter.deleteRecursively(scratch);
                } catch (IOException e) {
                    // a leftover scratch folder is harmless
                }
            }
        }
    }

    private static final int MAX_PROCESSES = 4;

    /** The test files in {@code count} batches of about equal cost: the costliest first, each to the cheapest batch so far. */
    static List<List<String>> batches(Map<String, Long> cost, int count) {
        List<List<String>> batches = new ArrayList<>();
        long[] load = new long[Math.min(count, Math.max(1, cost.size()))];
        for (int i = 0; i < load.length; i++) {
            batches.add(new ArrayList<>());
        }
        cost.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> {
                    int min = 0;
                    for (int i = 1; i < load.length; i++) {
                        min = load[i] < load[min] ? i : min;
                    }
                    batches.get(min).add(e.getKey());
                    load[min] += e.getValue();
                });
        batches.forEach(java.util.Collections::sort);
        return batches;
    }

    private static final Pattern FAILED_ALERT = Pattern.compile("alertname: (spawn_mutant_\\d+), time:");

    /**
     * The mutants promtool reported a failed case for ({@code alertname: spawn_mutant_0001, time: 5m,}); a test
     * file that neither succeeded nor named a failed alert (its rules did not load) kills all its mutants.
     */
    static Set<String> killed(String output, Map<String, byte[]> files) {
        Set<String> killed = new HashSet<>();
        Map<String, StringBuilder> sections = new LinkedHashMap<>();
        StringBuilder current = null;
        for (String line : output.lines().toList()) {
            String s = line.strip();
            if (s.startsWith("Unit Testing:")) {
                current = sections.computeIfAbsent(s.substring("Unit Testing:".length()).strip(), f -> new StringBuilder());
            } else if (current != null) {
                current.append(s).append('\n');
            }
        }
        sections.forEach((file, text) -> {
            java.util.regex.Matcher m = FAILED_ALERT.matcher(text);
            boolean named = false;
            while (m.find()) {
                killed.add(m.group(1));
                named = true;
            }
            if (!named && !text.toString().contains("SUCCESS")) {
                byte[] rules = files.get(file.replaceFirst("-c\\d+-test\\.yaml$", "-rules.yaml"));
                Matcher all = FAILED_ALERT_NAME.matcher(rules == null ? "" : new String(rules, java.nio.charset.StandardCharsets.UTF_8));
                while (all.find()) {
                    killed.add(all.group(1));
                }
            }
        });
        return killed;
    }

    private static final Pattern FAILED_ALERT_NAME = Pattern.compile("alert: (spawn_mutant_\\d+)");

    /** An alert's generated promtool cases: its test file. */
    private record TestFile(JsonNode tree) {
        Duration interval() {
            return RuleTestCases.interval(tree);
        }

        /** How many evaluations a case steps through: its eval_time over the interval. */
        static long evaluations(JsonNode c, Duration interval) {
            return RuleTestCases.evaluations(c, interval);
        }

        List<JsonNode> cases(String alert) {
            List<JsonNode> cases = new ArrayList<>();
            tree.path("tests").forEach(t -> {
                if (t.path("alert_rule_test").path(0).path("alertname").asText().equals(alert)) {
                    cases.add(t);
                }
            });
            return cases;
        }

        /**
         * One case of the rule with its check repeated for every mutant name; of the alerts it expects, only those
         * of the rule's severity (a custom alert may share its name with a default one of another severity).
         */
        byte[] forMutants(AlertingRule rule, JsonNode c, java.util.Collection<String> mutants, String ruleFile) {
            ObjectNode root = YamlOutput.object();
            root.putArray("rule_files").add(ruleFile);
            if (tree.has("evaluation_interval")) {
                root.set("evaluation_interval", tree.get("evaluation_interval"));
            }
            ArrayNode out = root.putArray("tests");
            ObjectNode copy = c.deepCopy();
            ArrayNode checks = copy.putArray("alert_rule_test");
            for (JsonNode check : c.path("alert_rule_test")) {
                for (String name : mutants) {
                    ObjectNode m = check.deepCopy();
                    m.put("alertname", name);
                    ArrayNode expected = m.putArray("exp_alerts");
                    for (JsonNode alert : check.path("exp_alerts")) {
                        String severity = alert.path("exp_labels").path("severity").asText(null);
                        if (severity == null || severity.equals(rule.severity())) {
                            expected.add(alert);
                        }
                    }
                    checks.add(m);
                }
            }
            out.add(copy);
            return YamlOutput.toBytes(root, "mutation testing");
        }
    }
}
