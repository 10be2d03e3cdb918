package dev.spawn.monitoring.model;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.spawn.monitoring.model.decl.Internal;

/**
 * Regular expressions as Prometheus and Alertmanager read them: RE2 syntax (Go's regexp), anchored at
 * both ends. {@code (?P<name>...)} is fine, look-arounds and back-references are not.
 */
@Internal
public final class Re2 {

    private Re2() {
    }

    /** Compiles {@code regex} anchored as Prometheus anchors it; throws naming {@code where} and the RE2 error. */
    public static Pattern compileAnchored(String regex, String where) {
        try {
            return Pattern.compile("^(?:" + regex + ")$", Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(where + " '" + regex + "' is not an RE2 regular expression: "
                    + e.getDescription() + "; expected RE2 syntax as Prometheus uses it (no look-arounds or back-references)");
        }
    }
}
