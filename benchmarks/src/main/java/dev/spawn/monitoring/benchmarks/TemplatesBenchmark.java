package dev.spawn.monitoring.benchmarks;

import dev.spawn.monitoring.promql.eval.Templates;
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
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What one alert template expansion in the JVM costs (promql.eval.Templates, the fast path of mutation testing):
 * the default alerts' kinds of annotation, each expanded for values of every magnitude, the parsed templates cached
 * as in a mutation run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TemplatesBenchmark {

    private static final List<String> ANNOTATIONS = List.of(
            "Instance {{ $labels.instance_id }} in {{ $labels.region }} costs {{ $value | humanize }}/h",
            "GPU {{ $labels.gpu_index }} on {{ $labels.instance }} is at {{ $value | humanizePercentage }}",
            "Job {{ $labels.job_array_name }} has been pending for {{ $value | humanizeDuration }}",
            "{{ $labels.instance_id }} reports {{ $value }} errors");
    private static final double[] VALUES = {0.0, 1.0, 0.937, 1234.5678, 7.25e-6, 86461.0, 3.0e12, 0.1 + 0.2,
        123456789.123, 1e21};
    private static final Map<String, String> LABELS = Map.of("__name__", "spawn_instance_cost", "instance_id",
            "i-0abc123", "region", "eu-west-1", "instance", "10.0.0.1:9100", "gpu_index", "0", "job_array_name", "train");

    /** The four annotations for ten values: 40 expansions per op. */
    @Benchmark
    public void expandDefaultAnnotations(Blackhole blackhole) {
        for (String text : ANNOTATIONS) {
            for (double value : VALUES) {
                blackhole.consume(Templates.expand(text, LABELS, value, Map.of(), ""));
            }
        }
    }

    /** {{ $value }} for ten values: Go's shortest float formatting alone. */
    @Benchmark
    public void printValue(Blackhole blackhole) {
        for (double value : VALUES) {
            blackhole.consume(Templates.expand("{{ $value }}", LABELS, value, Map.of(), ""));
        }
    }
}
