package dev.spawn.monitoring.benchmarks;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.lint.Lint;
import dev.spawn.monitoring.lint.LintContext;
import dev.spawn.monitoring.rules.RuleCatalog;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
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

/**
 * spawn:lint in-JVM, warm: the default bundle (its 4 rendered rule files and alertmanager.yaml, read, parsed and
 * checked; issue 9's goal is under 20 ms), and a rule file of many rules (10,000: the goal is to be faster than
 * one {@code promtool check rules} process on the same file, which scripts/lint-vs-promtool.sh measures).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LintBenchmark {

    @Param({"10000"})
    public int rules;

    private MonitoringBundle bundle;
    private LintContext context;
    private String manyRules;

    @Setup(Level.Trial)
    public void setUp() {
        bundle = SpawnMonitoring.defaults().build();
        context = LintContext.of(RuleCatalog.defaults().metrics(), bundle.prometheus(), Map.of());
        manyRules = ManyRules.file(rules);
    }

    /** The default bundle as spawn:generate lints it. */
    @Benchmark
    public Lint.Report defaultBundle() {
        return bundle.lint("monitoring/");
    }

    /** {@link #rules} alerting rules in one file, with the default routing. */
    @Benchmark
    public Lint.Report manyRules() {
        return Lint.run(context, List.of(new Lint.Source("many.yaml", manyRules)), null, UnaryOperator.identity());
    }

    /** Writes the many-rules file for the comparison with promtool: {@code java -cp benchmarks.jar ...ManyRules N FILE}. */
    public static final class ManyRules {
        private static final String[] EXPRS = {
            "spawn_cpu_usage_percent{region=\"r%d\"} > %d",
            "sum by (region) (rate(spawn_network_bytes_total[5m])) > %d%d",
            "avg(spawn_memory_used_bytes / spawn_memory_total_bytes) * 100 > %d and on() count(spawn_idle_state == %d) > 0",
            "max by (job_array_id) (spawn_job_array_size{job_array_name=~\"a%d.*\"}) > %d",
        };

        public static String file(int n) {
            StringBuilder out = new StringBuilder("groups:\n  - name: many\n    rules:\n");
            for (int i = 0; i < n; i++) {
                String expr = String.format(java.util.Locale.ROOT, EXPRS[i % EXPRS.length], i, i % 90 + 1);
                out.append("      - alert: Generated").append(i).append('\n')
                        .append("        expr: '").append(expr).append("'\n")
                        .append("        for: 5m\n        labels:\n          severity: warning\n")
                        .append("        annotations:\n          summary: \"rule ").append(i)
                        .append(" on {{ $labels.instance_id }}\"\n          description: \"value {{ $value }}\"\n");
            }
            return out.toString();
        }

        public static void main(String[] args) throws java.io.IOException {
            java.nio.file.Files.writeString(java.nio.file.Path.of(args[1]), file(Integer.parseInt(args[0])));
        }
    }
}
