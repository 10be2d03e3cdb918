package dev.spawn.monitoring.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every problem found in a monitoring definition, collected before failing (as javac does). The
 * message lists them one per line; callers such as the Maven plugin print {@link #problems()}.
 */
public final class ValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public ValidationException(List<Problem> problems) {
        super(format(problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String format(List<Problem> problems) {
        long errors = problems.stream().filter(Problem::isError).count();
        return errors + (errors == 1 ? " problem" : " problems") + " in the monitoring definition:\n"
                + problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
