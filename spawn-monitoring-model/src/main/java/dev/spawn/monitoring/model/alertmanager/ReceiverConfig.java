package dev.spawn.monitoring.model.alertmanager;

/**
 * One notification integration of a {@link Receiver}: an entry of {@code webhook_configs},
 * {@code slack_configs}, {@code pagerduty_configs}, {@code sns_configs} or {@code email_configs}.
 * Sealed so a {@code switch}/instanceof chain over it names every variant.
 */
public sealed interface ReceiverConfig permits WebhookConfig, SlackConfig, PagerdutyConfig, SnsConfig, EmailConfig {

    /** Whether resolved alerts are notified too; null leaves the integration's upstream default. */
    Boolean sendResolved();
}
