package dev.spawn.monitoring.render;

import static dev.spawn.monitoring.render.YamlOutput.put;
import static dev.spawn.monitoring.render.YamlOutput.putMap;
import static dev.spawn.monitoring.render.YamlOutput.putSecret;
import static dev.spawn.monitoring.render.YamlOutput.putStrings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spawn.monitoring.model.Matcher;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerConfig;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerGlobal;
import dev.spawn.monitoring.model.alertmanager.EmailConfig;
import dev.spawn.monitoring.model.alertmanager.HttpConfig;
import dev.spawn.monitoring.model.alertmanager.InhibitRule;
import dev.spawn.monitoring.model.alertmanager.PagerdutyConfig;
import dev.spawn.monitoring.model.alertmanager.Receiver;
import dev.spawn.monitoring.model.alertmanager.ReceiverConfig;
import dev.spawn.monitoring.model.alertmanager.Route;
import dev.spawn.monitoring.model.alertmanager.SlackConfig;
import dev.spawn.monitoring.model.alertmanager.SnsConfig;
import dev.spawn.monitoring.model.alertmanager.TimeInterval;
import dev.spawn.monitoring.model.alertmanager.TimeRangeSpec;
import dev.spawn.monitoring.model.alertmanager.WebhookConfig;
import java.util.List;
import java.util.function.Function;

/**
 * Renders an {@link AlertmanagerConfig} to the {@code alertmanager.yml} tree, keys in the order of
 * the Alertmanager 0.25 configuration reference (global, templates, route, receivers,
 * inhibit_rules, time_intervals; within each section as the reference lists them). Absent values
 * are left out, so Alertmanager's defaults apply.
 */
public final class AlertmanagerRenderer {

    private AlertmanagerRenderer() {
    }

    public static ObjectNode render(AlertmanagerConfig config) {
        ObjectNode root = YamlOutput.object();
        put(root, "global", global(config.global()));
        putStrings(root, "templates", config.templates());
        root.set("route", route(config.route()));
        root.set("receivers", list(config.receivers(), AlertmanagerRenderer::receiver));
        put(root, "inhibit_rules", list(config.inhibitRules(), AlertmanagerRenderer::inhibitRule));
        put(root, "time_intervals", list(config.timeIntervals(), AlertmanagerRenderer::timeInterval));
        return root;
    }

    public static byte[] toBytes(AlertmanagerConfig config, String source) {
        return YamlOutput.toBytes(render(config), source);
    }

    private static ObjectNode global(AlertmanagerGlobal g) {
        ObjectNode node = YamlOutput.object();
        put(node, "smtp_from", g.smtpFrom());
        put(node, "smtp_smarthost", g.smtpSmarthost());
        put(node, "smtp_hello", g.smtpHello());
        put(node, "smtp_auth_username", g.smtpAuthUsername());
        putSecret(node, "smtp_auth_password", g.smtpAuthPassword());
        put(node, "smtp_require_tls", g.smtpRequireTls());
        putSecret(node, "slack_api_url", g.slackApiUrl());
        put(node, "pagerduty_url", g.pagerdutyUrl());
        put(node, "http_config", httpConfig(g.httpConfig()));
        put(node, "resolve_timeout", g.resolveTimeout());
        return node;
    }

    private static ObjectNode route(Route r) {
        ObjectNode node = YamlOutput.object();
        put(node, "receiver", r.receiver());
        putStrings(node, "group_by", r.groupBy());
        if (r.continueMatching()) {
            node.put("continue", true);
        }
        putMatchers(node, "matchers", r.matchers());
        put(node, "group_wait", r.groupWait());
        put(node, "group_interval", r.groupInterval());
        put(node, "repeat_interval", r.repeatInterval());
        putStrings(node, "mute_time_intervals", r.muteTimeIntervals());
        putStrings(node, "active_time_intervals", r.activeTimeIntervals());
        put(node, "routes", list(r.routes(), AlertmanagerRenderer::route));
        return node;
    }

    private static ObjectNode receiver(Receiver r) {
        ObjectNode node = YamlOutput.object();
        node.put("name", r.name());
        // the reference lists the integrations alphabetically; a receiver's configs are grouped by type
        put(node, "email_configs", list(r.configs(EmailConfig.class), AlertmanagerRenderer::email));
        put(node, "pagerduty_configs", list(r.configs(PagerdutyConfig.class), AlertmanagerRenderer::pagerduty));
        put(node, "slack_configs", list(r.configs(SlackConfig.class), AlertmanagerRenderer::slack));
        put(node, "sns_configs", list(r.configs(SnsConfig.class), AlertmanagerRenderer::sns));
        put(node, "webhook_configs", list(r.configs(WebhookConfig.class), AlertmanagerRenderer::webhook));
        return node;
    }

    private static ObjectNode startConfig(ReceiverConfig config) {
        ObjectNode node = YamlOutput.object();
        put(node, "send_resolved", config.sendResolved());
        return node;
    }

    private static ObjectNode email(EmailConfig c) {
        ObjectNode node = startConfig(c);
        node.put("to", c.to());
        put(node, "from", c.from());
        put(node, "smarthost", c.smarthost());
        put(node, "hello", c.hello());
        put(node, "auth_username", c.authUsername());
        putSecret(node, "auth_password", c.authPassword());
        put(node, "require_tls", c.requireTls());
        put(node, "tls_config", HttpSections.tls(c.tlsConfig()));
        putMap(node, "headers", c.headers());
        return node;
    }

    private static ObjectNode pagerduty(PagerdutyConfig c) {
        ObjectNode node = startConfig(c);
        putSecret(node, "routing_key", c.routingKey());
        putSecret(node, "service_key", c.serviceKey());
        put(node, "url", c.url());
        put(node, "client", c.client());
        put(node, "client_url", c.clientUrl());
        put(node, "description", c.description());
        put(node, "severity", c.severity());
        put(node, "http_config", httpConfig(c.httpConfig()));
        return node;
    }

    private static ObjectNode slack(SlackConfig c) {
        ObjectNode node = startConfig(c);
        putSecret(node, "api_url", c.apiUrl());
        put(node, "http_config", httpConfig(c.httpConfig()));
        node.put("channel", c.channel());
        put(node, "username", c.username());
        put(node, "text", c.text());
        put(node, "title", c.title());
        return node;
    }

    private static ObjectNode sns(SnsConfig c) {
        ObjectNode node = startConfig(c);
        put(node, "api_url", c.apiUrl());
        if (c.sigv4() != null) {
            SnsConfig.Sigv4 s = c.sigv4();
            ObjectNode sigv4 = YamlOutput.object();
            put(sigv4, "region", s.region());
            put(sigv4, "access_key", s.accessKey());
            // inline only: Alertmanager 0.25 has no secret_key_file, and Sigv4 rejects a file secret
            putSecret(sigv4, "secret_key", s.secretKey());
            put(sigv4, "profile", s.profile());
            put(sigv4, "role_arn", s.roleArn());
            put(node, "sigv4", sigv4);
        }
        put(node, "topic_arn", c.topicArn());
        put(node, "phone_number", c.phoneNumber());
        put(node, "target_arn", c.targetArn());
        put(node, "subject", c.subject());
        put(node, "message", c.message());
        putMap(node, "attributes", c.attributes());
        put(node, "http_config", httpConfig(c.httpConfig()));
        return node;
    }

    private static ObjectNode webhook(WebhookConfig c) {
        ObjectNode node = startConfig(c);
        node.put("url", c.url());
        put(node, "http_config", httpConfig(c.httpConfig()));
        put(node, "max_alerts", c.maxAlerts());
        return node;
    }

    private static ObjectNode inhibitRule(InhibitRule rule) {
        ObjectNode node = YamlOutput.object();
        putMatchers(node, "target_matchers", rule.targetMatchers());
        putMatchers(node, "source_matchers", rule.sourceMatchers());
        putStrings(node, "equal", rule.equal());
        return node;
    }

    private static ObjectNode timeInterval(TimeInterval interval) {
        ObjectNode node = YamlOutput.object();
        node.put("name", interval.name());
        node.set("time_intervals", list(interval.timeIntervals(), AlertmanagerRenderer::timeRange));
        return node;
    }

    private static ObjectNode timeRange(TimeRangeSpec spec) {
        ObjectNode node = YamlOutput.object();
        put(node, "times", list(spec.times(), t -> {
            ObjectNode times = YamlOutput.object();
            times.put("start_time", t.startTime());
            times.put("end_time", t.endTime());
            return times;
        }));
        putStrings(node, "weekdays", spec.weekdays());
        putStrings(node, "days_of_month", spec.daysOfMonth());
        putStrings(node, "months", spec.months());
        putStrings(node, "years", spec.years());
        put(node, "location", spec.location());
        return node;
    }

    /**
     * {@code <http_config>} as Alertmanager takes it; null when absent. Public so other renderers
     * of the same upstream type can share it.
     */
    public static ObjectNode httpConfig(HttpConfig c) {
        if (c == null) {
            return null;
        }
        ObjectNode node = YamlOutput.object();
        put(node, "basic_auth", HttpSections.basicAuth(c.basicAuth()));
        put(node, "authorization", HttpSections.authorization(c.authorization()));
        put(node, "tls_config", HttpSections.tls(c.tlsConfig()));
        put(node, "proxy_url", c.proxyUrl());
        return node;
    }

    private static void putMatchers(ObjectNode node, String key, List<Matcher> matchers) {
        putStrings(node, key, matchers.stream().map(Matcher::toString).toList());
    }

    private static <T> ArrayNode list(List<T> items, Function<T, ObjectNode> render) {
        ArrayNode array = YamlOutput.array();
        items.forEach(item -> array.add(render.apply(item)));
        return array;
    }
}
