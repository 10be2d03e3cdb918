package dev.spawn.monitoring.model.prometheus;

/**
 * How a scrape job (or the Alertmanager list) finds its targets: one variant per {@code *_sd_configs}
 * list; discovery kinds this project does not model pass through as {@link OtherSdConfig}.
 */
public sealed interface Discovery permits Ec2SdConfig, FileSdConfig, HttpSdConfig, DnsSdConfig, StaticConfig, OtherSdConfig {
}
