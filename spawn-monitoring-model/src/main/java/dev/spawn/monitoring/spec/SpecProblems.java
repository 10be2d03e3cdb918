package dev.spawn.monitoring.spec;

import dev.spawn.monitoring.model.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The problems found in one spec file, each placed at {@code file:line:col} (1-based), and the marks
 * of model elements ({@code rules.HighCostInstance}, {@code alertmanager.route.routes[0]}) so that
 * problems the model finds later can be placed in the spec too.
 */
final class SpecProblems {

    private final String fileName;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Mark> elementMarks = new HashMap<>();
    private final Map<String, Node> elementNodes = new HashMap<>();
    private String text;

    SpecProblems(String fileName) {
        this.fileName = fileName;
    }

    String at(Mark mark) {
        return fileName + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
    }

    void error(Node node, String message) {
        add(Problem.error(at(node.getStartMark()), message));
    }

    void warning(Node node, String message) {
        add(Problem.warning(at(node.getStartMark()), message));
    }

    /** Adds a problem once: a part read twice (as a whole, then item by item) reports its problems once. */
    void add(Problem problem) {
        if (!problems.contains(problem)) {
            problems.add(problem);
        }
    }

    /** Remembers where the model element {@code path} came from. */
    void element(String path, Node node) {
        elementMarks.putIfAbsent(path, node.getStartMark());
        elementNodes.putIfAbsent(path, node);
    }

    /** The spec's text, for positions inside its scalars (an expression's own characters). */
    void text(String source) {
        this.text = source;
    }

    /** The node of the model element {@code path}, if the spec wrote it. */
    java.util.Optional<Node> node(String path) {
        return java.util.Optional.ofNullable(elementNodes.get(path));
    }

    String text() {
        return text;
    }

    /**
     * A model problem placed at the spec position of its element (or the nearest enclosing element);
     * a location the spec did not produce (a default's) keeps the file name and the model path.
     */
    Problem place(Problem problem) {
        // "rule HighCostInstance (cost.yaml)": the element, then where its definition lives
        String path = problem.location().replaceFirst(" \\(.*\\)$", "");
        while (!path.isEmpty()) {
            Mark mark = elementMarks.get(path);
            if (mark != null) {
                return new Problem(problem.severity(), at(mark), problem.message());
            }
            int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
            path = cut < 0 ? "" : path.substring(0, cut);
        }
        String where = problem.location().isEmpty() ? fileName : fileName + ": " + problem.location();
        return new Problem(problem.severity(), where, problem.message());
    }

    /** Rules (their elements, {@code custom rule X}) whose cases had problems reported at their own lines. */
    private final java.util.Set<String> casesReported = new java.util.HashSet<>();

    void casesReported(String element) {
        casesReported.add(element);
    }

    /**
     * Whether {@code problem} repeats what was said at a case's own line: the model's problem about a case ({@code test
     * 'x' of rule X: ...}) of a rule whose cases were reported already.
     */
    boolean repeatsACase(Problem problem) {
        return casesReported.contains(problem.location()) && problem.message().startsWith("test '");
    }

    int errorCount() {
        return (int) problems.stream().filter(Problem::isError).count();
    }

    boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    /** Every problem, in file order (line, then column), as a compiler lists them; unplaced ones last. */
    List<Problem> all() {
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(java.util.Comparator.comparingLong(this::position));
        return List.copyOf(sorted);
    }

    private long position(Problem p) {
        String prefix = fileName + ":";
        if (!p.location().startsWith(prefix)) {
            return Long.MAX_VALUE;
        }
        String[] parts = p.location().substring(prefix.length()).split(":");
        try {
            return Long.parseLong(parts[0]) * 100_000 + (parts.length > 1 ? Long.parseLong(parts[1]) : 0);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    String fileName() {
        return fileName;
    }
}
