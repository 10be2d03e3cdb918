package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.LabelName;
import dev.spawn.monitoring.model.Matcher;
import dev.spawn.monitoring.model.decl.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code <route>}: a node of the routing tree. Null scalars are absent, so a child route inherits
 * them from its parent. The deprecated {@code match}/{@code match_re} are read and folded into
 * {@code matchers} (same meaning: every matcher must hold), so they are never written back.
 * {@code continueMatching} is upstream's {@code continue}: true or null (false is the default and
 * left out). {@code groupBy} may hold the special value {@code ...} (group by every label).
 */
public record Route(
        @Key(value = "receiver", doc = "The receiver of the alerts this route takes.") String receiver,
        @Key(value = "group_by", doc = "Labels to group alerts by; ['...'] groups by all labels.") List<String> groupBy,
        @Key(value = "continue", doc = "Whether an alert should continue matching subsequent sibling nodes.",
                byDefault = "false")
        Boolean continueMatching,
        @Key(value = "match", doc = "Deprecated: use matchers. Equality matchers, label: value.", labelNames = true)
        Map<String, String> match,
        @Key(value = "match_re", doc = "Deprecated: use matchers. Regex matchers, label: regex.", labelNames = true, regexValues = true)
        Map<String, String> matchRe,
        @Key(value = "matchers", doc = "Matchers an alert has to fulfil to match the node, e.g. severity=\"critical\".")
        List<Matcher> matchers,
        @Key(value = "group_wait", doc = "How long to wait before the first notification of a group.",
                byDefault = "30s")
        Duration groupWait,
        @Key(value = "group_interval", doc = "How long to wait before notifying about new alerts of a group.",
                byDefault = "5m")
        Duration groupInterval,
        @Key(value = "repeat_interval", doc = "How long to wait before repeating a notification.", byDefault = "4h")
        Duration repeatInterval,
        @Key(value = "mute_time_intervals",
                doc = "Time intervals in which the route is muted.") List<String> muteTimeIntervals,
        @Key(value = "active_time_intervals", doc = "Time intervals in which the route is active.")
        List<String> activeTimeIntervals,
        @Key(value = "routes", doc = "Child routes.") List<Route> routes) {

    /** {@code group_by: ['...']} groups by all labels, i.e. disables aggregation. */
    public static final String ALL_LABELS = "...";

    public Route {
        Invariants.optional(receiver, "route receiver");
        groupBy = Invariants.list(groupBy, "route group_by");
        for (String label : groupBy) {
            if (!label.equals(ALL_LABELS)) {
                LabelName.require(label, "route group_by");
            }
        }
        if (groupBy.contains(ALL_LABELS) && groupBy.size() > 1) {
            throw new IllegalArgumentException("route group_by '...' groups by every label; list no other label with it");
        }
        if (groupBy.size() != new java.util.HashSet<>(groupBy).size()) {
            throw new IllegalArgumentException("route group_by lists a label twice: " + groupBy);
        }
        matchers = Invariants.fold(matchers, match, matchRe, "route");
        match = Map.of();
        matchRe = Map.of();
        continueMatching = Boolean.TRUE.equals(continueMatching) ? Boolean.TRUE : null;
        muteTimeIntervals = Invariants.list(muteTimeIntervals, "route mute_time_intervals");
        activeTimeIntervals = Invariants.list(activeTimeIntervals, "route active_time_intervals");
        routes = Invariants.list(routes, "route routes");
        if (groupInterval != null && groupInterval.equals(Duration.ZERO)) {
            throw new IllegalArgumentException("route group_interval must be more than 0s");
        }
        if (repeatInterval != null && repeatInterval.equals(Duration.ZERO)) {
            throw new IllegalArgumentException("route repeat_interval must be more than 0s");
        }
    }

    /**
     * The receivers an alert with these labels is delivered to, in order, by Alertmanager's routing
     * algorithm: a node that matches tries its children in order, stopping after the first match
     * unless that child has {@code continue}; a node no child takes delivers to its own receiver,
     * inherited from its parent when it names none. This is what {@code amtool config routes test}
     * is asked to confirm.
     */
    public List<String> receiversFor(java.util.Map<String, String> labels) {
        return receiversFor(labels, receiver);
    }

    private List<String> receiversFor(java.util.Map<String, String> labels, String inherited) {
        String own = receiver == null ? inherited : receiver;
        if (!matchers.stream().allMatch(m -> m.matches(labels))) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Route child : routes) {
            List<String> taken = child.receiversFor(labels, own);
            out.addAll(taken);
            if (!taken.isEmpty() && !child.continues()) {
                break;
            }
        }
        return out.isEmpty() ? List.of(own) : List.copyOf(out);
    }

    /** Whether later siblings are tried after this route matched ({@code continue: true}). */
    public boolean continues() {
        return Boolean.TRUE.equals(continueMatching);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A route to {@code receiver}; the usual start of a child route. */
    public static Builder to(String receiver) {
        return new Builder().receiver(receiver);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.receiver = receiver;
        b.groupBy.addAll(groupBy);
        b.continueMatching = continues();
        b.matchers.addAll(matchers);
        b.groupWait = groupWait;
        b.groupInterval = groupInterval;
        b.repeatInterval = repeatInterval;
        b.muteTimeIntervals.addAll(muteTimeIntervals);
        b.activeTimeIntervals.addAll(activeTimeIntervals);
        b.routes.addAll(routes);
        return b;
    }

    /** Builds a {@link Route}; list setters add to what is there. */
    public static final class Builder {
        private String receiver;
        private final List<String> groupBy = new ArrayList<>();
        private boolean continueMatching;
        private final List<Matcher> matchers = new ArrayList<>();
        private Duration groupWait;
        private Duration groupInterval;
        private Duration repeatInterval;
        private final List<String> muteTimeIntervals = new ArrayList<>();
        private final List<String> activeTimeIntervals = new ArrayList<>();
        private final List<Route> routes = new ArrayList<>();

        private Builder() {
        }

        public Builder receiver(String receiver) {
            this.receiver = receiver;
            return this;
        }

        public Builder groupBy(String... labels) {
            groupBy.addAll(List.of(labels));
            return this;
        }

        /** Upstream's {@code continue: true}: after this route matches, keep trying its siblings. */
        public Builder continueMatching(boolean value) {
            this.continueMatching = value;
            return this;
        }

        public Builder matcher(Matcher matcher) {
            matchers.add(matcher);
            return this;
        }

        /** Parses each text with {@link Matcher#parse}, e.g. {@code severity="critical"}. */
        public Builder matchers(String... texts) {
            for (String text : texts) {
                matchers.add(Matcher.parse(text));
            }
            return this;
        }

        public Builder groupWait(Duration value) {
            this.groupWait = value;
            return this;
        }

        public Builder groupInterval(Duration value) {
            this.groupInterval = value;
            return this;
        }

        public Builder repeatInterval(Duration value) {
            this.repeatInterval = value;
            return this;
        }

        public Builder muteTimeIntervals(String... names) {
            muteTimeIntervals.addAll(List.of(names));
            return this;
        }

        public Builder activeTimeIntervals(String... names) {
            activeTimeIntervals.addAll(List.of(names));
            return this;
        }

        public Builder route(Route child) {
            routes.add(child);
            return this;
        }

        /** Puts a child route before the others, so it is tried first. */
        public Builder firstRoute(Route child) {
            routes.add(0, child);
            return this;
        }

        public Builder route(Builder child) {
            return route(child.build());
        }

        public Route build() {
            return new Route(receiver, groupBy, continueMatching, null, null, matchers, groupWait, groupInterval,
                    repeatInterval,
                    muteTimeIntervals, activeTimeIntervals, routes);
        }
    }
}
