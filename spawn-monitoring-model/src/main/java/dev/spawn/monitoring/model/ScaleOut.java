package dev.spawn.monitoring.model;

import dev.spawn.monitoring.model.decl.Key;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Sharded scraping with a global rule tier ({@code scale_out:}): each shard scrapes 1/N of every job's
 * targets (the target's address hashed modulo N) and evaluates the rules whose output keeps per-target
 * labels; the global tier receives every shard's samples and evaluates the fleet-wide rules. With the
 * {@code prometheus} engine the shards are Prometheus servers remote-writing to a receiving Prometheus;
 * with {@code victoriametrics} they are vmagents writing to victoria-metrics, whose rules vmalert (the
 * {@code ruler}) evaluates.
 */
public record ScaleOut(
        @Key(value = "engine", doc = "prometheus: Prometheus shards remote-writing to a receiving Prometheus;"
                + " victoriametrics: vmagent shards writing to victoria-metrics, rules in vmalert.", byDefault = "prometheus")
        Engine engine,
        @Key(value = "shards", doc = "The scraping processes; each scrapes 1/N of every job's targets.", required = true)
        List<Shard> shards,
        @Key(value = "global", doc = "The global tier: where every shard's samples go and the fleet-wide rules run.",
                required = true)
        Global global) {

    /** The text form of a listen address in the spec: {@code host:port}. */
    public static final String HOST_PORT = "[^\\s/:]+:\\d{1,5}";
    static final String HOST_PORT_WORDS = "host:port, such as prom-0.internal:9090";

    /** Which servers run the tiers. */
    public enum Engine {
        PROMETHEUS, VICTORIAMETRICS;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Where a rule is evaluated: on every shard (its output keeps per-target labels, so each shard alerts for
     * exactly its own targets) or once on the global tier (it aggregates across targets).
     */
    public enum Tier {
        SHARD, GLOBAL;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code shards[]}: one scraping process, and its replicas. */
    public record Shard(
            @Key(value = "address", doc = "host:port the shard listens on.", required = true, pattern = HOST_PORT,
                    expected = HOST_PORT_WORDS)
            String address,
            @Key(value = "replicas", doc = "host:port of each replica of the shard (engine victoriametrics): one more"
                    + " vmagent scraping the same targets, so a shard survives losing one; victoria-metrics keeps one"
                    + " sample per scrape interval (-dedup.minScrapeInterval).", pattern = HOST_PORT,
                    expected = HOST_PORT_WORDS)
            List<String> replicas) {

        public Shard {
            requireHostPort(address, "scale_out.shards[].address");
            replicas = List.copyOf(replicas == null ? List.of() : replicas);
            replicas.forEach(r -> requireHostPort(r, "scale_out.shards[].replicas"));
        }

        public Shard(String address) {
            this(address, List.of());
        }

        /** Every process of the shard: its own address first, then its replicas'. */
        public List<String> processes() {
            List<String> all = new java.util.ArrayList<>(List.of(address));
            all.addAll(replicas);
            return List.copyOf(all);
        }
    }

    /** {@code global:}: the receiving server, and vmalert for the victoriametrics engine. */
    public record Global(
            @Key(value = "address", doc = "host:port of the receiving Prometheus, or of victoria-metrics.", required = true,
                    pattern = HOST_PORT, expected = HOST_PORT_WORDS)
            String address,
            @Key(value = "ruler", doc = "host:port vmalert listens on (victoriametrics engine only).", pattern = HOST_PORT,
                    expected = HOST_PORT_WORDS)
            String ruler) {

        public Global {
            requireHostPort(address, "scale_out.global.address");
            if (ruler != null) {
                requireHostPort(ruler, "scale_out.global.ruler");
            }
        }
    }

    public ScaleOut {
        engine = engine == null ? Engine.PROMETHEUS : engine;
        shards = List.copyOf(Objects.requireNonNull(shards, "scale_out.shards"));
        Objects.requireNonNull(global, "scale_out.global");
        if (shards.isEmpty()) {
            throw new IllegalArgumentException(NO_SHARDS);
        }
        if (global.ruler() != null && engine != Engine.VICTORIAMETRICS) {
            throw new IllegalArgumentException(RULER_ONLY_WITH_VM);
        }
        if (global.ruler() == null && engine == Engine.VICTORIAMETRICS) {
            throw new IllegalArgumentException(VM_NEEDS_RULER);
        }
        if (engine != Engine.VICTORIAMETRICS && shards.stream().anyMatch(s -> !s.replicas().isEmpty())) {
            throw new IllegalArgumentException(REPLICAS_ONLY_WITH_VM);
        }
        List<String> addresses = new java.util.ArrayList<>();
        shards.forEach(s -> addresses.addAll(s.processes()));
        addresses.add(global.address());
        if (global.ruler() != null) {
            addresses.add(global.ruler());
        }
        if (addresses.stream().distinct().count() != addresses.size()) {
            throw new IllegalArgumentException("scale_out addresses " + addresses + " repeat one; expected each process"
                    + " its own host:port");
        }
    }

    public static final String NO_SHARDS = "scale_out.shards is empty; expected at least one shard (- address: host:port)";
    public static final String RULER_ONLY_WITH_VM = "scale_out.global.ruler is for the victoriametrics engine only (vmalert);"
            + " expected no ruler with engine prometheus, whose global Prometheus evaluates the rules itself";
    /**
     * Why a shard's replicas need victoria-metrics: two replicas write the same series, and a receiving Prometheus
     * refuses the one whose samples come out of order (remote write answers 400, the batch is lost) and has no
     * deduplication; with a replica label the series differ instead and every count() and sum() of the fleet-wide
     * rules counts each target twice.
     */
    public static final String REPLICAS_ONLY_WITH_VM = "scale_out.shards[].replicas need engine victoriametrics:"
            + " victoria-metrics keeps one copy of the replicas' identical series (-dedup.minScrapeInterval), while a"
            + " receiving Prometheus has no deduplication (replicas with a replica label would double every count() and"
            + " sum() of the fleet-wide rules, and without one their interleaved samples are refused as out of order);"
            + " expected engine victoriametrics, or no replicas";
    public static final String VM_NEEDS_RULER = "scale_out.global.ruler is missing; expected host:port of vmalert with engine"
            + " victoriametrics";

    private static void requireHostPort(String address, String where) {
        Objects.requireNonNull(address, where);
        if (!address.matches(HOST_PORT)) {
            throw new IllegalArgumentException("'" + address + "' in " + where + " is not " + HOST_PORT_WORDS);
        }
        int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + address + "' in " + where + " has port " + port
                    + "; expected 1 to 65535");
        }
    }
}
