package dev.spawn.monitoring.kubernetes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spawn.monitoring.model.Matcher;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.Secret;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerConfig;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerGlobal;
import dev.spawn.monitoring.model.alertmanager.EmailConfig;
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
import dev.spawn.monitoring.model.prometheus.Discovery;
import dev.spawn.monitoring.model.prometheus.Ec2SdConfig;
import dev.spawn.monitoring.model.prometheus.FileSdConfig;
import dev.spawn.monitoring.model.HttpClientConfig;
import dev.spawn.monitoring.model.prometheus.RelabelConfig;
import dev.spawn.monitoring.model.prometheus.ScrapeConfig;
import dev.spawn.monitoring.model.prometheus.StaticConfig;
import dev.spawn.monitoring.model.rules.RuleFile;
import dev.spawn.monitoring.render.RuleRenderer;
import dev.spawn.monitoring.render.YamlOutput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The bundle as Prometheus Operator resources (operator {@value #OPERATOR_VERSION}) for teams that run
 * Prometheus on Kubernetes: {@value #RULES_FILE} (one {@code PrometheusRule} per rule file, the same
 * groups as {@code alerts/}), {@value #ALERTMANAGER_FILE} (one {@code AlertmanagerConfig} v1alpha1:
 * routes, receivers with their secrets as {@code secretKeyRef}s into the Secret {@value #SECRET},
 * inhibitions, time intervals) and {@value #SCRAPE_FILE} (one {@code ScrapeConfig} v1alpha1 per scrape
 * job). What the resources cannot express is a warning, never silently dropped.
 */
public final class OperatorResources {

    public static final String OPERATOR_VERSION = "0.93.0";
    public static final String RULES_FILE = "kubernetes/prometheus-rules.yaml";
    public static final String ALERTMANAGER_FILE = "kubernetes/alertmanager-config.yaml";
    public static final String SCRAPE_FILE = "kubernetes/scrape-config.yaml";
    /** The Secret the AlertmanagerConfig reads receiver secrets from; the user creates it. */
    public static final String SECRET = "spawn-alertmanager-secrets";

    private static final String GROUP = "monitoring.coreos.com/";

    private final Kubernetes target;
    private final List<Problem> warnings = new ArrayList<>();
    private final List<String> secretKeys = new ArrayList<>();

    private OperatorResources(Kubernetes target) {
        this.target = target;
    }

    /** The three files and the warnings about what they leave out. */
    public record Rendered(SortedMap<String, byte[]> files, List<Problem> warnings) {
    }

    public static Rendered render(Kubernetes target, List<RuleFile> ruleFiles, AlertmanagerConfig alertmanager,
            List<ScrapeConfig> scrapeConfigs, String source) {
        OperatorResources r = new OperatorResources(target);
        SortedMap<String, byte[]> files = new TreeMap<>();
        files.put(RULES_FILE, documents(ruleFiles.stream().map(r::prometheusRule).toList(), source));
        files.put(ALERTMANAGER_FILE, documents(List.of(r.alertmanagerConfig(alertmanager)), source));
        files.put(SCRAPE_FILE, documents(scrapeConfigs.stream().map(r::scrapeConfig).toList(), source));
        return new Rendered(files, List.copyOf(r.warnings));
    }

    /** {@code alerts/cost-alerts.yaml} becomes {@code spawn-cost-alerts}. */
    static String resourceName(String ruleFile) {
        String stem = ruleFile.substring(ruleFile.lastIndexOf('/') + 1).replaceFirst("\\.ya?ml$", "");
        return name("spawn-" + stem);
    }

    private static String name(String text) {
        String n = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("(^-+|-+$)", "");
        return n.startsWith("spawn-") || n.equals("spawn") ? n : "spawn-" + n;
    }

    private ObjectNode resource(String kind, String apiVersion, String name) {
        ObjectNode root = YamlOutput.object();
        root.put("apiVersion", GROUP + apiVersion);
        root.put("kind", kind);
        ObjectNode metadata = root.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", target.namespace());
        YamlOutput.putMap(metadata, "labels", target.labels());
        return root;
    }

    // --- PrometheusRule ---

    ObjectNode prometheusRule(RuleFile file) {
        ObjectNode root = resource("PrometheusRule", "v1", resourceName(file.path()));
        root.set("spec", RuleRenderer.render(file));
        return root;
    }

    // --- AlertmanagerConfig ---

    ObjectNode alertmanagerConfig(AlertmanagerConfig config) {
        ObjectNode root = resource("AlertmanagerConfig", "v1alpha1", "spawn");
        ObjectNode spec = root.putObject("spec");
        spec.set("route", route(config.route(), "route"));
        ArrayNode receivers = spec.putArray("receivers");
        config.receivers().forEach(r -> receivers.add(receiver(r)));
        if (!config.inhibitRules().isEmpty()) {
            ArrayNode inhibit = spec.putArray("inhibitRules");
            for (InhibitRule rule : config.inhibitRules()) {
                ObjectNode i = inhibit.addObject();
                i.set("sourceMatch", matchers(rule.sourceMatchers()));
                i.set("targetMatch", matchers(rule.targetMatchers()));
                YamlOutput.putStrings(i, "equal", rule.equal());
            }
        }
        if (!config.timeIntervals().isEmpty()) {
            ArrayNode intervals = spec.putArray("muteTimeIntervals");
            config.timeIntervals().forEach(t -> intervals.add(timeInterval(t)));
        }
        global(config.global());
        if (!config.templates().isEmpty()) {
            warn("alertmanager.templates", "notification templates cannot be given in an AlertmanagerConfig; mount them"
                    + " into the Alertmanager resource (spec.configMaps) and list them in its base configuration");
        }
        warnings.add(Problem.warning("kubernetes", "the operator adds the matcher namespace=\"" + target.namespace()
                + "\" to the AlertmanagerConfig's top route, so only alerts with that label reach these receivers (unless the"
                + " Alertmanager resource sets alertmanagerConfigMatcherStrategy: None)"));
        if (!secretKeys.isEmpty()) {
            warnings.add(Problem.warning("kubernetes", "the receivers read their secrets from the Secret " + SECRET
                    + " in namespace " + target.namespace() + "; create it with the keys " + String.join(", ", secretKeys)));
        }
        return root;
    }

    private ObjectNode route(Route route, String where) {
        ObjectNode r = YamlOutput.object();
        YamlOutput.put(r, "receiver", route.receiver());
        YamlOutput.putStrings(r, "groupBy", route.groupBy());
        YamlOutput.put(r, "groupWait", route.groupWait());
        YamlOutput.put(r, "groupInterval", route.groupInterval());
        YamlOutput.put(r, "repeatInterval", route.repeatInterval());
        if (!route.matchers().isEmpty()) {
            r.set("matchers", matchers(route.matchers()));
        }
        if (route.continues()) {
            r.put("continue", true);
        }
        YamlOutput.putStrings(r, "muteTimeIntervals", route.muteTimeIntervals());
        YamlOutput.putStrings(r, "activeTimeIntervals", route.activeTimeIntervals());
        if (!route.routes().isEmpty()) {
            ArrayNode children = r.putArray("routes");
            for (int i = 0; i < route.routes().size(); i++) {
                children.add(route(route.routes().get(i), where + ".routes[" + i + "]"));
            }
        }
        return r;
    }

    private static ArrayNode matchers(List<Matcher> matchers) {
        ArrayNode out = YamlOutput.array();
        for (Matcher m : matchers) {
            out.addObject().put("name", m.name()).put("value", m.value()).put("matchType", m.op().symbol());
        }
        return out;
    }

    private ObjectNode receiver(Receiver receiver) {
        ObjectNode r = YamlOutput.object();
        r.put("name", receiver.name());
        String where = "alertmanager.receivers[" + receiver.name() + "]";
        for (ReceiverConfig config : receiver.configs()) {
            // Java 17 has no pattern switch; ReceiverConfig is sealed to exactly these five
            if (config instanceof WebhookConfig w) {
                ObjectNode c = r.withArray("webhookConfigs").addObject();
                c.put("url", w.url());
                YamlOutput.put(c, "sendResolved", w.sendResolved());
                YamlOutput.put(c, "maxAlerts", w.maxAlerts());
                http(w.httpConfig(), where);
            } else if (config instanceof SlackConfig s) {
                ObjectNode c = r.withArray("slackConfigs").addObject();
                secret(c, "apiURL", s.apiUrl(), receiver.name(), "slack-api-url", where);
                YamlOutput.put(c, "channel", s.channel());
                YamlOutput.put(c, "username", s.username());
                YamlOutput.put(c, "title", s.title());
                YamlOutput.put(c, "text", s.text());
                YamlOutput.put(c, "sendResolved", s.sendResolved());
                http(s.httpConfig(), where);
            } else if (config instanceof PagerdutyConfig p) {
                ObjectNode c = r.withArray("pagerdutyConfigs").addObject();
                secret(c, "routingKey", p.routingKey(), receiver.name(), "pagerduty-routing-key", where);
                secret(c, "serviceKey", p.serviceKey(), receiver.name(), "pagerduty-service-key", where);
                YamlOutput.put(c, "url", p.url());
                YamlOutput.put(c, "client", p.client());
                YamlOutput.put(c, "clientURL", p.clientUrl());
                YamlOutput.put(c, "severity", p.severity());
                YamlOutput.put(c, "sendResolved", p.sendResolved());
                if (p.description() != null) {
                    warn(where, "pagerduty description cannot be set in an AlertmanagerConfig v1alpha1; PagerDuty gets the default");
                }
                http(p.httpConfig(), where);
            } else if (config instanceof SnsConfig s) {
                ObjectNode c = r.withArray("snsConfigs").addObject();
                YamlOutput.put(c, "apiURL", s.apiUrl());
                if (s.sigv4() != null) {
                    ObjectNode sigv4 = c.putObject("sigv4");
                    YamlOutput.put(sigv4, "region", s.sigv4().region());
                    if (s.sigv4().accessKey() != null) {
                        secret(sigv4, "accessKey", Secret.inline(s.sigv4().accessKey()), receiver.name(), "sns-access-key", where);
                    }
                    secret(sigv4, "secretKey", s.sigv4().secretKey(), receiver.name(), "sns-secret-key", where);
                    YamlOutput.put(sigv4, "profile", s.sigv4().profile());
                    YamlOutput.put(sigv4, "roleArn", s.sigv4().roleArn());
                }
                YamlOutput.put(c, "topicARN", s.topicArn());
                YamlOutput.put(c, "phoneNumber", s.phoneNumber());
                YamlOutput.put(c, "targetARN", s.targetArn());
                YamlOutput.put(c, "subject", s.subject());
                YamlOutput.put(c, "message", s.message());
                YamlOutput.putMap(c, "attributes", s.attributes());
                YamlOutput.put(c, "sendResolved", s.sendResolved());
                http(s.httpConfig(), where);
            } else if (config instanceof EmailConfig e) {
                ObjectNode c = r.withArray("emailConfigs").addObject();
                YamlOutput.put(c, "to", e.to());
                YamlOutput.put(c, "from", e.from());
                YamlOutput.put(c, "smarthost", e.smarthost());
                YamlOutput.put(c, "hello", e.hello());
                YamlOutput.put(c, "authUsername", e.authUsername());
                secret(c, "authPassword", e.authPassword(), receiver.name(), "email-auth-password", where);
                YamlOutput.put(c, "requireTLS", e.requireTls());
                YamlOutput.put(c, "sendResolved", e.sendResolved());
                if (e.headers() != null && !e.headers().isEmpty()) {
                    ArrayNode headers = c.putArray("headers");
                    new TreeMap<>(e.headers()).forEach((k, v) -> headers.addObject().put("key", k).put("value", v));
                }
                if (e.tlsConfig() != null) {
                    warn(where, "the email tls_config is not carried into the AlertmanagerConfig (it names files on the"
                            + " Alertmanager host; in Kubernetes they come from Secrets); set tlsConfig by hand");
                }
            }
        }
        return r;
    }

    /** A secret as a {@code secretKeyRef} into {@value #SECRET}, key {@code <receiver>-<what>}. */
    private void secret(ObjectNode node, String field, Secret secret, String receiver, String what, String where) {
        if (secret == null) {
            return;
        }
        String key = name(receiver + "-" + what).replaceFirst("^spawn-", "");
        node.putObject(field).put("name", SECRET).put("key", key);
        String from = secret instanceof Secret.FromFile f ? " (the content of " + f.path() + ")" : " (the value given inline)";
        secretKeys.add(key + from);
    }

    private void http(HttpClientConfig http, String where) {
        if (http != null && !http.equals(HttpClientConfig.NONE)) {
            warn(where, "http_config (basic auth, authorization, OAuth 2.0, TLS, proxy) is not carried into the AlertmanagerConfig;"
                    + " set httpConfig by hand with Secret references");
        }
    }

    private ObjectNode timeInterval(TimeInterval interval) {
        ObjectNode t = YamlOutput.object();
        t.put("name", interval.name());
        ArrayNode specs = t.putArray("timeIntervals");
        for (TimeRangeSpec range : interval.timeIntervals()) {
            ObjectNode s = specs.addObject();
            if (!range.times().isEmpty()) {
                ArrayNode times = s.putArray("times");
                range.times().forEach(x -> times.addObject().put("startTime", x.startTime()).put("endTime", x.endTime()));
            }
            YamlOutput.putStrings(s, "weekdays", range.weekdays());
            if (!range.daysOfMonth().isEmpty()) {
                ArrayNode days = s.putArray("daysOfMonth");
                for (String d : range.daysOfMonth()) {
                    // "1:7" and "-1" in Alertmanager; {start, end} in the CRD
                    int colon = d.indexOf(':', 1);
                    int start = Integer.parseInt(colon < 0 ? d : d.substring(0, colon));
                    int end = colon < 0 ? start : Integer.parseInt(d.substring(colon + 1));
                    days.addObject().put("start", start).put("end", end);
                }
            }
            YamlOutput.putStrings(s, "months", range.months());
            YamlOutput.putStrings(s, "years", range.years());
            if (range.location() != null) {
                warn("alertmanager.time_intervals[" + interval.name() + "]", "location " + range.location() + " cannot be"
                        + " expressed in an AlertmanagerConfig v1alpha1 time interval; its times are read as UTC there");
            }
        }
        return t;
    }

    private void global(AlertmanagerGlobal global) {
        if (global == null) {
            return;
        }
        List<String> set = new ArrayList<>();
        if (global.resolveTimeout() != null) {
            set.add("resolve_timeout");
        }
        if (global.smtpFrom() != null || global.smtpSmarthost() != null || global.smtpAuthUsername() != null
                || global.smtpAuthPassword() != null || global.smtpHello() != null || global.smtpRequireTls() != null) {
            set.add("smtp_*");
        }
        if (global.slackApiUrl() != null) {
            set.add("slack_api_url");
        }
        if (global.pagerdutyUrl() != null) {
            set.add("pagerduty_url");
        }
        if (global.httpConfig() != null) {
            set.add("http_config");
        }
        if (!set.isEmpty()) {
            warn("alertmanager.global", "global settings (" + String.join(", ", set) + ") cannot be given in an"
                    + " AlertmanagerConfig; put them in the Alertmanager resource's base configuration");
        }
    }

    // --- ScrapeConfig ---

    ObjectNode scrapeConfig(ScrapeConfig job) {
        ObjectNode root = resource("ScrapeConfig", "v1alpha1", name(job.jobName()));
        ObjectNode spec = root.putObject("spec");
        String where = "prometheus.scrape_configs[" + job.jobName() + "]";
        spec.put("jobName", job.jobName());
        YamlOutput.put(spec, "scrapeInterval", job.scrapeInterval());
        YamlOutput.put(spec, "scrapeTimeout", job.scrapeTimeout());
        YamlOutput.put(spec, "metricsPath", job.metricsPath());
        YamlOutput.put(spec, "scheme", job.scheme());
        YamlOutput.put(spec, "honorLabels", job.honorLabels());
        for (Discovery discovery : job.discovery()) {
            if (discovery instanceof Ec2SdConfig ec2) {
                ObjectNode c = spec.withArray("ec2SDConfigs").addObject();
                c.put("region", ec2.region());
                YamlOutput.put(c, "port", ec2.port());
                YamlOutput.put(c, "refreshInterval", ec2.refreshInterval());
                if (!ec2.filters().isEmpty()) {
                    ArrayNode filters = c.putArray("filters");
                    ec2.filters().forEach(f -> {
                        ObjectNode filter = filters.addObject().put("name", f.name());
                        f.values().forEach(filter.putArray("values")::add);
                    });
                }
                YamlOutput.put(c, "roleARN", ec2.roleArn());
                if (ec2.endpoint() != null || ec2.profile() != null || ec2.accessKey() != null) {
                    warn(where, "EC2 discovery endpoint, profile and access keys are not carried into the ScrapeConfig"
                            + " (v1alpha1 has no endpoint or profile; keys come from Secrets); the pod's AWS role is used");
                }
            } else if (discovery instanceof FileSdConfig file) {
                ObjectNode c = spec.withArray("fileSDConfigs").addObject();
                file.files().forEach(c.putArray("files")::add);
                YamlOutput.put(c, "refreshInterval", file.refreshInterval());
                warn(where, "file discovery reads " + String.join(", ", file.files()) + " inside the Prometheus pod;"
                        + " mount the targets files there (spec.configMaps or a volume of the Prometheus resource)");
            } else if (discovery instanceof StaticConfig s) {
                ObjectNode c = spec.withArray("staticConfigs").addObject();
                s.targets().forEach(c.putArray("targets")::add);
                YamlOutput.putMap(c, "labels", s.labels() == null ? null : new TreeMap<>(s.labels()));
            }
        }
        relabelings(spec, "relabelings", job.relabelConfigs());
        relabelings(spec, "metricRelabelings", job.metricRelabelConfigs());
        HttpClientConfig http = job.http();
        if (http.basicAuth() != null || http.authorization() != null || http.tlsConfig() != null) {
            warn(where, "basic_auth, authorization and tls_config are not carried into the ScrapeConfig (their files live"
                    + " on the Prometheus host; in Kubernetes they come from Secrets); set them by hand");
        }
        return root;
    }

    private static void relabelings(ObjectNode spec, String key, List<RelabelConfig> configs) {
        if (configs.isEmpty()) {
            return;
        }
        ArrayNode out = spec.putArray(key);
        for (RelabelConfig rc : configs) {
            ObjectNode r = out.addObject();
            YamlOutput.putStrings(r, "sourceLabels", rc.sourceLabels());
            YamlOutput.put(r, "separator", rc.separator());
            YamlOutput.put(r, "targetLabel", rc.targetLabel());
            YamlOutput.put(r, "regex", rc.regex());
            YamlOutput.put(r, "modulus", rc.modulus());
            YamlOutput.put(r, "replacement", rc.replacement());
            if (rc.action() != null) {
                r.put("action", rc.action().id());
            }
        }
    }

    private void warn(String where, String message) {
        warnings.add(Problem.warning(where, message));
    }

    /** Several resources in one YAML stream: the header comment once, {@code ---} between documents. */
    private static byte[] documents(List<ObjectNode> resources, String source) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < resources.size(); i++) {
            String text = new String(YamlOutput.toBytes(resources.get(i), source), StandardCharsets.UTF_8);
            if (i > 0) {
                out.append("---\n").append(text.substring(text.indexOf('\n') + 1));
            } else {
                out.append(text);
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
