package dev.spawn.monitoring.spec;

import static dev.spawn.monitoring.spec.SpecReaderTest.FILE;
import static dev.spawn.monitoring.spec.SpecReaderTest.problems;
import static dev.spawn.monitoring.spec.SpecReaderTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.model.ScaleOut;
import org.junit.jupiter.api.Test;

class ScaleOutSpecTest {

    private static final String TWO_SHARDS = """
            apiVersion: spawn.dev/v1
            scale_out:
              engine: prometheus
              shards:
                - address: prom-0.internal:9090
                - address: prom-1.internal:9090
              global:
                address: prom-global.internal:9090
            """;

    @Test
    void readsTheSectionAsTheIssueSpellsIt() {
        MonitoringBundle bundle = SpecReader.parse(FILE, TWO_SHARDS).build();
        assertThat(bundle.scaleOut().scaleOut()).isEqualTo(new ScaleOut(ScaleOut.Engine.PROMETHEUS,
                java.util.List.of(new ScaleOut.Shard("prom-0.internal:9090"), new ScaleOut.Shard("prom-1.internal:9090")),
                new ScaleOut.Global("prom-global.internal:9090", null)));
        assertThat(bundle.prometheusConfigFiles()).containsExactly("shard-0/prometheus.yaml", "shard-1/prometheus.yaml",
                "global/prometheus.yaml");
        assertThat(bundle.files()).doesNotContainKeys("prometheus.yaml", "prometheus.flags", "systemd/prometheus.service");
        assertThat(text(bundle, "shard-1/prometheus.flags")).contains("--web.listen-address=prom-1.internal:9090\n");
    }

    @Test
    void engineDefaultsToPrometheus() {
        MonitoringBundle bundle = SpecReader.parse(FILE, TWO_SHARDS.replace("  engine: prometheus\n", "")).build();
        assertThat(bundle.scaleOut().scaleOut().engine()).isEqualTo(ScaleOut.Engine.PROMETHEUS);
    }

    @Test
    void reportsEveryProblemAtItsKey() {
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                scale_out:
                  shards:
                    - address: prom-0.internal
                    - address: http://prom-1:9090
                  global:
                    address: prom-global.internal:9090
                    ruler: vmalert.internal:8880
                """)).containsExactly(
                FILE + ":4:16: bad value 'prom-0.internal' for scale_out.shards[0].address; expected host:port, such as"
                        + " prom-0.internal:9090",
                FILE + ":5:16: bad value 'http://prom-1:9090' for scale_out.shards[1].address; expected host:port, such as"
                        + " prom-0.internal:9090",
                FILE + ":8:5: " + ScaleOut.RULER_ONLY_WITH_VM);
    }

    @Test
    void needsAShardAndARulerForVictoriaMetrics() {
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                scale_out:
                  engine: victoriametrics
                  shards: []
                  global:
                    address: vm.internal:8428
                """)).containsExactly(FILE + ":4:11: " + ScaleOut.NO_SHARDS, FILE + ":5:3: " + ScaleOut.VM_NEEDS_RULER);
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                scale_out:
                  engine: victoria
                  shards: [{address: a:1}]
                """)).containsExactly(
                FILE + ":3:3: missing field 'global' in scale_out",
                FILE + ":3:11: unknown value 'victoria' for scale_out.engine; expected one of prometheus, victoriametrics");
    }

    @Test
    void aRuleTierIsReadUnderTheRule() {
        MonitoringBundle bundle = SpecReader.parse(FILE, TWO_SHARDS + """
                rules:
                  HighCostInstance: {tier: global}
                """).build();
        assertThat(bundle.scaleOut().split().rules(ScaleOut.Tier.GLOBAL)).contains("HighCostInstance");
        assertThat(problems(TWO_SHARDS + """
                rules:
                  HighCostInstance: {tier: everywhere}
                """)).singleElement().asString().isEqualTo(FILE + ":10:28: unknown value 'everywhere' for rules.HighCostInstance.tier; expected one of shard, global");
    }

    @Test
    void aRemoteWritePresetGoesOutOfTheGlobalTier() {
        MonitoringBundle bundle = SpecReader.parse(FILE, TWO_SHARDS + """
                remote_write:
                  - {preset: mimir, url: "http://mimir.internal:8080", tenant: spawn}
                """).build();
        assertThat(text(bundle, "global/prometheus.yaml")).contains("""
                remote_write:
                  - url: http://mimir.internal:8080/api/v1/push
                    headers:
                      X-Scope-OrgID: spawn
                """);
        assertThat(text(bundle, "shard-0/prometheus.yaml")).doesNotContain("mimir");
    }

    @Test
    void victoriaMetricsRefusesARemoteWriteNoProcessWouldSend() {
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                scale_out:
                  engine: victoriametrics
                  shards: [{address: "vmagent-0.internal:8429"}]
                  global: {address: "vm.internal:8428", ruler: "vmalert.internal:8880"}
                remote_write:
                  - {preset: mimir, url: "http://mimir.internal:8080", tenant: spawn}
                """)).singleElement().asString().endsWith("scale_out engine victoriametrics: remote_write is not sent"
                + " anywhere (vmagent writes only to victoria-metrics); expected no remote_write, or engine prometheus, whose"
                + " global tier sends to it");
    }

    @Test
    void shardReplicasNeedVictoriaMetricsAndHighAvailabilityReplicasSayWhere() {
        assertThat(problems("""
                apiVersion: spawn.dev/v1
                scale_out:
                  shards:
                    - {address: "prom-0a.internal:9090", replicas: ["prom-0b.internal:9090"]}
                  global: {address: "prom-global.internal:9090"}
                """)).containsExactly(FILE + ":4:42: " + ScaleOut.REPLICAS_ONLY_WITH_VM);
        assertThat(problems(TWO_SHARDS + """
                high_availability:
                  replicas: [a, b]
                """)).singleElement().asString().startsWith(FILE + ":3:3: high_availability.replicas name copies of one"
                + " Prometheus, and a scaled-out bundle has one process per address; expected scale_out.shards[].replicas");
        MonitoringBundle pairs = SpecReader.parse(FILE, """
                apiVersion: spawn.dev/v1
                scale_out:
                  engine: victoriametrics
                  shards:
                    - {address: "vmagent-0a.internal:8429", replicas: ["vmagent-0b.internal:8429"]}
                  global: {address: "vm.internal:8428", ruler: "vmalert.internal:8880"}
                high_availability:
                  replicas: []
                  alertmanagers: ["am-0.internal:9093", "am-1.internal:9093"]
                """).build();
        assertThat(pairs.scaleOut().folders()).containsExactly("shard-0", "shard-0-replica-1", "global", "ruler");
        assertThat(text(pairs, "ruler/vmalert.flags")).contains("-notifier.url=http://am-0.internal:9093\n",
                "-notifier.url=http://am-1.internal:9093\n");
    }

    private static final String READS_GLOBAL_RECORD = TWO_SHARDS + """
            rules:
              groups:
                - name: fleet
                  rules:
                    - record: fleet:cost_per_hour:avg
                      expr: avg(spawn_cost_per_hour_dollars)
                    - alert: CostlierThanTheFleet
                      expr: spawn_cost_per_hour_dollars > on() group_left() 3 * fleet:cost_per_hour:avg
            """;

    @Test
    void aShardRuleReadingAGlobalRecordingIsAnErrorAtTheRule() {
        assertThat(problems(READS_GLOBAL_RECORD)).contains(FILE + ":15:18: rule 'CostlierThanTheFleet' runs on the shards"
                + " (output keeps instance) but reads 'fleet:cost_per_hour:avg', which the recording rule of that name writes"
                + " on the global tier only (avg across targets): no shard has that series, so the rule never sees it;"
                + " expected tier: global on 'CostlierThanTheFleet' (rules.CostlierThanTheFleet.tier for a default rule), or"
                + " tier: shard on the recording rule when it is per target");
        MonitoringBundle fixed = SpecReader.parse(FILE, READS_GLOBAL_RECORD + "          tier: global\n").build();
        assertThat(fixed.scaleOut().split().rules(ScaleOut.Tier.GLOBAL)).contains("fleet:cost_per_hour:avg",
                "CostlierThanTheFleet");
        // without scale_out there is one server, which has every series
        SpecReader.parse(FILE, READS_GLOBAL_RECORD.replace(TWO_SHARDS, "apiVersion: spawn.dev/v1\n")).build();
    }
}
