package dev.spawn.monitoring.benchmarks;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.io.BundleWriter;
import dev.spawn.monitoring.lint.Lint;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.rules.Severity;
import dev.spawn.monitoring.rules.CustomRule;
import dev.spawn.monitoring.rules.RuleCatalog;
import dev.spawn.monitoring.rules.RuleTestCase;
import dev.spawn.monitoring.spec.Inventory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The library's work from end to end, in sample mode (percentiles, not only a mean) and meant to be run with
 * {@code -prof gc} for the allocation per operation:
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'ScaleBenchmark' -prof gc
 * </pre>
 *
 * {@link Defaults}: the packaged catalog read afresh, the default bundle built, rendered, written (fsync
 * included). {@link ManyRules}: {@code n} custom rules, each with a firing and a silent case, built, rendered
 * (rule file, one test file and rule copy per rule; {@code build} alone leaves the test files unrendered until they
 * are read) and linted, each and all three in one go, so the growth from 1k to 10k shows whether the work stays
 * linear. {@link ManyInstances}: a {@code spawn list --json} file of {@code n} instances read and written
 * as the file-discovery targets file ({@code spawn-monitoring targets}), in a JVM limited to 100 MB of heap.
 */
public class ScaleBenchmark {

    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 5, time = 2)
    @Fork(1)
    public static class Defaults {

        private MonitoringBundle bundle;
        private Path out;

        @Setup
        public void setUp() throws IOException {
            bundle = SpawnMonitoring.defaults().build();
            out = Files.createTempDirectory("spawn-bench").resolve("bundle");
        }

        @Benchmark
        public RuleCatalog catalogLoad() {
            return RuleCatalog.load();
        }

        @Benchmark
        public MonitoringBundle build() {
            return SpawnMonitoring.defaults().build();
        }

        @Benchmark
        public SortedMap<String, byte[]> render() {
            return bundle.files();
        }

        @Benchmark
        public BundleWriter.Result write() {
            // every other write changes the bundle, so both the unchanged (hard-linked) and the changed path run
            return bundle.writeTo(out);
        }
    }

    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 5)
    @Measurement(iterations = 5, time = 5)
    @Fork(1)
    public static class ManyRules {

        @Param({"1000", "10000"})
        public int n;

        private List<CustomRule> rules;
        private MonitoringBundle bundle;

        @Setup
        public void setUp() {
            rules = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String series = "spawn_logged_in_users{instance_id=\"i-1\"}";
                rules.add(CustomRule.of("ManyUsers" + i, "spawn_logged_in_users > " + i, Duration.ofMinutes(5), Severity.INFO,
                                "Instance {{ $labels.instance_id }} has {{ $value }} users")
                        .withTest(new RuleTestCase("fires above " + i, "10m", List.of(RuleTestCase.InputSeries.of(series, (i + 1) + "x15")),
                                List.of(new RuleTestCase.ExpectedAlert(Map.of("instance_id", "i-1"), Integer.toString(i + 1)))))
                        .withTest(new RuleTestCase("silent at " + i, "10m", List.of(RuleTestCase.InputSeries.of(series, i + "x15")),
                                List.of())));
            }
            bundle = buildBundle();
        }

        private MonitoringBundle buildBundle() {
            SpawnMonitoring monitoring = SpawnMonitoring.defaults().grafana(false);
            rules.forEach(monitoring::customRule);
            return monitoring.build();
        }

        @Benchmark
        public MonitoringBundle build() {
            return buildBundle();
        }

        @Benchmark
        public SortedMap<String, byte[]> buildAndRender() {
            return buildBundle().files();
        }

        @Benchmark
        public Lint.Report lint() {
            return bundle.lint("");
        }

        /** Issue 14's goal at 10k rules: built, every file rendered and linted, in one go (under 1 s). */
        @Benchmark
        public Lint.Report buildRenderLint(Blackhole files) {
            MonitoringBundle built = buildBundle();
            files.consume(built.files());
            return built.lint("");
        }
    }

    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 5)
    @Measurement(iterations = 5, time = 5)
    @Fork(value = 1, jvmArgsAppend = "-Xmx100m")
    public static class ManyInstances {

        @Param({"10000", "100000"})
        public int n;

        private Path inventory;
        private Path out;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            Path dir = Files.createTempDirectory("spawn-bench-inventory");
            inventory = dir.resolve("inventory.json");
            out = dir.resolve("monitoring");
            try (java.io.Writer text = Files.newBufferedWriter(inventory, StandardCharsets.UTF_8)) {
                text.write("{\"instances\": [\n");
                for (int i = 0; i < n; i++) {
                    text.write(String.format(Locale.ROOT, "%s{\"instance_id\": \"i-%017x\", \"name\": \"worker-%d\", \"region\": \"%s\","
                                    + " \"instance_type\": \"c5.large\", \"state\": \"running\", \"spot\": %b, \"private_ip\": \"10.%d.%d.%d\","
                                    + " \"metrics_enabled\": true}\n", i == 0 ? "" : ",", i, i, i % 2 == 0 ? "us-east-1" : "eu-west-1",
                            i % 3 == 0, (i >> 16) & 255, (i >> 8) & 255, i & 255));
                }
                text.write("]}\n");
            }
        }

        /** What {@code spawn-monitoring targets --inventory FILE} does: read, split, write the targets file atomically. */
        @Benchmark
        public Inventory.Refresh refreshTargets() {
            return Inventory.refresh(inventory, null, List.of(), false, out);
        }
    }
}
