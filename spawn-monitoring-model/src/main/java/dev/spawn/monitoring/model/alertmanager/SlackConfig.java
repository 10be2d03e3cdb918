package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.HttpClientConfig;
import dev.spawn.monitoring.model.Secret;
import dev.spawn.monitoring.model.decl.Key;
import dev.spawn.monitoring.model.decl.Variant;
import java.util.List;

/**
 * {@code <slack_config>}. The incoming-webhook URL is a secret: a file becomes {@code api_url_file}
 * (Alertmanager 0.25 reads it), an inline value {@code api_url}; null falls back to the global
 * {@code slack_api_url}. The other keys shape the message attachment.
 */
@Variant(value = "slack_configs", doc = "Slack messages.")
public record SlackConfig(
        @Key(value = "send_resolved", doc = "Whether to notify about resolved alerts.",
                byDefault = "false") Boolean sendResolved,
        @Key(value = "api_url", file = "api_url_file", doc = "The Slack webhook URL, preferably by file.",
                byDefault = "global.slack_api_url")
        Secret apiUrl,
        @Key(value = "channel", doc = "The channel or user to send notifications to.") String channel,
        @Key(value = "icon_emoji", doc = "Emoji icon of the message.") String iconEmoji,
        @Key(value = "icon_url", doc = "Icon URL of the message.") String iconUrl,
        @Key(value = "link_names", doc = "Whether to link channel and user names.",
                byDefault = "false") Boolean linkNames,
        @Key(value = "username", doc = "The user name the message is posted as.") String username,
        @Key(value = "actions", doc = "Message buttons.") List<Action> actions,
        @Key(value = "callback_id", doc = "The attachment's callback id.") String callbackId,
        @Key(value = "color", doc = "The attachment's color.") String color,
        @Key(value = "fallback", doc = "Plain-text summary of the attachment.") String fallback,
        @Key(value = "fields", doc = "Fields of the attachment.") List<Field> fields,
        @Key(value = "footer", doc = "The attachment's footer.") String footer,
        @Key(value = "mrkdwn_in", doc = "Attachment parts formatted as mrkdwn.",
                byDefault = "[fallback, pretext, text]")
        List<String> mrkdwnIn,
        @Key(value = "pretext", doc = "Text above the attachment.") String pretext,
        @Key(value = "short_fields", doc = "Whether fields are short by default.",
                byDefault = "false") Boolean shortFields,
        @Key(value = "text", doc = "The attachment's text.") String text,
        @Key(value = "title", doc = "The attachment's title.") String title,
        @Key(value = "title_link", doc = "Where the title links to.") String titleLink,
        @Key(value = "image_url", doc = "Image in the attachment.") String imageUrl,
        @Key(value = "thumb_url", doc = "Thumbnail in the attachment.") String thumbUrl,
        @Key(value = "http_config", doc = "The HTTP client's configuration.", byDefault = "global.http_config")
        HttpClientConfig httpConfig) implements ReceiverConfig {

    public SlackConfig {
        Invariants.optional(channel, "slack_config channel");
        Invariants.optional(username, "slack_config username");
        Invariants.optional(title, "slack_config title");
        Invariants.optional(text, "slack_config text");
        actions = Invariants.list(actions, "slack_config actions");
        fields = Invariants.list(fields, "slack_config fields");
        mrkdwnIn = Invariants.list(mrkdwnIn, "slack_config mrkdwn_in");
    }

    /** A channel notified through {@code apiUrl} (null: the global URL), resolved alerts included. */
    public static SlackConfig of(String channel, Secret apiUrl) {
        return message(true, apiUrl, channel, null, null, null);
    }

    /** A channel with its own user name, title and text; the attachment's other parts stay at their defaults. */
    public static SlackConfig message(Boolean sendResolved, Secret apiUrl, String channel, String username, String title,
            String text) {
        Invariants.nonBlank(channel, "slack_config channel");
        return builder().sendResolved(sendResolved).apiUrl(apiUrl).channel(channel).username(username).title(title).text(text)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .sendResolved(sendResolved)
                .apiUrl(apiUrl)
                .channel(channel)
                .iconEmoji(iconEmoji)
                .iconUrl(iconUrl)
                .linkNames(linkNames)
                .username(username)
                .actions(actions)
                .callbackId(callbackId)
                .color(color)
                .fallback(fallback)
                .fields(fields)
                .footer(footer)
                .mrkdwnIn(mrkdwnIn)
                .pretext(pretext)
                .shortFields(shortFields)
                .text(text)
                .title(title)
                .titleLink(titleLink)
                .imageUrl(imageUrl)
                .thumbUrl(thumbUrl)
                .httpConfig(httpConfig);
    }

    /** Builds a {@link SlackConfig}; unset parts take Alertmanager's defaults. */
    public static final class Builder {
        private Boolean sendResolved;
        private Secret apiUrl;
        private String channel;
        private String iconEmoji;
        private String iconUrl;
        private Boolean linkNames;
        private String username;
        private List<Action> actions;
        private String callbackId;
        private String color;
        private String fallback;
        private List<Field> fields;
        private String footer;
        private List<String> mrkdwnIn;
        private String pretext;
        private Boolean shortFields;
        private String text;
        private String title;
        private String titleLink;
        private String imageUrl;
        private String thumbUrl;
        private HttpClientConfig httpConfig;

        private Builder() {
        }

        public Builder sendResolved(Boolean value) {
            this.sendResolved = value;
            return this;
        }

        public Builder apiUrl(Secret value) {
            this.apiUrl = value;
            return this;
        }

        public Builder channel(String value) {
            this.channel = value;
            return this;
        }

        public Builder iconEmoji(String value) {
            this.iconEmoji = value;
            return this;
        }

        public Builder iconUrl(String value) {
            this.iconUrl = value;
            return this;
        }

        public Builder linkNames(Boolean value) {
            this.linkNames = value;
            return this;
        }

        public Builder username(String value) {
            this.username = value;
            return this;
        }

        public Builder actions(List<Action> value) {
            this.actions = value;
            return this;
        }

        public Builder callbackId(String value) {
            this.callbackId = value;
            return this;
        }

        public Builder color(String value) {
            this.color = value;
            return this;
        }

        public Builder fallback(String value) {
            this.fallback = value;
            return this;
        }

        public Builder fields(List<Field> value) {
            this.fields = value;
            return this;
        }

        public Builder footer(String value) {
            this.footer = value;
            return this;
        }

        public Builder mrkdwnIn(List<String> value) {
            this.mrkdwnIn = value;
            return this;
        }

        public Builder pretext(String value) {
            this.pretext = value;
            return this;
        }

        public Builder shortFields(Boolean value) {
            this.shortFields = value;
            return this;
        }

        public Builder text(String value) {
            this.text = value;
            return this;
        }

        public Builder title(String value) {
            this.title = value;
            return this;
        }

        public Builder titleLink(String value) {
            this.titleLink = value;
            return this;
        }

        public Builder imageUrl(String value) {
            this.imageUrl = value;
            return this;
        }

        public Builder thumbUrl(String value) {
            this.thumbUrl = value;
            return this;
        }

        public Builder httpConfig(HttpClientConfig value) {
            this.httpConfig = value;
            return this;
        }

        public SlackConfig build() {
            return new SlackConfig(sendResolved, apiUrl, channel, iconEmoji, iconUrl, linkNames, username, actions,
                    callbackId, color, fallback, fields, footer, mrkdwnIn, pretext, shortFields, text, title,
                    titleLink, imageUrl, thumbUrl, httpConfig);
        }
    }

    /** {@code <action_config>}: a button. */
    public record Action(
            @Key(value = "text", doc = "The button's label.", required = true) String text,
            @Key(value = "type", doc = "The action type, e.g. button.", required = true) String type,
            @Key(value = "url", doc = "The URL the button opens; either url or name is required.") String url,
            @Key(value = "name", doc = "The action's name; either url or name is required.") String name,
            @Key(value = "value", doc = "The action's value.") String value,
            @Key(value = "confirm", doc = "A confirmation dialog.") Confirm confirm,
            @Key(value = "style", doc = "The button's style.") String style) {

        public Action {
            Invariants.nonBlank(text, "slack_config action text");
            Invariants.nonBlank(type, "slack_config action type");
            if (url == null && name == null) {
                throw new IllegalArgumentException("slack_config action needs a name or a url");
            }
        }

        /** A builder with the required {@code text} and {@code type}; every other part is unset (null, or empty). */
        public static Builder builder(String text, String type) {
            Builder b = new Builder();
            b.text = text;
            b.type = type;
            return b;
        }

        /** A builder holding this Action's parts, to change some of them. */
        public Builder toBuilder() {
            Builder b = new Builder();
            b.text = text;
            b.type = type;
            b.url = url;
            b.name = name;
            b.value = value;
            b.confirm = confirm;
            b.style = style;
            return b;
        }

        /** Fluent construction of a {@link Action}; {@link #build()} checks the record's invariants. */
        public static final class Builder {
            private String text;
            private String type;
            private String url;
            private String name;
            private String value;
            private Confirm confirm;
            private String style;

            private Builder() {
            }

            public Builder text(String value) {
                this.text = value;
                return this;
            }

            public Builder type(String value) {
                this.type = value;
                return this;
            }

            public Builder url(String value) {
                this.url = value;
                return this;
            }

            public Builder name(String value) {
                this.name = value;
                return this;
            }

            public Builder value(String value) {
                this.value = value;
                return this;
            }

            public Builder confirm(Confirm value) {
                this.confirm = value;
                return this;
            }

            public Builder style(String value) {
                this.style = value;
                return this;
            }

            public Action build() {
                return new Action(text, type, url, name, value, confirm, style);
            }
        }
    }

    /** {@code <action_confirm_field_config>}. */
    public record Confirm(
            @Key(value = "text", doc = "The dialog's text.", required = true) String text,
            @Key(value = "dismiss_text", doc = "The dismiss button's label.") String dismissText,
            @Key(value = "ok_text", doc = "The OK button's label.") String okText,
            @Key(value = "title", doc = "The dialog's title.") String title) {

        public Confirm {
            Invariants.nonBlank(text, "slack_config action confirm text");
        }
    }

    /** {@code <field_config>}. */
    public record Field(
            @Key(value = "title", doc = "The field's title.", required = true) String title,
            @Key(value = "value", doc = "The field's value.", required = true) String value,
            @Key(value = "short", doc = "Whether the field is short.",
                    byDefault = "slack_config.short_fields") Boolean isShort) {

        public Field {
            Invariants.nonBlank(title, "slack_config field title");
            Invariants.nonBlank(value, "slack_config field value");
        }
    }
}
