package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.Secret;
import java.util.Map;

/**
 * {@code <sns_config>}: publishes to exactly one of a topic, a phone number or a target ARN.
 * {@code attributes} are kept sorted so output is deterministic.
 */
public record SnsConfig(Boolean sendResolved, String apiUrl, Sigv4 sigv4, String topicArn, String phoneNumber,
        String targetArn, String subject, String message, Map<String, String> attributes, HttpConfig httpConfig)
        implements ReceiverConfig {

    public SnsConfig {
        int targets = (topicArn == null ? 0 : 1) + (phoneNumber == null ? 0 : 1) + (targetArn == null ? 0 : 1);
        if (targets != 1) {
            throw new IllegalArgumentException("sns_config needs exactly one of topic_arn, phone_number and target_arn");
        }
        Invariants.optional(apiUrl, "sns_config api_url");
        Invariants.optional(topicArn, "sns_config topic_arn");
        Invariants.optional(phoneNumber, "sns_config phone_number");
        Invariants.optional(targetArn, "sns_config target_arn");
        attributes = Invariants.sorted(attributes, "sns_config attributes");
    }

    /** Publishes to a topic with the AWS SDK's default credentials (instance profile, environment). */
    public static SnsConfig topic(String topicArn, String region) {
        return new SnsConfig(null, null, region == null ? null : Sigv4.region(region), topicArn, null, null, null,
                null, null, null);
    }

    /**
     * {@code <sigv4>}: how the SNS request is signed. Prefer {@code profile}/{@code roleArn} or the
     * SDK's default chain: Alertmanager 0.25 reads {@code secret_key} only inline (there is no
     * {@code secret_key_file}), so a file secret is rejected here rather than silently inlined.
     */
    public record Sigv4(String region, String accessKey, Secret secretKey, String profile, String roleArn) {

        public Sigv4 {
            if ((accessKey == null) != (secretKey == null)) {
                throw new IllegalArgumentException("sigv4 needs both access_key and secret_key, or neither");
            }
            Invariants.inlineOnly(secretKey, "sigv4 secret_key");
            Invariants.optional(region, "sigv4 region");
            Invariants.optional(profile, "sigv4 profile");
            Invariants.optional(roleArn, "sigv4 role_arn");
        }

        public static Sigv4 region(String region) {
            return new Sigv4(region, null, null, null, null);
        }
    }
}
