package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.Secret;
import java.util.List;
import java.util.Objects;

/**
 * {@code <ec2_sd_config>}. Credentials come from the environment, a named {@code profile} of the
 * AWS shared credentials file (whose location the AWS SDK takes from
 * {@code AWS_SHARED_CREDENTIALS_FILE}) or an assumed {@code roleArn}; an inline access key pair is
 * possible but discouraged (Prometheus 2.x has no file form for it). {@code endpoint} overrides the
 * EC2 API address (tests point it at a fake on 127.0.0.1).
 */
public record Ec2SdConfig(String region, String endpoint, Integer port, Duration refreshInterval,
        List<Filter> filters, String roleArn, String profile, String accessKey, Secret secretKey) implements Discovery {

    /** A {@code DescribeInstances} filter such as {@code tag:spawn:metrics-enabled = [true]}. */
    public record Filter(String name, List<String> values) {
        public Filter {
            Objects.requireNonNull(name, "name");
            values = List.copyOf(values);
            if (name.isBlank() || values.isEmpty()) {
                throw new IllegalArgumentException("an EC2 filter needs a name and at least one value");
            }
        }

        public static Filter of(String name, String... values) {
            return new Filter(name, List.of(values));
        }
    }

    public Ec2SdConfig {
        Objects.requireNonNull(region, "region");
        if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
            throw new IllegalArgumentException("'" + region + "' is not an AWS region; expected a name such as us-east-1");
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("EC2 discovery port " + port + " is not between 1 and 65535");
        }
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException("EC2 discovery needs both access_key and secret_key, or neither");
        }
        filters = List.copyOf(filters == null ? List.of() : filters);
    }

    /** Discovery of running, metrics-enabled spawn instances in one region, scraped on {@code port}. */
    public static Ec2SdConfig spawnInstances(String region, int port) {
        return new Ec2SdConfig(region, null, port, Duration.ofSeconds(60), List.of(
                Filter.of("tag:spawn:metrics-enabled", "true"),
                Filter.of("instance-state-name", "running")), null, null, null, null);
    }

    public Ec2SdConfig withStaticCredentials(String newAccessKey, Secret newSecretKey) {
        return new Ec2SdConfig(region, endpoint, port, refreshInterval, filters, roleArn, profile, newAccessKey, newSecretKey);
    }
}
