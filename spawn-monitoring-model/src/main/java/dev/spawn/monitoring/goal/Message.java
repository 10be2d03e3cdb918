package dev.spawn.monitoring.goal;

import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.spec.SpecReader;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of what a goal reports, with its level: the Maven plugin sends it to its log, the
 * {@code spawn-monitoring} command to standard output (info) or standard error (warnings, errors), so
 * both say the same words.
 */
public record Message(Level level, String text) {

    public enum Level { INFO, WARNING, ERROR }

    public static Message info(String text) {
        return new Message(Level.INFO, text);
    }

    public static Message warning(String text) {
        return new Message(Level.WARNING, text);
    }

    public static Message error(String text) {
        return new Message(Level.ERROR, text);
    }

    /** At most this many errors are printed (and a quarter as many warnings); a line counts the rest. */
    static final int MOST_ERRORS = 200;

    /**
     * Problems one per line, warnings first, then errors: how a compiler lists them. A spec with hundreds of
     * problems prints the first {@value #MOST_ERRORS} errors (and a quarter as many warnings) and says how many
     * more there are, as javac does.
     */
    public static List<Message> problems(List<Problem> problems) {
        List<Message> messages = new ArrayList<>();
        List<Problem> warnings = problems.stream().filter(p -> !p.isError()).toList();
        List<Problem> errors = problems.stream().filter(Problem::isError).toList();
        int mostWarnings = MOST_ERRORS / 4;
        warnings.stream().limit(mostWarnings).forEach(p -> messages.add(warning(p.toString())));
        errors.stream().limit(MOST_ERRORS).forEach(p -> messages.add(error(p.toString())));
        int moreWarnings = Math.max(0, warnings.size() - mostWarnings);
        int moreErrors = Math.max(0, errors.size() - MOST_ERRORS);
        if (moreWarnings + moreErrors > 0) {
            messages.add(moreErrors > 0 ? error(more(moreErrors, moreWarnings)) : warning(more(moreErrors, moreWarnings)));
        }
        return messages;
    }

    private static String more(int errors, int warnings) {
        List<String> parts = new ArrayList<>();
        if (errors > 0) {
            parts.add(errors + " more error" + (errors == 1 ? "" : "s"));
        }
        if (warnings > 0) {
            parts.add(warnings + " more warning" + (warnings == 1 ? "" : "s"));
        }
        return "... and " + String.join(" and ", parts) + " not shown; fix the first ones and run again";
    }

    /**
     * Each tool check: a pass as info, a skip as a warning, a failure as errors: the tool's message, then its
     * findings placed in the spec ({@code spawn-monitoring.yaml:14:13: custom rule 'X': promtool: ...}) when
     * {@code spec} is known.
     */
    public static List<Message> checks(List<BundleCheck.Outcome> outcomes, SpecReader.Spec spec) {
        List<Message> messages = new ArrayList<>();
        for (BundleCheck.Outcome o : outcomes) {
            switch (o.status()) {
                case PASSED -> {
                    messages.add(info("  " + o.name() + ": passed"));
                    // the warnings of a passing check, such as surviving mutants under rules.mutation: warn
                    (spec == null ? o : spec.place(o)).problems().forEach(p -> messages.add(warning(p.toString())));
                }
                case SKIPPED -> messages.add(warning("  " + o.name() + ": skipped, " + o.output().strip()));
                case FAILED -> {
                    messages.add(error("  " + o.name() + ": failed" + (o.output().isBlank() ? "" : "\n" + o.output().strip())));
                    (spec == null ? o : spec.place(o)).problems().forEach(p -> messages.add(error(p.toString())));
                }
                default -> throw new IllegalStateException(o.status().name());
            }
        }
        return messages;
    }
}
