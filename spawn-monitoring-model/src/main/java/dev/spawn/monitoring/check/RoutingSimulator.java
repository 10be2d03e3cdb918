package dev.spawn.monitoring.check;

import dev.spawn.monitoring.model.decl.Internal;
import dev.spawn.monitoring.model.Matcher;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerConfig;
import dev.spawn.monitoring.model.alertmanager.InhibitRule;
import dev.spawn.monitoring.model.alertmanager.RoutingTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What Alertmanager does with alerts that fire together, in the JVM: each alert is either muted by an
 * inhibition (Alertmanager 0.25's {@code inhibit.go}: a firing alert that matches a rule's source
 * matchers mutes one that matches its target matchers when the {@code equal} labels agree, a label
 * missing on both counting as equal; an alert that matches both sides is muted only by a source that does
 * not itself match the target side) or delivered to the receivers of the routing tree
 * ({@link dev.spawn.monitoring.model.alertmanager.Route#receiversFor}, which a property test compares with
 * amtool). Time intervals and silences are not simulated.
 */
@Internal
public final class RoutingSimulator {

    /**
     * What became of one alert: the receivers it reached, or, when inhibited, the index of the alert that
     * inhibited it (among the ones that fired together) and the rule.
     */
    public record Verdict(Map<String, String> alert, List<String> receivers, int inhibitedBy, InhibitRule rule) {
        public boolean inhibited() {
            return inhibitedBy >= 0;
        }
    }

    private RoutingSimulator() {
    }

    /** The verdict for each alert, in order. */
    public static List<Verdict> simulate(AlertmanagerConfig config, List<Map<String, String>> alerts) {
        List<Verdict> verdicts = new ArrayList<>();
        for (Map<String, String> alert : alerts) {
            Verdict inhibited = null;
            for (InhibitRule rule : config.inhibitRules()) {
                if (!matchesAll(rule.targetMatchers(), alert)) {
                    continue;
                }
                boolean twoSided = matchesAll(rule.sourceMatchers(), alert);
                for (int i = 0; i < alerts.size() && inhibited == null; i++) {
                    Map<String, String> source = alerts.get(i);
                    if (matchesAll(rule.sourceMatchers(), source) && equal(rule.equal(), source, alert)
                            && !(twoSided && matchesAll(rule.targetMatchers(), source))) {
                        inhibited = new Verdict(alert, List.of(), i, rule);
                    }
                }
                if (inhibited != null) {
                    break;
                }
            }
            verdicts.add(inhibited != null ? inhibited : new Verdict(alert, config.route().receiversFor(alert), -1, null));
        }
        return List.copyOf(verdicts);
    }

    /**
     * Runs the tests against {@code config}; each wrong expectation is an error at
     * {@code alertmanager.tests[i].expect[j]} that says what happened instead.
     */
    public static BundleCheck.Outcome run(AlertmanagerConfig config, List<RoutingTest> tests) {
        List<Problem> problems = new ArrayList<>();
        int expectations = 0;
        for (int i = 0; i < tests.size(); i++) {
            RoutingTest test = tests.get(i);
            List<Verdict> verdicts = simulate(config, test.alerts());
            for (int j = 0; j < verdicts.size(); j++) {
                expectations++;
                String where = "alertmanager.tests[" + test.name() + "].expect[" + j + "]";
                RoutingTest.Expectation expected = test.expect().get(j);
                wrong(test, j, verdicts).map(message -> message + unknownReceivers(config, expected))
                        .ifPresent(message -> problems.add(Problem.error(where, message)));
            }
        }
        return new BundleCheck.Outcome("routing tests (" + tests.size() + " tests, " + expectations + " alerts)",
                problems.isEmpty() ? BundleCheck.Outcome.Status.PASSED : BundleCheck.Outcome.Status.FAILED, "", problems);
    }

    /** The expected receivers the configuration does not define, said after the verdict; empty when all are defined. */
    private static String unknownReceivers(AlertmanagerConfig config, RoutingTest.Expectation expected) {
        java.util.Set<String> defined = new java.util.TreeSet<>();
        config.receivers().forEach(r -> defined.add(r.name()));
        List<String> unknown = expected.receivers().stream().filter(r -> !defined.contains(r)).toList();
        return unknown.isEmpty() ? "" : "; " + (unknown.size() == 1 ? "no receiver named " + unknown.get(0) + " is"
                : "no receivers named " + String.join(", ", unknown) + " are") + " defined (defined: " + String.join(", ", defined) + ")";
    }

    /** What went otherwise than expected for alert {@code j} of {@code test}, in words. */
    static java.util.Optional<String> wrong(RoutingTest test, int j, List<Verdict> verdicts) {
        RoutingTest.Expectation expected = test.expect().get(j);
        Verdict got = verdicts.get(j);
        String which = "routing test '" + test.name() + "', alert " + (j + 1) + " " + labels(got.alert());
        if (expected.inhibited() && !got.inhibited()) {
            return java.util.Optional.of(which + ": expected it inhibited, but no inhibit rule mutes it; it reached "
                    + got.receivers());
        }
        if (!expected.inhibited() && got.inhibited()) {
            return java.util.Optional.of(which + ": expected receivers " + expected.receivers() + ", but alert "
                    + (got.inhibitedBy() + 1) + " " + labels(verdicts.get(got.inhibitedBy()).alert()) + " inhibited it (inhibit rule "
                    + describe(got.rule()) + ")");
        }
        if (!expected.inhibited() && !expected.receivers().equals(got.receivers())) {
            return java.util.Optional.of(which + ": expected receivers " + expected.receivers() + ", but it reached "
                    + got.receivers());
        }
        return java.util.Optional.empty();
    }

    /** {@code source [severity="critical"] mutes target [severity="warning"] with equal [alertname, instance_id]} */
    static String describe(InhibitRule rule) {
        return "source " + matchers(rule.sourceMatchers()) + " mutes target " + matchers(rule.targetMatchers())
                + (rule.equal().isEmpty() ? "" : " with equal " + rule.equal());
    }

    private static String matchers(List<Matcher> matchers) {
        return matchers.stream().map(m -> m.name() + m.op().symbol() + "\"" + m.value() + "\"").toList().toString();
    }

    private static String labels(Map<String, String> alert) {
        return alert.entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(java.util.stream.Collectors.joining(", ", "{", "}"));
    }

    private static boolean matchesAll(List<Matcher> matchers, Map<String, String> labels) {
        return matchers.stream().allMatch(m -> m.matches(labels));
    }

    private static boolean equal(List<String> names, Map<String, String> a, Map<String, String> b) {
        return names.stream().allMatch(n -> a.getOrDefault(n, "").equals(b.getOrDefault(n, "")));
    }
}
