package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.LabelName;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A routing test ({@code alertmanager.tests} in a spec): alerts that fire together, as label sets, and
 * what should become of each, in the same order: delivered to exactly these receivers, or inhibited by
 * one of the others. Alertmanager's {@code amtool config routes test} takes one label set and knows no
 * inhibition; these take several at once and do.
 */
public record RoutingTest(String name, List<Map<String, String>> alerts, List<Expectation> expect) {

    public RoutingTest {
        Objects.requireNonNull(name, "name");
        alerts = alerts.stream().map(a -> Collections.unmodifiableMap(new TreeMap<>(LabelName.requireAll(a,
                "labels of an alert of routing test '" + name + "'")))).toList();
        expect = List.copyOf(expect);
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("routing test '" + name + "' has no alerts; expected at least one label set");
        }
        if (alerts.size() != expect.size()) {
            throw new IllegalArgumentException("routing test '" + name + "' has " + alerts.size() + " alerts but "
                    + expect.size() + " expectations; expected one per alert, in the same order");
        }
    }

    /** What should become of one alert: delivered to {@code receivers} in that order, or (with none) {@code inhibited}. */
    public record Expectation(List<String> receivers, boolean inhibited) {
        public Expectation {
            receivers = List.copyOf(receivers == null ? List.of() : receivers);
            if (inhibited == !receivers.isEmpty()) {
                throw new IllegalArgumentException(inhibited ? "an alert expected to be inhibited reaches no receivers; leave"
                        + " out receivers" : "an expectation needs receivers: [...] or inhibited: true");
            }
        }

        public static Expectation receivers(String... names) {
            return new Expectation(List.of(names), false);
        }

        public static Expectation toBeInhibited() {
            return new Expectation(List.of(), true);
        }
    }
}
