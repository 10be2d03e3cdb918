package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.Matcher;
import dev.spawn.monitoring.model.rules.Severity;
import java.util.List;

/**
 * The Alertmanager setup of a spawn deployment: every alert goes to the spawn webhook bridge, which
 * fans it out to SNS, Slack or a plain webhook; a higher severity mutes the next lower one for the
 * same alert and instance.
 */
public final class SpawnAlertmanagerDefaults {

    public static final String WEBHOOK_RECEIVER = "spawn-webhook";
    public static final String WEBHOOK_URL = "http://localhost:8080/alertmanager/webhook";

    private SpawnAlertmanagerDefaults() {
    }

    public static AlertmanagerConfig config() {
        Route.Builder root = Route.to(WEBHOOK_RECEIVER)
                .groupBy("alertname", "cluster", "service")
                .groupWait(Duration.ofSeconds(10))
                .groupInterval(Duration.ofSeconds(10))
                .repeatInterval(Duration.parse("12h"));
        for (Severity severity : Severity.values()) {
            Route.Builder child = Route.to(WEBHOOK_RECEIVER).matcher(severityIs(severity));
            if (severity == Severity.CRITICAL) {
                // a critical alert left unhandled for 12h is too quiet (a spot interruption, a blown budget): remind hourly
                child.repeatInterval(Duration.parse("1h"));
            }
            root.route(child);
        }
        AlertmanagerConfig.Builder config = AlertmanagerConfig.builder()
                .global(AlertmanagerGlobal.builder().resolveTimeout(Duration.ofMinutes(5)).build())
                .route(root)
                .receiver(WEBHOOK_RECEIVER, webhook(WEBHOOK_URL));
        // each level mutes the one below it (critical > warning > info) for the same alert on the same instance
        Severity[] levels = Severity.values();
        for (int i = 0; i + 1 < levels.length; i++) {
            config.inhibit(new InhibitRule(List.of(severityIs(levels[i])), List.of(severityIs(levels[i + 1])),
                    List.of("alertname", "instance_id")));
        }
        return config.build();
    }

    /** Where Debian's {@code prometheus-alertmanager} package keeps Alertmanager's data. */
    public static final String STORAGE_PATH = "/var/lib/prometheus/alertmanager";

    /**
     * A single, unclustered node on a monitoring server: data where the Debian package keeps it
     * ({@value #STORAGE_PATH}; a local run sets a relative path such as {@code data/alertmanager}), the UI
     * and API on {@code :9093}, no gossip port, and Alertmanager's own retention of 120h made explicit.
     */
    public static AlertmanagerFlags flags() {
        return new AlertmanagerFlags(STORAGE_PATH, ":9093", "", List.of(), Duration.parse("120h"));
    }

    private static Matcher severityIs(Severity severity) {
        return Matcher.eq("severity", severity.id());
    }

    /** The bridge's webhook: resolved notifications too, no cap on alerts per message. */
    public static WebhookConfig webhook(String url) {
        return new WebhookConfig(true, url, null, 0);
    }
}
