package dev.spawn.monitoring.benchmarks;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.rules.Severity;
import dev.spawn.monitoring.rules.CustomRule;
import dev.spawn.monitoring.rules.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Adding {@code n} custom rules to a rule set one by one ({@code RuleSet.custom}, what the spec reader and
 * {@code SpawnMonitoring.customRule} do): constant time per rule means the time per op grows linearly with n.
 * Run with {@code -prof gc} for the allocation per op.
 */
@State(Scope.Benchmark)
@Fork(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class CustomRulesBenchmark {

    @Param({"1000", "10000"})
    public int n;

    private List<CustomRule> rules;

    @Setup
    public void setUp() {
        rules = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rules.add(CustomRule.of("Custom" + i, "spawn_logged_in_users > " + i, Duration.ofMinutes(5), Severity.INFO,
                    "more than " + i + " users"));
        }
    }

    @Benchmark
    public RuleSet addOneByOne() {
        RuleSet set = RuleSet.defaults();
        for (CustomRule rule : rules) {
            set = set.custom(rule);
        }
        return set;
    }
}
