package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings Prometheus takes as command-line flags, not as keys of prometheus.yml (the seed put
 * retention under {@code storage.tsdb}, which {@code promtool check config} rejects). Rendered one
 * flag a line to {@code prometheus.flags}, for {@code prometheus $(cat prometheus.flags)} or a
 * systemd unit.
 */
public record PrometheusFlags(String storagePath, Duration retentionTime, String retentionSize,
        String webListenAddress, boolean enableLifecycle, List<String> extra) {

    public PrometheusFlags {
        if (retentionSize != null && !retentionSize.matches("\\d+(B|KB|MB|GB|TB|PB|EB)")) {
            throw new IllegalArgumentException("retention size '" + retentionSize + "' is not a size such as 50GB"
                    + " (units B, KB, MB, GB, TB, PB, EB)");
        }
        extra = List.copyOf(extra == null ? List.of() : extra);
        for (String flag : extra) {
            if (!flag.startsWith("--")) {
                throw new IllegalArgumentException("extra Prometheus flag '" + flag + "' must start with --");
            }
        }
    }

    /** Where Debian's {@code prometheus} package keeps the TSDB. */
    public static final String STORAGE_PATH = "/var/lib/prometheus/metrics2";

    /**
     * The spawn defaults for a monitoring server: the TSDB where the Debian package keeps it
     * ({@value #STORAGE_PATH}; a local run sets a relative path such as {@code data/prometheus}), 30d / 50GB
     * retention, listen on :9090, reload over HTTP enabled.
     */
    public static PrometheusFlags spawnDefaults() {
        return new PrometheusFlags(STORAGE_PATH, Duration.parse("30d"), "50GB", ":9090", true, List.of());
    }

    public PrometheusFlags withExtra(String flag) {
        List<String> more = new ArrayList<>(extra);
        more.add(flag);
        return new PrometheusFlags(storagePath, retentionTime, retentionSize, webListenAddress, enableLifecycle, more);
    }

    /** One flag a line, in a fixed order. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (storagePath != null) {
            lines.add("--storage.tsdb.path=" + storagePath);
        }
        if (retentionTime != null) {
            lines.add("--storage.tsdb.retention.time=" + retentionTime);
        }
        if (retentionSize != null) {
            lines.add("--storage.tsdb.retention.size=" + retentionSize);
        }
        if (webListenAddress != null) {
            lines.add("--web.listen-address=" + webListenAddress);
        }
        if (enableLifecycle) {
            lines.add("--web.enable-lifecycle");
        }
        lines.addAll(extra);
        return lines;
    }

    /** A builder with every part unset (null, or empty). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this PrometheusFlags's parts, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.storagePath = storagePath;
        b.retentionTime = retentionTime;
        b.retentionSize = retentionSize;
        b.webListenAddress = webListenAddress;
        b.enableLifecycle = enableLifecycle;
        b.extra = extra;
        return b;
    }

    /** Fluent construction of a {@link PrometheusFlags}; {@link #build()} checks the record's invariants. */
    public static final class Builder {
        private String storagePath;
        private Duration retentionTime;
        private String retentionSize;
        private String webListenAddress;
        private boolean enableLifecycle;
        private List<String> extra;

        private Builder() {
        }

        public Builder storagePath(String value) {
            this.storagePath = value;
            return this;
        }

        public Builder retentionTime(Duration value) {
            this.retentionTime = value;
            return this;
        }

        public Builder retentionSize(String value) {
            this.retentionSize = value;
            return this;
        }

        public Builder webListenAddress(String value) {
            this.webListenAddress = value;
            return this;
        }

        public Builder enableLifecycle(boolean value) {
            this.enableLifecycle = value;
            return this;
        }

        public Builder extra(List<String> value) {
            this.extra = value;
            return this;
        }

        public PrometheusFlags build() {
            return new PrometheusFlags(storagePath, retentionTime, retentionSize, webListenAddress, enableLifecycle,
                    extra);
        }
    }
}
