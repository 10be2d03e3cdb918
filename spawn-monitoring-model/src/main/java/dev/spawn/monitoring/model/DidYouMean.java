package dev.spawn.monitoring.model;

import dev.spawn.monitoring.model.decl.Internal;
import java.util.Collection;
import java.util.Optional;

/**
 * Suggests the closest known name for a misspelt one ({@code treshold} -> {@code threshold}), by
 * Levenshtein distance, so that error messages can end in "did you mean 'threshold'?".
 */
@Internal
public final class DidYouMean {

    private DidYouMean() {
    }

    /** The candidate nearest to {@code input}, if it is close enough to be a plausible typo. */
    public static Optional<String> closest(String input, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(input.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        // more than a third of the word changed is a different word, not a typo
        int limit = Math.max(2, input.length() / 3);
        return bestDistance <= limit ? Optional.ofNullable(best) : Optional.empty();
    }

    /** {@code "; did you mean 'x'?"}, or {@code "; expected one of a, b, c"} when nothing is close. */
    public static String hint(String input, Collection<String> candidates) {
        return closest(input, candidates)
                .map(c -> "; did you mean '" + c + "'?")
                .orElseGet(() -> candidates.isEmpty() ? "" : "; expected one of " + String.join(", ", candidates));
    }

    /** The Levenshtein edit distance: insertions, deletions and substitutions each count one. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
