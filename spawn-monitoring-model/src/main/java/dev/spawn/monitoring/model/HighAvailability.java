package dev.spawn.monitoring.model;

import dev.spawn.monitoring.model.decl.Key;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Several Prometheus replicas scraping the same targets and an Alertmanager cluster. Each replica
 * gets its own {@code prometheus-<replica>.yaml} whose external label {@code replicaLabel} names it;
 * alerts have that label dropped before they are sent, so the Alertmanager cluster deduplicates the
 * replicas' identical alerts into one notification. {@code alertmanagers} are the nodes' web
 * addresses (Prometheus sends to all of them); {@code clusterPeers} their gossip addresses, written
 * to {@code alertmanager.flags} as {@code --cluster.peer}.
 */
public record HighAvailability(
        @Key(value = "replicas", doc = "Names of the Prometheus replicas; each gets prometheus-<name>.yaml.", required = true)
        List<String> replicas,
        @Key(value = "replica_label", doc = "External label naming the replica, dropped from alerts.", byDefault = "replica")
        String replicaLabel,
        @Key(value = "alertmanagers", doc = "host:port of every Alertmanager node's web address.") List<String> alertmanagers,
        @Key(value = "cluster_peers", doc = "host:port of every Alertmanager node's gossip address.") List<String> clusterPeers) {

    public HighAvailability {
        replicas = List.copyOf(replicas);
        alertmanagers = List.copyOf(alertmanagers == null ? List.of() : alertmanagers);
        clusterPeers = List.copyOf(clusterPeers == null ? List.of() : clusterPeers);
        replicaLabel = replicaLabel == null ? "replica" : LabelName.require(replicaLabel, "high_availability.replica_label");
        Set<String> seen = new TreeSet<>();
        for (String r : replicas) {
            if (!r.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
                throw new IllegalArgumentException("replica name '" + r + "' must be letters, digits, '.', '_' or '-'");
            }
            if (!seen.add(r)) {
                throw new IllegalArgumentException("duplicate replica name '" + r + "'");
            }
        }
        for (String address : concat(alertmanagers, clusterPeers)) {
            if (!address.matches("[^\\s/]+:\\d{1,5}")) {
                throw new IllegalArgumentException("'" + address + "' is not host:port");
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The file a replica's configuration is written to. */
    public static String configFile(String replica) {
        return "prometheus-" + replica + ".yaml";
    }
}
