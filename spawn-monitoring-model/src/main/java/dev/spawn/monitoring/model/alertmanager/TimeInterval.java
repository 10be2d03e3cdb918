package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.decl.Key;
import java.util.List;

/**
 * {@code <time_interval>}: a named set of time ranges that routes reference in
 * {@code mute_time_intervals} and {@code active_time_intervals}. Written under the top-level
 * {@code time_intervals} key (the older {@code mute_time_intervals} key is deprecated).
 */
public record TimeInterval(
        @Key(value = "name", doc = "The interval's name, referenced by routes.", required = true) String name,
        @Key(value = "time_intervals",
                doc = "The time ranges that make up the interval.") List<TimeRangeSpec> timeIntervals) {

    public TimeInterval {
        Invariants.nonBlank(name, "time_interval name");
        timeIntervals = Invariants.list(timeIntervals, "time_intervals of " + name);
    }

    public static TimeInterval of(String name, TimeRangeSpec... specs) {
        return new TimeInterval(name, List.of(specs));
    }
}
