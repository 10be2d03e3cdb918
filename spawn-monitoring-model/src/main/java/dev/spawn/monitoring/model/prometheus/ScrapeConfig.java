package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@code <scrape_config>}: one scrape job, its discovery methods, HTTP settings and relabelling. */
public record ScrapeConfig(String jobName, Duration scrapeInterval, Duration scrapeTimeout, String metricsPath,
        String scheme, Boolean honorLabels, HttpClientConfig http, List<Discovery> discovery,
        List<RelabelConfig> relabelConfigs, List<RelabelConfig> metricRelabelConfigs) {

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
        http = http == null ? HttpClientConfig.NONE : http;
        discovery = List.copyOf(discovery == null ? List.of() : discovery);
        relabelConfigs = List.copyOf(relabelConfigs == null ? List.of() : relabelConfigs);
        metricRelabelConfigs = List.copyOf(metricRelabelConfigs == null ? List.of() : metricRelabelConfigs);
    }

    public static Builder builder(String jobName) {
        return new Builder(jobName);
    }

    public Builder toBuilder() {
        Builder b = new Builder(jobName);
        b.scrapeInterval = scrapeInterval;
        b.scrapeTimeout = scrapeTimeout;
        b.metricsPath = metricsPath;
        b.scheme = scheme;
        b.honorLabels = honorLabels;
        b.http = http;
        b.discovery.addAll(discovery);
        b.relabelConfigs.addAll(relabelConfigs);
        b.metricRelabelConfigs.addAll(metricRelabelConfigs);
        return b;
    }

    /** Fluent construction of a scrape job; {@link #build()} checks it. */
    public static final class Builder {
        private final String jobName;
        private Duration scrapeInterval;
        private Duration scrapeTimeout;
        private String metricsPath;
        private String scheme;
        private Boolean honorLabels;
        private HttpClientConfig http = HttpClientConfig.NONE;
        private final List<Discovery> discovery = new ArrayList<>();
        private final List<RelabelConfig> relabelConfigs = new ArrayList<>();
        private final List<RelabelConfig> metricRelabelConfigs = new ArrayList<>();

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

        public Builder http(HttpClientConfig value) {
            this.http = value;
            return this;
        }

        public Builder basicAuth(dev.spawn.monitoring.model.BasicAuth value) {
            this.http = http.withBasicAuth(value);
            return this;
        }

        public Builder authorization(dev.spawn.monitoring.model.Authorization value) {
            this.http = http.withAuthorization(value);
            return this;
        }

        public Builder tls(dev.spawn.monitoring.model.TlsConfig value) {
            this.http = http.withTls(value);
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

        public Builder metricRelabel(RelabelConfig value) {
            this.metricRelabelConfigs.add(value);
            return this;
        }

        public ScrapeConfig build() {
            return new ScrapeConfig(jobName, scrapeInterval, scrapeTimeout, metricsPath, scheme, honorLabels, http,
                    discovery, relabelConfigs, metricRelabelConfigs);
        }
    }
}
