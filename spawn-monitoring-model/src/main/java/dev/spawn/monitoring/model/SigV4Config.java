package dev.spawn.monitoring.model;

import dev.spawn.monitoring.model.decl.Key;

/**
 * {@code <sigv4>}: AWS Signature Version 4 signing of remote-write requests (Amazon Managed Service
 * for Prometheus accepts nothing else). Without keys the AWS SDK's default chain is used.
 */
public record SigV4Config(
        @Key(value = "region", doc = "The AWS region; defaults to the region of the SDK's default chain.") String region,
        @Key(value = "access_key", doc = "The AWS API access key; prefer a profile or role.") String accessKey,
        @Key(value = "secret_key", doc = "The AWS API secret key (no file form); prefer a profile or role.") Secret secretKey,
        @Key(value = "profile", doc = "Named AWS profile used to authenticate.") String profile,
        @Key(value = "role_arn", doc = "AWS Role ARN, an alternative to using AWS API keys.") String roleArn) {

    public SigV4Config {
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException("sigv4 needs both access_key and secret_key, or neither");
        }
        if (secretKey instanceof Secret.FromFile) {
            throw new IllegalArgumentException("sigv4 secret_key has no file form; use a profile or role_arn instead");
        }
    }

    public static SigV4Config region(String region) {
        return SigV4Config.builder().region(region).build();
    }

    /** A builder with every part unset (null, or empty). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this SigV4Config's parts, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.region = region;
        b.accessKey = accessKey;
        b.secretKey = secretKey;
        b.profile = profile;
        b.roleArn = roleArn;
        return b;
    }

    /** Fluent construction of a {@link SigV4Config}; {@link #build()} checks the record's invariants. */
    public static final class Builder {
        private String region;
        private String accessKey;
        private Secret secretKey;
        private String profile;
        private String roleArn;

        private Builder() {
        }

        public Builder region(String value) {
            this.region = value;
            return this;
        }

        public Builder accessKey(String value) {
            this.accessKey = value;
            return this;
        }

        public Builder secretKey(Secret value) {
            this.secretKey = value;
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

        public SigV4Config build() {
            return new SigV4Config(region, accessKey, secretKey, profile, roleArn);
        }
    }
}
