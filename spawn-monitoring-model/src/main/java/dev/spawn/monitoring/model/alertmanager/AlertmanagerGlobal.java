package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.HttpClientConfig;
import dev.spawn.monitoring.model.Secret;
import dev.spawn.monitoring.model.decl.Key;

/**
 * The {@code global:} section: defaults the receivers fall back to, and {@code resolve_timeout}.
 * Every field is optional (null = absent, Alertmanager's default applies; the SMTP strings given empty are
 * absent too, as Alertmanager reads them). Secrets with a file form
 * in 0.25 (smtp_auth_password, slack_api_url, victorops_api_key, opsgenie_api_key) render as their
 * {@code _file} key when given by file; smtp_auth_secret and wechat_api_secret have none and refuse
 * a file.
 */
public record AlertmanagerGlobal(
        @Key(value = "smtp_from", doc = "The default SMTP From header field.")
        String smtpFrom,
        @Key(value = "smtp_smarthost", doc = "The default SMTP smarthost used for sending emails, host:port.")
        String smtpSmarthost,
        @Key(value = "smtp_hello", doc = "The default hostname to identify to the SMTP server.",
                byDefault = "localhost")
        String smtpHello,
        @Key(value = "smtp_auth_username", doc = "SMTP Auth using CRAM-MD5, LOGIN and PLAIN: the user name.")
        String smtpAuthUsername,
        @Key(value = "smtp_auth_password", file = "smtp_auth_password_file",
                doc = "SMTP Auth using LOGIN and PLAIN: the password, preferably by file.")
        Secret smtpAuthPassword,
        @Key(value = "smtp_auth_identity", doc = "SMTP Auth PLAIN identity.")
        String smtpAuthIdentity,
        @Key(value = "smtp_auth_secret", doc = "SMTP Auth using CRAM-MD5: the secret (no file form in 0.25).")
        Secret smtpAuthSecret,
        @Key(value = "smtp_require_tls", doc = "The default SMTP TLS requirement.", byDefault = "true", nullIsEmpty = true)
        Boolean smtpRequireTls,
        @Key(value = "slack_api_url", file = "slack_api_url_file",
                doc = "The default Slack webhook URL, preferably by file.")
        Secret slackApiUrl,
        @Key(value = "victorops_api_key", file = "victorops_api_key_file",
                doc = "The default VictorOps API key, preferably by file.")
        Secret victoropsApiKey,
        @Key(value = "victorops_api_url", doc = "The default VictorOps API URL.",
                byDefault = "https://alert.victorops.com/integrations/generic/20131114/alert/")
        String victoropsApiUrl,
        @Key(value = "pagerduty_url", doc = "The default PagerDuty URL.",
                byDefault = "https://events.pagerduty.com/v2/enqueue")
        String pagerdutyUrl,
        @Key(value = "opsgenie_api_key", file = "opsgenie_api_key_file",
                doc = "The default OpsGenie API key, preferably by file.")
        Secret opsgenieApiKey,
        @Key(value = "opsgenie_api_url", doc = "The default OpsGenie API URL.", byDefault = "https://api.opsgenie.com/")
        String opsgenieApiUrl,
        @Key(value = "wechat_api_url", doc = "The default WeChat API URL.",
                byDefault = "https://qyapi.weixin.qq.com/cgi-bin/")
        String wechatApiUrl,
        @Key(value = "wechat_api_secret", doc = "The default WeChat API secret (no file form in 0.25).")
        Secret wechatApiSecret,
        @Key(value = "wechat_api_corp_id", doc = "The default WeChat corp id.")
        String wechatApiCorpId,
        @Key(value = "telegram_api_url", doc = "The default Telegram API URL.", byDefault = "https://api.telegram.org")
        String telegramApiUrl,
        @Key(value = "webex_api_url", doc = "The default Webex API URL.",
                byDefault = "https://webexapis.com/v1/messages")
        String webexApiUrl,
        @Key(value = "http_config", doc = "The default HTTP client configuration of the receivers.")
        HttpClientConfig httpConfig,
        @Key(value = "resolve_timeout", doc = "Time after which an alert without EndsAt is declared resolved.",
                byDefault = "5m")
        Duration resolveTimeout) {

    /** No global settings at all; the section is left out. */
    public static final AlertmanagerGlobal EMPTY = builder().build();

    public AlertmanagerGlobal {
        // Alertmanager 0.25 checks these with == "": empty is the same as left out
        smtpFrom = Invariants.unsetIfBlank(smtpFrom);
        smtpSmarthost = Invariants.unsetIfBlank(smtpSmarthost);
        smtpHello = Invariants.unsetIfBlank(smtpHello);
        smtpAuthUsername = Invariants.unsetIfBlank(smtpAuthUsername);
        Invariants.optional(pagerdutyUrl, "global pagerduty_url");
        Invariants.inlineOnly(smtpAuthSecret, "global smtp_auth_secret");
        Invariants.inlineOnly(wechatApiSecret, "global wechat_api_secret");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .smtpFrom(smtpFrom)
                .smtpSmarthost(smtpSmarthost)
                .smtpHello(smtpHello)
                .smtpAuthUsername(smtpAuthUsername)
                .smtpAuthPassword(smtpAuthPassword)
                .smtpAuthIdentity(smtpAuthIdentity)
                .smtpAuthSecret(smtpAuthSecret)
                .smtpRequireTls(smtpRequireTls)
                .slackApiUrl(slackApiUrl)
                .victoropsApiKey(victoropsApiKey)
                .victoropsApiUrl(victoropsApiUrl)
                .pagerdutyUrl(pagerdutyUrl)
                .opsgenieApiKey(opsgenieApiKey)
                .opsgenieApiUrl(opsgenieApiUrl)
                .wechatApiUrl(wechatApiUrl)
                .wechatApiSecret(wechatApiSecret)
                .wechatApiCorpId(wechatApiCorpId)
                .telegramApiUrl(telegramApiUrl)
                .webexApiUrl(webexApiUrl)
                .httpConfig(httpConfig)
                .resolveTimeout(resolveTimeout);
    }

    /** Builds an {@link AlertmanagerGlobal}; unset fields stay absent. */
    public static final class Builder {
        private String smtpFrom;
        private String smtpSmarthost;
        private String smtpHello;
        private String smtpAuthUsername;
        private Secret smtpAuthPassword;
        private String smtpAuthIdentity;
        private Secret smtpAuthSecret;
        private Boolean smtpRequireTls;
        private Secret slackApiUrl;
        private Secret victoropsApiKey;
        private String victoropsApiUrl;
        private String pagerdutyUrl;
        private Secret opsgenieApiKey;
        private String opsgenieApiUrl;
        private String wechatApiUrl;
        private Secret wechatApiSecret;
        private String wechatApiCorpId;
        private String telegramApiUrl;
        private String webexApiUrl;
        private HttpClientConfig httpConfig;
        private Duration resolveTimeout;

        private Builder() {
        }

        public Builder smtpFrom(String value) {
            this.smtpFrom = value;
            return this;
        }

        public Builder smtpSmarthost(String value) {
            this.smtpSmarthost = value;
            return this;
        }

        public Builder smtpHello(String value) {
            this.smtpHello = value;
            return this;
        }

        public Builder smtpAuthUsername(String value) {
            this.smtpAuthUsername = value;
            return this;
        }

        public Builder smtpAuthPassword(Secret value) {
            this.smtpAuthPassword = value;
            return this;
        }

        public Builder smtpAuthIdentity(String value) {
            this.smtpAuthIdentity = value;
            return this;
        }

        public Builder smtpAuthSecret(Secret value) {
            this.smtpAuthSecret = value;
            return this;
        }

        public Builder smtpRequireTls(Boolean value) {
            this.smtpRequireTls = value;
            return this;
        }

        public Builder slackApiUrl(Secret value) {
            this.slackApiUrl = value;
            return this;
        }

        public Builder victoropsApiKey(Secret value) {
            this.victoropsApiKey = value;
            return this;
        }

        public Builder victoropsApiUrl(String value) {
            this.victoropsApiUrl = value;
            return this;
        }

        public Builder pagerdutyUrl(String value) {
            this.pagerdutyUrl = value;
            return this;
        }

        public Builder opsgenieApiKey(Secret value) {
            this.opsgenieApiKey = value;
            return this;
        }

        public Builder opsgenieApiUrl(String value) {
            this.opsgenieApiUrl = value;
            return this;
        }

        public Builder wechatApiUrl(String value) {
            this.wechatApiUrl = value;
            return this;
        }

        public Builder wechatApiSecret(Secret value) {
            this.wechatApiSecret = value;
            return this;
        }

        public Builder wechatApiCorpId(String value) {
            this.wechatApiCorpId = value;
            return this;
        }

        public Builder telegramApiUrl(String value) {
            this.telegramApiUrl = value;
            return this;
        }

        public Builder webexApiUrl(String value) {
            this.webexApiUrl = value;
            return this;
        }

        public Builder httpConfig(HttpClientConfig value) {
            this.httpConfig = value;
            return this;
        }

        public Builder resolveTimeout(Duration value) {
            this.resolveTimeout = value;
            return this;
        }

        /** SMTP LOGIN/PLAIN authentication. */
        public Builder smtpAuth(String username, Secret password) {
            this.smtpAuthUsername = username;
            this.smtpAuthPassword = password;
            return this;
        }

        public AlertmanagerGlobal build() {
            return new AlertmanagerGlobal(smtpFrom, smtpSmarthost, smtpHello, smtpAuthUsername, smtpAuthPassword,
                    smtpAuthIdentity, smtpAuthSecret, smtpRequireTls, slackApiUrl, victoropsApiKey, victoropsApiUrl,
                    pagerdutyUrl, opsgenieApiKey, opsgenieApiUrl, wechatApiUrl, wechatApiSecret, wechatApiCorpId,
                    telegramApiUrl, webexApiUrl, httpConfig, resolveTimeout);
        }
    }
}
