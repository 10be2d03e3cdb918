package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.HttpClientConfig;
import dev.spawn.monitoring.model.Secret;
import dev.spawn.monitoring.model.decl.Key;
import dev.spawn.monitoring.model.decl.Variant;
import java.util.List;
import java.util.Map;

/** {@code <opsgenie_config>}. The API key has a file form ({@code api_key_file}); null falls back to global. */
@Variant(value = "opsgenie_configs", doc = "OpsGenie alerts.")
public record OpsgenieConfig(
        @Key(value = "send_resolved", doc = "Whether to notify about resolved alerts.",
                byDefault = "true", nullIsEmpty = true) Boolean sendResolved,
        @Key(value = "api_key", file = "api_key_file", doc = "The OpsGenie API key, preferably by file.",
                byDefault = "global.opsgenie_api_key")
        Secret apiKey,
        @Key(value = "api_url", doc = "The host to send OpsGenie API requests to.",
                byDefault = "global.opsgenie_api_url")
        String apiUrl,
        @Key(value = "message", doc = "Alert text limited to 130 characters.") String message,
        @Key(value = "description", doc = "A description of the alert.") String description,
        @Key(value = "source", doc = "A backlink to the sender of the notification.") String source,
        @Key(value = "details", doc = "Arbitrary key/value pairs about the alert.") Map<String, String> details,
        @Key(value = "responders", doc = "Who is responsible for notifications.") List<Responder> responders,
        @Key(value = "tags", doc = "Comma-separated tags attached to the notifications.") String tags,
        @Key(value = "note", doc = "Additional alert note.") String note,
        @Key(value = "priority", doc = "Priority level of the alert, P1 to P5.") String priority,
        @Key(value = "update_alerts", doc = "Whether to update message and description of existing alerts.",
                byDefault = "false")
        Boolean updateAlerts,
        @Key(value = "entity", doc = "Optional field to specify the domain of the alert.") String entity,
        @Key(value = "actions", doc = "Comma-separated custom actions available with the alert.") String actions,
        @Key(value = "http_config", doc = "The HTTP client's configuration.", byDefault = "global.http_config")
        HttpClientConfig httpConfig) implements ReceiverConfig {

    public OpsgenieConfig {
        details = Invariants.sorted(details, "opsgenie_config details");
        responders = Invariants.list(responders, "opsgenie_config responders");
    }

    /** An alert with the default texts, the key read from {@code apiKey} (null: the global key). */
    public static OpsgenieConfig of(Secret apiKey) {
        return builder().apiKey(apiKey).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .sendResolved(sendResolved)
                .apiKey(apiKey)
                .apiUrl(apiUrl)
                .message(message)
                .description(description)
                .source(source)
                .details(details)
                .responders(responders)
                .tags(tags)
                .note(note)
                .priority(priority)
                .updateAlerts(updateAlerts)
                .entity(entity)
                .actions(actions)
                .httpConfig(httpConfig);
    }

    /** Builds a {@link OpsgenieConfig}; unset parts take global or Alertmanager's defaults. */
    public static final class Builder {
        private Boolean sendResolved;
        private Secret apiKey;
        private String apiUrl;
        private String message;
        private String description;
        private String source;
        private Map<String, String> details;
        private List<Responder> responders;
        private String tags;
        private String note;
        private String priority;
        private Boolean updateAlerts;
        private String entity;
        private String actions;
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

        public Builder message(String value) {
            this.message = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder source(String value) {
            this.source = value;
            return this;
        }

        public Builder details(Map<String, String> value) {
            this.details = value;
            return this;
        }

        public Builder responders(List<Responder> value) {
            this.responders = value;
            return this;
        }

        public Builder tags(String value) {
            this.tags = value;
            return this;
        }

        public Builder note(String value) {
            this.note = value;
            return this;
        }

        public Builder priority(String value) {
            this.priority = value;
            return this;
        }

        public Builder updateAlerts(Boolean value) {
            this.updateAlerts = value;
            return this;
        }

        public Builder entity(String value) {
            this.entity = value;
            return this;
        }

        public Builder actions(String value) {
            this.actions = value;
            return this;
        }

        public Builder httpConfig(HttpClientConfig value) {
            this.httpConfig = value;
            return this;
        }

        public OpsgenieConfig build() {
            return new OpsgenieConfig(sendResolved, apiKey, apiUrl, message, description, source, details, responders,
                    tags, note, priority, updateAlerts, entity, actions, httpConfig);
        }
    }

    /** {@code <responder>}: exactly one of id, name and username, and a type. */
    public record Responder(
            @Key(value = "id", doc = "The responder's id.") String id,
            @Key(value = "name", doc = "The responder's name.") String name,
            @Key(value = "username", doc = "The responder's user name.") String username,
            @Key(value = "type", doc = "team, teams, user, escalation or schedule.", required = true) String type) {

        public Responder {
            Invariants.nonBlank(type, "opsgenie_config responder type");
            int set = (id == null ? 0 : 1) + (name == null ? 0 : 1) + (username == null ? 0 : 1);
            if (set != 1) {
                throw new IllegalArgumentException("opsgenie_config responder needs exactly one of id, name and username");
            }
        }
    }
}
