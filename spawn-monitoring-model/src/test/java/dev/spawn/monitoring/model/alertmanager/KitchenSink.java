package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.Authorization;
import dev.spawn.monitoring.model.BasicAuth;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.Matcher;
import dev.spawn.monitoring.model.Secret;
import dev.spawn.monitoring.model.TlsConfig;
import java.util.List;
import java.util.Map;

/** A config using every part of the model: each receiver type, nested routes, all matcher operators, time intervals. */
public final class KitchenSink {

    public static final String SNS_SECRET_KEY = "inline-sns-secret-do-not-print";
    public static final String PAGERDUTY_SERVICE_KEY = "inline-pagerduty-key-do-not-print";

    private KitchenSink() {
    }

    public static AlertmanagerConfig config() {
        HttpConfig mutualTls = HttpConfig.basicAuth(new BasicAuth("spawn", Secret.file("/etc/am/webhook-password")))
                .withTls(new TlsConfig("/etc/am/ca.pem", "/etc/am/client.pem", "/etc/am/client-key.pem",
                        "bridge.spawn.internal", false, "TLS12"))
                .withProxyUrl("http://proxy.spawn.internal:3128");
        return SpawnAlertmanagerDefaults.config().toBuilder()
                .global(AlertmanagerGlobal.builder()
                        .resolveTimeout(Duration.ofMinutes(5))
                        .smtpFrom("alerts@spawn.example.org")
                        .smtpSmarthost("smtp.example.org:587")
                        .smtpHello("spawn.example.org")
                        .smtpAuth("alerts", Secret.file("/etc/am/smtp-password"))
                        .smtpRequireTls(true)
                        .slackApiUrl(Secret.file("/etc/am/slack-url"))
                        .pagerdutyUrl("https://events.pagerduty.com/v2/enqueue")
                        .httpConfig(HttpConfig.tls(TlsConfig.ca("/etc/am/ca.pem")))
                        .build())
                .template("templates/*.tmpl")
                .route(SpawnAlertmanagerDefaults.config().route().toBuilder()
                        .firstRoute(Route.to("pagerduty-oncall")
                                .matcher(Matcher.eq("severity", "critical"))
                                .matcher(Matcher.ne("environment", "dev"))
                                .continueMatching(true)
                                .muteTimeIntervals("maintenance")
                                .route(Route.to("email-team")
                                        .matcher(new Matcher("team", Matcher.Op.NRE, "infra|ops"))
                                        .groupBy(Route.ALL_LABELS)
                                        .activeTimeIntervals("business-hours"))
                                .build())
                        .route(Route.to("sns-fleet").matcher(Matcher.regex("category", "cost|capacity"))
                                .groupWait(Duration.ofSeconds(30)).groupInterval(Duration.ofMinutes(5))
                                .repeatInterval(Duration.parse("4h")).activeTimeIntervals("business-hours"))
                        .route(Route.to("blackhole").matcher(Matcher.eq("alertname", "InstanceRecentlyStarted")))
                        .build())
                .slack("#spawn-alerts", null, Matcher.regex("severity", "critical|warning"))
                .receiver(new Receiver("spawn-webhook-mtls", List.of(new WebhookConfig(true,
                        "https://bridge.spawn.internal/alertmanager/webhook", mutualTls, 20))))
                .receiver("slack-direct", new SlackConfig(false, Secret.file("/etc/am/slack-direct-url"),
                        HttpConfig.authorization(Authorization.bearer(Secret.file("/etc/am/slack-token"))),
                        "#spawn-direct", "spawn", "{{ .CommonLabels.alertname }}", "{{ .CommonAnnotations.summary }}"))
                .receiver("pagerduty-oncall",
                        new PagerdutyConfig(true, Secret.file("/etc/am/pagerduty-routing-key"), null, null, "spawn",
                                "https://spawn.example.org", "{{ .CommonAnnotations.summary }}", "critical", null),
                        new PagerdutyConfig(null, null, Secret.inline(PAGERDUTY_SERVICE_KEY),
                                "https://events.pagerduty.com/generic/2010-04-15/create_event.json", null, null, null,
                                null, null))
                .receiver("sns-fleet",
                        SnsConfig.topic("arn:aws:sns:us-east-1:123456789012:spawn-alerts", "us-east-1"),
                        new SnsConfig(true, "https://sns.eu-west-1.amazonaws.com",
                                new SnsConfig.Sigv4("eu-west-1", "AKIAEXAMPLE", Secret.inline(SNS_SECRET_KEY), null, null),
                                null, "+15555550100", null, "spawn alert", "{{ .CommonAnnotations.summary }}",
                                Map.of("source", "spawn", "component", "alertmanager"), null))
                .receiver("email-team",
                        new EmailConfig(true, "team@example.org", null, "mail.example.org:465", null, "team",
                                Secret.file("/etc/am/team-smtp-password"), false,
                                new TlsConfig(null, null, null, "mail.example.org", true, null),
                                Map.of("Subject", "[spawn] {{ .CommonLabels.alertname }}", "Reply-To", "ops@example.org")))
                .receiver(new Receiver("blackhole", List.of()))
                .inhibit(new InhibitRule(List.of(Matcher.eq("alertname", "SpotInstanceInterruptionWarning")),
                        List.of(Matcher.regex("alertname", "Instance.*"), Matcher.ne("severity", "critical")),
                        List.of("instance_id")))
                .timeInterval(TimeInterval.of("business-hours",
                        TimeRangeSpec.daily(new TimeRangeSpec.Times("09:00", "17:00"))
                                .withWeekdays("monday:friday").withLocation("Europe/Berlin")))
                .timeInterval(new TimeInterval("maintenance", List.of(new TimeRangeSpec(
                        List.of(new TimeRangeSpec.Times("00:00", "04:00")), List.of("saturday", "sunday"),
                        List.of("1:7", "-1"), List.of("january:march", "12"), List.of("2025:2030"), "UTC"))))
                .build();
    }
}
