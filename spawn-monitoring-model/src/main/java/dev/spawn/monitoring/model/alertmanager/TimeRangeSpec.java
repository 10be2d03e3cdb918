package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.decl.Key;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One entry of a {@link TimeInterval}'s {@code time_intervals}: the times of day, weekdays, days of
 * month, months and years it covers (empty = any), evaluated in {@code location} (an IANA zone such
 * as {@code Europe/Berlin}; null = UTC). Ranges use Alertmanager's {@code start:end} syntax, e.g.
 * {@code monday:friday}, {@code 1:7}, {@code -1} (last day), {@code january:march}, {@code 2024:2026}.
 */
public record TimeRangeSpec(
        @Key(value = "times", doc = "Times of day.") List<Times> times,
        @Key(value = "weekdays", doc = "Days of the week, e.g. monday:friday.") List<String> weekdays,
        @Key(value = "days_of_month", doc = "Days of the month, e.g. 1:5 or -3:-1.") List<String> daysOfMonth,
        @Key(value = "months", doc = "Months, e.g. january:march.") List<String> months,
        @Key(value = "years", doc = "Years, e.g. 2024:2026.") List<String> years,
        @Key(value = "location", doc = "Time zone, e.g. Europe/Berlin.", byDefault = "UTC") String location) {

    private static final String WEEKDAY = "(?:sunday|monday|tuesday|wednesday|thursday|friday|saturday)";
    private static final String MONTH = "(?:january|february|march|april|may|june|july|august|september|october"
            + "|november|december|[1-9]|1[0-2])";
    private static final Pattern WEEKDAYS = Pattern.compile(WEEKDAY + "(?::" + WEEKDAY + ")?");
    private static final Pattern DAYS = Pattern.compile("-?(?:[1-9]|[12][0-9]|3[01])(?::-?(?:[1-9]|[12][0-9]|3[01]))?");
    private static final Pattern MONTHS = Pattern.compile(MONTH + "(?::" + MONTH + ")?");
    private static final Pattern YEARS = Pattern.compile("[0-9]{4}(?::[0-9]{4})?");

    public TimeRangeSpec {
        times = Invariants.list(times, "time_interval times");
        weekdays = checked(weekdays, WEEKDAYS, "weekdays", "monday or monday:friday");
        daysOfMonth = checked(daysOfMonth, DAYS, "days_of_month", "1, 1:15 or -3:-1 (days counted from the end)");
        months = checked(months, MONTHS, "months", "january, 1 or january:march");
        years = checked(years, YEARS, "years", "2024 or 2024:2026");
        Invariants.optional(location, "time_interval location");
    }

    /** Times of day only, every day. */
    public static TimeRangeSpec daily(Times times) {
        return TimeRangeSpec.builder().times(List.of(times)).build();
    }

    public TimeRangeSpec withWeekdays(String... ranges) {
        return new TimeRangeSpec(times, List.of(ranges), daysOfMonth, months, years, location);
    }

    public TimeRangeSpec withLocation(String zone) {
        return new TimeRangeSpec(times, weekdays, daysOfMonth, months, years, zone);
    }

    private static List<String> checked(List<String> ranges, Pattern syntax, String key, String example) {
        List<String> copy = Invariants.list(ranges, "time_interval " + key);
        for (String range : copy) {
            if (!syntax.matcher(range.toLowerCase(Locale.ROOT)).matches()) {
                throw new IllegalArgumentException("time_interval " + key + " '" + range + "' is not a range; expected e.g. "
                        + example);
            }
        }
        return copy;
    }

    /** {@code times:} entry: from {@code startTime} (inclusive) to {@code endTime} (exclusive), {@code HH:MM}, end up to 24:00. */
    public record Times(
            @Key(value = "start_time", doc = "Start, HH:MM (inclusive).", required = true) String startTime,
            @Key(value = "end_time", doc = "End, HH:MM (exclusive), up to 24:00.", required = true) String endTime) {

        private static final Pattern CLOCK = Pattern.compile("(?:[01][0-9]|2[0-3]):[0-5][0-9]|24:00");

        public Times {
            for (String t : new String[] {startTime, endTime}) {
                if (t == null || !CLOCK.matcher(t).matches()) {
                    throw new IllegalArgumentException("time_interval time '" + t + "' is not a time of day; expected HH:MM"
                            + " between 00:00 and 24:00");
                }
            }
            if (startTime.compareTo(endTime) >= 0) {
                throw new IllegalArgumentException("time_interval times: start_time " + startTime
                        + " must be before end_time " + endTime);
            }
        }
    }

    /** A builder with every part unset (null, or empty). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this TimeRangeSpec's parts, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.times = times;
        b.weekdays = weekdays;
        b.daysOfMonth = daysOfMonth;
        b.months = months;
        b.years = years;
        b.location = location;
        return b;
    }

    /** Fluent construction of a {@link TimeRangeSpec}; {@link #build()} checks the record's invariants. */
    public static final class Builder {
        private List<Times> times;
        private List<String> weekdays;
        private List<String> daysOfMonth;
        private List<String> months;
        private List<String> years;
        private String location;

        private Builder() {
        }

        public Builder times(List<Times> value) {
            this.times = value;
            return this;
        }

        public Builder weekdays(List<String> value) {
            this.weekdays = value;
            return this;
        }

        public Builder daysOfMonth(List<String> value) {
            this.daysOfMonth = value;
            return this;
        }

        public Builder months(List<String> value) {
            this.months = value;
            return this;
        }

        public Builder years(List<String> value) {
            this.years = value;
            return this;
        }

        public Builder location(String value) {
            this.location = value;
            return this;
        }

        public TimeRangeSpec build() {
            return new TimeRangeSpec(times, weekdays, daysOfMonth, months, years, location);
        }
    }
}
