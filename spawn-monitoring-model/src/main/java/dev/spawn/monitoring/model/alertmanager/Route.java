package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.LabelName;
import dev.spawn.monitoring.model.Matcher;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <route>}: a node of the routing tree. Null scalars are absent, so a child route inherits
 * them from its parent. Matching uses {@code matchers} only, never the deprecated
 * {@code match}/{@code match_re}. {@code continueMatching} is upstream's {@code continue}.
 * {@code groupBy} may hold the special value {@code ...} (group by every label).
 */
public record Route(String receiver, List<String> groupBy, boolean continueMatching, List<Matcher> matchers,
        Duration groupWait, Duration groupInterval, Duration repeatInterval, List<String> muteTimeIntervals,
        List<String> activeTimeIntervals, List<Route> routes) {

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
        matchers = Invariants.list(matchers, "route matchers");
        muteTimeIntervals = Invariants.list(muteTimeIntervals, "route mute_time_intervals");
        activeTimeIntervals = Invariants.list(activeTimeIntervals, "route active_time_intervals");
        routes = Invariants.list(routes, "route routes");
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
            if (!taken.isEmpty() && !child.continueMatching()) {
                break;
            }
        }
        return out.isEmpty() ? List.of(own) : List.copyOf(out);
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
        b.continueMatching = continueMatching;
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
            return new Route(receiver, groupBy, continueMatching, matchers, groupWait, groupInterval, repeatInterval,
                    muteTimeIntervals, activeTimeIntervals, routes);
        }
    }
}
