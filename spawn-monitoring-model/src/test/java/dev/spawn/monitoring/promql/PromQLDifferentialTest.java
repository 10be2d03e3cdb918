package dev.spawn.monitoring.promql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.testing.RealTools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.Example;

/**
 * The parser accepts exactly what the real {@code promtool check rules} (Prometheus 2.42) accepts, on a
 * deterministic corpus: the project's rule expressions, hand-written edge cases, grammar-generated
 * expressions (jqwik, fixed seeds) and token-level mutations of the valid ones. All of it goes to
 * promtool in one rule file, so the comparison takes seconds. A jqwik example, because jqwik's generators
 * only run on a jqwik thread.
 */
class PromQLDifferentialTest {

    @Example
    void acceptsExactlyWhatPromtoolAccepts() throws IOException {
        RealTools.require(Tool.PROMTOOL);
        Path dir = Files.createTempDirectory("promql-differential");
        try {
            compare(dir);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** A short SHA-256 of the corpus, to see that the fixed seeds give the same corpus everywhere. */
    private static String digest(List<String> corpus) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            corpus.forEach(e -> sha.update((e + "\u0000").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return java.util.HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void compare(Path dir) {
        Map<String, List<String>> parts = new LinkedHashMap<>();
        parts.put("rule-definitions", PromQLCorpus.ruleDefinitions());
        parts.put("repository rule files", PromQLCorpus.repositoryRuleFiles());
        parts.put("edge cases", PromQLCorpus.edgeCases());
        List<String> valid = new ArrayList<>();
        parts.values().forEach(list -> list.stream().filter(e -> PromQL.problems(e).isEmpty()).forEach(valid::add));
        parts.put("generated", new PromQLGenerator(false).expressions(42L, 2500));
        parts.put("generated near-misses", new PromQLGenerator(true).expressions(43L, 2500));
        parts.put("generated regexes", PromQLGenerator.regexSelectors(44L, 2000));
        valid.addAll(parts.get("generated").stream().filter(e -> PromQL.problems(e).isEmpty()).toList());
        parts.put("mutations", PromQLMutations.of(valid, 7L, 3000));
        // The printer's canonical text of every valid expression must be valid to promtool too.
        parts.put("printed", valid.stream().map(e -> PromQL.parse(e).print()).distinct().toList());

        LinkedHashSet<String> unique = new LinkedHashSet<>();
        parts.values().forEach(unique::addAll);
        List<String> corpus = List.copyOf(unique);
        long promtoolStart = System.nanoTime();
        List<PromtoolVerdicts.Verdict> promtool = PromtoolVerdicts.check(corpus, dir);
        long promtoolNanos = System.nanoTime() - promtoolStart;
        long oursStart = System.nanoTime();
        List<List<PromQLProblem>> ourProblems = corpus.stream().map(PromQL::problems).toList();
        long oursNanos = System.nanoTime() - oursStart;
        Map<String, Boolean> acceptedByPromtool = new HashMap<>();

        List<String> disagreements = new ArrayList<>();
        int sameMessage = 0;
        int samePosition = 0;
        for (int i = 0; i < corpus.size(); i++) {
            List<PromQLProblem> ours = ourProblems.get(i);
            PromtoolVerdicts.Verdict theirs = promtool.get(i);
            acceptedByPromtool.put(corpus.get(i), theirs.accepted());
            if (ours.isEmpty() != theirs.accepted()) {
                disagreements.add(Lexer.goQuote(corpus.get(i)) + "\n    promtool: " + theirs.error().orElse("accepted")
                        + "\n    ours:     " + (ours.isEmpty() ? "accepted" : ours.get(0)));
            } else if (!theirs.accepted()) {
                PromQLProblem first = ours.get(0);
                sameMessage += theirs.error().get().equals(first.message()) ? 1 : 0;
                if (System.getenv("PROMQL_DIFF_MESSAGES") != null && (!theirs.error().get().equals(first.message())
                        || !theirs.position().equals(Optional.of(first.line() + ":" + first.column())))) {
                    System.out.println("MSG " + Lexer.goQuote(corpus.get(i)) + "\n  promtool: " + theirs.position().orElse("") + " "
                            + theirs.error().get() + "\n  ours:     " + first);
                }
                samePosition += theirs.position().equals(Optional.of(first.line() + ":" + first.column())) ? 1 : 0;
            }
        }
        long accepted = acceptedByPromtool.values().stream().filter(a -> a).count();
        StringBuilder summary = new StringBuilder("PromQL differential against promtool 2.42:");
        parts.forEach((name, list) -> summary.append(' ').append(name).append(' ').append(list.size()).append(" (")
                .append(list.stream().filter(e -> acceptedByPromtool.get(e)).count()).append(" valid),"));
        summary.append(" unique ").append(corpus.size()).append(" (").append(accepted).append(" accepted, ")
                .append(corpus.size() - accepted).append(" rejected); verdicts agree on ")
                .append(corpus.size() - disagreements.size()).append('/').append(corpus.size())
                .append("; of the rejections, same first message on ").append(sameMessage)
                .append(" and same line:col on ").append(samePosition);
        summary.append("; corpus digest ").append(digest(corpus)).append(String.format(
                "; one promtool run %.1f s, our parser %.2f s (cold JVM, not a benchmark)", promtoolNanos / 1e9, oursNanos / 1e9));
        System.out.println(summary);
        List<String> printedRejected = parts.get("printed").stream().filter(e -> !acceptedByPromtool.get(e)).toList();
        assertThat(printedRejected).as("printed expressions promtool rejects").isEmpty();
        assertThat(disagreements).as(summary + "\n" + String.join("\n", disagreements)).isEmpty();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(5000);
    }
}
