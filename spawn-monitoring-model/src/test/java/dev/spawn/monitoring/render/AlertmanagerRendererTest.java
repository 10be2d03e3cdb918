package dev.spawn.monitoring.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerConfig;
import dev.spawn.monitoring.model.alertmanager.KitchenSink;
import dev.spawn.monitoring.model.alertmanager.SpawnAlertmanagerDefaults;
import dev.spawn.monitoring.testing.Golden;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

// changes the JVM's locale or line separator for a while: no other test may run meanwhile
@org.junit.jupiter.api.parallel.Isolated
class AlertmanagerRendererTest {

    private static final String SOURCE = "spawn-monitoring defaults";

    @Test
    void defaultConfigMatchesGoldenFile() {
        Golden.assertMatches("alertmanager.yaml", AlertmanagerRenderer.toBytes(SpawnAlertmanagerDefaults.config(), SOURCE));
    }

    @Test
    void topLevelKeysFollowTheAlertmanagerReferenceOrder() {
        assertThat(fieldNames(AlertmanagerRenderer.render(KitchenSink.config())))
                .containsExactly("global", "templates", "route", "receivers", "inhibit_rules", "time_intervals");
    }

    @Test
    void defaultConfigRoundTripsThroughYaml() {
        AlertmanagerConfig config = SpawnAlertmanagerDefaults.config();
        JsonNode parsed = YamlOutput.parse(AlertmanagerRenderer.toBytes(config, SOURCE));

        assertThat(parsed).isEqualTo(AlertmanagerRenderer.render(config));
        assertThat(parsed.at("/global/resolve_timeout").asText()).isEqualTo("5m");
        assertThat(parsed.at("/route/receiver").asText()).isEqualTo("spawn-webhook");
        assertThat(parsed.at("/route/group_by").toString()).isEqualTo("[\"alertname\",\"cluster\",\"service\"]");
        assertThat(parsed.at("/route/repeat_interval").asText()).isEqualTo("12h");
        assertThat(parsed.at("/route/routes/0/matchers/0").asText()).isEqualTo("severity=\"critical\"");
        assertThat(parsed.at("/receivers/0/webhook_configs/0/url").asText())
                .isEqualTo("http://localhost:8080/alertmanager/webhook");
        assertThat(parsed.at("/receivers/0/webhook_configs/0/max_alerts").isInt()).isTrue();
        assertThat(parsed.at("/receivers/0/webhook_configs/0/send_resolved").booleanValue()).isTrue();
        assertThat(parsed.at("/inhibit_rules/0/equal").toString()).isEqualTo("[\"alertname\",\"instance_id\"]");
    }

    @Test
    void kitchenSinkRoundTripsThroughYaml() {
        AlertmanagerConfig config = KitchenSink.config();
        JsonNode parsed = YamlOutput.parse(AlertmanagerRenderer.toBytes(config, SOURCE));

        assertThat(parsed).isEqualTo(AlertmanagerRenderer.render(config));
        assertThat(parsed.at("/time_intervals/0/time_intervals/0/times/0/start_time").isTextual()).isTrue();
        assertThat(parsed.at("/time_intervals/1/time_intervals/0/years/0").asText()).isEqualTo("2025:2030");
    }

    @Test
    void fileSecretsRenderAsFileKeys() {
        JsonNode tree = AlertmanagerRenderer.render(KitchenSink.config());

        assertThat(tree.at("/global/smtp_auth_password_file").asText()).isEqualTo("/etc/am/smtp-password");
        assertThat(tree.at("/global/slack_api_url_file").asText()).isEqualTo("/etc/am/slack-url");
        assertThat(tree.at("/global").has("slack_api_url")).isFalse();
        String yaml = new String(AlertmanagerRenderer.toBytes(KitchenSink.config(), SOURCE), StandardCharsets.UTF_8);
        assertThat(yaml).contains("routing_key_file: /etc/am/pagerduty-routing-key",
                "auth_password_file: /etc/am/team-smtp-password", "password_file: /etc/am/webhook-password",
                "credentials_file: /etc/am/slack-token", "api_url_file: /etc/am/slack-direct-url");
    }

    @Test
    void receiverConfigsAreGroupedByTypeInReferenceOrder() {
        JsonNode tree = AlertmanagerRenderer.render(KitchenSink.config());
        JsonNode pagerduty = receiver(tree, "pagerduty-oncall");
        JsonNode blackhole = receiver(tree, "blackhole");

        assertThat(fieldNames(pagerduty)).containsExactly("name", "pagerduty_configs");
        assertThat(pagerduty.get("pagerduty_configs")).hasSize(2);
        assertThat(fieldNames(blackhole)).containsExactly("name");
    }

    @Test
    void renderingIsByteIdenticalAcrossRunsLocalesAndLineSeparators() {
        byte[] first = AlertmanagerRenderer.toBytes(KitchenSink.config(), SOURCE);
        Locale locale = Locale.getDefault();
        String separator = System.getProperty("line.separator");
        try {
            Locale.setDefault(new Locale("tr", "TR"));
            System.setProperty("line.separator", "\r\n");
            assertThat(AlertmanagerRenderer.toBytes(KitchenSink.config(), SOURCE)).isEqualTo(first);
        } finally {
            Locale.setDefault(locale);
            System.setProperty("line.separator", separator);
        }
        assertThat(AlertmanagerRenderer.toBytes(KitchenSink.config(), SOURCE)).isEqualTo(first);
        assertThat(new String(first, StandardCharsets.UTF_8)).doesNotContain("\r");
    }

    private static JsonNode receiver(JsonNode tree, String name) {
        for (JsonNode r : tree.get("receivers")) {
            if (r.get("name").asText().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no receiver " + name + " in " + tree);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
