package dev.spawn.monitoring.lint;

import dev.spawn.monitoring.model.Matcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * labels/route and labels/inhibit: the routing tree and the inhibitions against the labels the alerts of the
 * rules can carry. A matcher that needs a label (it rejects the empty value) is a mistake when none of the
 * alerts its other matchers select can carry the label; a route none of the alerts can reach is one too, as
 * is a group_by label (below the root, which takes every alert Alertmanager receives) that the alerts routed
 * there cannot carry, and an {@code equal} label neither the source nor the target alerts carry.
 */
final class RoutingChecks {

    private final Alerts alerts;
    private final Consumer<Finding> sink;
    private final Map<String, List<RouteUse>> uses = new LinkedHashMap<>();

    /** A route that sends to a receiver, with the alerts that can reach it. */
    record RouteUse(Routing.Route route, List<Alerts.Shape> reaching) {
    }

    private RoutingChecks(Alerts alerts, Consumer<Finding> sink) {
        this.alerts = alerts;
        this.sink = sink;
    }

    static void run(LintContext ctx, Alerts alerts, Routing routing, Consumer<Finding> sink) {
        RoutingChecks checks = new RoutingChecks(alerts, sink);
        if (routing.root() != null) {
            checks.uses.computeIfAbsent(routing.root().receiver() == null ? "" : routing.root().receiver(),
                    k -> new ArrayList<>()).add(new RouteUse(routing.root(), alerts.shapes()));
            for (Routing.Route child : routing.root().routes()) {
                checks.route(child, List.of());
            }
        }
        routing.inhibitions().forEach(checks::inhibition);
        TemplateChecks.receivers(routing.templates(), checks.uses, sink);
    }

    static String element(String path) {
        return "alertmanager." + path;
    }

    private void report(Check check, Position at, String message, String path) {
        sink.accept(new Finding(at, check.defaultSeverity(), check, message, element(path), -1));
    }

    private void route(Routing.Route route, List<Matcher> inherited) {
        List<Matcher> own = route.matchers().stream().map(Routing.At::matcher).toList();
        boolean reported = false;
        for (Routing.At at : route.matchers()) {
            reported |= needsLabel(at, inherited, own, "route", route.path());
        }
        List<Matcher> all = new ArrayList<>(inherited);
        all.addAll(own);
        List<Alerts.Shape> reaching = alerts.matching(all);
        if (!reported && !alerts.shapes().isEmpty()) {
            // a route for named alerts whose name matches none: a typo (routes for severities or teams may wait for rules)
            for (Routing.At at : route.matchers()) {
                Matcher m = at.matcher();
                if (m.name().equals("alertname") && !m.matches(Map.of()) && alerts.matching(List.of(m)).isEmpty()) {
                    List<String> names = alerts.shapes().stream().map(Alerts.Shape::alertname).distinct().toList();
                    report(Check.LABELS_ROUTE, at.spot().start(), m + " matches no alert of these rules, so the route"
                            + " never receives one" + (m.op() == Matcher.Op.EQ
                            ? dev.spawn.monitoring.model.DidYouMean.hint(m.value(), names) : ""), route.path());
                }
            }
        }
        if (route.groupBy() != null && !reaching.isEmpty()) {
            for (Map.Entry<String, Spot> g : route.groupByAt().entrySet()) {
                String label = g.getKey();
                if (reaching.stream().noneMatch(s -> s.mayCarry(label))) {
                    report(Check.LABELS_ROUTE, g.getValue().start(), "group_by names " + label + ", which none of the"
                            + " alerts routed here (" + Alerts.names(reaching) + ") can carry", route.path());
                }
            }
        }
        uses.computeIfAbsent(route.receiver() == null ? "" : route.receiver(), k -> new ArrayList<>())
                .add(new RouteUse(route, reaching));
        for (Routing.Route child : route.routes()) {
            route(child, all);
        }
    }

    /**
     * Whether {@code at} needs a label that none of the alerts the other matchers select can carry; reports it.
     */
    private boolean needsLabel(Routing.At at, List<Matcher> inherited, List<Matcher> siblings, String what, String path) {
        Matcher m = at.matcher();
        if (m.matches(Map.of())) {
            return false; // it also takes alerts without the label
        }
        List<Matcher> others = new ArrayList<>(inherited);
        siblings.stream().filter(s -> s != m).forEach(others::add);
        List<Alerts.Shape> meant = alerts.matching(others);
        if (alerts.shapes().isEmpty() || meant.stream().anyMatch(s -> s.mayCarry(m.name()))) {
            return false;
        }
        if (meant.isEmpty() && alerts.shapes().stream().anyMatch(s -> s.mayCarry(m.name()))) {
            return false; // the other matchers are what selects no alert: not this one's mistake
        }
        report(meantFor(what), at.spot().start(), what + " matcher " + m + " needs the label " + m.name() + ", which "
                + (meant.isEmpty() ? "no alert of these rules" : "none of the alerts it is meant for (" + Alerts.names(meant)
                + ")") + " can carry, so it never matches", path);
        return true;
    }

    private static Check meantFor(String what) {
        return what.equals("route") ? Check.LABELS_ROUTE : Check.LABELS_INHIBIT;
    }

    private void inhibition(Routing.Inhibition inhibit) {
        List<Matcher> source = inhibit.source().stream().map(Routing.At::matcher).toList();
        List<Matcher> target = inhibit.target().stream().map(Routing.At::matcher).toList();
        for (Routing.At at : inhibit.source()) {
            needsLabel(at, List.of(), source, "source", inhibit.path());
        }
        for (Routing.At at : inhibit.target()) {
            needsLabel(at, List.of(), target, "target", inhibit.path());
        }
        if (alerts.shapes().isEmpty()) {
            return;
        }
        List<Alerts.Shape> sources = alerts.matching(source);
        List<Alerts.Shape> targets = alerts.matching(target);
        if (sources.isEmpty() && targets.isEmpty()) {
            return; // an inhibition for alerts of other rules (or whose matchers were reported above)
        }
        for (Map.Entry<String, Spot> e : inhibit.equalAt().entrySet()) {
            String label = e.getKey();
            boolean onSource = sources.stream().anyMatch(s -> s.mayCarry(label));
            boolean onTarget = targets.stream().anyMatch(s -> s.mayCarry(label));
            if (!onSource && !onTarget) {
                report(Check.LABELS_INHIBIT, e.getValue().start(), "equal names " + label + ", which neither the source"
                        + " alerts (" + (sources.isEmpty() ? "none" : Alerts.names(sources)) + ") nor the target alerts ("
                        + (targets.isEmpty() ? "none" : Alerts.names(targets)) + ") carry, so it compares two empty values",
                        inhibit.path());
            }
        }
    }

    static Set<String> none() {
        return Set.of();
    }
}
