package dev.spawn.monitoring.benchmarks;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.check.BundleCheck;
import dev.spawn.monitoring.check.CheckReports;
import dev.spawn.monitoring.check.RuleTestCases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * What the check reports add to {@code spawn:check} of the default bundle, in the JVM: reading the
 * generated promtool cases back with their results, and writing the JUnit XML files and coverage.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CheckReportsBenchmark {

    private MonitoringBundle bundle;
    private Path out;

    @Setup
    public void setUp() throws IOException {
        bundle = SpawnMonitoring.defaults().build();
        out = Files.createTempDirectory("spawn-bench-reports");
    }

    @Benchmark
    public List<RuleTestCases.Case> readCases() {
        return RuleTestCases.of(bundle.ruleTestFiles(), "");
    }

    @Benchmark
    public CheckReports.Written readCasesAndWriteReports() {
        return CheckReports.write(out, bundle, List.of(new BundleCheck.Outcome("promtool test rules",
                BundleCheck.Outcome.Status.PASSED, "", List.of(), RuleTestCases.of(bundle.ruleTestFiles(), ""))));
    }
}
