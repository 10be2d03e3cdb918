package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.LabelName;
import dev.spawn.monitoring.model.decl.Key;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Prometheus' {@code global:} block. External labels are kept sorted for deterministic output. */
public record GlobalConfig(
        @Key(value = "scrape_interval", doc = "How frequently to scrape targets by default.", byDefault = "1m")
        Duration scrapeInterval,
        @Key(value = "scrape_timeout", doc = "How long until a scrape request times out.", byDefault = "10s")
        Duration scrapeTimeout,
        @Key(value = "evaluation_interval", doc = "How frequently to evaluate rules.", byDefault = "1m")
        Duration evaluationInterval,
        @Key(value = "external_labels", doc = "Labels added to any time series or alerts when talking to external systems.",
                labelNames = true)
        Map<String, String> externalLabels,
        @Key(value = "query_log_file", doc = "File to which PromQL queries are logged; reloading reopens it.")
        String queryLogFile) {

    public GlobalConfig {
        Objects.requireNonNull(scrapeInterval, "scrapeInterval");
        Objects.requireNonNull(evaluationInterval, "evaluationInterval");
        externalLabels = Collections.unmodifiableMap(new TreeMap<>(
                LabelName.requireAll(externalLabels == null ? Map.of() : externalLabels, "global.external_labels")));
    }

    public GlobalConfig withExternalLabel(String name, String value) {
        Map<String, String> labels = new TreeMap<>(externalLabels);
        labels.put(name, value);
        return new GlobalConfig(scrapeInterval, scrapeTimeout, evaluationInterval, labels, queryLogFile);
    }

    public GlobalConfig withIntervals(Duration scrape, Duration evaluation) {
        return new GlobalConfig(scrape, scrapeTimeout != null && scrapeTimeout.compareTo(scrape) > 0 ? scrape : scrapeTimeout,
                evaluation, externalLabels, queryLogFile);
    }

    /** A builder with every part unset (null, or empty). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this GlobalConfig's parts, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.scrapeInterval = scrapeInterval;
        b.scrapeTimeout = scrapeTimeout;
        b.evaluationInterval = evaluationInterval;
        b.externalLabels = externalLabels;
        b.queryLogFile = queryLogFile;
        return b;
    }

    /** Fluent construction of a {@link GlobalConfig}; {@link #build()} checks the record's invariants. */
    public static final class Builder {
        private Duration scrapeInterval;
        private Duration scrapeTimeout;
        private Duration evaluationInterval;
        private Map<String, String> externalLabels;
        private String queryLogFile;

        private Builder() {
        }

        public Builder scrapeInterval(Duration value) {
            this.scrapeInterval = value;
            return this;
        }

        public Builder scrapeTimeout(Duration value) {
            this.scrapeTimeout = value;
            return this;
        }

        public Builder evaluationInterval(Duration value) {
            this.evaluationInterval = value;
            return this;
        }

        public Builder externalLabels(Map<String, String> value) {
            this.externalLabels = value;
            return this;
        }

        public Builder queryLogFile(String value) {
            this.queryLogFile = value;
            return this;
        }

        public GlobalConfig build() {
            return new GlobalConfig(scrapeInterval, scrapeTimeout, evaluationInterval, externalLabels, queryLogFile);
        }
    }
}
