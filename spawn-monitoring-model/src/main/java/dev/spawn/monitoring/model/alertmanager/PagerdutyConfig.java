package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.HttpClientConfig;
import dev.spawn.monitoring.model.Secret;
import dev.spawn.monitoring.model.decl.Key;
import dev.spawn.monitoring.model.decl.Variant;
import java.util.List;
import java.util.Map;

/**
 * {@code <pagerduty_config>}: exactly one of {@code routingKey} (Events API v2) and {@code serviceKey}
 * (v1). Both are secrets with a file form ({@code routing_key_file}, {@code service_key_file}).
 * {@code url} null falls back to the global {@code pagerduty_url}.
 */
@Variant(value = "pagerduty_configs", doc = "PagerDuty incidents.")
public record PagerdutyConfig(
        @Key(value = "send_resolved", doc = "Whether to notify about resolved alerts.",
                byDefault = "true", nullIsEmpty = true) Boolean sendResolved,
        @Key(value = "routing_key", file = "routing_key_file",
                doc = "The Events API v2 integration key, preferably by file.")
        Secret routingKey,
        @Key(value = "service_key", file = "service_key_file",
                doc = "The Events API v1 integration key, preferably by file.")
        Secret serviceKey,
        @Key(value = "url", doc = "The URL to send API requests to.", byDefault = "global.pagerduty_url") String url,
        @Key(value = "client", doc = "The client identification of the Alertmanager.") String client,
        @Key(value = "client_url", doc = "A backlink to the sender of the notification.") String clientUrl,
        @Key(value = "description", doc = "A description of the incident.") String description,
        @Key(value = "severity", doc = "Severity of the incident.", byDefault = "error") String severity,
        @Key(value = "source", doc = "Unique location of the affected system.", byDefault = "client") String source,
        @Key(value = "details", doc = "Further details about the incident.") Map<String, String> details,
        @Key(value = "images", doc = "Images to attach to the incident.") List<Image> images,
        @Key(value = "links", doc = "Links to attach to the incident.") List<Link> links,
        @Key(value = "component",
                doc = "The part or component of the affected system that is broken.") String component,
        @Key(value = "group", doc = "A cluster or grouping of sources.") String group,
        @Key(value = "class", doc = "The class/type of the event.") String eventClass,
        @Key(value = "http_config", doc = "The HTTP client's configuration.", byDefault = "global.http_config")
        HttpClientConfig httpConfig) implements ReceiverConfig {

    public PagerdutyConfig {
        if ((routingKey == null) == (serviceKey == null)) {
            throw new IllegalArgumentException("pagerduty_config needs exactly one of routing_key and service_key");
        }
        Invariants.optional(url, "pagerduty_config url");
        Invariants.optional(client, "pagerduty_config client");
        Invariants.optional(clientUrl, "pagerduty_config client_url");
        Invariants.optional(description, "pagerduty_config description");
        Invariants.optional(severity, "pagerduty_config severity");
        details = Invariants.sorted(details, "pagerduty_config details");
        images = Invariants.list(images, "pagerduty_config images");
        links = Invariants.list(links, "pagerduty_config links");
    }

    /** An Events API v2 integration with the default URL and texts. */
    public static PagerdutyConfig routingKey(Secret routingKey) {
        return builder().routingKey(routingKey).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .sendResolved(sendResolved)
                .routingKey(routingKey)
                .serviceKey(serviceKey)
                .url(url)
                .client(client)
                .clientUrl(clientUrl)
                .description(description)
                .severity(severity)
                .source(source)
                .details(details)
                .images(images)
                .links(links)
                .component(component)
                .group(group)
                .eventClass(eventClass)
                .httpConfig(httpConfig);
    }

    /** Builds a {@link PagerdutyConfig}; set exactly one of routingKey and serviceKey. */
    public static final class Builder {
        private Boolean sendResolved;
        private Secret routingKey;
        private Secret serviceKey;
        private String url;
        private String client;
        private String clientUrl;
        private String description;
        private String severity;
        private String source;
        private Map<String, String> details;
        private List<Image> images;
        private List<Link> links;
        private String component;
        private String group;
        private String eventClass;
        private HttpClientConfig httpConfig;

        private Builder() {
        }

        public Builder sendResolved(Boolean value) {
            this.sendResolved = value;
            return this;
        }

        public Builder routingKey(Secret value) {
            this.routingKey = value;
            return this;
        }

        public Builder serviceKey(Secret value) {
            this.serviceKey = value;
            return this;
        }

        public Builder url(String value) {
            this.url = value;
            return this;
        }

        public Builder client(String value) {
            this.client = value;
            return this;
        }

        public Builder clientUrl(String value) {
            this.clientUrl = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder severity(String value) {
            this.severity = value;
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

        public Builder images(List<Image> value) {
            this.images = value;
            return this;
        }

        public Builder links(List<Link> value) {
            this.links = value;
            return this;
        }

        public Builder component(String value) {
            this.component = value;
            return this;
        }

        public Builder group(String value) {
            this.group = value;
            return this;
        }

        public Builder eventClass(String value) {
            this.eventClass = value;
            return this;
        }

        public Builder httpConfig(HttpClientConfig value) {
            this.httpConfig = value;
            return this;
        }

        public PagerdutyConfig build() {
            return new PagerdutyConfig(sendResolved, routingKey, serviceKey, url, client, clientUrl, description,
                    severity, source, details, images, links, component, group, eventClass, httpConfig);
        }
    }

    /** {@code <image_config>}. */
    public record Image(
            @Key(value = "href", doc = "Where the image links to.") String href,
            @Key(value = "src", doc = "The image's URL.", required = true) String src,
            @Key(value = "alt", doc = "The image's alternative text.") String alt) {

        public Image {
            Invariants.nonBlank(src, "pagerduty_config image src");
        }
    }

    /** {@code <link_config>}. */
    public record Link(
            @Key(value = "href", doc = "The link's URL.", required = true) String href,
            @Key(value = "text", doc = "The link's text.") String text) {

        public Link {
            Invariants.nonBlank(href, "pagerduty_config link href");
        }
    }
}
