package dev.spawn.monitoring.benchmarks;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.io.BundleWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
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
 * How long the library takes for the default bundle: building (loading the 26 rule definitions,
 * applying templates, validating), rendering every file, and writing atomically to disk. The
 * promtool/amtool checks are external processes and are timed by running {@code spawn:generate}.
 * {@code grafana} shows what the four dashboards (built, checked against the catalogue, rendered) cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BundleBenchmark {

    @Param({"true", "false"})
    public boolean grafana;

    private MonitoringBundle bundle;
    private Path out;

    @Setup
    public void setUp() throws IOException {
        bundle = SpawnMonitoring.defaults().grafana(grafana).build();
        out = Files.createTempDirectory("spawn-bench").resolve("bundle");
    }

    @Benchmark
    public MonitoringBundle buildDefaults() {
        return SpawnMonitoring.defaults().grafana(grafana).build();
    }

    @Benchmark
    public SortedMap<String, byte[]> renderDefaults() {
        return bundle.files();
    }

    @Benchmark
    public BundleWriter.Result buildRenderAndWrite() {
        return SpawnMonitoring.defaults().grafana(grafana).build().writeTo(out);
    }
}
