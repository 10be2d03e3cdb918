package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.Matcher;
import dev.spawn.monitoring.model.Secret;
import dev.spawn.monitoring.model.decl.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A whole {@code alertmanager.yml}: global settings, templates, the routing tree, receivers,
 * inhibition rules and time intervals. Constructing one checks each part's own invariants; the
 * cross-references (route to receiver, route to time interval) are checked by
 * {@code AlertmanagerValidator}, which reports every problem at once.
 */
public record AlertmanagerConfig(
        @Key(value = "global", doc = "Defaults of the receivers, and resolve_timeout.") AlertmanagerGlobal global,
        @Key(value = "templates", doc = "Files notification templates are read from; the last part may be a glob.")
        List<String> templates,
        @Key(value = "route", doc = "The root of the routing tree.", required = true) Route route,
        @Key(value = "receivers", doc = "The notification receivers.") List<Receiver> receivers,
        @Key(value = "inhibit_rules", doc = "Inhibition rules.") List<InhibitRule> inhibitRules,
        @Key(value = "mute_time_intervals",
                doc = "Deprecated: use time_intervals.") List<TimeInterval> muteTimeIntervals,
        @Key(value = "time_intervals", doc = "Named time intervals for muting or activating routes.")
        List<TimeInterval> timeIntervals) {

    public AlertmanagerConfig {
        global = global == null ? AlertmanagerGlobal.EMPTY : global;
        // the deprecated list means the same as time_intervals, so it is folded in and written under the new name
        List<TimeInterval> intervals = new ArrayList<>(Invariants.list(timeIntervals, "time_intervals"));
        intervals.addAll(Invariants.list(muteTimeIntervals, "mute_time_intervals"));
        timeIntervals = intervals;
        muteTimeIntervals = List.of();
        Objects.requireNonNull(route, "an Alertmanager config needs a root route");
        receivers = Invariants.list(receivers, "receivers");
        inhibitRules = Invariants.list(inhibitRules, "inhibit_rules");
        timeIntervals = Invariants.list(timeIntervals, "time_intervals");
        templates = Invariants.list(templates, "templates");
        templates.forEach(t -> Invariants.nonBlank(t, "templates entry"));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config, e.g. to add a Slack channel to the spawn defaults. */
    public Builder toBuilder() {
        Builder b = new Builder().global(global).route(route);
        b.receivers.addAll(receivers);
        b.inhibitRules.addAll(inhibitRules);
        b.timeIntervals.addAll(timeIntervals);
        b.templates.addAll(templates);
        return b;
    }

    /** The receiver of that name, if any. */
    public java.util.Optional<Receiver> receiver(String name) {
        return receivers.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** Builds an {@link AlertmanagerConfig}; list methods add to what is there. */
    public static final class Builder {
        private AlertmanagerGlobal global;
        private Route route;
        private final List<Receiver> receivers = new ArrayList<>();
        private final List<InhibitRule> inhibitRules = new ArrayList<>();
        private final List<TimeInterval> timeIntervals = new ArrayList<>();
        private final List<String> templates = new ArrayList<>();

        private Builder() {
        }

        public Builder global(AlertmanagerGlobal value) {
            this.global = value;
            return this;
        }

        public Builder route(Route value) {
            this.route = value;
            return this;
        }

        public Builder route(Route.Builder value) {
            return route(value.build());
        }

        /** Adds a receiver, or replaces the receiver of the same name in place. */
        public Builder receiver(Receiver value) {
            for (int i = 0; i < receivers.size(); i++) {
                if (receivers.get(i).name().equals(value.name())) {
                    receivers.set(i, value);
                    return this;
                }
            }
            receivers.add(value);
            return this;
        }

        public Builder receiver(String name, ReceiverConfig... configs) {
            return receiver(Receiver.of(name, configs));
        }

        public Builder inhibit(InhibitRule value) {
            inhibitRules.add(value);
            return this;
        }

        /** Replaces every inhibition rule (the defaults' too) with these. */
        public Builder replaceInhibitRules(List<InhibitRule> values) {
            inhibitRules.clear();
            inhibitRules.addAll(values);
            return this;
        }

        public Builder timeInterval(TimeInterval value) {
            timeIntervals.add(value);
            return this;
        }

        public Builder template(String path) {
            templates.add(path);
            return this;
        }

        /**
         * Adds {@code receiver} and a route to it that is tried before the existing child routes and
         * continues, so the alerts it matches (all alerts when no matcher is given) still reach the
         * routes that follow. Needs the root route to be set first.
         */
        public Builder notify(Receiver receiver, Matcher... matchers) {
            if (route == null) {
                throw new IllegalStateException("set the root route before adding receiver " + receiver.name());
            }
            Route.Builder child = Route.to(receiver.name()).continueMatching(true);
            for (Matcher m : matchers) {
                child.matcher(m);
            }
            receivers.add(receiver);
            route = route.toBuilder().firstRoute(child.build()).build();
            return this;
        }

        /**
         * Also sends every alert to a Slack channel through the incoming webhook {@code apiUrl}
         * (null: the global {@code slack_api_url}). The receiver is named after the channel,
         * {@code #spawn-alerts} giving {@code slack-spawn-alerts}.
         */
        public Builder slack(String channel, Secret apiUrl, Matcher... matchers) {
            return notify(Receiver.of(slackReceiverName(channel), SlackConfig.of(channel, apiUrl)), matchers);
        }

        public AlertmanagerConfig build() {
            return new AlertmanagerConfig(global, templates, route, receivers, inhibitRules, null, timeIntervals);
        }

        static String slackReceiverName(String channel) {
            String slug = Invariants.nonBlank(channel, "slack channel").toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
            return slug.isEmpty() ? "slack" : "slack-" + slug;
        }
    }
}
