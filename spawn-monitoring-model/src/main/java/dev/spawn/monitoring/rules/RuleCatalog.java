package dev.spawn.monitoring.rules;

import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.model.rules.Category;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The default rule definitions and the metric catalog, loaded from the classpath
 * ({@code dev/spawn/monitoring/rule-definitions/}, packaged from the top-level rule-definitions/
 * folder), and the generated alert reference, docs/alerts.md.
 */
public final class RuleCatalog {

    /** Where the packaged definitions live on the classpath. */
    public static final String RESOURCE_DIR = "dev/spawn/monitoring/rule-definitions/";
    /** The alert reference each rule's default {@code runbook_url} points into (one anchor per alert). */
    public static final String RUNBOOK_BASE = "https://github.com/spawn-dev/spawn-monitoring/blob/main/docs/alerts.md";

    private static final String DOCS_TEMPLATE = "dev/spawn/monitoring/rules/alerts.md.mustache";
    private static volatile RuleCatalog defaults;

    private final List<RuleGroupDefinition> groups;
    private final MetricCatalog metrics;

    public RuleCatalog(List<RuleGroupDefinition> groups, MetricCatalog metrics) {
        this.groups = List.copyOf(groups);
        this.metrics = metrics;
    }

    /** The packaged defaults: one file per category plus metrics.yaml. Loaded once. */
    public static synchronized RuleCatalog defaults() {
        RuleCatalog catalog = defaults;
        if (catalog == null) {
            catalog = load();
            defaults = catalog;
        }
        return catalog;
    }

    /** Reads the packaged definitions afresh (what {@link #defaults()} does once per JVM). */
    public static RuleCatalog load() {
        List<RuleGroupDefinition> groups = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Category category : Category.values()) {
            String file = category.id() + ".yaml";
            try {
                groups.add(RuleDefinitionReader.readCategory("rule-definitions/" + file, resource(RESOURCE_DIR + file), category));
            } catch (ValidationException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new RuleCatalog(groups, RuleDefinitionReader.readMetrics("rule-definitions/metrics.yaml",
                resource(RESOURCE_DIR + "metrics.yaml")));
    }

    List<RuleGroupDefinition> groups() {
        return groups;
    }

    public List<RuleDefinition> rules() {
        return groups.stream().flatMap(g -> g.rules().stream()).toList();
    }

    public List<String> names() {
        return rules().stream().map(RuleDefinition::name).toList();
    }

    public Optional<RuleDefinition> rule(String name) {
        // asked for each custom rule added (is its name taken?): no list of all rules for that
        for (RuleGroupDefinition group : groups) {
            for (RuleDefinition rule : group.rules()) {
                if (rule.name().equals(name)) {
                    return Optional.of(rule);
                }
            }
        }
        return Optional.empty();
    }

    public MetricCatalog metrics() {
        return metrics;
    }

    /** The default {@code runbook_url} of an alert: its section of docs/alerts.md. */
    public static String runbookUrl(String alert) {
        return runbookUrl(RUNBOOK_BASE, alert);
    }

    /** An alert's section of docs/alerts.md hosted at {@code base}. */
    public static String runbookUrl(String base, String alert) {
        return base + "#" + alert.toLowerCase(Locale.ROOT);
    }

    /** The expression of a definition with its default parameters. */
    public static String defaultExpr(RuleDefinition definition) {
        return new RuleTemplates(definition.parameters(), definition.defaults())
                .render(definition.exprTemplate(), "expr of rule " + definition.name());
    }

    /** docs/alerts.md: one section per category, one entry per rule, from alerts.md.mustache. */
    String renderDocs() {
        List<Map<String, Object>> categories = new ArrayList<>();
        for (RuleGroupDefinition group : groups) {
            List<Map<String, Object>> rules = new ArrayList<>();
            for (RuleDefinition rule : group.rules()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("name", rule.name());
                r.put("severity", rule.severity().id());
                r.put("for", rule.forDuration().toString());
                r.put("meaning", rule.meaning());
                r.put("action", rule.action());
                r.put("expr", defaultExpr(rule));
                r.put("parameters", rule.parameters());
                r.put("hasParameters", !rule.parameters().isEmpty());
                r.put("tests", rule.tests().size());
                rules.add(r);
            }
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", group.category().id());
            c.put("title", group.category().id().substring(0, 1).toUpperCase(Locale.ROOT) + group.category().id().substring(1));
            c.put("group", group.name());
            c.put("interval", group.interval().toString());
            c.put("ruleFile", group.category().ruleFile());
            c.put("count", rules.size());
            c.put("rules", rules);
            categories.add(c);
        }
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("total", rules().size());
        scope.put("categories", categories);
        return RuleTemplates.renderResource(DOCS_TEMPLATE, scope);
    }

    static String resource(String name) {
        try (InputStream in = RuleCatalog.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the classpath; the build packages it from rule-definitions/");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
