package dev.spawn.monitoring.promql.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.promql.Expr;
import dev.spawn.monitoring.promql.PromQL;
import dev.spawn.monitoring.promql.ValueType;
import dev.spawn.monitoring.testing.RealTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine against the real promtool: each case's expected samples are the engine's result, and {@code promtool
 * test rules} must agree (one process for every case). A failure prints promtool's own result. NaN never equals
 * itself in promtool's comparison, so a failing case whose expected and got lines read the same counts as agreeing.
 * Sums and averages over several series round by series order, which promtool leaves to Go's map order: those
 * expressions may differ in the last bits, and are counted apart, never hidden.
 */
class EngineDifferentialTest {

    private static final Pattern FAILURE = Pattern.compile(
            "expr: \"((?:[^\"\\\\]|\\\\.)*)\", time: ([^,\\n]+),(?: err: (.*)|\\s*\\n\\s*exp: (.*)\\n\\s*got: (.*))");
    private static final Pattern CASE_ID = Pattern.compile("# (\\d+)$");
    private static final Pattern SAMPLE = Pattern.compile("(\\{[^}]*\\}) (\\S+?)(?:, |$)");

    /** What the engine said about one case. */
    private record Outcome(int group, EvalCase.Query query, Value value, String error) {
    }

    @Test
    void engineAgreesWithPromtool() throws IOException {
        RealTools.require(Tool.PROMTOOL);
        List<EvalCase> groups = new ArrayList<>(EvalCorpus.handPicked());
        // -Dengine.differential.groups=400 -Dengine.differential.seed=N for a longer hunt than the build's.
        groups.addAll(EvalCorpus.random(Long.getLong("engine.differential.seed", 20261127L),
                Integer.getInteger("engine.differential.groups", 60), 40));
        groups.addAll(EvalCorpus.math(7L));
        // Samples every 15s and every 2m: extrapolation, lookback and subquery alignment at other spacings.
        groups.addAll(EvalCorpus.random(31L, Integer.getInteger("engine.differential.groups15", 10), 40, 15));
        groups.addAll(EvalCorpus.random(32L, 10, 40, 120));
        long started = System.nanoTime();
        StringBuilder yaml = new StringBuilder("evaluation_interval: 1m\ntests:\n");
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, Integer> unsupported = new TreeMap<>();
        int expressions = 0;
        for (int g = 0; g < groups.size(); g++) {
            EvalCase group = groups.get(g);
            long maxEval = group.queries().stream().mapToLong(EvalCase.Query::seconds).max().orElse(0) * 1000;
            Storage storage = new MemoryStorage(group.toSeries(),
                    maxEval / 60_000 * 60_000);
            Engine engine = new Engine(storage, 60_000);
            StringBuilder tests = new StringBuilder();
            for (EvalCase.Query q : group.queries()) {
                expressions++;
                Expr expr = PromQL.parse(q.expr());
                if (expr.type() != ValueType.VECTOR && expr.type() != ValueType.SCALAR) {
                    continue;
                }
                Outcome o;
                try {
                    o = new Outcome(g, q, engine.eval(expr, q.seconds() * 1000), null);
                } catch (Unsupported e) {
                    unsupported.merge(e.getMessage().replaceAll("-?[0-9]+(\\.[0-9]+)?", "N"), 1, Integer::sum);
                    // Still sent (its result unread): promtool loads samples up to the group's last evaluation time.
                    tests.append("  - expr: ").append(yamlQuote(q.expr() + " # unsupported")).append("\n    eval_time: ")
                            .append(q.seconds()).append("s\n    exp_samples: []\n");
                    continue;
                } catch (EvaluationError e) {
                    o = new Outcome(g, q, null, e.getMessage());
                }
                int id = outcomes.size();
                outcomes.add(o);
                tests.append("  - expr: ").append(yamlQuote(q.expr() + " # " + id)).append("\n    eval_time: ")
                        .append(q.seconds()).append("s\n    exp_samples:");
                List<Value.Sample> samples = samples(o.value());
                if (samples.isEmpty()) {
                    tests.append(" []\n");
                }
                for (Value.Sample s : samples) {
                    tests.append("\n    - labels: ").append(yamlQuote(labels(s.labels()))).append("\n      value: ")
                            .append(yamlFloat(s.value()));
                }
                if (!samples.isEmpty()) {
                    tests.append('\n');
                }
            }
            if (tests.length() == 0) {
                continue;
            }
            yaml.append("- interval: ").append(group.intervalSeconds()).append("s\n  input_series:\n");
            for (EvalCase.Input in : group.series()) {
                yaml.append("  - series: ").append(yamlQuote(in.selector())).append("\n    values: ")
                        .append(yamlQuote(String.join(" ", in.values()))).append('\n');
            }
            yaml.append("  promql_expr_test:\n").append(tests);
        }
        Path dir = Files.createTempDirectory("engine-differential");
        Tool.Result result;
        try {
            Files.writeString(dir.resolve("t.yml"), yaml, StandardCharsets.UTF_8);
            if (System.getProperty("engine.differential.dump") != null) {
                Files.writeString(Path.of(System.getProperty("engine.differential.dump")), yaml, StandardCharsets.UTF_8);
            }
            result = Tool.PROMTOOL.run(dir, 300, "test", "rules", "t.yml");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Map<Integer, java.util.regex.MatchResult> failures = new HashMap<>();
        Matcher m = FAILURE.matcher(result.output());
        int reported = 0;
        while (m.find()) {
            reported++;
            Matcher id = CASE_ID.matcher(m.group(1));
            if (id.find()) {
                failures.put(Integer.parseInt(id.group(1)), m.toMatchResult());
            } else {
                assertThat(m.group(1)).endsWith("# unsupported");
            }
        }
        List<String> wrong = new ArrayList<>();
        int errors = 0;
        int nanEqual = 0;
        int reordered = 0;
        int reorderedErrors = 0;
        int otherSeriesNamed = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            java.util.regex.MatchResult f = failures.get(i);
            if (o.error() != null) {
                errors++;
            }
            if (f == null && o.error() == null) {
                continue;
            }
            if (o.error() != null && f != null && o.error().equals(f.group(3))) {
                continue;
            }
            if (f != null && f.group(3) == null && f.group(4).equals(f.group(5)) && o.error() == null) {
                nanEqual++;
            } else if (f != null && agreesInSomeSeriesOrder(groups.get(o.group()), o.query(), f)) {
                reordered++;
                reorderedErrors += f.group(3) != null ? 1 : 0;
            } else if (f != null && o.error() != null && f.group(3) != null && withoutSeries(o.error()).equals(withoutSeries(f.group(3)))) {
                // The same error naming other series, among too many for the shuffles to find promtool's order.
                otherSeriesNamed++;
            } else {
                wrong.add(describe(o, f, o.error() == null ? null : "engine error: " + o.error()));
            }
        }
        if (!result.ok() && reported == 0) {
            wrong.add("promtool failed without a case failure:\n" + result.output());
        }
        System.out.printf("Engine vs promtool: %d groups, %d expressions, %d cases compared in one promtool process (%d expected"
                + " errors, %d NaN-equal, %d agreeing in another series"
                + " order, %d of them errors, %d the same error naming other series), %d unsupported %s, %d wrong, %.1f s%n",
                groups.size(), expressions, outcomes.size(), errors, nanEqual, reordered, reorderedErrors, otherSeriesNamed,
                unsupported.values().stream().mapToInt(Integer::intValue).sum(), unsupported, wrong.size(),
                (System.nanoTime() - started) / 1e9);
        assertThat(wrong).as(String.join("\n", wrong)).isEmpty();
        assertThat(outcomes.size()).isGreaterThan(1000);
    }

    private static String describe(Outcome o, java.util.regex.MatchResult f, String note) {
        return "group " + o.group() + " at " + o.query().seconds() + "s: " + o.query().expr() + (note == null ? "" : "\n    " + note)
                + (f == null ? "\n    promtool agreed with nothing reported" : "\n    " + f.group().replace("\n", "\n    "));
    }

    /**
     * Whether the engine gives promtool's result (its samples, or its error) when the series come in another order:
     * promtool's storage returns them in creation order, which its loader leaves to Go's map iteration, as it leaves
     * the order of a subquery's series; sums, averages, topk's ties and which duplicate an error names depend on it.
     */
    private static boolean agreesInSomeSeriesOrder(EvalCase group, EvalCase.Query q, java.util.regex.MatchResult f) {
        List<Series> series = new ArrayList<>(group.toSeries());
        long maxEval = group.queries().stream().mapToLong(EvalCase.Query::seconds).max().orElse(0) * 1000;
        Expr expr = PromQL.parse(q.expr());
        java.util.Random random = new java.util.Random(q.expr().hashCode());
        for (int attempt = 0; attempt < 200; attempt++) {
            java.util.Collections.shuffle(series, random);
            Engine engine = new Engine(new MemoryStorage(series, maxEval / 60_000 * 60_000), 60_000);
            engine.rangeOrder = random;
            try {
                Value v = engine.eval(expr, q.seconds() * 1000);
                if (f.group(3) == null && promtoolSamples(f.group(5)).equals(promtoolSamples(samples(v)))) {
                    return true;
                }
            } catch (EvaluationError e) {
                if (e.getMessage().equals(f.group(3))) {
                    return true;
                }
            } catch (Unsupported e) {
                continue; // in this order a value the engine cannot compute exactly came up
            }
        }
        return false;
    }

    /** An error message without the series it names. */
    private static String withoutSeries(String message) {
        return message.replaceAll("\\{[^}]*\\}", "{}");
    }

    /** promtool's printed samples ({@code {a="b"} 5E+00, ...}) as label text and exact value, in any order. */
    private static Map<String, List<Double>> promtoolSamples(String printed) {
        Map<String, List<Double>> m = new TreeMap<>();
        if (printed.equals("nil")) {
            return m;
        }
        Matcher s = SAMPLE.matcher(printed);
        while (s.find()) {
            m.computeIfAbsent(s.group(1), k -> new ArrayList<>()).add(switch (s.group(2)) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(s.group(2).replace("E+", "E"));
            });
        }
        return m;
    }

    private static Map<String, List<Double>> promtoolSamples(List<Value.Sample> samples) {
        Map<String, List<Double>> m = new TreeMap<>();
        for (Value.Sample s : samples) {
            StringBuilder b = new StringBuilder("{");
            s.labels().forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append('=').append(GoFormat.quote(v)));
            m.computeIfAbsent(b.append('}').toString(), k -> new ArrayList<>()).add(s.value());
        }
        return m;
    }

    private static List<Value.Sample> samples(Value v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof Value.Scalar s) {
            return List.of(new Value.Sample(new TreeMap<>(), s.value()));
        }
        return ((Value.Vector) v).samples();
    }

    private static String labels(Map<String, String> labels) {
        StringBuilder b = new StringBuilder("{");
        labels.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append(k).append('=').append(GoFormat.quote(v)));
        return b.append('}').toString();
    }

    private static String yamlFloat(double v) {
        if (Double.isNaN(v)) {
            return ".nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? ".inf" : "-.inf";
        }
        return Double.toString(v);
    }

    private static String yamlQuote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
