package dev.spawn.monitoring.scale;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.decl.Internal;
import dev.spawn.monitoring.model.ScaleOut;
import dev.spawn.monitoring.rules.MetricCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Capacity on paper: the series one spored agent gives (from the metric catalogue: each metric times the values
 * of its labels other than {@code instance_id}, plus the series Prometheus adds to every scrape target), and for
 * a fleet the series, samples per second and scraping shards that follow. The label values are a profile of the
 * instance (interfaces, disks, GPUs); {@code ScaleOutTest} serves exactly these from fake agents and counts what
 * the global tier holds per agent, which must be this number.
 */
@Internal
public record Capacity(String profile, Map<String, List<String>> labelValues) {

    /** The series Prometheus adds to every scrape target. */
    public static final List<String> SCRAPE_SERIES = List.of("up", "scrape_duration_seconds", "scrape_samples_scraped",
            "scrape_samples_post_metric_relabeling", "scrape_series_added");
    /** The series vmagent 1.79 adds to every scrape target: Prometheus' and {@code scrape_timeout_seconds}. */
    public static final List<String> VMAGENT_SCRAPE_SERIES = java.util.stream.Stream.concat(SCRAPE_SERIES.stream(),
            java.util.stream.Stream.of("scrape_timeout_seconds")).toList();

    /** The series the scraper of {@code engine} adds to every target. */
    static List<String> scrapeSeries(ScaleOut.Engine engine) {
        return engine == ScaleOut.Engine.VICTORIAMETRICS ? VMAGENT_SCRAPE_SERIES : SCRAPE_SERIES;
    }
    /**
     * Head series one scraping Prometheus is planned with: a few million fit a large server; a million keeps a shard
     * at a few GiB of memory (Prometheus 2.x needs roughly 3-4 KiB per head series) with room for churn.
     */
    public static final long SERIES_PER_SHARD = 1_000_000L;

    public Capacity {
        labelValues = Map.copyOf(labelValues);
    }

    /** A CPU instance: one network interface, one disk, no GPU, in a job array. */
    public static Capacity cpuInstance() {
        return new Capacity("CPU instance (1 interface, 1 disk, no GPU)", base(List.of()));
    }

    /** A GPU instance with {@code gpus} GPUs. */
    static Capacity gpuInstance(int gpus) {
        return new Capacity("GPU instance (1 interface, 1 disk, " + gpus + " GPUs)",
                base(java.util.stream.IntStream.range(0, gpus).mapToObj(String::valueOf).toList()));
    }

    private static Map<String, List<String>> base(List<String> gpus) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("region", List.of("us-east-1"));
        values.put("provider", List.of("ec2"));
        values.put("interface", List.of("eth0"));
        values.put("direction", List.of("rx", "tx"));
        values.put("device", List.of("nvme0n1"));
        values.put("operation", List.of("read", "write"));
        values.put("gpu_index", gpus);
        values.put("job_array_id", List.of("ja-1"));
        values.put("job_array_name", List.of("render"));
        return values;
    }

    /** The values of {@code label} on one agent ({@code instance_id}: its own, one). */
    public List<String> values(String label) {
        return labelValues.getOrDefault(label, List.of("-"));
    }

    /** Series of each catalogue metric on one agent, in catalogue order. */
    Map<String, Long> seriesByMetric(MetricCatalog catalog) {
        Map<String, Long> series = new LinkedHashMap<>();
        for (MetricCatalog.Metric m : catalog.metrics()) {
            long n = 1;
            for (String label : m.labels()) {
                n *= label.equals("instance_id") ? 1 : values(label).size();
            }
            series.put(m.name(), n);
        }
        return series;
    }

    /** Series one agent gives when Prometheus scrapes it: its metrics' and the scrape's own. */
    public long seriesPerInstance(MetricCatalog catalog) {
        return seriesPerInstance(catalog, ScaleOut.Engine.PROMETHEUS);
    }

    /** Series one agent gives when the scraper of {@code engine} scrapes it. */
    public long seriesPerInstance(MetricCatalog catalog, ScaleOut.Engine engine) {
        return seriesByMetric(catalog).values().stream().mapToLong(Long::longValue).sum() + scrapeSeries(engine).size();
    }

    /** The numbers for a fleet of {@code instances} that {@code engine} scrapes every {@code scrapeInterval}. */
    public Plan plan(MetricCatalog catalog, long instances, Duration scrapeInterval, ScaleOut.Engine engine) {
        long series = instances * seriesPerInstance(catalog, engine);
        double samples = series * 1000.0 / scrapeInterval.millis();
        return new Plan(instances, series, samples, (int) Math.max(1, (series + SERIES_PER_SHARD - 1) / SERIES_PER_SHARD));
    }

    /**
     * A fleet's load: active series (the global tier of the prometheus engine receives all of them), samples per
     * second, and the scraping shards for {@link #SERIES_PER_SHARD} each.
     */
    public record Plan(long instances, long series, double samplesPerSecond, int shards) {
    }
}
