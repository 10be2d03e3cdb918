package dev.spawn.monitoring.benchmarks;

import dev.spawn.monitoring.promql.Expr;
import dev.spawn.monitoring.promql.PromQL;
import dev.spawn.monitoring.promql.eval.Engine;
import dev.spawn.monitoring.promql.eval.MemoryStorage;
import dev.spawn.monitoring.promql.eval.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The in-JVM PromQL engine as mutation testing uses it: one rule evaluated at every step of a 24h promtool test case
 * (CostTrendingUp over 2 series of 1,456 one-minute samples, 1,452 steps).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineBenchmark {

    private static final int SAMPLES = 1456;
    private static final int STEPS = 1452;

    private Expr costTrendingUp;
    private Expr rate;
    private MemoryStorage storage;

    @Setup
    public void setUp() {
        costTrendingUp = PromQL.parse("sum(spawn_cost_per_hour_dollars) / (sum(spawn_cost_per_hour_dollars offset 24h) > 0) >= 1.5");
        rate = PromQL.parse("sum without (instance_id) (rate(spawn_cost_per_hour_dollars[5m])) > 0.01");
        List<Series> series = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            long[] times = new long[SAMPLES];
            double[] values = new double[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                times[i] = i * 60_000L;
                values[i] = 1 + s + i / 500.0;
            }
            TreeMap<String, String> labels = new TreeMap<>();
            labels.put("__name__", "spawn_cost_per_hour_dollars");
            labels.put("instance_id", "i-" + s);
            series.add(new Series(labels, times, values));
        }
        storage = new MemoryStorage(series, Long.MAX_VALUE);
    }

    /** CostTrendingUp at all 1,452 steps with a fresh engine (as one mutant's run would). */
    @Benchmark
    public void costTrendingUpOver24h(Blackhole blackhole) {
        Engine engine = new Engine(storage, 60_000);
        for (int step = 0; step < STEPS; step++) {
            blackhole.consume(engine.eval(costTrendingUp, (SAMPLES - STEPS + step) * 60_000L));
        }
    }

    /** A rate() rule at all 1,452 steps. */
    @Benchmark
    public void rateOver24h(Blackhole blackhole) {
        Engine engine = new Engine(storage, 60_000);
        for (int step = 0; step < STEPS; step++) {
            blackhole.consume(engine.eval(rate, (SAMPLES - STEPS + step) * 60_000L));
        }
    }
}
