package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.Authorization;
import dev.spawn.monitoring.model.BasicAuth;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.HttpClientConfig;
import dev.spawn.monitoring.model.TlsConfig;
import dev.spawn.monitoring.model.decl.Key;
import dev.spawn.monitoring.model.decl.Section;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** {@code <scrape_config>}: one scrape job, its discovery methods, HTTP settings, relabelling and limits. */
public record ScrapeConfig(
        @Key(value = "job_name", doc = "The job name assigned to scraped metrics by default.", required = true) String jobName,
        @Key(value = "scrape_interval", doc = "How frequently to scrape targets from this job.", byDefault = "global.scrape_interval")
        Duration scrapeInterval,
        @Key(value = "scrape_timeout", doc = "Per-scrape timeout when scraping this job.", byDefault = "global.scrape_timeout")
        Duration scrapeTimeout,
        @Key(value = "metrics_path", doc = "The HTTP resource path on which to fetch metrics from targets.", byDefault = "/metrics",
                pattern = "/.*", expected = "a path starting with /")
        String metricsPath,
        @Key(value = "honor_labels", doc = "Whether scraped labels win over labels Prometheus attaches on conflict.",
                byDefault = "false")
        Boolean honorLabels,
        @Key(value = "honor_timestamps", doc = "Whether to honor the timestamps present in scraped data.", byDefault = "true",
                nullIsEmpty = true)
        Boolean honorTimestamps,
        @Key(value = "scheme", doc = "The URL scheme with which to fetch metrics from targets.", byDefault = "http",
                oneOf = {"http", "https"})
        String scheme,
        @Key(value = "params", doc = "Optional HTTP URL parameters.") Map<String, List<String>> params,
        @Key(value = "", inline = true, doc = "HTTP client settings.") HttpClientConfig http,
        @Key(value = "", doc = "Service discovery configurations.") List<Discovery> discovery,
        @Key(value = "relabel_configs", doc = "Target relabelling, applied before scraping.") List<RelabelConfig> relabelConfigs,
        @Key(value = "metric_relabel_configs", doc = "Relabelling of scraped samples before ingestion.")
        List<RelabelConfig> metricRelabelConfigs,
        @Key(value = "body_size_limit", doc = "Uncompressed response body size limit, e.g. 10MB; 0 means no limit.",
                byDefault = "0", pattern = "0|[0-9]+(B|KB|MB|GB|TB|PB|EB|KiB|MiB|GiB|TiB|PiB|EiB)",
                expected = "a size such as 0, 512KB or 10MB")
        String bodySizeLimit,
        @Key(value = "sample_limit", doc = "Per-scrape limit on the number of scraped samples; 0 means no limit.",
                byDefault = "0", min = 0)
        Long sampleLimit,
        @Key(value = "label_limit", doc = "Per-scrape limit on the number of labels of a sample; 0 means no limit.",
                byDefault = "0", min = 0)
        Long labelLimit,
        @Key(value = "label_name_length_limit", doc = "Per-scrape limit on the length of label names; 0 means no limit.",
                byDefault = "0", min = 0)
        Long labelNameLengthLimit,
        @Key(value = "label_value_length_limit", doc = "Per-scrape limit on the length of label values; 0 means no limit.",
                byDefault = "0", min = 0)
        Long labelValueLengthLimit,
        @Key(value = "target_limit", doc = "Per-scrape-config limit on the number of unique targets; 0 means no limit.",
                byDefault = "0", min = 0)
        Long targetLimit) {

    public ScrapeConfig {
        Objects.requireNonNull(jobName, "jobName");
        if (jobName.isBlank()) {
            throw new IllegalArgumentException("a scrape job needs a job_name");
        }
        if (scheme != null && !scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("scrape job " + jobName + " has scheme '" + scheme + "'; expected http or https");
        }
        if (metricsPath != null && !metricsPath.startsWith("/")) {
            throw new IllegalArgumentException("scrape job " + jobName + " has metrics_path '" + metricsPath + "'; expected a path starting with /");
        }
        params = Collections.unmodifiableMap(new TreeMap<>(params == null ? Map.of() : params));
        http = http == null ? HttpClientConfig.NONE : http;
        discovery = Section.canonicalOrder(discovery == null ? List.of() : discovery, Discovery.class);
        relabelConfigs = List.copyOf(relabelConfigs == null ? List.of() : relabelConfigs);
        metricRelabelConfigs = List.copyOf(metricRelabelConfigs == null ? List.of() : metricRelabelConfigs);
        StaticConfig.requireHostsWithoutRelabelling(discovery, relabelConfigs, "scrape job " + jobName);
    }

    public static Builder builder(String jobName) {
        return new Builder(jobName);
    }

    public Builder toBuilder() {
        Builder b = new Builder(jobName);
        b.scrapeInterval = scrapeInterval;
        b.scrapeTimeout = scrapeTimeout;
        b.metricsPath = metricsPath;
        b.honorLabels = honorLabels;
        b.honorTimestamps = honorTimestamps;
        b.scheme = scheme;
        b.params = params;
        b.http = http;
        b.discovery.addAll(discovery);
        b.relabelConfigs.addAll(relabelConfigs);
        b.metricRelabelConfigs.addAll(metricRelabelConfigs);
        b.bodySizeLimit = bodySizeLimit;
        b.sampleLimit = sampleLimit;
        b.labelLimit = labelLimit;
        b.labelNameLengthLimit = labelNameLengthLimit;
        b.labelValueLengthLimit = labelValueLengthLimit;
        b.targetLimit = targetLimit;
        return b;
    }

    /** Fluent construction of a scrape job; {@link #build()} checks it. */
    public static final class Builder {
        private final String jobName;
        private Duration scrapeInterval;
        private Duration scrapeTimeout;
        private String metricsPath;
        private Boolean honorLabels;
        private Boolean honorTimestamps;
        private String scheme;
        private Map<String, List<String>> params;
        private HttpClientConfig http = HttpClientConfig.NONE;
        private final List<Discovery> discovery = new ArrayList<>();
        private final List<RelabelConfig> relabelConfigs = new ArrayList<>();
        private final List<RelabelConfig> metricRelabelConfigs = new ArrayList<>();
        private String bodySizeLimit;
        private Long sampleLimit;
        private Long labelLimit;
        private Long labelNameLengthLimit;
        private Long labelValueLengthLimit;
        private Long targetLimit;

        private Builder(String jobName) {
            this.jobName = jobName;
        }

        public Builder scrapeInterval(Duration value) {
            this.scrapeInterval = value;
            return this;
        }

        public Builder scrapeTimeout(Duration value) {
            this.scrapeTimeout = value;
            return this;
        }

        public Builder metricsPath(String value) {
            this.metricsPath = value;
            return this;
        }

        public Builder scheme(String value) {
            this.scheme = value;
            return this;
        }

        public Builder honorLabels(boolean value) {
            this.honorLabels = value;
            return this;
        }

        public Builder honorTimestamps(boolean value) {
            this.honorTimestamps = value;
            return this;
        }

        public Builder params(Map<String, List<String>> value) {
            this.params = value;
            return this;
        }

        public Builder http(HttpClientConfig value) {
            this.http = value;
            return this;
        }

        public Builder basicAuth(BasicAuth value) {
            this.http = http.toBuilder().basicAuth(value).build();
            return this;
        }

        public Builder authorization(Authorization value) {
            this.http = http.toBuilder().authorization(value).build();
            return this;
        }

        public Builder tls(TlsConfig value) {
            this.http = http.toBuilder().tlsConfig(value).build();
            return this;
        }

        public Builder discovery(Discovery value) {
            this.discovery.add(value);
            return this;
        }

        /** Replaces every discovery of this job, e.g. to point EC2 discovery at another endpoint. */
        public Builder replaceDiscovery(List<Discovery> values) {
            this.discovery.clear();
            this.discovery.addAll(values);
            return this;
        }

        public Builder relabel(RelabelConfig value) {
            this.relabelConfigs.add(value);
            return this;
        }

        /** Replaces the job's target relabelling. */
        public Builder replaceRelabelling(List<RelabelConfig> values) {
            this.relabelConfigs.clear();
            this.relabelConfigs.addAll(values);
            return this;
        }

        public Builder metricRelabel(RelabelConfig value) {
            this.metricRelabelConfigs.add(value);
            return this;
        }

        public Builder bodySizeLimit(String value) {
            this.bodySizeLimit = value;
            return this;
        }

        /** sample_limit, label_limit, label_name_length_limit, label_value_length_limit and target_limit; null leaves one unset. */
        public Builder limits(Long samples, Long labels, Long labelNameLength, Long labelValueLength, Long targets) {
            this.sampleLimit = samples;
            this.labelLimit = labels;
            this.labelNameLengthLimit = labelNameLength;
            this.labelValueLengthLimit = labelValueLength;
            this.targetLimit = targets;
            return this;
        }

        public ScrapeConfig build() {
            return new ScrapeConfig(jobName, scrapeInterval, scrapeTimeout, metricsPath, honorLabels, honorTimestamps, scheme,
                    params, http, discovery, relabelConfigs, metricRelabelConfigs, bodySizeLimit, sampleLimit, labelLimit,
                    labelNameLengthLimit, labelValueLengthLimit, targetLimit);
        }
    }
}
