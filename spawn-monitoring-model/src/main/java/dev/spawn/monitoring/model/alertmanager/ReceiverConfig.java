package dev.spawn.monitoring.model.alertmanager;

/**
 * One notification integration of a {@link Receiver}: an entry of one of the {@code <type>_configs}
 * lists of Alertmanager 0.25, permitted in the order the configuration reference lists them (the
 * renderer writes the lists in this order). Sealed so a {@code switch} over it names every variant.
 */
public sealed interface ReceiverConfig permits EmailConfig, OpsgenieConfig, PagerdutyConfig, PushoverConfig, SlackConfig,
        SnsConfig, VictoropsConfig, WebhookConfig, WechatConfig, TelegramConfig, WebexConfig, DiscordConfig {

    /** Whether resolved alerts are notified too; null leaves the integration's upstream default. */
    Boolean sendResolved();

    /** How the integration reaches its endpoint; null falls back to {@code global.http_config}. */
    dev.spawn.monitoring.model.HttpClientConfig httpConfig();
}
