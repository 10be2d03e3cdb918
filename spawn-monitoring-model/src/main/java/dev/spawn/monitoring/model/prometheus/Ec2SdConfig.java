package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.HttpClientConfig;
import dev.spawn.monitoring.model.Secret;
import dev.spawn.monitoring.model.decl.Key;
import dev.spawn.monitoring.model.decl.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code <ec2_sd_config>}. Credentials come from the environment, a named {@code profile} of the
 * AWS shared credentials file (whose location the AWS SDK takes from
 * {@code AWS_SHARED_CREDENTIALS_FILE}) or an assumed {@code roleArn}; an inline access key pair is
 * possible but discouraged (Prometheus 2.x has no file form for it). {@code endpoint} overrides the
 * EC2 API address (tests point it at a fake on 127.0.0.1). The region is required here: without it
 * Prometheus asks the instance-metadata service.
 */
@Variant(value = "ec2_sd_configs", doc = "AWS EC2 service discovery.")
public record Ec2SdConfig(
        @Key(value = "region", doc = "The AWS region.", required = true, pattern = "[a-z]{2}(-[a-z]+)+-\\d+",
                expected = "an AWS region such as us-east-1")
        String region,
        @Key(value = "endpoint", doc = "Custom endpoint to be used.") String endpoint,
        @Key(value = "access_key", doc = "The AWS API access key; prefer a profile or role.") String accessKey,
        @Key(value = "secret_key", doc = "The AWS API secret key (no file form in Prometheus 2.42); prefer a profile or role.")
        Secret secretKey,
        @Key(value = "profile", doc = "Named AWS profile used to connect to the API.") String profile,
        @Key(value = "role_arn", doc = "AWS Role ARN, an alternative to using AWS API keys.") String roleArn,
        @Key(value = "refresh_interval", doc = "Refresh interval to re-read the instance list.", byDefault = "60s")
        Duration refreshInterval,
        @Key(value = "port", doc = "The port to scrape metrics from.", byDefault = "80", min = 1, max = 65535) Integer port,
        @Key(value = "filters", doc = "DescribeInstances filters (name and values) for the instance list.") List<Filter> filters,
        @Key(value = "", inline = true, doc = "HTTP client settings.") HttpClientConfig http) implements Discovery {

    /** A {@code DescribeInstances} filter such as {@code tag:spawn:metrics-enabled = [true]}. */
    public record Filter(
            @Key(value = "name", doc = "Filter name, e.g. tag:Name or instance-state-name.", required = true) String name,
            @Key(value = "values", doc = "Values, any of which matches.", required = true) List<String> values) {
        public Filter {
            Objects.requireNonNull(name, "name");
            values = List.copyOf(values == null ? List.of() : values);
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
        if (secretKey instanceof Secret.FromFile) {
            throw new IllegalArgumentException("EC2 discovery secret_key has no file form in Prometheus 2.42;"
                    + " use a profile (with AWS_SHARED_CREDENTIALS_FILE) or role_arn instead");
        }
        filters = List.copyOf(filters == null ? List.of() : filters);
        http = http == null ? HttpClientConfig.NONE : http;
    }

    /** Discovery of running, metrics-enabled spawn instances in one region, scraped on {@code port}. */
    public static Ec2SdConfig spawnInstances(String region, int port) {
        return builder(region).port(port).refreshInterval(Duration.ofSeconds(60)).filters(List.of(
                Filter.of("tag:spawn:metrics-enabled", "true"),
                Filter.of("instance-state-name", "running"))).build();
    }

    public static Builder builder(String region) {
        return new Builder(region);
    }

    public Builder toBuilder() {
        Builder b = new Builder(region);
        b.endpoint = endpoint;
        b.accessKey = accessKey;
        b.secretKey = secretKey;
        b.profile = profile;
        b.roleArn = roleArn;
        b.refreshInterval = refreshInterval;
        b.port = port;
        b.filters = new ArrayList<>(filters);
        b.http = http;
        return b;
    }

    public Ec2SdConfig withStaticCredentials(String newAccessKey, Secret newSecretKey) {
        return toBuilder().staticCredentials(newAccessKey, newSecretKey).build();
    }

    /** Fluent construction; {@link #build()} checks. */
    public static final class Builder {
        private String region;
        private String endpoint;
        private String accessKey;
        private Secret secretKey;
        private String profile;
        private String roleArn;
        private Duration refreshInterval;
        private Integer port;
        private List<Filter> filters = new ArrayList<>();
        private HttpClientConfig http;

        private Builder(String region) {
            this.region = region;
        }

        public Builder region(String value) {
            this.region = value;
            return this;
        }

        public Builder endpoint(String value) {
            this.endpoint = value;
            return this;
        }

        public Builder staticCredentials(String key, Secret secret) {
            this.accessKey = key;
            this.secretKey = secret;
            return this;
        }

        public Builder profile(String value) {
            this.profile = value;
            return this;
        }

        public Builder roleArn(String value) {
            this.roleArn = value;
            return this;
        }

        public Builder refreshInterval(Duration value) {
            this.refreshInterval = value;
            return this;
        }

        public Builder port(Integer value) {
            this.port = value;
            return this;
        }

        public Builder filters(List<Filter> value) {
            this.filters = new ArrayList<>(value);
            return this;
        }

        public Builder filter(Filter value) {
            this.filters.add(value);
            return this;
        }

        public Builder http(HttpClientConfig value) {
            this.http = value;
            return this;
        }

        public Ec2SdConfig build() {
            return new Ec2SdConfig(region, endpoint, accessKey, secretKey, profile, roleArn, refreshInterval, port, filters, http);
        }
    }
}
