package dev.spawn.monitoring.model.prometheus;

/** How a scrape job (or the Alertmanager list) finds its targets: EC2, file or static. */
public sealed interface Discovery permits Ec2SdConfig, FileSdConfig, StaticConfig {
}
