package dev.spawn.monitoring.lint;

import dev.spawn.monitoring.model.decl.Internal;
import dev.spawn.monitoring.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code spawn:lint}: rule files, and the Alertmanager configuration they are routed by, checked offline against
 * the metric catalog, the scrape configuration and the routing tree (see {@link Check}). Each finding is one
 * line, {@code FILE:LINE:COL: error|warning: CHECK: message}; the report ends with
 * {@code lint: N errors, M warnings}.
 *
 * <pre>{@code
 * Lint.Report report = Lint.run(LintContext.of(catalog, prometheusConfig, Map.of()),
 *         List.of(new Lint.Source("alerts/my-rules.yaml", text)), null, UnaryOperator.identity());
 * report.findings().forEach(System.out::println);
 * }</pre>
 */
@Internal
public final class Lint {

    private Lint() {
    }

    /** A file's name as findings show it, and its text. */
    public record Source(String name, String text) {
    }

    /** The findings, in file order, and the files that could not be read (a YAML error, a bad spawn:ignore). */
    public record Report(List<Finding> findings, List<Problem> problems) {
        public Report {
            findings = List.copyOf(findings);
            problems = List.copyOf(problems);
        }

        public long errors() {
            return findings.stream().filter(Finding::isError).count() + problems.stream().filter(Problem::isError).count();
        }

        public long warnings() {
            return findings.stream().filter(f -> !f.isError()).count() + problems.stream().filter(p -> !p.isError()).count();
        }

        /** Whether an error was found: {@code spawn:lint}, {@code generate} and {@code check} fail then. */
        public boolean failed() {
            return errors() > 0;
        }

        /** {@code lint: 2 errors, 1 warning}. */
        public String summary() {
            return "lint: " + errors() + (errors() == 1 ? " error, " : " errors, ") + warnings()
                    + (warnings() == 1 ? " warning" : " warnings");
        }

        /** The same report with each finding passed through {@code place} (a spec reader's placement). */
        public Report placed(UnaryOperator<Finding> place) {
            List<Finding> moved = new ArrayList<>(findings.stream().map(place).toList());
            moved.sort(Finding.ORDER);
            return new Report(moved, problems);
        }

        /** Each finding and problem as a line, in order. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            problems.forEach(p -> lines.add(p.location() + ": " + (p.isError() ? "error" : "warning") + ": " + p.message()));
            findings.forEach(f -> lines.add(f.toString()));
            return lines;
        }
    }

    /**
     * Lints {@code ruleFiles} and, when not null, the routing of {@code alertmanager} against the alerts of those
     * rules; {@code element} names the model element of each rule (for a spec reader to place findings).
     */
    public static Report run(LintContext ctx, List<Source> ruleFiles, Source alertmanager, UnaryOperator<LintRule> element) {
        List<LintRule> rules = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Source file : ruleFiles) {
            RuleSource.Read read = RuleSource.read(file.name(), file.text());
            read.rules().stream().map(element).forEach(rules::add);
            problems.addAll(read.problems());
        }
        Routing routing = null;
        if (alertmanager != null) {
            routing = Routing.read(alertmanager.name(), alertmanager.text());
            problems.addAll(routing.problems());
        }
        return new Report(Linter.lint(ctx, rules, routing), problems);
    }
}
