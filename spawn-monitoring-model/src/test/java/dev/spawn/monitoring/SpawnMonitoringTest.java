package dev.spawn.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.alertmanager.WebhookConfig;
import dev.spawn.monitoring.model.prometheus.RelabelConfig;
import dev.spawn.monitoring.model.prometheus.SpawnPrometheusDefaults;
import dev.spawn.monitoring.model.rules.AlertingRule;
import dev.spawn.monitoring.model.rules.Severity;
import dev.spawn.monitoring.rules.CustomRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The builder API beyond the defaults. */
class SpawnMonitoringTest {

    @Test
    void webhookUrlRepointsTheSpawnWebhookWithoutAddingAReceiver() {
        MonitoringBundle bundle = SpawnMonitoring.defaults().webhookUrl("http://127.0.0.1:18080/alertmanager/webhook").build();
        assertThat(bundle.alertmanager().receivers()).hasSize(1);
        assertThat(bundle.alertmanager().receiver("spawn-webhook").orElseThrow().configs(WebhookConfig.class))
                .singleElement().satisfies(w -> assertThat(w.url()).isEqualTo("http://127.0.0.1:18080/alertmanager/webhook"));
    }

    @Test
    void ec2AddressUsesTheConfiguredPort() {
        List<RelabelConfig> relabelling = SpawnPrometheusDefaults.ec2(List.of("us-east-1"), 9100).relabelConfigs();
        assertThat(relabelling).filteredOn(r -> "__address__".equals(r.targetLabel()))
                .singleElement().satisfies(r -> assertThat(r.replacement()).isEqualTo("$1:9100"));
    }

    @Test
    void aCriticalTierOfADefaultAlertIsAllowedSoTheDefaultInhibitionCanSilenceTheWarning() {
        MonitoringBundle bundle = SpawnMonitoring.defaults()
                .customRule(CustomRule.of("HighCostInstance", "spawn_cost_per_hour_dollars > 20", Duration.ofMinutes(5),
                        Severity.CRITICAL, "Instance {{ $labels.instance_id }} costs more than $20/hour"))
                .build();
        assertThat(bundle.ruleFiles().stream().flatMap(f -> f.groups().stream()).flatMap(g -> g.rules().stream())
                .filter(r -> r.name().equals("HighCostInstance")).map(r -> ((AlertingRule) r).severity()))
                .containsExactlyInAnyOrder("warning", "critical");
        assertThat(bundle.alertmanager().inhibitRules()).anySatisfy(rule ->
                assertThat(rule.equal()).contains("alertname", "instance_id"));
    }

    @Test
    void runbookBaseRepointsEveryDefaultRunbookUrl() {
        MonitoringBundle bundle = SpawnMonitoring.defaults().runbookBase("https://wiki.example.com/spawn/alerts").build();
        assertThat(bundle.ruleFiles().stream().flatMap(f -> f.groups().stream()).flatMap(g -> g.rules().stream())
                .map(r -> ((AlertingRule) r).annotations().get("runbook_url")))
                .hasSize(26).allSatisfy(url -> assertThat(url).startsWith("https://wiki.example.com/spawn/alerts#"));
        assertThat(catchThrowableOfType(dev.spawn.monitoring.model.ValidationException.class,
                () -> SpawnMonitoring.defaults().runbookBase("wiki/alerts").build()).problems())
                .anySatisfy(p -> assertThat(p.toString()).contains("rules.runbook_base").contains("'wiki/alerts' is not an absolute http(s) URL"));
    }
}
