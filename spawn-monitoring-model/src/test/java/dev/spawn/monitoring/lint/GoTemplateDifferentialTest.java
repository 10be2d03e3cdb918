package dev.spawn.monitoring.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.testing.RealTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The template parser accepts exactly what the real {@code promtool check rules} (Prometheus 2.42, Go 1.19)
 * accepts, on a deterministic corpus: the default rules' templates, hand-written edge cases, grammar-generated
 * templates (fixed seeds) and mutations of the valid ones. All of it goes to promtool in one rule file, each
 * template the one annotation of an alert. The one documented difference: an assignment ({@code =}) to a
 * variable never declared, which Go only rejects when it executes the template; promtool accepts it, we report
 * {@code undefined variable: $x}.
 */
class GoTemplateDifferentialTest {

    @Test
    void acceptsExactlyWhatPromtoolAccepts() throws IOException {
        RealTools.require(Tool.PROMTOOL);
        Path dir = Files.createTempDirectory("gotemplate-differential");
        try {
            compare(dir);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static GoTemplate.Result parse(String template) {
        return GoTemplate.parse(template, GoTemplate.PROMETHEUS_FUNCTIONS, GoTemplate.PROMETHEUS_VARIABLES);
    }

    /** Our only rejections Go leaves to execution time: assignments to variables never declared. */
    private static boolean onlyExecutionTimeProblems(GoTemplate.Result result) {
        return !result.ok() && result.problems().stream().allMatch(p -> p.message().startsWith("undefined variable: $"));
    }

    private void compare(Path dir) {
        Map<String, List<String>> parts = new LinkedHashMap<>();
        parts.put("rule templates", GoTemplateCorpus.ruleTemplates());
        parts.put("edge cases", GoTemplateCorpus.edgeCases());
        parts.put("generated", new GoTemplateGenerator(false).templates(42L, 3000));
        parts.put("generated near-misses", new GoTemplateGenerator(true).templates(43L, 3000));
        List<String> valid = new ArrayList<>();
        parts.values().forEach(list -> list.stream().filter(t -> parse(t).ok()).forEach(valid::add));
        parts.put("mutations", GoTemplateMutations.of(valid, 7L, 4000));

        LinkedHashSet<String> unique = new LinkedHashSet<>();
        parts.values().forEach(unique::addAll);
        List<String> corpus = List.copyOf(unique);
        long promtoolStart = System.nanoTime();
        List<GoTemplateVerdicts.Verdict> promtool = GoTemplateVerdicts.check(corpus, dir);
        long promtoolNanos = System.nanoTime() - promtoolStart;
        long oursStart = System.nanoTime();
        List<GoTemplate.Result> results = corpus.stream().map(GoTemplateDifferentialTest::parse).toList();
        long oursNanos = System.nanoTime() - oursStart;
        Map<String, Boolean> acceptedByPromtool = new HashMap<>();
        List<String> disagreements = new ArrayList<>();
        List<String> exceptions = new ArrayList<>();
        java.util.SortedMap<String, Integer> shapes = new java.util.TreeMap<>();
        int sameMessage = 0;
        int sameLine = 0;
        for (int i = 0; i < corpus.size(); i++) {
            String template = corpus.get(i);
            GoTemplate.Result ours = results.get(i);
            GoTemplateVerdicts.Verdict theirs = promtool.get(i);
            acceptedByPromtool.put(template, theirs.accepted());
            if (theirs.accepted() && onlyExecutionTimeProblems(ours)) {
                exceptions.add(template);
            } else if (ours.ok() != theirs.accepted()) {
                disagreements.add(GoLiterals.quote(template) + "\n    promtool: " + theirs.error().orElse("accepted")
                        + "\n    ours:     " + (ours.ok() ? "accepted" : ours.problems().get(0)));
            } else if (!theirs.accepted()) {
                GoTemplate.Problem first = ours.problems().get(0);
                shapes.merge(shape(theirs.error().get()), 1, Integer::sum);
                if (theirs.error().get().equals(first.message())) {
                    sameMessage++;
                } else if (System.getenv("GOTEMPLATE_DIFF_MESSAGES") != null) {
                    System.out.println("MSG " + GoLiterals.quote(template) + "\n  promtool: " + theirs.error().get()
                            + "\n  ours:     " + first.message());
                }
                sameLine += theirs.line() == lineOf(template, first.offset()) ? 1 : 0;
            }
        }
        long accepted = acceptedByPromtool.values().stream().filter(a -> a).count();
        StringBuilder summary = new StringBuilder("Go template differential against promtool 2.42:");
        parts.forEach((name, list) -> summary.append(' ').append(name).append(' ').append(list.size()).append(" (")
                .append(list.stream().filter(acceptedByPromtool::get).count()).append(" valid),"));
        summary.append(" unique ").append(corpus.size()).append(" (").append(accepted).append(" accepted, ")
                .append(corpus.size() - accepted).append(" rejected); verdicts agree on ")
                .append(corpus.size() - disagreements.size() - exceptions.size()).append('/').append(corpus.size())
                .append(", documented exceptions ").append(exceptions.size())
                .append(" (= to an undeclared variable); of the rejections, same first message on ").append(sameMessage)
                .append(" and same line on ").append(sameLine).append("; ").append(shapes.size()).append(" kinds of message").append("; corpus digest ").append(digest(corpus))
                .append(String.format("; one promtool run %.1f s, our parser %.2f s (cold JVM, not a benchmark)", promtoolNanos / 1e9,
                        oursNanos / 1e9));
        System.out.println(summary);
        if (System.getenv("GOTEMPLATE_DIFF_MESSAGES") != null) {
            shapes.forEach((shape, n) -> System.out.println("SHAPE " + n + "\t" + shape));
        }
        assertThat(disagreements).as(summary + "\n" + String.join("\n", disagreements)).isEmpty();
        assertThat(exceptions).as("documented exceptions, each an = to an undeclared variable").contains("{{ $x = 1 }}");
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(2000);
    }

    /** A message with its particulars (quoted text, numbers, characters) blanked, to count kinds of message. */
    private static String shape(String message) {
        return message.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"(\\.\\.\\.)?", "Q").replaceAll("U\\+[0-9A-F]+( '.*')?", "U")
                .replaceAll("'.*'", "C").replaceAll("\\d+", "N");
    }

    /** Go's line of a problem: 1 + the newlines before it. */
    private static int lineOf(String text, int offset) {
        return 1 + (int) text.substring(0, Math.min(offset, text.length())).chars().filter(c -> c == '\n').count();
    }

    private static String digest(List<String> corpus) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            corpus.forEach(t -> sha.update((t + "\u0000").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
