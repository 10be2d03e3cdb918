package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the Alertmanager process that are command-line flags, not {@code alertmanager.yml}
 * keys. {@link #lines()} is the content of {@code alertmanager.flags}, one flag per line, for
 * {@code prometheus-alertmanager $(cat alertmanager.flags) --config.file=alertmanager.yml}; so no
 * value may contain whitespace. Null leaves a flag out (Alertmanager's default); an empty
 * {@code clusterListenAddress} disables clustering, as a single node wants.
 */
public record AlertmanagerFlags(String storagePath, String webListenAddress, String clusterListenAddress,
        List<String> clusterPeers, Duration dataRetention) {

    public AlertmanagerFlags {
        noWhitespace(storagePath, "--storage.path");
        noWhitespace(webListenAddress, "--web.listen-address");
        noWhitespace(clusterListenAddress, "--cluster.listen-address");
        clusterPeers = Invariants.list(clusterPeers, "--cluster.peer");
        clusterPeers.forEach(peer -> Invariants.nonBlank(noWhitespace(peer, "--cluster.peer"), "--cluster.peer"));
        if (!clusterPeers.isEmpty() && "".equals(clusterListenAddress)) {
            throw new IllegalArgumentException("--cluster.peer needs clustering, but --cluster.listen-address is empty"
                    + " (clustering disabled)");
        }
    }

    /** The flags in a fixed order: storage, web, cluster listen, peers in their given order, retention. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        add(lines, "--storage.path", storagePath);
        add(lines, "--web.listen-address", webListenAddress);
        add(lines, "--cluster.listen-address", clusterListenAddress);
        clusterPeers.forEach(peer -> add(lines, "--cluster.peer", peer));
        add(lines, "--data.retention", dataRetention == null ? null : goDuration(dataRetention));
        return List.copyOf(lines);
    }

    public AlertmanagerFlags withClusterPeers(String listenAddress, List<String> peers) {
        return new AlertmanagerFlags(storagePath, webListenAddress, listenAddress, peers, dataRetention);
    }

    /**
     * Flags are Go {@code time.Duration}s, which know no days, weeks or years ({@code 5d} is rejected
     * by {@code prometheus-alertmanager}), so the largest unit is hours: {@code 120h}, {@code 1h30m}.
     */
    static String goDuration(Duration duration) {
        long ms = duration.millis();
        if (ms == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long[] units = {3_600_000L, 60_000L, 1_000L, 1L};
        String[] names = {"h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            if (ms >= units[i]) {
                out.append(ms / units[i]).append(names[i]);
                ms %= units[i];
            }
        }
        return out.toString();
    }

    private static void add(List<String> lines, String flag, String value) {
        if (value != null) {
            lines.add(flag + "=" + value);
        }
    }

    private static String noWhitespace(String value, String flag) {
        if (value != null && value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(flag + " value '" + value + "' contains whitespace, which"
                    + " $(cat alertmanager.flags) would split");
        }
        return value;
    }

    /** A builder with every part unset (null, or empty). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this AlertmanagerFlags's parts, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.storagePath = storagePath;
        b.webListenAddress = webListenAddress;
        b.clusterListenAddress = clusterListenAddress;
        b.clusterPeers = clusterPeers;
        b.dataRetention = dataRetention;
        return b;
    }

    /** Fluent construction of a {@link AlertmanagerFlags}; {@link #build()} checks the record's invariants. */
    public static final class Builder {
        private String storagePath;
        private String webListenAddress;
        private String clusterListenAddress;
        private List<String> clusterPeers;
        private Duration dataRetention;

        private Builder() {
        }

        public Builder storagePath(String value) {
            this.storagePath = value;
            return this;
        }

        public Builder webListenAddress(String value) {
            this.webListenAddress = value;
            return this;
        }

        public Builder clusterListenAddress(String value) {
            this.clusterListenAddress = value;
            return this;
        }

        public Builder clusterPeers(List<String> value) {
            this.clusterPeers = value;
            return this;
        }

        public Builder dataRetention(Duration value) {
            this.dataRetention = value;
            return this;
        }

        public AlertmanagerFlags build() {
            return new AlertmanagerFlags(storagePath, webListenAddress, clusterListenAddress, clusterPeers,
                    dataRetention);
        }
    }
}
