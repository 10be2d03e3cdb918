package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.Matcher;
import java.util.List;

/**
 * {@code <inhibit_rule>}: while an alert matching {@code sourceMatchers} fires, alerts matching
 * {@code targetMatchers} with equal values of the {@code equal} labels are muted. Only the
 * {@code matchers} form is modelled, never the deprecated {@code source_match}/{@code target_match}.
 */
public record InhibitRule(List<Matcher> sourceMatchers, List<Matcher> targetMatchers, List<String> equal) {

    public InhibitRule {
        sourceMatchers = Invariants.list(sourceMatchers, "inhibit_rule source_matchers");
        targetMatchers = Invariants.list(targetMatchers, "inhibit_rule target_matchers");
        equal = Invariants.labelNames(equal, "inhibit_rule equal");
        if (sourceMatchers.isEmpty() || targetMatchers.isEmpty()) {
            // an empty side matches every alert, which would let any alert mute all others
            throw new IllegalArgumentException("inhibit_rule needs at least one source matcher and one target matcher");
        }
    }

    public static InhibitRule of(Matcher source, Matcher target, String... equal) {
        return new InhibitRule(List.of(source), List.of(target), List.of(equal));
    }
}
