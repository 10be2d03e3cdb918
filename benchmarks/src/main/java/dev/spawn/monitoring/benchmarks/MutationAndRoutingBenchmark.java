package dev.spawn.monitoring.benchmarks;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.check.MutationCheck;
import dev.spawn.monitoring.check.ResultCache;
import dev.spawn.monitoring.check.RoutingSimulator;
import dev.spawn.monitoring.model.alertmanager.RoutingTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/**
 * What issue 10's items 4 and 5 add to {@code spawn:check} of the default bundle: mutation testing (every
 * mutant of the 26 alerts generated, written beside the staged bundle and run by one promtool process),
 * and routing tests with inhibition in the JVM (26 tests of two alerts each, one per default alert: its
 * critical twin mutes it). Mutation testing runs promtool, so it is measured once per iteration.
 */
@State(Scope.Benchmark)
@Fork(1)
public class MutationAndRoutingBenchmark {

    private MonitoringBundle bundle;
    private Path staged;
    private List<RoutingTest> tests;

    @Setup
    public void setUp() throws IOException {
        bundle = SpawnMonitoring.defaults().build();
        staged = Files.createTempDirectory("spawn-bench-mutation").resolve("bundle");
        bundle.writeTo(staged);
        tests = new ArrayList<>();
        for (String alert : bundle.ruleFiles().stream().flatMap(f -> f.groups().stream()).flatMap(g -> g.rules().stream())
                .map(r -> r.name()).toList()) {
            tests.add(new RoutingTest(alert, List.of(
                    Map.of("alertname", alert, "severity", "critical", "instance_id", "i-1"),
                    Map.of("alertname", alert, "severity", "warning", "instance_id", "i-1")),
                    List.of(RoutingTest.Expectation.receivers("spawn-webhook"), RoutingTest.Expectation.toBeInhibited())));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public List<MutationCheck.Verdict> mutationOfTheDefaults() {
        return MutationCheck.run(bundle, staged, ResultCache.NONE, true).verdicts();
    }

    /** The same verdicts with every mutant run in promtool (the path of what the in-JVM evaluator refuses). */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public List<MutationCheck.Verdict> mutationOfTheDefaultsInPromtool() {
        return MutationCheck.run(bundle, staged, ResultCache.NONE, false).verdicts();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public BundleCheck.Outcome routingTests() {
        return RoutingSimulator.run(bundle.alertmanager(), tests);
    }
}
