package dev.spawn.monitoring.model.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spawn.monitoring.model.Authorization;
import dev.spawn.monitoring.model.BasicAuth;
import dev.spawn.monitoring.model.HttpClientConfig;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.Matcher;
import dev.spawn.monitoring.model.Secret;
import dev.spawn.monitoring.model.SigV4Config;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertmanagerModelTest {

    @Test
    void rejectsIllegalLabelNameInGroupBy() {
        assertThatThrownBy(() -> Route.to("spawn-webhook").groupBy("alertname", "instance-id").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'instance-id'").hasMessageContaining("route group_by");
    }

    @Test
    void rejectsIllegalLabelNameInInhibitEqual() {
        assertThatThrownBy(() -> InhibitRule.of(Matcher.eq("severity", "critical"), Matcher.eq("severity", "warning"),
                "alertname", "__name__"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inhibit_rule equal");
    }

    @Test
    void rejectsBadMatcherText() {
        assertThatThrownBy(() -> Route.to("spawn-webhook").matchers("severity ~ critical"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'severity ~ critical' is not a matcher");
        assertThatThrownBy(() -> Matcher.parse("team=~\"(unclosed\""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not an RE2 regular expression");
    }

    @Test
    void rejectsBlankNamesAndBadTimeRanges() {
        assertThatThrownBy(() -> Receiver.of(" ")).hasMessage("receiver name must not be empty");
        assertThatThrownBy(() -> new TimeRangeSpec.Times("17:00", "09:00")).hasMessageContaining("start_time 17:00");
        assertThatThrownBy(() -> new TimeRangeSpec.Times("9:00", "17:00")).hasMessageContaining("'9:00'");
        assertThatThrownBy(() -> TimeRangeSpec.daily(new TimeRangeSpec.Times("09:00", "17:00")).withWeekdays("mon:fri"))
                .hasMessageContaining("weekdays 'mon:fri'");
        assertThatThrownBy(() -> new WebhookConfig(true, "http://x/", null, -1)).hasMessageContaining("max_alerts");
    }

    @Test
    void rejectsSecretsAlertmanagerCannotReadFromAFile() {
        assertThatThrownBy(() -> SigV4Config.builder().region("us-east-1").accessKey("AKIA")
                .secretKey(Secret.file("/etc/am/aws")).build())
                .hasMessageContaining("sigv4 secret_key has no file form");
        assertThatThrownBy(() -> AlertmanagerGlobal.builder().smtpAuthSecret(Secret.file("/etc/am/cram")).build())
                .hasMessageContaining("global smtp_auth_secret cannot be read from a file by Alertmanager 0.25");
        assertThatThrownBy(() -> PushoverConfig.of(Secret.file("/etc/am/user"), Secret.inline("t")))
                .hasMessageContaining("pushover_config user_key cannot be read from a file");
    }

    @Test
    void inlineSecretsNeverAppearInToString() {
        String value = "very-secret-value";
        List<Object> holders = List.of(
                SlackConfig.of("#x", Secret.inline(value)),
                PagerdutyConfig.routingKey(Secret.inline(value)),
                SnsConfig.builder().sigv4(SigV4Config.builder().region("us-east-1")
                        .accessKey("AKIA") .secretKey(Secret.inline(value)).build())
                        .topicArn("arn:aws:sns:us-east-1:1:t").build(),
                EmailConfig.builder("a@example.org").auth("u", Secret.inline(value)).build(),
                new WebhookConfig(null, "http://x/", HttpClientConfig.builder().basicAuth(new BasicAuth("u",
                        Secret.inline(value))).build(), null),
                HttpClientConfig.builder().authorization(Authorization.bearer(Secret.inline(value))).build(),
                AlertmanagerGlobal.builder().smtpAuth("u", Secret.inline(value)).slackApiUrl(Secret.inline(value)).build(),
                KitchenSink.config());

        for (Object holder : holders) {
            assertThat(holder.toString()).doesNotContain(value, KitchenSink.SNS_SECRET_KEY, KitchenSink.PAGERDUTY_SERVICE_KEY);
        }
    }

    @Test
    void slackConvenienceAddsAReceiverAndAContinuingRouteTriedFirst() {
        AlertmanagerConfig config = SpawnAlertmanagerDefaults.config().toBuilder()
                .slack("#spawn-alerts", Secret.file("/etc/am/slack-url"))
                .build();

        assertThat(config.receiver("slack-spawn-alerts")).get().extracting(Receiver::configs).asList()
                .containsExactly(SlackConfig.of("#spawn-alerts", Secret.file("/etc/am/slack-url")));
        Route first = config.route().routes().get(0);
        assertThat(first.receiver()).isEqualTo("slack-spawn-alerts");
        assertThat(first.continues()).isTrue();
        assertThat(first.matchers()).isEmpty();
        assertThat(config.route().routes()).hasSize(4);
    }

    @Test
    void defaultRoutesEachSeverityAndRemindsOfCriticalAlertsHourly() {
        Route root = SpawnAlertmanagerDefaults.config().route();

        assertThat(root.routes()).extracting(r -> r.matchers().get(0).toString())
                .containsExactly("severity=\"critical\"", "severity=\"warning\"", "severity=\"info\"");
        assertThat(root.routes()).extracting(Route::receiver).containsOnly("spawn-webhook");
        assertThat(root.routes().get(0).repeatInterval()).isEqualTo(Duration.parse("1h"));
        assertThat(root.repeatInterval()).isEqualTo(Duration.parse("12h"));
    }

    @Test
    void flagsRenderOnePerLineInFixedOrder() {
        AlertmanagerFlags flags = new AlertmanagerFlags("data/alertmanager", ":9093", "0.0.0.0:9094",
                List.of("am-1:9094", "am-2:9094"), Duration.parse("120h"));

        assertThat(flags.lines()).containsExactly("--storage.path=data/alertmanager", "--web.listen-address=:9093",
                "--cluster.listen-address=0.0.0.0:9094", "--cluster.peer=am-1:9094", "--cluster.peer=am-2:9094",
                "--data.retention=120h");
        assertThat(SpawnAlertmanagerDefaults.flags().lines()).containsExactly("--storage.path=/var/lib/prometheus/alertmanager",
                "--web.listen-address=:9093", "--cluster.listen-address=", "--data.retention=120h");
    }

    @Test
    void flagDurationsUseGoSyntaxWithoutDays() {
        assertThat(AlertmanagerFlags.goDuration(Duration.parse("5d"))).isEqualTo("120h");
        assertThat(AlertmanagerFlags.goDuration(Duration.parse("1h30m500ms"))).isEqualTo("1h30m500ms");
        assertThat(AlertmanagerFlags.goDuration(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void rejectsFlagValuesThatTheShellWouldSplit() {
        assertThatThrownBy(() -> AlertmanagerFlags.builder().storagePath("my data").build())
                .hasMessageContaining("--storage.path");
    }

    @Test
    void pushoverRetryAndExpireStayGoDurations() {
        PushoverConfig ok = PushoverConfig.of(Secret.inline("u"), Secret.inline("t")).toBuilder()
                .retry(Duration.parse("90s")).expire(Duration.parse("3h")).build();
        assertThat(ok.retry()).hasToString("1m30s");
        assertThatThrownBy(() -> PushoverConfig.of(Secret.inline("u"), Secret.inline("t")).toBuilder()
                .expire(Duration.parse("24h")).build())
                .hasMessageContaining("pushover_config expire of 1d is a day or more")
                .hasMessageContaining("expected less than 24h");
    }
}
