package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.LabelName;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Prometheus' {@code global:} block. External labels are kept sorted for deterministic output. */
public record GlobalConfig(Duration scrapeInterval, Duration scrapeTimeout, Duration evaluationInterval,
        Map<String, String> externalLabels) {

    public GlobalConfig {
        Objects.requireNonNull(scrapeInterval, "scrapeInterval");
        Objects.requireNonNull(evaluationInterval, "evaluationInterval");
        externalLabels = Collections.unmodifiableMap(new TreeMap<>(
                LabelName.requireAll(externalLabels == null ? Map.of() : externalLabels, "global.external_labels")));
    }

    public GlobalConfig withExternalLabel(String name, String value) {
        Map<String, String> labels = new TreeMap<>(externalLabels);
        labels.put(name, value);
        return new GlobalConfig(scrapeInterval, scrapeTimeout, evaluationInterval, labels);
    }

    public GlobalConfig withIntervals(Duration scrape, Duration evaluation) {
        return new GlobalConfig(scrape, scrapeTimeout != null && scrapeTimeout.compareTo(scrape) > 0 ? scrape : scrapeTimeout,
                evaluation, externalLabels);
    }
}
