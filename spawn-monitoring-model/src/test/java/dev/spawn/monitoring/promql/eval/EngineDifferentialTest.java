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
    private static final Pattern TIES = Pattern.compile("\\b(topk|bottomk)\\b");
    private static final Pattern ORDER_SENSITIVE = Pattern.compile("\\b(sum|avg|stddev|stdvar)\\b(?!_over_time)");

    /** What the engine said about one case. */
    private record Outcome(int group, EvalCase.Query query, Value value, String error) {
    }

    @Test
    void engineAgreesWithPromtool() throws IOException {
        RealTools.require(Tool.PROMTOOL);
        List<EvalCase> groups = new ArrayList<>(EvalCorpus.handPicked());
        groups.addAll(EvalCorpus.random(20261127L, 60, 40));
        groups.addAll(EvalCorpus.math(7L));
        long started = System.nanoTime();
        StringBuilder yaml = new StringBuilder("evaluation_interval: 1m\ntests:\n");
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, Integer> unsupported = new TreeMap<>();
        int expressions = 0;
        for (int g = 0; g < groups.size(); g++) {
            EvalCase group = groups.get(g);
            long maxEval = group.queries().stream().mapToLong(EvalCase.Query::seconds).max().orElse(0) * 1000;
            Storage storage = new MemoryStorage(group.series().stream().map(EvalCase.Input::toSeries).toList(),
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
            yaml.append("- interval: 1m\n  input_series:\n");
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
            result = Tool.PROMTOOL.run(dir, 300, "test", "rules", "t.yml");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Map<Integer, java.util.regex.MatchResult> failures = new HashMap<>();
        Matcher m = FAILURE.matcher(result.output());
        while (m.find()) {
            Matcher id = CASE_ID.matcher(m.group(1));
            assertThat(id.find()).as(m.group()).isTrue();
            failures.put(Integer.parseInt(id.group(1)), m.toMatchResult());
        }
        List<String> wrong = new ArrayList<>();
        int errors = 0;
        int nanEqual = 0;
        int orderTolerated = 0;
        int tiesTolerated = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            java.util.regex.MatchResult f = failures.get(i);
            if (o.error() != null) {
                errors++;
                if (f == null || f.group(3) == null || !withoutSeries(f.group(3)).equals(withoutSeries(o.error()))) {
                    wrong.add(describe(o, f, "engine error: " + o.error()));
                }
                continue;
            }
            if (f == null) {
                continue;
            }
            if (f.group(3) == null && f.group(4).equals(f.group(5))) {
                nanEqual++;
            } else if (f.group(3) == null && ORDER_SENSITIVE.matcher(o.query().expr()).find() && close(f.group(4), f.group(5))) {
                orderTolerated++;
            } else if (f.group(3) == null && TIES.matcher(o.query().expr()).find() && sameValues(f.group(4), f.group(5))) {
                tiesTolerated++;
            } else {
                wrong.add(describe(o, f, null));
            }
        }
        if (!result.ok() && failures.isEmpty()) {
            wrong.add("promtool failed without a case failure:\n" + result.output());
        }
        System.out.printf("Engine vs promtool: %d groups, %d expressions, %d cases sent to one promtool process (%d expected"
                + " errors, %d NaN-equal, %d order-sensitive within 1e-9, %d topk/bottomk ties picked"
                + " otherwise), %d unsupported %s, %d wrong, %.1f s%n",
                groups.size(), expressions, outcomes.size(), errors, nanEqual, orderTolerated, tiesTolerated,
                unsupported.values().stream().mapToInt(Integer::intValue).sum(), unsupported, wrong.size(),
                (System.nanoTime() - started) / 1e9);
        assertThat(wrong).as(String.join("\n", wrong)).isEmpty();
        assertThat(outcomes.size()).isGreaterThan(1000);
    }

    private static String describe(Outcome o, java.util.regex.MatchResult f, String note) {
        return "at " + o.query().seconds() + "s: " + o.query().expr() + (note == null ? "" : "\n    " + note)
                + (f == null ? "\n    promtool agreed with nothing reported" : "\n    " + f.group().replace("\n", "\n    "));
    }

    /** The same series with values equal or within 1e-9 relative. */
    private static boolean close(String exp, String got) {
        Matcher a = SAMPLE.matcher(exp);
        Matcher b = SAMPLE.matcher(got);
        while (a.find()) {
            if (!b.find() || !closeLabels(a.group(1), b.group(1)) || !closeNumbers(a.group(2), b.group(2))) {
                return false;
            }
        }
        return !b.find();
    }

    /**
     * An error message without the series it names: which duplicate Prometheus meets first depends on the series
     * order, which promtool's loader leaves to Go's map order.
     */
    private static String withoutSeries(String message) {
        return message.replaceAll("\\{[^}]*\\}", "{...}");
    }

    /** The same values, whichever series carry them (ties broken by series order). */
    private static boolean sameValues(String exp, String got) {
        return values(exp).equals(values(got));
    }

    private static List<String> values(String samples) {
        List<String> v = new ArrayList<>();
        Matcher m = SAMPLE.matcher(samples);
        while (m.find()) {
            v.add(m.group(2));
        }
        v.sort(null);
        return v;
    }

    private static final Pattern LABEL_VALUE = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The same labels, numeric values (count_values') within 1e-9. */
    private static boolean closeLabels(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (!LABEL_VALUE.matcher(a).replaceAll("\"\"").equals(LABEL_VALUE.matcher(b).replaceAll("\"\""))) {
            return false;
        }
        Matcher x = LABEL_VALUE.matcher(a);
        Matcher y = LABEL_VALUE.matcher(b);
        while (x.find() && y.find()) {
            if (!x.group(1).equals(y.group(1)) && !closeNumbers(x.group(1), y.group(1))) {
                return false;
            }
        }
        return true;
    }

    private static boolean closeNumbers(String a, String b) {
        try {
            double x = Double.parseDouble(a.replace("E+", "E"));
            double y = Double.parseDouble(b.replace("E+", "E"));
            return x == y || Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
        } catch (NumberFormatException e) {
            return false;
        }
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
