package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.HttpClientConfig;
import dev.spawn.monitoring.model.Secret;
import dev.spawn.monitoring.model.decl.Key;
import dev.spawn.monitoring.model.decl.Variant;
import java.util.Map;

/** {@code <victorops_config>}. The API key has a file form ({@code api_key_file}); null falls back to global. */
@Variant(value = "victorops_configs", doc = "VictorOps incidents.")
public record VictoropsConfig(
        @Key(value = "send_resolved", doc = "Whether to notify about resolved alerts.",
                byDefault = "true", nullIsEmpty = true) Boolean sendResolved,
        @Key(value = "api_key", file = "api_key_file", doc = "The VictorOps API key, preferably by file.",
                byDefault = "global.victorops_api_key")
        Secret apiKey,
        @Key(value = "api_url", doc = "The VictorOps API URL.", byDefault = "global.victorops_api_url") String apiUrl,
        @Key(value = "routing_key", doc = "A key used to map the alert to a team.", required = true) String routingKey,
        @Key(value = "message_type", doc = "Describes the behaviour of the alert (CRITICAL, WARNING, INFO).",
                byDefault = "CRITICAL")
        String messageType,
        @Key(value = "entity_display_name", doc = "Summary of the alerted problem.") String entityDisplayName,
        @Key(value = "state_message", doc = "Long explanation of the alerted problem.") String stateMessage,
        @Key(value = "monitoring_tool", doc = "The monitoring tool the state message is from.") String monitoringTool,
        @Key(value = "custom_fields", doc = "Further fields of the incident.") Map<String, String> customFields,
        @Key(value = "http_config", doc = "The HTTP client's configuration.", byDefault = "global.http_config")
        HttpClientConfig httpConfig) implements ReceiverConfig {

    public VictoropsConfig {
        Invariants.nonBlank(routingKey, "victorops_config routing_key");
        customFields = Invariants.sorted(customFields, "victorops_config custom_fields");
        for (String reserved : new String[] {"routing_key", "message_type", "state_message", "entity_display_name",
                "monitoring_tool", "entity_id", "entity_state"}) {
            if (customFields.containsKey(reserved)) {
                throw new IllegalArgumentException("victorops_config custom_fields cannot set " + reserved
                        + ", which Alertmanager sets itself");
            }
        }
    }

    public static VictoropsConfig of(String routingKey, Secret apiKey) {
        return builder().routingKey(routingKey).apiKey(apiKey).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .sendResolved(sendResolved)
                .apiKey(apiKey)
                .apiUrl(apiUrl)
                .routingKey(routingKey)
                .messageType(messageType)
                .entityDisplayName(entityDisplayName)
                .stateMessage(stateMessage)
                .monitoringTool(monitoringTool)
                .customFields(customFields)
                .httpConfig(httpConfig);
    }

    /** Builds a {@link VictoropsConfig}; routingKey is required. */
    public static final class Builder {
        private Boolean sendResolved;
        private Secret apiKey;
        private String apiUrl;
        private String routingKey;
        private String messageType;
        private String entityDisplayName;
        private String stateMessage;
        private String monitoringTool;
        private Map<String, String> customFields;
        private HttpClientConfig httpConfig;

        private Builder() {
        }

        public Builder sendResolved(Boolean value) {
            this.sendResolved = value;
            return this;
        }

        public Builder apiKey(Secret value) {
            this.apiKey = value;
            return this;
        }

        public Builder apiUrl(String value) {
            this.apiUrl = value;
            return this;
        }

        public Builder routingKey(String value) {
            this.routingKey = value;
            return this;
        }

        public Builder messageType(String value) {
            this.messageType = value;
            return this;
        }

        public Builder entityDisplayName(String value) {
            this.entityDisplayName = value;
            return this;
        }

        public Builder stateMessage(String value) {
            this.stateMessage = value;
            return this;
        }

        public Builder monitoringTool(String value) {
            this.monitoringTool = value;
            return this;
        }

        public Builder customFields(Map<String, String> value) {
            this.customFields = value;
            return this;
        }

        public Builder httpConfig(HttpClientConfig value) {
            this.httpConfig = value;
            return this;
        }

        public VictoropsConfig build() {
            return new VictoropsConfig(sendResolved, apiKey, apiUrl, routingKey, messageType, entityDisplayName,
                    stateMessage, monitoringTool, customFields, httpConfig);
        }
    }
}
