package dev.spawn.monitoring.rules;

import dev.spawn.monitoring.model.DidYouMean;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.model.rules.AlertingRule;
import dev.spawn.monitoring.model.rules.Category;
import dev.spawn.monitoring.model.rules.Rule;
import dev.spawn.monitoring.model.rules.RuleFile;
import dev.spawn.monitoring.model.rules.RuleGroup;
import dev.spawn.monitoring.model.rules.Severity;
import dev.spawn.monitoring.render.YamlOutput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The effective alert rules of a bundle: the default definitions with the user's overrides,
 * disabled rules and categories, and custom rules. Immutable and copy-on-write: every change
 * returns a new rule set, so a default can be shared and changed in several ways.
 *
 * <p>Misnamed rules and parameters throw {@link ValidationException} at once, with a did-you-mean;
 * problems found while rendering (a template that cannot be evaluated with an overridden value, a
 * custom rule without tests) are listed by {@link #problems()}, and {@link #ruleFiles()} and
 * {@link #testFiles()} throw when any of them is an error.
 */
public final class RuleSet {

    /** Labels every rule carries, set from the rule's severity and category. */
    static final Set<String> RESERVED_LABELS = Set.of("severity", "component", "category");

    public static final String COMPONENT = "spawn";
    /** The {@code category} label value and file stem of custom rules. */
    public static final String CUSTOM_CATEGORY = "custom";
    public static final String CUSTOM_RULE_FILE = "alerts/custom-alerts.yaml";
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

    private final RuleCatalog catalog;
    private final Map<String, RuleOverride> overrides;
    private final Set<String> disabled;
    private final Set<Category> disabledCategories;
    private final CustomRules custom;
    private final Map<Category, Duration> intervals;
    private final String runbookBase;
    /** The coverage the user asked for, or null for the default ({@link Coverage#FIRE_AND_SILENT}, lenient on untested custom rules). */
    private final Coverage coverage;

    private RuleSet(RuleCatalog catalog, Map<String, RuleOverride> overrides, Set<String> disabled,
            Set<Category> disabledCategories, CustomRules custom, Map<Category, Duration> intervals, String runbookBase,
            Coverage coverage) {
        this.catalog = catalog;
        this.overrides = overrides;
        this.disabled = disabled;
        this.disabledCategories = disabledCategories;
        this.custom = custom;
        this.intervals = intervals;
        this.runbookBase = runbookBase;
        this.coverage = coverage;
    }

    /** The 26 default rules, unchanged. */
    public static RuleSet defaults() {
        return of(RuleCatalog.defaults());
    }

    /** The rules of any catalog (tests use fixtures), unchanged. */
    public static RuleSet of(RuleCatalog catalog) {
        return new RuleSet(catalog, Map.of(), Set.of(), Set.of(), CustomRules.none(), Map.of(), RuleCatalog.RUNBOOK_BASE, null);
    }

    public RuleCatalog catalog() {
        return catalog;
    }

    /** Changes one default rule; an unknown name throws with a did-you-mean. */
    public RuleSet rule(String name, Consumer<RuleOverride> change) {
        RuleDefinition definition = definition(name);
        RuleOverride override = overrides.containsKey(name) ? overrides.get(name).copy() : new RuleOverride(definition);
        change.accept(override);
        Map<String, RuleOverride> copy = new LinkedHashMap<>(overrides);
        copy.put(name, override);
        return new RuleSet(catalog, Collections.unmodifiableMap(copy), disabled, disabledCategories, custom, intervals, runbookBase, coverage);
    }

    /** Leaves a default rule (and its tests) out; an unknown name throws with a did-you-mean. */
    public RuleSet disable(String name) {
        definition(name);
        Set<String> copy = new LinkedHashSet<>(disabled);
        copy.add(name);
        return new RuleSet(catalog, overrides, Collections.unmodifiableSet(copy), disabledCategories, custom, intervals, runbookBase, coverage);
    }

    /** Leaves out every default rule of a category, and its rule and test files. */
    public RuleSet disableCategory(Category category) {
        Set<Category> copy = EnumSet.noneOf(Category.class);
        copy.addAll(disabledCategories);
        copy.add(category);
        return new RuleSet(catalog, overrides, disabled, Collections.unmodifiableSet(copy), custom, intervals, runbookBase, coverage);
    }

    /**
     * Adds a custom alert to {@value #CUSTOM_RULE_FILE}. Its name may repeat a default's only at
     * another severity (a tier, e.g. a critical {@code HighCostInstance} above a higher threshold, which
     * the default inhibition then lets silence the warning one); the same name at the same severity
     * is taken, unless that default is switched off ({@link #disable}) before.
     */
    public RuleSet custom(CustomRule rule) {
        // a default that is switched off leaves its name free (spawn:import keeps a user's own version of it)
        boolean taken = catalog.rule(rule.name()).filter(d -> d.severity() == rule.severity()
                        && !disabled.contains(d.name()) && !disabledCategories.contains(d.category())).isPresent()
                || custom.contains(rule.name(), rule.severity());
        if (taken) {
            throw new ValidationException(List.of(Problem.error("custom rule " + rule.name(),
                    "an alert named " + rule.name() + " with severity " + rule.severity().id()
                            + " already exists; change the default with rule(\"" + rule.name()
                            + "\", ...), pick another severity for a tier, or pick another name")));
        }
        return new RuleSet(catalog, overrides, disabled, disabledCategories, custom.with(rule), intervals, runbookBase, coverage);
    }

    /**
     * Where the default rules' {@code runbook_url} annotations point: the page that holds
     * {@code docs/alerts.md} (one anchor per alert) wherever your team hosts it.
     */
    public RuleSet runbookBase(String url) {
        if (url == null || !url.matches("https?://[^\\s/#]+[^\\s#]*")) {
            throw new IllegalArgumentException("runbook base '" + url + "' is not an absolute http(s) URL without a fragment;"
                    + " expected e.g. https://wiki.example.com/spawn/alerts");
        }
        return new RuleSet(catalog, overrides, disabled, disabledCategories, custom, intervals, url, coverage);
    }

    /**
     * Which cases every alert must have; a rule that lacks one is an error naming the rule and what is
     * missing. Without this call: {@link Coverage#FIRE_AND_SILENT}, except that a custom rule with no
     * cases at all is only a warning (as before coverage was checked); set explicitly, it is an error too.
     */
    public RuleSet coverage(Coverage required) {
        return new RuleSet(catalog, overrides, disabled, disabledCategories, custom, intervals, runbookBase,
                java.util.Objects.requireNonNull(required, "coverage"));
    }

    /** The coverage in force: the one set, or {@link Coverage#FIRE_AND_SILENT}. */
    public Coverage coverage() {
        return coverage == null ? Coverage.FIRE_AND_SILENT : coverage;
    }

    /** Sets how often the category's group is evaluated (default 60s); tests use the same interval. */
    public RuleSet evaluationInterval(Category category, Duration interval) {
        if (interval.millis() == 0) {
            throw new ValidationException(List.of(Problem.error("category " + category.id(), "the evaluation interval must be positive")));
        }
        Map<Category, Duration> copy = new EnumMap<>(Category.class);
        copy.putAll(intervals);
        copy.put(category, interval);
        return new RuleSet(catalog, overrides, disabled, disabledCategories, custom, Collections.unmodifiableMap(copy), runbookBase, coverage);
    }

    /**
     * The value a default rule's parameter has in this rule set, the user's override or else the
     * default, as a number (a duration in seconds): dashboards draw the alert's line at it.
     */
    public double parameter(String rule, String parameter) {
        RuleDefinition definition = definition(rule);
        Parameter p = definition.parameter(parameter).orElseThrow(() -> new IllegalArgumentException("rule " + rule
                + " has no parameter '" + parameter + "'"
                + DidYouMean.hint(parameter, definition.parameters().stream().map(Parameter::name).toList())));
        RuleOverride override = overrides.get(rule);
        return p.numeric(override == null ? p.defaultValue() : override.parameterValues().get(parameter));
    }

    /** The names of the rules that will be rendered, defaults first in file order, then custom rules. */
    public List<String> ruleNames() {
        List<String> names = new ArrayList<>();
        enabledGroups().forEach(g -> enabled(g).forEach(d -> names.add(d.name())));
        custom.rules().forEach(c -> names.add(c.name()));
        return names;
    }

    /** One rule file per non-empty category ({@link Category#ruleFile()}), then {@value #CUSTOM_RULE_FILE}. */
    public List<RuleFile> ruleFiles() {
        return render().ruleFiles;
    }

    /**
     * The promtool test files, one per tested alert: {@code tests/<category>-alerts/<Alert>-test.yaml}, loading a
     * copy of its rule file with only that alert ({@code rules/<Alert>.yaml} beside it). Thresholds the user
     * changed are tested at their new values; disabled rules have no tests.
     */
    public SortedMap<String, byte[]> testFiles() {
        Rendered rendered = render();
        SortedMap<String, byte[]> files = new TreeMap<>();
        for (int i = 0; i < rendered.ruleFiles.size(); i++) {
            RuleFile file = rendered.ruleFiles.get(i);
            files.putAll(PromtoolTestFile.perAlert(file, rendered.tested.get(i), file.groups().get(0).interval(), sourceOf(file.path())));
        }
        return Collections.unmodifiableSortedMap(files);
    }

    /** The folder of a rule file's test files ({@code tests/cost-alerts/} for {@code alerts/cost-alerts.yaml}). */
    public static String testFolder(String ruleFile) {
        return PromtoolTestFile.testFolder(ruleFile);
    }

    /** The test file of {@code alert} of {@code ruleFile} ({@code tests/cost-alerts/CostTrendingUp-test.yaml}). */
    public static String testFile(String ruleFile, String alert) {
        return PromtoolTestFile.testFile(ruleFile, alert);
    }

    /**
     * The test file of the {@code occurrence}-th alert named {@code alert} in {@code ruleFile}, 1 for the first:
     * alerts that share a name are tested each on its own ({@code tests/custom-alerts/HighCpu.2-test.yaml}).
     */
    public static String testFile(String ruleFile, String alert, int occurrence) {
        return PromtoolTestFile.testFile(ruleFile, alert, occurrence);
    }

    /** Which alert of its name a test file tests, from its path (1 for the first, 2 for {@code <Alert>.2-test.yaml}). */
    public static int occurrence(String testFile) {
        return PromtoolTestFile.occurrence(testFile);
    }

    /**
     * The key of the {@code occurrence}-th alert named {@code alert} of a rule file in a map of cases by alert
     * ({@link #uncovered}, {@code SpawnMonitoring.ruleFile}): its name for the first, {@code <name>.2} for the
     * second, and so on ({@code .} is in no alert name).
     */
    public static String testKey(String alert, int occurrence) {
        return occurrence <= 1 ? alert : alert + "." + occurrence;
    }

    /**
     * Whether {@code testPath} holds cases of the spawn defaults (a category's rule file), generated from
     * rule-definitions; otherwise they are the user's own (custom rules, {@code rules.groups}, rule files from code).
     */
    public static boolean isDefaultsTest(String testPath) {
        for (Category category : Category.values()) {
            if (testPath.startsWith(testFolder(category.ruleFile()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code ruleFile} is a category's rule file of the spawn defaults; otherwise its rules are the user's own. */
    public static boolean isDefaultsRuleFile(String ruleFile) {
        for (Category category : Category.values()) {
            if (ruleFile.equals(category.ruleFile())) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code path} is a test file that promtool runs (not a rule copy that one loads). */
    public static boolean isTestFile(String path) {
        return path.endsWith(PromtoolTestFile.TEST_SUFFIX) && !path.contains("/" + PromtoolTestFile.RULES_FOLDER);
    }

    /** Warnings (custom rules without tests) and errors found while rendering the rules and their tests. */
    public List<Problem> problems() {
        return render(false).problems;
    }

    // --- rendering ---

    private static final class Rendered {
        final List<RuleFile> ruleFiles = new ArrayList<>();
        final List<List<PromtoolTestFile.TestedRule>> tested = new ArrayList<>();
        final List<Problem> problems = new ArrayList<>();
    }

    private Rendered render() {
        return render(true);
    }

    /** The rendering, made once: a rule set does not change (every change makes a new one). */
    private volatile Rendered rendered;

    private Rendered render(boolean failOnErrors) {
        Rendered out = rendered;
        if (out == null) {
            out = renderAll();
            rendered = out;
        }
        if (failOnErrors && out.problems.stream().anyMatch(Problem::isError)) {
            throw new ValidationException(out.problems);
        }
        return out;
    }

    private Rendered renderAll() {
        Rendered out = new Rendered();
        for (RuleGroupDefinition group : enabledGroups()) {
            List<PromtoolTestFile.TestedRule> tested = new ArrayList<>();
            Duration interval = intervals.getOrDefault(group.category(), group.interval());
            for (RuleDefinition definition : enabled(group)) {
                try {
                    tested.add(covered(checked(effective(definition, interval)), location(definition), out.problems));
                } catch (IllegalArgumentException e) {
                    out.problems.add(Problem.error(location(definition), e.getMessage()));
                }
            }
            if (!tested.isEmpty()) {
                add(out, group.category().ruleFile(), group.name(), interval, tested);
            }
        }
        List<PromtoolTestFile.TestedRule> customTested = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (CustomRule rule : custom.rules()) {
            // the second and later alerts of a name are elements of their own (RuleSet.testKey), as their test files are
            String element = "custom rule " + testKey(rule.name(), seen.merge(rule.name(), 1, Integer::sum));
            try {
                customTested.add(checked(effective(rule)));
                Coverage.gate(coverage, element, rule.name(), rule.tests()).ifPresent(out.problems::add);
            } catch (IllegalArgumentException e) {
                out.problems.add(Problem.error(element, e.getMessage()));
            }
        }
        if (!customTested.isEmpty()) {
            add(out, CUSTOM_RULE_FILE, "spawn-" + CUSTOM_CATEGORY, DEFAULT_INTERVAL, customTested);
        }
        return out;
    }

    private static void add(Rendered out, String path, String groupName, Duration interval, List<PromtoolTestFile.TestedRule> tested) {
        List<Rule> rules = tested.stream().map(t -> (Rule) t.rule()).toList();
        out.ruleFiles.add(new RuleFile(path, List.of(new RuleGroup(groupName, interval, rules))));
        out.tested.add(tested);
    }

    /** Adds an error at {@code location} when the rule's cases fall short of the coverage; returns the rule. */
    private PromtoolTestFile.TestedRule covered(PromtoolTestFile.TestedRule tested, String location, List<Problem> problems) {
        Coverage.gate(coverage(), location, tested.rule().alert(), tested.tests()).ifPresent(problems::add);
        return tested;
    }

    /**
     * The alerts of a rule file of the user's own ({@code rules.groups}) held to the same coverage as custom rules,
     * with their cases by alert name; each problem is at {@code custom rule <alert> (<file>)}.
     */
    public List<Problem> uncovered(RuleFile file, Map<String, List<RuleTestCase>> tests) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        file.groups().stream().flatMap(g -> g.rules().stream()).filter(AlertingRule.class::isInstance).map(AlertingRule.class::cast)
                .forEach(a -> {
                    String key = testKey(a.alert(), seen.merge(a.alert(), 1, Integer::sum));
                    Coverage.gate(coverage, "custom rule " + key + " (" + file.path() + ")", a.alert(),
                            tests.getOrDefault(key, List.of())).ifPresent(problems::add);
                });
        return problems;
    }

    /** Generates the rule's tests once so that a case that cannot be generated is reported here. */
    private static PromtoolTestFile.TestedRule checked(PromtoolTestFile.TestedRule tested) {
        return tested.generated();
    }

    /**
     * The rule with the user's changes, and its test cases rendered with the parameters, the effective
     * {@code for} and the group's evaluation {@code interval}, so that the cases' times follow them too.
     */
    private PromtoolTestFile.TestedRule effective(RuleDefinition definition, Duration interval) {
        RuleOverride override = overrides.containsKey(definition.name()) ? overrides.get(definition.name()) : new RuleOverride(definition);
        RuleTemplates templates = new RuleTemplates(definition.parameters(), override.parameterValues());
        String where = "rule " + definition.name();
        String expr = templates.render(definition.exprTemplate(), "expr of " + where);
        Map<String, String> annotations = new LinkedHashMap<>();
        definition.annotations().forEach((k, v) -> annotations.put(k, templates.render(v, "annotation " + k + " of " + where)));
        annotations.putIfAbsent("runbook_url", RuleCatalog.runbookUrl(runbookBase, definition.name()));
        annotations.putAll(override.annotations());
        Map<String, String> labels = labels(override.severityOr(definition.severity()), definition.category().id(),
                definition.labels(), override.labels());
        Duration forDuration = override.forDurationOr(definition.forDuration());
        AlertingRule rule = new AlertingRule(definition.name(), expr, forDuration, null, labels, annotations);
        RuleTemplates timed = templates.withTiming(forDuration, interval);
        List<RuleTestCase> tests = definition.tests().stream()
                .map(t -> t.map(text -> timed.render(text, "test '" + t.name() + "' of " + where)))
                .toList();
        return new PromtoolTestFile.TestedRule(rule, tests);
    }

    private static PromtoolTestFile.TestedRule effective(CustomRule custom) {
        AlertingRule rule = new AlertingRule(custom.name(), custom.expr(), custom.forDuration(), null,
                labels(custom.severity(), CUSTOM_CATEGORY, custom.labels(), Map.of()), custom.annotations());
        return new PromtoolTestFile.TestedRule(rule, custom.tests());
    }

    private static Map<String, String> labels(Severity severity, String category, Map<String, String> extra,
            Map<String, String> overridden) {
        Map<String, String> labels = new LinkedHashMap<>(extra);
        labels.putAll(overridden);
        labels.put("severity", severity.id());
        labels.put("component", COMPONENT);
        labels.put("category", category);
        return labels;
    }

    private List<RuleGroupDefinition> enabledGroups() {
        return catalog.groups().stream().filter(g -> !disabledCategories.contains(g.category())).toList();
    }

    private List<RuleDefinition> enabled(RuleGroupDefinition group) {
        return group.rules().stream().filter(d -> !disabled.contains(d.name())).toList();
    }

    private RuleDefinition definition(String name) {
        return catalog.rule(name).orElseThrow(() -> new ValidationException(List.of(Problem.error("rules",
                "unknown rule '" + name + "'" + DidYouMean.hint(name, catalog.names())))));
    }

    private static String location(RuleDefinition definition) {
        return "rule " + definition.name() + (definition.source().isEmpty() ? "" : " (" + definition.source() + ")");
    }

    private static String sourceOf(String ruleFile) {
        return ruleFile.equals(CUSTOM_RULE_FILE) ? "custom rules" : "rule-definitions";
    }
}
