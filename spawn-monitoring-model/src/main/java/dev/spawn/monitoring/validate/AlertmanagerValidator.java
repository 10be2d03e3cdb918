package dev.spawn.monitoring.validate;

import dev.spawn.monitoring.model.HttpClientConfig;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.Secret;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerConfig;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerGlobal;
import dev.spawn.monitoring.model.alertmanager.DiscordConfig;
import dev.spawn.monitoring.model.alertmanager.EmailConfig;
import dev.spawn.monitoring.model.alertmanager.OpsgenieConfig;
import dev.spawn.monitoring.model.alertmanager.PagerdutyConfig;
import dev.spawn.monitoring.model.alertmanager.PushoverConfig;
import dev.spawn.monitoring.model.alertmanager.Receiver;
import dev.spawn.monitoring.model.alertmanager.ReceiverConfig;
import dev.spawn.monitoring.model.alertmanager.Route;
import dev.spawn.monitoring.model.alertmanager.SlackConfig;
import dev.spawn.monitoring.model.alertmanager.SnsConfig;
import dev.spawn.monitoring.model.alertmanager.TelegramConfig;
import dev.spawn.monitoring.model.alertmanager.TimeInterval;
import dev.spawn.monitoring.model.alertmanager.TimeRangeSpec;
import dev.spawn.monitoring.model.alertmanager.VictoropsConfig;
import dev.spawn.monitoring.model.alertmanager.WebexConfig;
import dev.spawn.monitoring.model.alertmanager.WebhookConfig;
import dev.spawn.monitoring.model.alertmanager.WechatConfig;
import dev.spawn.monitoring.model.decl.Section;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks what the records cannot check alone: references between parts of an
 * {@link AlertmanagerConfig} (routes to receivers and time intervals), unique names, the root
 * route's restrictions, URLs and SMTP hosts, and settings a receiver takes from {@code global}.
 * Every problem is collected; nothing is thrown. Each rule mirrors an error {@code amtool
 * check-config} 0.25 would report, so users see them all at once, with the element named.
 */
public final class AlertmanagerValidator {

    private static final String ROOT = "alertmanager";
    private static final Set<String> HTTP = Set.of("http", "https");
    private static final Set<String> PROXY = Set.of("http", "https", "socks5");

    private final AlertmanagerConfig config;
    private final List<Problem> problems = new ArrayList<>();

    private AlertmanagerValidator(AlertmanagerConfig config) {
        this.config = config;
    }

    public static List<Problem> validate(AlertmanagerConfig config) {
        AlertmanagerValidator v = new AlertmanagerValidator(config);
        v.checkUnique(config.receivers(), Receiver::name, "receivers", "receiver");
        v.checkUnique(config.timeIntervals(), TimeInterval::name, "time_intervals", "time interval");
        v.checkRoot(config.route());
        v.checkRoute(config.route(), ROOT + ".route");
        v.checkGlobal(config.global());
        for (Receiver receiver : config.receivers()) {
            v.checkReceiver(receiver);
        }
        for (TimeInterval interval : config.timeIntervals()) {
            v.checkTimeInterval(interval);
        }
        return List.copyOf(v.problems);
    }

    private <T> void checkUnique(List<T> items, Function<T, String> name, String key, String what) {
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String n = name.apply(items.get(i));
            Integer earlier = first.putIfAbsent(n, i);
            if (earlier != null) {
                error(ROOT + "." + key + "[" + i + "]", what + " '" + n + "' is defined more than once (first at "
                        + key + "[" + earlier + "]); names must be unique");
            }
        }
    }

    private void checkRoot(Route root) {
        String at = ROOT + ".route";
        if (root.receiver() == null) {
            error(at, "the root route needs a receiver: alerts that match no child route go there");
        }
        if (!root.matchers().isEmpty()) {
            error(at, "the root route must not have matchers (it receives every alert); move them to a child route");
        }
        if (root.continues()) {
            error(at, "the root route cannot set continue; it has no siblings");
        }
        if (!root.muteTimeIntervals().isEmpty() || !root.activeTimeIntervals().isEmpty()) {
            error(at, "the root route must not have mute_time_intervals or active_time_intervals;"
                    + " set them on a child route");
        }
    }

    private void checkRoute(Route route, String at) {
        if (route.receiver() != null && config.receiver(route.receiver()).isEmpty()) {
            error(at, "route receiver '" + route.receiver() + "' is not defined; defined receivers: "
                    + names(config.receivers(), Receiver::name));
        }
        checkIntervalRefs(route.muteTimeIntervals(), at, "mute_time_intervals");
        checkIntervalRefs(route.activeTimeIntervals(), at, "active_time_intervals");
        for (int i = 0; i < route.routes().size(); i++) {
            checkRoute(route.routes().get(i), at + ".routes[" + i + "]");
        }
    }

    private void checkIntervalRefs(List<String> refs, String at, String key) {
        for (String ref : refs) {
            if (config.timeIntervals().stream().noneMatch(t -> t.name().equals(ref))) {
                error(at, "route " + key + " names time interval '" + ref + "', which is not defined; defined time"
                        + " intervals: " + names(config.timeIntervals(), TimeInterval::name));
            }
        }
    }

    private void checkGlobal(AlertmanagerGlobal g) {
        String at = ROOT + ".global";
        checkSmarthost(g.smtpSmarthost(), at + ".smtp_smarthost");
        checkSecretUrl(g.slackApiUrl(), at + ".slack_api_url");
        checkUrl(g.pagerdutyUrl(), at + ".pagerduty_url", HTTP);
        checkUrl(g.opsgenieApiUrl(), at + ".opsgenie_api_url", HTTP);
        checkUrl(g.victoropsApiUrl(), at + ".victorops_api_url", HTTP);
        checkUrl(g.wechatApiUrl(), at + ".wechat_api_url", HTTP);
        checkUrl(g.telegramApiUrl(), at + ".telegram_api_url", HTTP);
        checkUrl(g.webexApiUrl(), at + ".webex_api_url", HTTP);
        checkHttpConfig(g.httpConfig(), at);
    }

    private void checkReceiver(Receiver receiver) {
        String base = ROOT + ".receivers[" + receiver.name() + "]";
        Map<Class<?>, Integer> index = new HashMap<>();
        for (ReceiverConfig c : receiver.configs()) {
            int i = index.merge(c.getClass(), 1, Integer::sum) - 1;
            checkConfig(c, base + "." + Section.variant(c.getClass()).value() + "[" + i + "]");
        }
    }

    /** One integration: its URLs, and what it takes from global when it does not set it (as amtool checks). */
    private void checkConfig(ReceiverConfig config, String at) {
        AlertmanagerGlobal g = this.config.global();
        if (config instanceof WebhookConfig c) {
            checkUrl(c.url(), at + ".url", HTTP);
        } else if (config instanceof SlackConfig c) {
            if (c.apiUrl() == null && g.slackApiUrl() == null) {
                error(at, "slack_config has no api_url and global has no slack_api_url; set one of them");
            }
            checkSecretUrl(c.apiUrl(), at + ".api_url");
        } else if (config instanceof PagerdutyConfig c) {
            checkUrl(c.url(), at + ".url", HTTP);
        } else if (config instanceof SnsConfig c) {
            checkUrl(c.apiUrl(), at + ".api_url", HTTP);
        } else if (config instanceof EmailConfig c) {
            if (c.smarthost() == null && g.smtpSmarthost() == null) {
                error(at, "email_config has no smarthost and global has no smtp_smarthost; set one of them (host:port)");
            }
            if (c.from() == null && g.smtpFrom() == null) {
                error(at, "email_config has no from and global has no smtp_from; set one of them");
            }
            checkSmarthost(c.smarthost(), at + ".smarthost");
        } else if (config instanceof OpsgenieConfig c) {
            if (c.apiKey() == null && g.opsgenieApiKey() == null) {
                error(at, "opsgenie_config has no api_key and global has no opsgenie_api_key; set one of them");
            }
            checkUrl(c.apiUrl(), at + ".api_url", HTTP);
        } else if (config instanceof VictoropsConfig c) {
            if (c.apiKey() == null && g.victoropsApiKey() == null) {
                error(at, "victorops_config has no api_key and global has no victorops_api_key; set one of them");
            }
            checkUrl(c.apiUrl(), at + ".api_url", HTTP);
        } else if (config instanceof WechatConfig c) {
            if (c.apiSecret() == null && g.wechatApiSecret() == null) {
                error(at, "wechat_config has no api_secret and global has no wechat_api_secret; set one of them");
            }
            if (c.corpId() == null && g.wechatApiCorpId() == null) {
                error(at, "wechat_config has no corp_id and global has no wechat_api_corp_id; set one of them");
            }
            checkUrl(c.apiUrl(), at + ".api_url", HTTP);
        } else if (config instanceof TelegramConfig c) {
            checkUrl(c.apiUrl(), at + ".api_url", HTTP);
        } else if (config instanceof WebexConfig c) {
            checkUrl(c.apiUrl(), at + ".api_url", HTTP);
        } else if (config instanceof PushoverConfig) {
            // user_key and token are required by the record; its url is a message template, not an endpoint
        } else if (config instanceof DiscordConfig c) {
            checkSecretUrl(c.webhookUrl(), at + ".webhook_url");
        } else {
            throw new IllegalStateException("unchecked receiver config " + config.getClass());
        }
        checkHttpConfig(config.httpConfig(), at);
    }

    private void checkTimeInterval(TimeInterval interval) {
        List<TimeRangeSpec> specs = interval.timeIntervals();
        for (int i = 0; i < specs.size(); i++) {
            String zone = specs.get(i).location();
            if (zone != null && !zone.equals("Local") && !isZone(zone)) {
                error(ROOT + ".time_intervals[" + interval.name() + "].time_intervals[" + i + "].location",
                        "unknown time zone '" + zone + "'; expected an IANA name such as Europe/Berlin or UTC");
            }
        }
    }

    private static boolean isZone(String zone) {
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private void checkHttpConfig(HttpClientConfig http, String parent) {
        if (http != null) {
            checkUrl(http.proxyUrl(), parent + ".http_config.proxy_url", PROXY);
        }
    }

    /** A file-held URL cannot be read here; an inline one must parse. */
    private void checkSecretUrl(Secret secret, String at) {
        if (secret instanceof Secret.Inline inline) {
            // the value is a secret: name the element, never print it
            if (problemWithUrl(inline.value(), HTTP) != null) {
                error(at, "the inline " + at.substring(at.lastIndexOf('.') + 1) + " is not an absolute http(s) URL (value not shown:"
                        + " it is a secret); expected https://host/path, or a file that holds it");
            }
        }
    }

    private void checkUrl(String url, String at, Set<String> schemes) {
        if (url == null) {
            return;
        }
        String problem = problemWithUrl(url, schemes);
        if (problem != null) {
            error(at, "'" + url + "' " + problem);
        }
    }

    /** Null when {@code url} is absolute with one of {@code schemes} and a host, else what is wrong. */
    static String problemWithUrl(String url, Set<String> schemes) {
        String expected = "; expected an absolute URL with scheme " + String.join(" or ", schemes.stream().sorted().toList())
                + ", e.g. http://localhost:8080/alertmanager/webhook";
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme == null || !schemes.contains(scheme)) {
                return "is not an absolute URL with a supported scheme" + expected;
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return "has no host" + expected;
            }
            return null;
        } catch (URISyntaxException e) {
            return "is not a URL (" + e.getReason() + ")" + expected;
        }
    }

    private void checkSmarthost(String smarthost, String at) {
        if (smarthost == null) {
            return;
        }
        int colon = smarthost.lastIndexOf(':');
        String host = colon < 0 ? "" : smarthost.substring(0, colon);
        String port = colon < 0 ? "" : smarthost.substring(colon + 1);
        if (host.isEmpty() || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            error(at, "'" + smarthost + "' is not host:port; expected e.g. smtp.example.org:587");
        }
    }

    private static <T> String names(List<T> items, Function<T, String> name) {
        return items.isEmpty() ? "(none)" : items.stream().map(name).collect(Collectors.joining(", "));
    }

    private void error(String location, String message) {
        problems.add(Problem.error(location, message));
    }
}
