package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.Matcher;
import dev.spawn.monitoring.model.decl.Key;
import java.util.List;
import java.util.Map;

/**
 * {@code <inhibit_rule>}: while an alert matching {@code sourceMatchers} fires, alerts matching
 * {@code targetMatchers} with equal values of the {@code equal} labels are muted. The deprecated
 * {@code target_match(_re)}/{@code source_match(_re)} maps are read and folded into the matchers.
 */
public record InhibitRule(
        @Key(value = "target_match", doc = "Deprecated: use target_matchers. Equality matchers of the muted alerts.",
                labelNames = true)
        Map<String, String> targetMatch,
        @Key(value = "target_match_re", doc = "Deprecated: use target_matchers. Regex matchers of the muted alerts.",
                labelNames = true, regexValues = true)
        Map<String, String> targetMatchRe,
        @Key(value = "target_matchers",
                doc = "Matchers the alerts to be muted have to fulfil.") List<Matcher> targetMatchers,
        @Key(value = "source_match", doc = "Deprecated: use source_matchers. Equality matchers of the muting alerts.",
                labelNames = true)
        Map<String, String> sourceMatch,
        @Key(value = "source_match_re", doc = "Deprecated: use source_matchers. Regex matchers of the muting alerts.",
                labelNames = true, regexValues = true)
        Map<String, String> sourceMatchRe,
        @Key(value = "source_matchers",
                doc = "Matchers for which one or more alerts have to exist for the inhibition to"
                + " take effect.")
        List<Matcher> sourceMatchers,
        @Key(value = "equal", doc = "Labels that must have an equal value in the source and target alert.")
        List<String> equal) {

    public InhibitRule {
        targetMatchers = Invariants.fold(targetMatchers, targetMatch, targetMatchRe, "inhibit_rule target");
        sourceMatchers = Invariants.fold(sourceMatchers, sourceMatch, sourceMatchRe, "inhibit_rule source");
        targetMatch = Map.of();
        targetMatchRe = Map.of();
        sourceMatch = Map.of();
        sourceMatchRe = Map.of();
        equal = Invariants.labelNames(equal, "inhibit_rule equal");
        if (sourceMatchers.isEmpty() || targetMatchers.isEmpty()) {
            // an empty side matches every alert, which would let any alert mute all others
            throw new IllegalArgumentException("inhibit_rule needs at least one source matcher and one target matcher");
        }
    }

    public InhibitRule(List<Matcher> sourceMatchers, List<Matcher> targetMatchers, List<String> equal) {
        this(null, null, targetMatchers, null, null, sourceMatchers, equal);
    }

    public static InhibitRule of(Matcher source, Matcher target, String... equal) {
        return new InhibitRule(List.of(source), List.of(target), List.of(equal));
    }

    /** A builder with every part unset (null, or empty). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this InhibitRule's parts, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.targetMatch = targetMatch;
        b.targetMatchRe = targetMatchRe;
        b.targetMatchers = targetMatchers;
        b.sourceMatch = sourceMatch;
        b.sourceMatchRe = sourceMatchRe;
        b.sourceMatchers = sourceMatchers;
        b.equal = equal;
        return b;
    }

    /** Fluent construction of a {@link InhibitRule}; {@link #build()} checks the record's invariants. */
    public static final class Builder {
        private Map<String, String> targetMatch;
        private Map<String, String> targetMatchRe;
        private List<Matcher> targetMatchers;
        private Map<String, String> sourceMatch;
        private Map<String, String> sourceMatchRe;
        private List<Matcher> sourceMatchers;
        private List<String> equal;

        private Builder() {
        }

        public Builder targetMatch(Map<String, String> value) {
            this.targetMatch = value;
            return this;
        }

        public Builder targetMatchRe(Map<String, String> value) {
            this.targetMatchRe = value;
            return this;
        }

        public Builder targetMatchers(List<Matcher> value) {
            this.targetMatchers = value;
            return this;
        }

        public Builder sourceMatch(Map<String, String> value) {
            this.sourceMatch = value;
            return this;
        }

        public Builder sourceMatchRe(Map<String, String> value) {
            this.sourceMatchRe = value;
            return this;
        }

        public Builder sourceMatchers(List<Matcher> value) {
            this.sourceMatchers = value;
            return this;
        }

        public Builder equal(List<String> value) {
            this.equal = value;
            return this;
        }

        public InhibitRule build() {
            return new InhibitRule(targetMatch, targetMatchRe, targetMatchers, sourceMatch, sourceMatchRe,
                    sourceMatchers, equal);
        }
    }
}
