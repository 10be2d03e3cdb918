package dev.spawn.monitoring.promql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Tuple;

/**
 * A grammar-based generator of PromQL for the differential, built from jqwik arbitraries. Without
 * near-misses it writes well-typed expressions (valid by construction, bar rare combinations); with
 * them, a share of choices goes wrong on purpose (a wrong type in an argument, a scalar comparison
 * without bool, a bad duration, number, string escape or regex, a keyword as a name, grouping on a set
 * operator). Sampling uses a fixed seed, so the corpus is the same on every run.
 */
final class PromQLGenerator {

    private static final List<String> METRICS = List.of("spawn_instance_up", "spawn_cost_dollars_total", "foo",
            "foo:bar:rate5m", "node_cpu_seconds_total", "up", "sum", "by", "offset", "and", "start", "x");
    private static final List<String> BAD_METRICS = List.of("bool", "on", "nan", "Inf", "atan2", "ignoring");
    private static final List<String> LABELS = List.of("job", "instance", "region", "instance_id", "__name__", "le",
            "on", "bool", "sum", "_x", "a1");
    private static final List<String> GROUP_LABELS = List.of("job", "instance", "region", "le", "sum", "on", "bool",
            "start", "atan2", "offset");
    private static final List<String> BAD_GROUP_LABELS = List.of("foo:bar", "inf", "\"job\"", "1");

    private final boolean nearMisses;
    private final List<String> metrics;
    private final List<String> labels;
    private final Arbitrary<String> top;

    PromQLGenerator(boolean nearMisses) {
        this(nearMisses, METRICS, LABELS);
    }

    /** A generator whose selectors read the given metrics and match and group on the given labels. */
    PromQLGenerator(boolean nearMisses, List<String> metrics, List<String> labels) {
        this.nearMisses = nearMisses;
        this.metrics = List.copyOf(metrics);
        this.labels = List.copyOf(labels);
        this.top = Arbitraries.frequencyOf(
                Tuple.of(6, vector(3)), Tuple.of(2, scalar(2)), Tuple.of(1, matrix(2)), Tuple.of(1, anyType(2)));
    }

    /**
     * Selectors with random regular expressions over the characters Go's regexp syntax gives meaning to, in
     * nameless selectors so that whether the regex matches the empty value decides validity too.
     */
    static List<String> regexSelectors(long seed, int count) {
        Arbitrary<String> regex = Arbitraries.strings().withChars("()[]{}|*+?.^$\\-:,019aAbBdDwWsSpPQEzCx<>=!_&#")
                .ofMinLength(0).ofMaxLength(9);
        Arbitrary<String> selector = Combinators.combine(regex, Arbitraries.of("=~", "!~"), Arbitraries.of("", ", b=\"x\""))
                .as((r, op, other) -> "{a" + op + "`" + r + "`" + other + "}");
        RandomGenerator<String> generator = selector.generator(1000);
        Random random = new Random(seed);
        Set<String> out = new LinkedHashSet<>();
        int attempts = 0;
        while (out.size() < count && attempts++ < count * 10) {
            out.add(generator.next(random).value());
        }
        return new ArrayList<>(out);
    }

    /** The generator as a jqwik arbitrary, for properties. */
    Arbitrary<String> arbitrary() {
        return top;
    }

    /** {@code count} distinct expressions drawn with the given seed. */
    List<String> expressions(long seed, int count) {
        RandomGenerator<String> generator = top.generator(1000);
        Random random = new Random(seed);
        Set<String> out = new LinkedHashSet<>();
        int attempts = 0;
        while (out.size() < count && attempts++ < count * 10) {
            out.add(generator.next(random).value());
        }
        return new ArrayList<>(out);
    }

    private Arbitrary<String> anyType(int depth) {
        return Arbitraries.lazy(() -> Arbitraries.oneOf(vector(depth), scalar(depth), matrix(depth), string()));
    }

    /** The valid choice, or with near-misses now and then the invalid one. */
    private Arbitrary<String> maybeWrong(Arbitrary<String> valid, Arbitrary<String> invalid) {
        return nearMisses ? Arbitraries.frequencyOf(Tuple.of(12, valid), Tuple.of(1, invalid)) : valid;
    }

    /** Usually the wanted type, sometimes any type (a near-miss). */
    private Arbitrary<String> typed(char type, int depth) {
        Arbitrary<String> wanted = switch (type) {
            case 'v' -> vector(depth);
            case 's' -> scalar(depth);
            case 'm' -> matrix(depth);
            default -> string();
        };
        return maybeWrong(wanted, anyType(depth));
    }

    private Arbitrary<String> vector(int depth) {
        if (depth <= 0) {
            return Arbitraries.oneOf(selectorWithModifiers(), Combinators.combine(functionName('m'), matrixLeaf())
                    .as((f, m) -> f + "(" + m + ")"));
        }
        int d = depth - 1;
        return Arbitraries.lazy(() -> Arbitraries.frequencyOf(
                Tuple.of(4, selectorWithModifiers()),
                Tuple.of(4, call('v', d)),
                Tuple.of(3, aggregation(d)),
                Tuple.of(4, Combinators.combine(typed('v', d), space(), binaryOperator(), modifiers(), space(), typed('v', d))
                        .as((l, s1, op, mod, s2, r) -> l + s1 + op + mod + s2 + r)),
                Tuple.of(1, Combinators.combine(typed('v', d), Arbitraries.of("+", "-", "*", "/", ">", "<=", "!= bool", "^"),
                        scalar(d)).as((l, op, r) -> l + " " + op + " " + r)),
                Tuple.of(1, Combinators.combine(Arbitraries.of("+", "*", "/", "== bool"), typed('v', d),
                        Arbitraries.of(" on(job) group_left(region)", " ignoring(le) group_right", " on() group_left()"))
                        .as((op, r, mod) -> "foo " + op + mod + " " + r)),
                Tuple.of(1, Combinators.combine(scalar(d), maybeWrong(Arbitraries.of("+", "*", "/", "-", "^", ">", "== bool"),
                        Arbitraries.of("and", "or")),
                        vector(d)).as((l, op, r) -> l + " " + op + " " + r)),
                Tuple.of(1, vector(d).map(v -> "-" + v)),
                Tuple.of(2, vector(d).map(v -> "(" + v + ")"))));
    }

    private Arbitrary<String> scalar(int depth) {
        Arbitrary<String> leaf = Arbitraries.oneOf(number(), Arbitraries.of("time()", "pi()"));
        if (depth <= 0) {
            return leaf;
        }
        int d = depth - 1;
        return Arbitraries.lazy(() -> Arbitraries.frequencyOf(
                Tuple.of(4, leaf),
                Tuple.of(1, typed('v', d).map(v -> "scalar(" + v + ")")),
                Tuple.of(2, Combinators.combine(scalar(d), maybeWrong(Arbitraries.of("+", "-", "*", "/", "%", "^", "atan2",
                        "> bool", "== bool"), Arbitraries.of("<=", "!=", "and", "or on()")), scalar(d))
                        .as((l, op, r) -> l + " " + op + " " + r)),
                Tuple.of(1, scalar(d).map(s -> "-" + s)),
                Tuple.of(1, scalar(d).map(s -> "(" + s + ")"))));
    }

    private Arbitrary<String> matrix(int depth) {
        if (depth <= 0) {
            return matrixLeaf();
        }
        int d = depth - 1;
        return Arbitraries.lazy(() -> Arbitraries.frequencyOf(
                Tuple.of(4, matrixLeaf()),
                Tuple.of(2, Combinators.combine(Arbitraries.oneOf(call('v', d), aggregation(d), vector(d).map(v -> "(" + v + ")")),
                        duration(), maybeWrong(Arbitraries.of("", "1m", "30s"), Arbitraries.of("0s", "5", "1m:")), atOrOffset())
                        .as((v, r, s, m) -> v + "[" + r + ":" + s + "]" + m))));
    }

    private Arbitrary<String> matrixLeaf() {
        return Combinators.combine(selector(), duration(), atOrOffset()).as((s, d, m) -> s + "[" + d + "]" + m);
    }

    private Arbitrary<String> string() {
        return maybeWrong(Arbitraries.of("\"value\"", "'single'", "`raw`", "\"\"", "\"a\\nb\"", "\"\\x41\"",
                "\"\\u00e9\"", "\"dst\"", "\"$1\"", "\"(.*)\"", "\",\"", "'it\\'s'"),
                Arbitraries.of("\"\\q\"", "\"\\x4\"", "'a\\\"'", "\"\\uD800\""));
    }

    private Arbitrary<String> number() {
        return maybeWrong(Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.integers().between(0, 1000).map(String::valueOf)),
                Tuple.of(4, Arbitraries.of("0.5", "1e3", "1E-3", ".5", "5.", "0x1F", "Inf", "NaN", "017", "019", "1e-400"))),
                Arbitraries.of("1e", "1_0", "0x1.8", "1.5.3", "1e400", "0x"));
    }

    private Arbitrary<String> duration() {
        return maybeWrong(Arbitraries.of("5m", "1h", "30s", "1h30m", "1d", "2w", "1y", "500ms", "90s", "10m", "1y2w3d4h5m6s7ms"),
                Arbitraries.of("0s", "1m1h", "1.5m", "5", "1y2y", "5hs", ""));
    }

    private Arbitrary<String> atOrOffset() {
        return maybeWrong(Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just("")),
                Tuple.of(2, Arbitraries.of(" offset 5m", " offset -1h", " offset 1h30m", " @ 1609746000", " @ start()",
                        " @ end()", " @ -5", " offset 5m @ 100", " @ 100 offset 1m", " @ +1e3"))),
                Arbitraries.of(" offset 5", " offset 0s", " @ Inf", " offset 1m offset 1m", " @ start", " offset +5m"));
    }

    private Arbitrary<String> selector() {
        Arbitrary<String> name = Arbitraries.frequencyOf(Tuple.of(6, maybeWrong(Arbitraries.of(metrics),
                Arbitraries.of(BAD_METRICS))), Tuple.of(1, Arbitraries.just("")));
        Arbitrary<String> matchers = matcher().list().ofMinSize(0).ofMaxSize(3)
                .map(list -> String.join(", ", list));
        return Combinators.combine(name, matchers, Arbitraries.integers().between(0, 9)).as((n, m, shape) -> {
            if (shape < 3 && !n.isEmpty()) {
                return n;
            }
            // Without near-misses a nameless selector gets a matcher that cannot match the empty value.
            String braces = n.isEmpty() && !nearMisses ? (m.isEmpty() ? "job=\"x\"" : m + ", job=\"x\"") : m;
            return n + "{" + braces + (shape == 9 && !braces.isEmpty() ? "," : "") + "}";
        });
    }

    private Arbitrary<String> matcher() {
        Arbitrary<String> equality = Combinators.combine(Arbitraries.of(labels), Arbitraries.of("=", "!="),
                maybeWrong(Arbitraries.of("\"spawn\"", "\"\"", "'x'", "`y`", "\"a\\\"b\""), Arbitraries.of("\"\\q\"", "x")))
                .as((l, op, v) -> l + op + v);
        Arbitrary<String> regex = Combinators.combine(Arbitraries.of(labels), Arbitraries.of("=~", "!~"),
                maybeWrong(Arbitraries.of("\".*\"", "\".+\"", "\"a|b\"", "\"[a-z]+\"", "\"\"", "\"x*\"",
                        "\"\\\\d+\"", "\"spawn-.*\"", "\"(?i)abc\"", "\"[[:alpha:]]\"", "\"\\\\pL\"", "\"^$\"",
                        "\"a{2,3}\"", "\"(?P<n>x)?\"", "\"[^-]\"", "\"\\\\Qa.b\\\\E\""),
                        Arbitraries.of("\"(a\"", "\"a**\"", "\"a{2,1}\"", "\"a)|(b\"", "\"[z-a]\"", "\"(?=x)\"",
                                "\"\\\\1\"", "\"a{1001}\"")))
                .as((l, op, v) -> l + op + v);
        return Arbitraries.frequencyOf(Tuple.of(3, equality), Tuple.of(2, regex));
    }

    private Arbitrary<String> selectorWithModifiers() {
        return Combinators.combine(selector(), atOrOffset()).as((s, m) -> s + m);
    }

    private Arbitrary<String> functionName(char argType) {
        List<String> names = Function.all().values().stream()
                .filter(f -> f.argTypes().size() == 1 && f.argTypes().get(0) == ValueType.MATRIX && argType == 'm')
                .map(Function::name).toList();
        return Arbitraries.of(names);
    }

    /** A call of a function returning the type, arguments drawn by its signature (arity sometimes off by one). */
    private Arbitrary<String> call(char returnType, int depth) {
        List<Function> functions = Function.all().values().stream()
                .filter(f -> returnType == 'v' ? f.returnType() == ValueType.VECTOR : f.returnType() == ValueType.SCALAR)
                .toList();
        return Arbitraries.of(functions).flatMap(f -> {
            List<Arbitrary<String>> args = new ArrayList<>();
            for (ValueType t : f.argTypes()) {
                args.add(typed(code(t), depth));
            }
            Arbitrary<Integer> arity = Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.just(f.argTypes().size())),
                    Tuple.of(1, Arbitraries.integers().between(Math.max(0, f.argTypes().size() - 1), f.argTypes().size() + 1)));
            if (args.isEmpty()) {
                return arity.map(n -> f.name() + "(" + (n > 0 ? "1" : "") + ")");
            }
            return Combinators.combine(Combinators.combine(args).as(List::copyOf), arity).as((list, n) -> {
                List<String> used = new ArrayList<>(list.subList(0, Math.min(n, list.size())));
                while (used.size() < n) {
                    used.add(list.get(list.size() - 1));
                }
                return f.name() + "(" + String.join(", ", used) + ")";
            });
        });
    }

    private static char code(ValueType t) {
        return switch (t) {
            case VECTOR -> 'v';
            case SCALAR -> 's';
            case MATRIX -> 'm';
            default -> 'x';
        };
    }

    private Arbitrary<String> aggregation(int depth) {
        Arbitrary<String> op = Arbitraries.of("sum", "avg", "count", "min", "max", "group", "stddev", "stdvar", "topk",
                "bottomk", "quantile", "count_values");
        List<String> groupLabels = labels == LABELS ? GROUP_LABELS : labels;
        Arbitrary<String> label = maybeWrong(Arbitraries.of(groupLabels), Arbitraries.of(BAD_GROUP_LABELS));
        Arbitrary<String> grouping = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just("")),
                Tuple.of(3, label.list().ofMinSize(0).ofMaxSize(3)
                        .map(l -> " by (" + String.join(", ", l) + ")")),
                Tuple.of(1, label.list().ofMinSize(1).ofMaxSize(2)
                        .map(l -> " without (" + String.join(", ", l) + (l.size() > 1 ? ",)" : ")"))));
        return Combinators.combine(op, grouping, Arbitraries.of(true, false), typed('v', depth), scalar(0), string())
                .as((o, g, before, v, s, str) -> {
                    String arg = switch (o) {
                        case "topk", "bottomk", "quantile" -> s + ", " + v;
                        case "count_values" -> (nearMisses ? str : "\"value\"") + ", " + v;
                        default -> v;
                    };
                    return before ? o + g + " (" + arg + ")" : o + "(" + arg + ")" + g;
                });
    }

    private Arbitrary<String> binaryOperator() {
        return Arbitraries.of("+", "-", "*", "/", "%", "^", "atan2", "==", "!=", ">", "<", ">=", "<=", "> bool",
                "== bool", "and", "or", "unless");
    }

    /** Matching modifiers; grouping (valid only on arithmetic and comparisons between vectors) only as a near-miss. */
    private Arbitrary<String> modifiers() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just("")),
                Tuple.of(2, Arbitraries.of(" on(job)", " ignoring(instance)", " on()", " on(job, region)", " ignoring()")),
                Tuple.of(nearMisses ? 1 : 0, Arbitraries.of(" on(job) group_left", " on(job) group_left(region)",
                        " ignoring(le) group_right(job)", " on(job) group_left(job)", " group_left", " on(job) group_right ()")));
    }

    /** Space between tokens: mostly one blank, sometimes a newline or a comment (as in a YAML block scalar). */
    private static Arbitrary<String> space() {
        return Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.just(" ")), Tuple.of(1, Arbitraries.just("\n  ")),
                Tuple.of(1, Arbitraries.just(" # why\n")), Tuple.of(1, Arbitraries.just("\t")));
    }
}
