package dev.spawn.monitoring.rules;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.rules.AlertingRule;
import dev.spawn.monitoring.model.rules.Rule;
import dev.spawn.monitoring.model.rules.RuleFile;
import dev.spawn.monitoring.model.rules.RuleGroup;
import dev.spawn.monitoring.render.RuleRenderer;
import dev.spawn.monitoring.render.YamlOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns rendered test cases into a {@code promtool test rules} file: one test group per case, the
 * {@code copies} of input series expanded, and {@code exp_labels}/{@code exp_annotations} derived
 * from the rule itself (promtool compares them exactly), the annotations predicted by
 * {@link AlertTemplate} from the case's labels and value.
 */
final class PromtoolTestFile {

    /**
     * An effective alerting rule and its test cases with every template already rendered; {@code groups} are the
     * cases' test groups once {@link #generated()} (null before).
     */
    record TestedRule(AlertingRule rule, List<RuleTestCase> tests, List<ObjectNode> groups) {
        TestedRule(AlertingRule rule, List<RuleTestCase> tests) {
            this(rule, tests, null);
        }

        /**
         * The same rule with its test groups generated now, so that a case that cannot be generated throws here
         * (while the rules are built) and the test file, when asked for, does not generate them again.
         */
        TestedRule generated() {
            return groups != null ? this : new TestedRule(rule, tests, tests.stream().map(test -> group(rule, test)).toList());
        }
    }

    /**
     * The step between input values: test cases in rule-definitions/ (and specs) are written with one
     * value a minute, whatever the group's evaluation interval is.
     */
    static final Duration INPUT_STEP = Duration.ofMinutes(1);

    private PromtoolTestFile() {
    }

    /**
     * The test files of one rule file, one per tested alert: {@code tests/<stem>/<Alert>-test.yaml}, loading
     * {@code rules/<Alert>.yaml} beside it, a copy of the rule file that keeps its groups (name, interval,
     * limit) with only that alert and the recording rules. Each case then evaluates one alert instead of its
     * whole file, so the time promtool takes grows with the rules, not with their square. An expression that
     * reads {@code ALERTS} keeps every alert of the file, since it may read the others' state. Alerts that share
     * a name (a warning and a critical rule, say) are tested each on its own: the second of a name in the file
     * is {@code <Alert>.2-test.yaml} loading {@code rules/<Alert>.2.yaml}, and so on ({@code .} is in no alert name).
     * {@code tested} are the file's alerting rules in its order (those without cases may be left out). Each test file
     * is evaluated every interval of its alert's group ({@code evaluationInterval} for a group without one).
     */
    static SortedMap<String, byte[]> perAlert(RuleFile file, List<TestedRule> tested, Duration evaluationInterval, String source) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        if (tested.stream().allMatch(t -> t.tests().isEmpty())) {
            return files;
        }
        String folder = testFolder(file.path());
        Copies copies = new Copies(file);
        List<String> stems = new ArrayList<>();
        List<int[]> places = new ArrayList<>();
        List<TestedRule> withCases = new ArrayList<>();
        Map<String, Integer> cursor = new java.util.HashMap<>();
        for (TestedRule t : tested) {
            int[] place = copies.place(t.rule(), cursor);
            if (!t.tests().isEmpty()) {
                stems.add(stem(t.rule().alert(), place[2]));
                places.add(place);
                withCases.add(t);
            }
        }
        // each alert's two files depend on nothing the others' do: rendered side by side, then put in path order
        List<byte[][]> rendered = java.util.stream.IntStream.range(0, withCases.size()).parallel().mapToObj(i -> {
            String copy = RULES_FOLDER + stems.get(i) + ".yaml";
            // promtool steps every evaluation_interval whatever the group says: the group's own, as in production
            int group = places.get(i)[0];
            Duration interval = group >= 0 && file.groups().get(group).interval() != null ? file.groups().get(group).interval()
                    : evaluationInterval;
            return new byte[][] {RuleRenderer.toBytes(copies.only(places.get(i), folder + copy), source),
                    YamlOutput.toBytes(tree(copy, interval, List.of(withCases.get(i))), source)};
        }).toList();
        for (int i = 0; i < withCases.size(); i++) {
            files.put(folder + RULES_FOLDER + stems.get(i) + ".yaml", rendered.get(i)[0]);
            files.put(folder + stems.get(i) + TEST_SUFFIX, rendered.get(i)[1]);
        }
        return files;
    }

    /** Test files end so; the rule copies they load sit in {@value #RULES_FOLDER} beside them. */
    static final String TEST_SUFFIX = "-test.yaml";
    static final String RULES_FOLDER = "rules/";

    /** The test file of {@code alert} of {@code ruleFile}: {@code tests/cost-alerts/CostTrendingUp-test.yaml}. */
    static String testFile(String ruleFile, String alert) {
        return testFile(ruleFile, alert, 1);
    }

    /** The test file of the {@code occurrence}-th alert named {@code alert} in {@code ruleFile} (1 for the first). */
    static String testFile(String ruleFile, String alert, int occurrence) {
        return testFolder(ruleFile) + stem(alert, occurrence) + TEST_SUFFIX;
    }

    /**
     * An alert name as a file name: {@code :} (legal in names, not in Windows file names) becomes {@code -}, which
     * names never have; the second and later alerts of a name get {@code .2}, {@code .3}, ...
     */
    private static String stem(String alert, int occurrence) {
        return alert.replace(':', '-') + (occurrence <= 1 ? "" : "." + occurrence);
    }

    /**
     * Which alert of its name a test file tests, from its path: 1 for {@code HighCpu-test.yaml}, 2 for
     * {@code HighCpu.2-test.yaml}.
     */
    static int occurrence(String testPath) {
        String name = testPath.substring(testPath.lastIndexOf('/') + 1);
        if (!name.endsWith(TEST_SUFFIX)) {
            return 1;
        }
        String stem = name.substring(0, name.length() - TEST_SUFFIX.length());
        int dot = stem.lastIndexOf('.');
        if (dot < 0) {
            return 1;
        }
        try {
            return Integer.parseInt(stem.substring(dot + 1));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The folder of a rule file's test files: {@code tests/cost-alerts/} for {@code alerts/cost-alerts.yaml}. */
    static String testFolder(String ruleFile) {
        String name = ruleFile.substring(ruleFile.lastIndexOf('/') + 1).replaceFirst("\\.ya?ml$", "");
        return "tests/" + name + "/";
    }

    private static final Pattern READS_ALERTS = Pattern.compile("\\bALERTS(_FOR_STATE)?\\b");

    /**
     * The copies of one rule file, each with, in each group, only the recording rules and one alert (empty groups
     * left out); every alert when an expression of the file reads {@code ALERTS}. The file is
     * looked at once, so that making every alert's copy takes time in proportion to the rules, not their square.
     */
    private static final class Copies {
        private final RuleFile file;
        private final boolean all;
        /** Per group: its recording rules' positions. */
        private final List<List<Integer>> recording = new ArrayList<>();
        /** The groups that hold recording rules, and each alert name's places ({group, index}) in file order. */
        private final java.util.TreeSet<Integer> withRecords = new java.util.TreeSet<>();
        private final Map<String, List<int[]>> places = new java.util.HashMap<>();

        Copies(RuleFile file) {
            this.file = file;
            this.all = file.groups().stream().flatMap(g -> g.rules().stream()).anyMatch(r -> READS_ALERTS.matcher(r.expr()).find());
            for (RuleGroup group : file.groups()) {
                List<Integer> records = new ArrayList<>();
                for (int i = 0; i < group.rules().size(); i++) {
                    Rule rule = group.rules().get(i);
                    if (rule instanceof AlertingRule a) {
                        places.computeIfAbsent(a.alert(), n -> new ArrayList<>()).add(new int[] {recording.size(), i});
                    } else {
                        records.add(i);
                        withRecords.add(recording.size());
                    }
                }
                recording.add(records);
            }
        }

        /**
         * Where {@code rule} is in the file: {group, index in the group, which alert of its name (1, 2, ...)}. The
         * rules are asked for in file order; {@code cursor} counts, per name, the alerts of that name passed so far.
         */
        int[] place(AlertingRule rule, Map<String, Integer> cursor) {
            List<int[]> named = places.getOrDefault(rule.alert(), List.of());
            int next = cursor.getOrDefault(rule.alert(), 0);
            int found = next;
            while (found < named.size() && !rule.equals(file.groups().get(named.get(found)[0]).rules().get(named.get(found)[1]))) {
                found++;
            }
            if (found >= named.size()) {
                found = next; // a rule the file holds in another form: the next of its name
            }
            cursor.put(rule.alert(), found + 1);
            if (found >= named.size()) {
                return new int[] {-1, -1, found + 1};
            }
            return new int[] {named.get(found)[0], named.get(found)[1], found + 1};
        }

        /** The copy at {@code path} with the recording rules and only the alert at {@code place} ({@link #place}). */
        RuleFile only(int[] place, String path) {
            if (all) {
                return new RuleFile(path, file.groups());
            }
            List<RuleGroup> groups = new ArrayList<>();
            java.util.TreeSet<Integer> relevant = new java.util.TreeSet<>(withRecords);
            if (place[0] >= 0) {
                relevant.add(place[0]);
            }
            for (int g : relevant) {
                RuleGroup group = file.groups().get(g);
                List<Integer> kept = new ArrayList<>(recording.get(g));
                if (g == place[0]) {
                    kept.add(place[1]);
                }
                if (!kept.isEmpty()) {
                    java.util.Collections.sort(kept);
                    groups.add(new RuleGroup(group.name(), group.interval(), group.limit(), kept.stream().map(group.rules()::get).toList()));
                }
            }
            return new RuleFile(path, groups);
        }
    }

    /**
     * The test file tree; {@code ruleFile} is relative to the test file ({@code ../alerts/x.yaml}).
     * Rules are evaluated every {@code evaluationInterval} (the group's), inputs keep {@link #INPUT_STEP}.
     */
    static ObjectNode tree(String ruleFile, Duration evaluationInterval, List<TestedRule> rules) {
        ObjectNode root = YamlOutput.object();
        root.putArray("rule_files").add(ruleFile);
        YamlOutput.put(root, "evaluation_interval", evaluationInterval);
        ArrayNode tests = root.putArray("tests");
        for (TestedRule tested : rules) {
            tested.generated().groups().forEach(tests::add);
        }
        return root;
    }

    private static ObjectNode group(AlertingRule rule, RuleTestCase test) {
        String where = "test '" + test.name() + "' of rule " + rule.alert();
        ObjectNode group = YamlOutput.object();
        YamlOutput.put(group, "interval", INPUT_STEP);
        ArrayNode input = group.putArray("input_series");
        for (RuleTestCase.InputSeries series : test.input()) {
            int copies = copies(series, where);
            for (int i = 1; i <= copies; i++) {
                ObjectNode s = input.addObject();
                s.put("series", series.copies() == null ? series.series() : series.series().replace("${i}", Integer.toString(i)));
                s.put("values", series.values());
            }
        }
        group.put("name", rule.alert() + ": " + test.name());
        ObjectNode check = group.putArray("alert_rule_test").addObject();
        check.put("eval_time", test.at());
        check.put("alertname", rule.alert());
        ArrayNode expected = check.putArray("exp_alerts");
        for (RuleTestCase.ExpectedAlert alert : test.alerts()) {
            ObjectNode a = expected.addObject();
            Map<String, String> labels = new LinkedHashMap<>(alert.labels());
            // Prometheus expands the rule's labels as templates too (with the series' labels and the value, no
            // external labels in a test), and drops a label that comes out empty
            for (Map.Entry<String, String> label : rule.labels().entrySet()) {
                String expanded = label.getValue().contains("{{") ? templated(label.getValue(), alert, "label " + label.getKey(), where)
                        : label.getValue();
                if (expanded.isEmpty()) {
                    labels.remove(label.getKey());
                } else {
                    labels.put(label.getKey(), expanded);
                }
            }
            YamlOutput.putMap(a, "exp_labels", new java.util.TreeMap<>(labels));
            YamlOutput.putMap(a, "exp_annotations", annotations(rule, alert, where));
        }
        return group;
    }

    private static String templated(String template, RuleTestCase.ExpectedAlert alert, String what, String where) {
        Double value = null;
        if (alert.value() != null) {
            try {
                value = Double.parseDouble(alert.value());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": expected value '" + alert.value() + "' is not a number");
            }
        }
        try {
            return AlertTemplate.expand(template, alert.labels(), value);
        } catch (IllegalArgumentException e) {
            String message = what.startsWith("label") ? e.getMessage().replace("the annotation prints", "the label prints") : e.getMessage();
            throw new IllegalArgumentException(where + ", " + what + ": " + message);
        }
    }

    private static Map<String, String> annotations(AlertingRule rule, RuleTestCase.ExpectedAlert alert, String where) {
        Map<String, String> expanded = new java.util.TreeMap<>();
        rule.annotations().forEach((name, template) -> expanded.put(name, templated(template, alert, "annotation " + name, where)));
        return expanded;
    }

    private static int copies(RuleTestCase.InputSeries series, String where) {
        if (series.copies() == null) {
            return 1;
        }
        double copies;
        try {
            copies = Double.parseDouble(series.copies());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": copies '" + series.copies() + "' is not a number");
        }
        if (copies != Math.rint(copies) || copies > 100_000) {
            throw new IllegalArgumentException(where + ": copies must be a whole number up to 100000, not " + series.copies());
        }
        if (copies > 1 && !series.series().contains("${i}")) {
            throw new IllegalArgumentException(where + ": series " + series.series() + " has copies but no ${i} to tell them apart");
        }
        return (int) Math.max(0, copies);
    }
}
