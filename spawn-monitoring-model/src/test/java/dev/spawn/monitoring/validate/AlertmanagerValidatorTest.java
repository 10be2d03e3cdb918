package dev.spawn.monitoring.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.model.Matcher;
import dev.spawn.monitoring.model.HttpClientConfig;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.Secret;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerConfig;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerGlobal;
import dev.spawn.monitoring.model.alertmanager.EmailConfig;
import dev.spawn.monitoring.model.alertmanager.KitchenSink;
import dev.spawn.monitoring.model.alertmanager.PagerdutyConfig;
import dev.spawn.monitoring.model.alertmanager.Receiver;
import dev.spawn.monitoring.model.alertmanager.Route;
import dev.spawn.monitoring.model.alertmanager.SlackConfig;
import dev.spawn.monitoring.model.alertmanager.SpawnAlertmanagerDefaults;
import dev.spawn.monitoring.model.alertmanager.TimeInterval;
import dev.spawn.monitoring.model.alertmanager.TimeRangeSpec;
import dev.spawn.monitoring.model.alertmanager.WebhookConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertmanagerValidatorTest {

    private static AlertmanagerConfig.Builder defaults() {
        return SpawnAlertmanagerDefaults.config().toBuilder();
    }

    private static Route.Builder defaultRoute() {
        return SpawnAlertmanagerDefaults.config().route().toBuilder();
    }

    @Test
    void acceptsTheDefaultAndTheKitchenSink() {
        assertThat(AlertmanagerValidator.validate(SpawnAlertmanagerDefaults.config())).isEmpty();
        assertThat(AlertmanagerValidator.validate(KitchenSink.config())).isEmpty();
    }

    @Test
    void rejectsRouteToUnknownReceiverNamingTheRouteAndTheDefinedReceivers() {
        AlertmanagerConfig config = defaults()
                .receiver("slack", SlackConfig.of("#spawn", Secret.file("/etc/am/slack-url")))
                .route(defaultRoute().route(Route.to("pagerduty-oncall").matchers("severity=\"critical\"")))
                .build();

        assertThat(AlertmanagerValidator.validate(config)).containsExactly(Problem.error("alertmanager.route.routes[3]",
                "route receiver 'pagerduty-oncall' is not defined; defined receivers: spawn-webhook, slack"));
    }

    @Test
    void findsUnknownReceiversInNestedRoutes() {
        AlertmanagerConfig config = defaults()
                .route(defaultRoute().route(Route.to("spawn-webhook").matchers("team=\"gpu\"")
                        .route(Route.to("gpu-team").matchers("category=\"performance\""))))
                .build();

        assertThat(AlertmanagerValidator.validate(config)).extracting(Problem::location)
                .containsExactly("alertmanager.route.routes[3].routes[0]");
    }

    @Test
    void rejectsDuplicateReceiverNames() {
        // the builder replaces a receiver of the same name, so a duplicate only comes in through the record (a spec, say)
        AlertmanagerConfig config = withExtraReceiver(defaults().build(), Receiver.of("spawn-webhook", WebhookConfig.of("http://other:8080/")));

        assertThat(AlertmanagerValidator.validate(config)).containsExactly(Problem.error("alertmanager.receivers[1]",
                "receiver 'spawn-webhook' is defined more than once (first at receivers[0]); names must be unique"));
    }

    @Test
    void rejectsDuplicateTimeIntervalNames() {
        TimeRangeSpec weekend = TimeRangeSpec.builder().weekdays(List.of("saturday:sunday")).build();
        AlertmanagerConfig config = defaults()
                .timeInterval(TimeInterval.of("weekend", weekend))
                .timeInterval(TimeInterval.of("weekend", weekend))
                .build();

        assertThat(AlertmanagerValidator.validate(config)).singleElement()
                .satisfies(p -> assertThat(p.toString()).isEqualTo("alertmanager.time_intervals[1]: time interval"
                        + " 'weekend' is defined more than once (first at time_intervals[0]); names must be unique"));
    }

    @Test
    void rejectsUnknownMuteAndActiveTimeIntervals() {
        AlertmanagerConfig config = defaults()
                .timeInterval(TimeInterval.of("weekend", TimeRangeSpec.builder().weekdays(List.of("saturday:sunday"))
                        .build()))
                .route(defaultRoute().route(Route.to("spawn-webhook").matchers("severity=\"info\"")
                        .muteTimeIntervals("nights").activeTimeIntervals("weekend", "holidays")))
                .build();

        assertThat(AlertmanagerValidator.validate(config)).extracting(Problem::toString).containsExactly(
                "alertmanager.route.routes[3]: route mute_time_intervals names time interval 'nights', which is not"
                        + " defined; defined time intervals: weekend",
                "alertmanager.route.routes[3]: route active_time_intervals names time interval 'holidays', which is"
                        + " not defined; defined time intervals: weekend");
    }

    @Test
    void rejectsRootRouteWithoutReceiverOrWithMatchers() {
        AlertmanagerConfig config = defaults()
                .route(defaultRoute().receiver(null).matchers("cluster=\"spawn\""))
                .build();

        assertThat(AlertmanagerValidator.validate(config)).extracting(Problem::message).containsExactly(
                "the root route needs a receiver: alerts that match no child route go there",
                "the root route must not have matchers (it receives every alert); move them to a child route");
    }

    @Test
    void rejectsUrlsThatAreNotAbsoluteHttp() {
        AlertmanagerConfig config = defaults()
                .receiver("relative", WebhookConfig.of("localhost:8080/alertmanager/webhook"))
                .receiver("pager", PagerdutyConfig.routingKey(Secret.file("/k")).toBuilder().url("ftp://events.pagerduty.com/")
                        .httpConfig(HttpClientConfig.builder().proxyUrl("socks5://").build()).build())
                .receiver("slack", SlackConfig.of("#x", Secret.inline("not a url")))
                .build();

        assertThat(AlertmanagerValidator.validate(config)).extracting(Problem::location).containsExactly(
                "alertmanager.receivers[relative].webhook_configs[0].url",
                "alertmanager.receivers[pager].pagerduty_configs[0].url",
                "alertmanager.receivers[pager].pagerduty_configs[0].http_config.proxy_url",
                "alertmanager.receivers[slack].slack_configs[0].api_url");
        assertThat(AlertmanagerValidator.validate(config).get(0).message())
                .startsWith("'localhost:8080/alertmanager/webhook' is not an absolute URL");
    }

    @Test
    void neverPrintsAnInlineSecretInAProblem() {
        AlertmanagerConfig config = defaults()
                .global(AlertmanagerGlobal.builder().slackApiUrl(Secret.inline("hooks.slack.com/s3cr3t")).build())
                .build();

        assertThat(AlertmanagerValidator.validate(config)).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("alertmanager.global.slack_api_url");
            assertThat(p.toString()).doesNotContain("s3cr3t");
        });
    }

    @Test
    void rejectsSmarthostWithoutPortAndEmailWithoutSmtpSettings() {
        AlertmanagerConfig config = defaults()
                .global(AlertmanagerGlobal.builder().smtpSmarthost("smtp.example.org").build())
                .receiver("mail", EmailConfig.to("ops@example.org"))
                .build();

        assertThat(AlertmanagerValidator.validate(config)).extracting(Problem::toString).containsExactly(
                "alertmanager.global.smtp_smarthost: 'smtp.example.org' is not host:port; expected e.g. smtp.example.org:587",
                "alertmanager.receivers[mail].email_configs[0]: email_config has no from and global has no smtp_from;"
                        + " set one of them");
    }

    @Test
    void rejectsSlackWithoutAnyApiUrl() {
        AlertmanagerConfig config = defaults().slack("#spawn-alerts", null).build();

        assertThat(AlertmanagerValidator.validate(config)).extracting(Problem::location)
                .containsExactly("alertmanager.receivers[slack-spawn-alerts].slack_configs[0]");
    }

    @Test
    void rejectsUnknownTimeZone() {
        AlertmanagerConfig config = defaults()
                .timeInterval(TimeInterval.of("mars", TimeRangeSpec.daily(new TimeRangeSpec.Times("09:00", "10:00"))
                        .withLocation("Mars/Olympus")))
                .build();

        assertThat(AlertmanagerValidator.validate(config)).extracting(Problem::location)
                .containsExactly("alertmanager.time_intervals[mars].time_intervals[0].location");
    }

    @Test
    void acceptsABlackholeReceiverAndCollectsEveryProblem() {
        AlertmanagerConfig config = withExtraReceiver(defaults()
                .receiver(new Receiver("blackhole", List.of()))
                .route(defaultRoute().route(Route.to("blackhole").matcher(Matcher.eq("alertname", "Noise")))
                        .route(Route.to("nowhere")))
                .build(), new Receiver("blackhole", List.of()));

        assertThat(AlertmanagerValidator.validate(config)).hasSize(2);
    }

    private static AlertmanagerConfig withExtraReceiver(AlertmanagerConfig c, Receiver extra) {
        List<Receiver> receivers = new java.util.ArrayList<>(c.receivers());
        receivers.add(extra);
        return new AlertmanagerConfig(c.global(), c.templates(), c.route(), receivers, c.inhibitRules(), null, c.timeIntervals());
    }
}
