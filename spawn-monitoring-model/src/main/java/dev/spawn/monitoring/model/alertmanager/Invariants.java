package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.LabelName;
import dev.spawn.monitoring.model.Matcher;
import dev.spawn.monitoring.model.Secret;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The checks the compact constructors of this package share; each message names the element. */
final class Invariants {

    private Invariants() {
    }

    static String nonBlank(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return value;
    }

    /** An optional string: null (absent) or not blank. */
    static String optional(String value, String what) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank; leave it out (null) instead");
        }
        return value;
    }

    /**
     * A string Alertmanager treats as not set when it is empty (it falls back to the global value, or to its own
     * default, exactly as for an absent key): blank is read as absent, so the rendered file leaves it out.
     */
    static String unsetIfBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** An immutable copy of a possibly absent list, every element non-null. */
    static <T> List<T> list(List<T> values, String what) {
        if (values == null) {
            return List.of();
        }
        for (T value : values) {
            Objects.requireNonNull(value, () -> "null element in " + what);
        }
        return List.copyOf(values);
    }

    static List<String> labelNames(List<String> names, String what) {
        List<String> copy = list(names, what);
        copy.forEach(name -> LabelName.require(name, what));
        return copy;
    }

    /** A sorted, immutable copy so rendering does not depend on the caller's map order. */
    static Map<String, String> sorted(Map<String, String> map, String what) {
        if (map == null) {
            return Map.of();
        }
        map.forEach((k, v) -> {
            nonBlank(k, "key in " + what);
            Objects.requireNonNull(v, () -> "null value for " + k + " in " + what);
        });
        return java.util.Collections.unmodifiableMap(new TreeMap<>(map));
    }

    /** For the few secrets Alertmanager 0.25 only reads inline (it has no {@code <key>_file} for them). */
    static Secret inlineOnly(Secret secret, String what) {
        if (secret instanceof Secret.FromFile) {
            throw new IllegalArgumentException(what + " cannot be read from a file by Alertmanager 0.25;"
                    + " give it inline (Secret.inline) or use another credential source");
        }
        return secret;
    }

    /**
     * The matchers of a route or inhibition side with the deprecated {@code match} (equality) and
     * {@code match_re} (regex) maps folded in after them, keys sorted: every matcher must hold, so
     * the meaning is the same and only the {@code matchers} form is written back.
     */
    static List<Matcher> fold(List<Matcher> matchers, Map<String, String> match, Map<String, String> matchRe, String what) {
        List<Matcher> out = new java.util.ArrayList<>(list(matchers, what + " matchers"));
        new TreeMap<>(match == null ? Map.of() : match).forEach((k, v) -> out.add(Matcher.eq(k, v)));
        new TreeMap<>(matchRe == null ? Map.of() : matchRe).forEach((k, v) -> out.add(Matcher.regex(k, v)));
        return List.copyOf(out);
    }

    static Integer nonNegative(Integer value, String what) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(what + " must be 0 or more, was " + value);
        }
        return value;
    }
}
