package dev.spawn.monitoring.benchmarks;

import dev.spawn.monitoring.promql.Expr;
import dev.spawn.monitoring.promql.PromQL;
import dev.spawn.monitoring.rules.RuleCatalog;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * How long the PromQL parser takes (lexing, parsing, Prometheus' type checks) for the expressions of
 * the default rules, each with its default parameters: the cost the lint of issue 9 pays per bundle.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PromQLBenchmark {

    private List<String> expressions;

    @Setup
    public void setUp() {
        expressions = RuleCatalog.defaults().rules().stream().map(RuleCatalog::defaultExpr).toList();
        if (expressions.size() != 26) {
            throw new IllegalStateException("expected the 26 default rules, found " + expressions.size());
        }
    }

    /** All 26 default rule expressions, parsed and type-checked. */
    @Benchmark
    public void parseDefaultRules(Blackhole blackhole) {
        for (String expression : expressions) {
            blackhole.consume(PromQL.parse(expression));
        }
    }

    /** All 26 parsed and printed back in canonical form. */
    @Benchmark
    public void parseAndPrintDefaultRules(Blackhole blackhole) {
        for (String expression : expressions) {
            Expr e = PromQL.parse(expression);
            blackhole.consume(e.print());
        }
    }
}
