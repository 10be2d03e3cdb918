package dev.spawn.monitoring.benchmarks;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.spec.SchemaGenerator;
import dev.spawn.monitoring.spec.SpecReader;
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
 * What reading through the declarations costs: a spec with {@code jobs} scrape jobs in upstream shape
 * (each with EC2 discovery, relabelling, limits and TLS) read into the model, and the same spec read
 * and built into a bundle; and generating the JSON Schema from the declarations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SpecReadBenchmark {

    @Param({"10", "1000"})
    public int jobs;

    private String spec;

    @Setup
    public void setUp() {
        StringBuilder b = new StringBuilder("apiVersion: spawn.dev/v1\nglobal: {scrape_interval: 30s}\nscrape_configs:\n");
        for (int i = 0; i < jobs; i++) {
            b.append("""
                      - job_name: node-%d
                        sample_limit: 50_000
                        label_limit: 64
                        scheme: https
                        tls_config: {ca_file: /etc/prometheus/ca.crt, min_version: TLS12}
                        ec2_sd_configs:
                          - region: eu-west-1
                            endpoint: http://127.0.0.1:4566
                            port: 9100
                            filters: [{name: 'tag:team', values: [platform]}]
                        relabel_configs:
                          - {source_labels: [__meta_ec2_tag_team], target_label: team}
                          - {source_labels: [__meta_ec2_instance_id], regex: '(?P<id>i-.*)', target_label: instance_id}
                    """.formatted(i));
        }
        spec = b.toString();
    }

    @Benchmark
    public SpecReader.Spec read() {
        return SpecReader.parse("spawn-monitoring.yaml", spec);
    }

    @Benchmark
    public MonitoringBundle readAndBuild() {
        return SpecReader.parse("spawn-monitoring.yaml", spec).build();
    }

    @Benchmark
    public String generateSchema() {
        return SchemaGenerator.specSchema();
    }
}
