package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.HttpClientConfig;
import dev.spawn.monitoring.model.SigV4Config;
import dev.spawn.monitoring.model.decl.Key;
import dev.spawn.monitoring.model.decl.Variant;
import java.util.Map;

/**
 * {@code <sns_config>}: publishes to exactly one of a topic, a phone number or a target ARN, signed
 * with {@code sigv4} (the same section as Prometheus' remote write; its secret_key has no file form).
 * {@code attributes} are kept sorted so output is deterministic.
 */
@Variant(value = "sns_configs", doc = "AWS SNS messages.")
public record SnsConfig(
        @Key(value = "send_resolved", doc = "Whether to notify about resolved alerts.",
                byDefault = "true", nullIsEmpty = true) Boolean sendResolved,
        @Key(value = "api_url", doc = "The SNS API URL; the SDK's default when absent.") String apiUrl,
        @Key(value = "sigv4", doc = "How requests are signed (AWS Signature Version 4).") SigV4Config sigv4,
        @Key(value = "topic_arn", doc = "The SNS topic ARN.") String topicArn,
        @Key(value = "subject", doc = "Subject line when the message is delivered to email endpoints.") String subject,
        @Key(value = "phone_number", doc = "Phone number for SMS delivery, E.164 format.") String phoneNumber,
        @Key(value = "target_arn", doc = "The mobile platform endpoint ARN.") String targetArn,
        @Key(value = "message", doc = "The message content.") String message,
        @Key(value = "attributes", doc = "SNS message attributes.") Map<String, String> attributes,
        @Key(value = "http_config", doc = "The HTTP client's configuration.", byDefault = "global.http_config")
        HttpClientConfig httpConfig) implements ReceiverConfig {

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
        return builder().sigv4(region == null ? null : SigV4Config.region(region)).topicArn(topicArn).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .sendResolved(sendResolved)
                .apiUrl(apiUrl)
                .sigv4(sigv4)
                .topicArn(topicArn)
                .subject(subject)
                .phoneNumber(phoneNumber)
                .targetArn(targetArn)
                .message(message)
                .attributes(attributes)
                .httpConfig(httpConfig);
    }

    /** Builds a {@link SnsConfig}; set exactly one of topicArn, phoneNumber and targetArn. */
    public static final class Builder {
        private Boolean sendResolved;
        private String apiUrl;
        private SigV4Config sigv4;
        private String topicArn;
        private String subject;
        private String phoneNumber;
        private String targetArn;
        private String message;
        private Map<String, String> attributes;
        private HttpClientConfig httpConfig;

        private Builder() {
        }

        public Builder sendResolved(Boolean value) {
            this.sendResolved = value;
            return this;
        }

        public Builder apiUrl(String value) {
            this.apiUrl = value;
            return this;
        }

        public Builder sigv4(SigV4Config value) {
            this.sigv4 = value;
            return this;
        }

        public Builder topicArn(String value) {
            this.topicArn = value;
            return this;
        }

        public Builder subject(String value) {
            this.subject = value;
            return this;
        }

        public Builder phoneNumber(String value) {
            this.phoneNumber = value;
            return this;
        }

        public Builder targetArn(String value) {
            this.targetArn = value;
            return this;
        }

        public Builder message(String value) {
            this.message = value;
            return this;
        }

        public Builder attributes(Map<String, String> value) {
            this.attributes = value;
            return this;
        }

        public Builder httpConfig(HttpClientConfig value) {
            this.httpConfig = value;
            return this;
        }

        public SnsConfig build() {
            return new SnsConfig(sendResolved, apiUrl, sigv4, topicArn, subject, phoneNumber, targetArn, message,
                    attributes, httpConfig);
        }
    }
}
