package dev.spawn.monitoring.check;

import java.util.List;
import java.util.stream.Collectors;

/** A real tool rejected the bundle; the message carries each failing tool's own output. */
public final class CheckFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient List<BundleCheck.Outcome> outcomes;

    public CheckFailedException(List<BundleCheck.Outcome> outcomes) {
        super(outcomes.stream().filter(BundleCheck.Outcome::failed).map(BundleCheck.Outcome::toString)
                .collect(Collectors.joining("\n")), null, false, false);
        this.outcomes = List.copyOf(outcomes);
    }

    public List<BundleCheck.Outcome> outcomes() {
        return outcomes;
    }
}
