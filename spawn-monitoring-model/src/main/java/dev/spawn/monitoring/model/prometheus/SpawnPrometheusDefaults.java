package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus side of a spawn deployment as the fleet facts describe it: 60s intervals,
 * {@code cluster}/{@code environment} external labels, Alertmanager on localhost:9093, and the jobs
 * {@code prometheus}, {@code spawn-fleet} (file discovery) and {@code spawn-ec2} (EC2 discovery).
 */
public final class SpawnPrometheusDefaults {

    /** The port spored serves metrics on. */
    public static final int SPORED_PORT = 9090;
    public static final String FLEET_JOB = "spawn-fleet";
    public static final String EC2_JOB = "spawn-ec2";
    public static final String TARGETS_GLOB = "targets/*.json";
    /** The job of Prometheus scraping itself. */
    public static final String SELF_JOB = "prometheus";

    private SpawnPrometheusDefaults() {
    }

    public static GlobalConfig global() {
        return GlobalConfig.builder().scrapeInterval(Duration.ofSeconds(60)).evaluationInterval(Duration.ofSeconds(60))
                .externalLabels(Map.of("cluster", "spawn", "environment", "production")).build();
    }

    public static AlertingConfig alerting() {
        return new AlertingConfig(List.of(), List.of(AlertmanagerEndpoint.statik(List.of("localhost:9093"))));
    }

    public static List<ScrapeConfig> scrapeConfigs() {
        return List.of(self(), fleet(), ec2(List.of("us-east-1")));
    }

    /** Prometheus scraping itself. */
    public static ScrapeConfig self() {
        return ScrapeConfig.builder(SELF_JOB).discovery(StaticConfig.of("localhost:9090")).build();
    }

    /** spored agents listed in file-discovery target files, as {@code spawn:targets} writes them. */
    public static ScrapeConfig fleet() {
        return ScrapeConfig.builder(FLEET_JOB)
                .discovery(new FileSdConfig(List.of(TARGETS_GLOB), Duration.ofSeconds(60)))
                .build();
    }

    /** spored agents found through the EC2 API: one discovery block per region. */
    public static ScrapeConfig ec2(List<String> regions) {
        return ec2(regions, SPORED_PORT);
    }

    /** spored agents listening on {@code port}, found through the EC2 API: one discovery block per region. */
    public static ScrapeConfig ec2(List<String> regions, int port) {
        ScrapeConfig.Builder job = ScrapeConfig.builder(EC2_JOB);
        regions.forEach(region -> job.discovery(Ec2SdConfig.spawnInstances(region, port)));
        ec2Relabelling(port).forEach(job::relabel);
        return job.build();
    }

    /** The regions the {@code spawn-ec2} job of {@code prometheus} discovers, in its order; none without the job. */
    public static List<String> ec2Regions(PrometheusConfig prometheus) {
        return ec2Regions(prometheus.scrapeConfigs());
    }

    /** The regions the {@code spawn-ec2} job among {@code jobs} discovers ({@code ec2Regions(scrapeConfigs())}: the defaults'). */
    public static List<String> ec2Regions(List<ScrapeConfig> jobs) {
        return jobs.stream()
                .filter(job -> job.jobName().equals(EC2_JOB))
                .flatMap(job -> job.discovery().stream())
                .filter(Ec2SdConfig.class::isInstance).map(d -> ((Ec2SdConfig) d).region())
                .distinct().toList();
    }

    /**
     * Turns EC2 metadata into the labels the alert rules use: instance_id, region (from the
     * availability zone), instance_type, spot, instance_name, job_array_id, job_array_name, and the
     * private IP on the spored port as the address. EC2 tag keys are sanitised by Prometheus, so
     * {@code spawn:job-array-id} arrives as {@code __meta_ec2_tag_spawn_job_array_id}.
     */
    public static List<RelabelConfig> ec2Relabelling(int port) {
        return List.of(
                RelabelConfig.copy("__meta_ec2_instance_id", "instance_id"),
                RelabelConfig.replace(List.of("__meta_ec2_availability_zone"), "(.+\\d)[a-z]+", "region", "$1"),
                RelabelConfig.copy("__meta_ec2_instance_type", "instance_type"),
                // on-demand instances have no lifecycle value: default to false, then mark spot ones
                RelabelConfig.builder().targetLabel("spot").replacement("false").build(),
                RelabelConfig.replace(List.of("__meta_ec2_instance_lifecycle"), "spot", "spot", "true"),
                RelabelConfig.copy("__meta_ec2_tag_Name", "instance_name"),
                RelabelConfig.copy("__meta_ec2_tag_spawn_job_array_id", "job_array_id"),
                RelabelConfig.copy("__meta_ec2_tag_spawn_job_array_name", "job_array_name"),
                RelabelConfig.replace(List.of("__meta_ec2_private_ip"), "(.+)", "__address__", "$1:" + port));
    }
}
