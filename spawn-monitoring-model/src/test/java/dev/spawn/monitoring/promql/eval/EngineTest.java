package dev.spawn.monitoring.promql.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spawn.monitoring.promql.PromQL;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The engine's tricky semantics, one by one (the differential against promtool covers them broadly). */
class EngineTest {

    private static Series series(String name, Map<String, String> labels, long[] times, double... values) {
        TreeMap<String, String> l = new TreeMap<>(labels);
        l.put("__name__", name);
        return new Series(l, times, values);
    }

    private static long[] minutes(long... m) {
        return Arrays.stream(m).map(x -> x * 60_000).toArray();
    }

    private static List<Value.Sample> vector(Engine engine, String expr, long millis) {
        return ((Value.Vector) engine.eval(PromQL.parse(expr), millis)).samples();
    }

    @Test
    void aSampleExactlyFiveMinutesOldIsStillSeen() {
        Engine engine = new Engine(new MemoryStorage(List.of(series("x", Map.of(), minutes(0), 7)), Long.MAX_VALUE));
        assertThat(vector(engine, "x", 300_000)).extracting(Value.Sample::value).containsExactly(7.0);
        assertThat(vector(engine, "x", 300_001)).isEmpty();
    }

    @Test
    void aStaleMarkerEndsTheSeriesAtOnceAndRangesSkipIt() {
        Engine engine = new Engine(new MemoryStorage(List.of(series("x", Map.of(), minutes(0, 1, 2), 1, 2, Series.STALE_NAN)),
                Long.MAX_VALUE));
        assertThat(vector(engine, "x", 150_000)).isEmpty();
        assertThat(vector(engine, "count_over_time(x[5m])", 150_000)).extracting(Value.Sample::value).containsExactly(2.0);
    }

    @Test
    void rangesIncludeBothEnds() {
        Engine engine = new Engine(new MemoryStorage(List.of(series("x", Map.of(), minutes(0, 1, 2), 1, 2, 3)), Long.MAX_VALUE));
        assertThat(vector(engine, "count_over_time(x[1m])", 120_000)).extracting(Value.Sample::value).containsExactly(2.0);
    }

    @Test
    void samplesAfterTheStoragesMaxTimeAreInvisible() {
        Engine engine = new Engine(new MemoryStorage(List.of(series("x", Map.of(), minutes(0, 1, 2), 1, 2, 3)), 60_000));
        assertThat(vector(engine, "x offset -1m", 60_000)).extracting(Value.Sample::value).containsExactly(2.0);
        assertThat(vector(engine, "x @ end()", 60_000)).extracting(Value.Sample::value).containsExactly(2.0);
    }

    @Test
    void arithmeticDropsTheMetricNameAndComparisonsKeepIt() {
        Engine engine = new Engine(new MemoryStorage(List.of(series("x", Map.of("a", "1"), minutes(0), 5)), Long.MAX_VALUE));
        assertThat(vector(engine, "x * 2", 0).get(0).labels()).isEqualTo(Map.of("a", "1"));
        assertThat(vector(engine, "x > 2", 0).get(0).labels()).isEqualTo(Map.of("__name__", "x", "a", "1"));
        assertThat(vector(engine, "x > bool 2", 0).get(0).labels()).isEqualTo(Map.of("a", "1"));
        assertThat(vector(engine, "last_over_time(x[1m])", 0).get(0).labels()).containsEntry("__name__", "x");
    }

    @Test
    void manyToManyMatchingIsPrometheusError() {
        Engine engine = new Engine(new MemoryStorage(List.of(series("x", Map.of("a", "1", "b", "1"), minutes(0), 1),
                series("x", Map.of("a", "1", "b", "2"), minutes(0), 2), series("y", Map.of("a", "1"), minutes(0), 3),
                series("z", Map.of("a", "1"), minutes(0), 4)), Long.MAX_VALUE));
        assertThatThrownBy(() -> vector(engine, "y + on(a) x", 0)).isInstanceOf(EvaluationError.class)
                .hasMessage("found duplicate series for the match group {a=\"1\"} on the right hand-side of the operation:"
                        + " [{__name__=\"x\", a=\"1\", b=\"2\"}, {__name__=\"x\", a=\"1\", b=\"1\"}];many-to-many matching not"
                        + " allowed: matching labels must be unique on one side");
        assertThatThrownBy(() -> vector(engine, "x + on(a) y", 0)).isInstanceOf(EvaluationError.class)
                .hasMessage("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
        assertThat(vector(engine, "x + on(a) group_left y", 0)).extracting(Value.Sample::value).containsExactly(4.0, 5.0);
        assertThatThrownBy(() -> vector(engine, "-{__name__=~\"y|z\"}", 0)).isInstanceOf(EvaluationError.class)
                .hasMessage("vector cannot contain metrics with the same labelset");
    }

    @Test
    void whatWouldNotGiveGosBitsIsUnsupported() {
        Engine engine = new Engine(new MemoryStorage(List.of(series("x", Map.of(), minutes(0), 2)), Long.MAX_VALUE));
        assertThat(vector(engine, "x ^ 3", 0)).extracting(Value.Sample::value).containsExactly(8.0);
        assertThatThrownBy(() -> vector(engine, "x ^ 1.5", 0)).isInstanceOf(Unsupported.class);
        assertThat(vector(engine, "x ^ 7", 0)).extracting(Value.Sample::value).containsExactly(128.0);
        assertThat(vector(engine, "ln(x)", 0)).extracting(Value.Sample::value).containsExactly(Math.log(2));
        assertThatThrownBy(() -> vector(engine, "exp(x)", 0)).isInstanceOf(Unsupported.class);
        assertThatThrownBy(() -> vector(engine, "histogram_count(x)", 0)).isInstanceOf(Unsupported.class);
        assertThatThrownBy(() -> vector(engine, "max_over_time(x[5m:])", 0)).isInstanceOf(Unsupported.class)
                .hasMessageContaining("without a step");
        Engine withStep = new Engine(new MemoryStorage(List.of(series("x", Map.of(), minutes(0), 2)), Long.MAX_VALUE), 60_000);
        assertThat(vector(withStep, "max_over_time(x[5m:])", 0)).extracting(Value.Sample::value).containsExactly(2.0);
    }

    @Test
    void queriesThatMayHitPromtoolsSampleLimitAreUnsupported() {
        long[] times = LongStream.range(0, 6000).map(i -> i * 60_000).toArray();
        double[] values = new double[times.length];
        Engine engine = new Engine(new MemoryStorage(List.of(series("x", Map.of("a", "1"), times, values),
                series("x", Map.of("a", "2"), times.clone(), values.clone())), Long.MAX_VALUE));
        assertThat(vector(engine, "count_over_time(x[1d])", 5999 * 60_000L)).hasSize(2);
        assertThatThrownBy(() -> vector(engine, "count_over_time(x[5d])", 5999 * 60_000L)).isInstanceOf(Unsupported.class);
    }

    @Test
    void everyDefaultRuleIsSupported() {
        long[] times = LongStream.range(0, 2 * 1440).map(i -> i * 60_000).toArray();
        Storage storage = new Storage() {
            @Override
            public List<Series> select(List<dev.spawn.monitoring.promql.Expr.Matcher> matchers) {
                List<Series> out = new java.util.ArrayList<>();
                for (int i = 1; i <= 2; i++) {
                    TreeMap<String, String> labels = new TreeMap<>(Map.of("instance_id", "i" + i, "region", "r" + i));
                    matchers.stream().filter(m -> m.op() == dev.spawn.monitoring.promql.Expr.MatchOp.EQUAL)
                            .forEach(m -> labels.put(m.name(), m.value()));
                    int k = i;
                    out.add(new Series(labels, times, Arrays.stream(times).mapToDouble(t -> k * 10 + t / 3_600_000.0).toArray()));
                }
                return out;
            }

            @Override
            public long maxTime() {
                return Long.MAX_VALUE;
            }
        };
        var catalog = dev.spawn.monitoring.rules.RuleCatalog.defaults();
        assertThat(catalog.rules()).hasSizeGreaterThan(20);
        for (var rule : catalog.rules()) {
            String expr = dev.spawn.monitoring.rules.RuleCatalog.defaultExpr(rule);
            Engine engine = new Engine(storage, 60_000);
            for (long t = 0; t < times.length * 60_000L; t += 6 * 3_600_000L) {
                assertThat(engine.eval(PromQL.parse(expr), t)).as(expr).isInstanceOf(Value.Vector.class);
            }
        }
    }

    @Test
    void matchersAreAnchoredRe2AndAMissingLabelIsEmpty() {
        MemoryStorage storage = new MemoryStorage(List.of(series("x", Map.of("a", "ab"), minutes(0), 1),
                series("x", Map.of(), minutes(0), 2)), Long.MAX_VALUE);
        Engine engine = new Engine(storage);
        assertThat(vector(engine, "x{a=~\"b\"}", 0)).isEmpty();
        assertThat(vector(engine, "x{a=~\"a.\"}", 0)).extracting(Value.Sample::value).containsExactly(1.0);
        assertThat(vector(engine, "x{a=\"\"}", 0)).extracting(Value.Sample::value).containsExactly(2.0);
        assertThat(vector(engine, "x{a!~\"a|\"}", 0)).extracting(Value.Sample::value).containsExactly(1.0);
    }
}
