package dev.spawn.monitoring.spec;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.HighAvailability;
import dev.spawn.monitoring.model.ScaleOut;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerGlobal;
import dev.spawn.monitoring.model.alertmanager.InhibitRule;
import dev.spawn.monitoring.model.alertmanager.Receiver;
import dev.spawn.monitoring.model.alertmanager.Route;
import dev.spawn.monitoring.model.alertmanager.TimeInterval;
import dev.spawn.monitoring.model.decl.Key;
import dev.spawn.monitoring.model.prometheus.AlertingConfig;
import dev.spawn.monitoring.model.prometheus.Ec2SdConfig;
import dev.spawn.monitoring.model.prometheus.GlobalConfig;
import dev.spawn.monitoring.model.prometheus.RelabelConfig;
import dev.spawn.monitoring.model.prometheus.RemoteRead;
import dev.spawn.monitoring.model.prometheus.RemoteWrite;
import dev.spawn.monitoring.model.prometheus.RemoteWritePreset;
import dev.spawn.monitoring.model.prometheus.ScrapeConfig;
import dev.spawn.monitoring.model.prometheus.StorageConfig;
import dev.spawn.monitoring.model.prometheus.TracingConfig;
import dev.spawn.monitoring.model.rules.Severity;
import java.util.List;
import java.util.Map;

/**
 * The spec file, declared: its top level takes prometheus.yml's own sections (declared on the model's
 * records) beside spawn's shorthands and settings (declared here). The reader dispatches on these
 * keys and the JSON Schema is generated from them; nothing here is ever built as a whole.
 */
record SpecDocument(
        @Key(value = "apiVersion", doc = "The spec format version.", required = true, oneOf = {SpecReader.API_VERSION})
        String apiVersion,
        @Key(value = "global", doc = "Changes to Prometheus' global block (defaults: 60s intervals, cluster and environment"
                + " external labels, merged key by key).")
        GlobalConfig global,
        @Key(value = "ec2", doc = "The spawn-ec2 job: spored agents found through the EC2 API.") Ec2Job ec2,
        @Key(value = "file_sd", doc = "The spawn-fleet job: spored agents listed in target files (spawn:targets).")
        FileSdJob fileSd,
        @Key(value = "static", doc = "The spawn-static job: spored agents at fixed addresses.") StaticJob staticJob,
        @Key(value = "scrape_configs", doc = "More scrape jobs, as prometheus.yml writes them (plus targets/labels as a"
                + " shorthand for one static_config).")
        List<ScrapeJob> scrapeConfigs,
        @Key(value = "alerting", doc = "Prometheus' alerting block; alertmanagers given here replace the default"
                + " localhost:9093.")
        AlertingConfig alerting,
        @Key(value = "remote_write", doc = "Remote write endpoints, as prometheus.yml writes them or from a preset"
                + " (thanos, mimir, amp, grafana-cloud, victoriametrics).")
        List<RemoteWriteSpec> remoteWrite,
        @Key(value = "remote_read", doc = "Remote read endpoints.") List<RemoteRead> remoteRead,
        @Key(value = "storage", doc = "Prometheus' runtime-reloadable storage settings.") StorageConfig storage,
        @Key(value = "tracing", doc = "Tracing of Prometheus itself.") TracingConfig tracing,
        @Key(value = "prometheus_flags", doc = "Prometheus command-line settings, written to prometheus.flags.")
        PrometheusFlagsSpec prometheusFlags,
        @Key(value = "alertmanager_flags", doc = "Alertmanager command-line settings, written to alertmanager.flags.")
        AlertmanagerFlagsSpec alertmanagerFlags,
        @Key(value = "high_availability", doc = "Prometheus replicas and an Alertmanager cluster.")
        HighAvailability highAvailability,
        @Key(value = "scale_out", doc = "Sharded scraping with a global rule tier: one folder per process (shard-<i>/,"
                + " global/) instead of prometheus.yaml, each rule on the tier its expression needs.")
        ScaleOut scaleOut,
        @Key(value = "rules", doc = "Changes to the default alert rules, and rules of your own.") RulesSpec rules,
        @Key(value = "alertmanager", doc = "Changes to alertmanager.yml.") AlertmanagerSpec alertmanager,
        @Key(value = "grafana", doc = "Grafana dashboards and provisioning files in the bundle.") GrafanaSpec grafana,
        @Key(value = "kubernetes", doc = "Prometheus Operator resources (PrometheusRule, AlertmanagerConfig, ScrapeConfig)"
                + " in the bundle.")
        KubernetesSpec kubernetes,
        @Key(value = "metrics", doc = "Metrics beyond spored's catalog (node_exporter's, say): spawn:lint checks rules"
                + " against them, and against their whole namespace, as it does against spored's.")
        List<dev.spawn.monitoring.rules.MetricCatalog.Metric> metrics,
        @Key(value = "lint", doc = "spawn:lint settings.") LintSpec lint) {

    /**
     * {@code remote_write[]}: a remote write as prometheus.yml writes it, or a {@code preset} with its parameters,
     * which expands to one; keys written beside a preset replace its own.
     */
    record RemoteWriteSpec(
            @Key(value = "", inline = true, doc = "A preset and its parameters.") RemoteWritePreset preset,
            @Key(value = "", inline = true, doc = "The remote write; beside a preset, its keys replace the preset's.")
            RemoteWrite write) {
    }

    /** {@code lint:}: the severity of each check. */
    record LintSpec(
            @Key(value = "checks", doc = "Severity per check, by check name (such as counter/raw: error, style/name: off):"
                    + " error, warning or off.")
            Map<String, String> checks) {
    }

    static final String TIER_DOC = "With scale_out: shard or global evaluates the rule, whatever its expression's label flow says.";

    /** {@code grafana:}: the dashboards are part of the bundle unless switched off. */
    record GrafanaSpec(
            @Key(value = "enabled", doc = "false leaves the dashboards and provisioning files out.", byDefault = "true")
            Boolean enabled) {
    }

    /** {@code kubernetes:}: Prometheus Operator resources, written when the section is present and not switched off. */
    record KubernetesSpec(
            @Key(value = "enabled", doc = "false leaves the operator resources out.", byDefault = "true") Boolean enabled,
            @Key(value = "namespace", doc = "The namespace of the resources.", byDefault = "monitoring") String namespace,
            @Key(value = "labels", doc = "Labels on every resource (the operator's ruleSelector and friends match them).")
            Map<String, String> labels) {
    }

    /** {@code ec2:}: where and how the spawn-ec2 job finds instances; each region gets one ec2_sd_config. */
    record Ec2Job(
            @Key(value = "regions", doc = "AWS regions to discover instances in.", byDefault = "[us-east-1]") List<String> regions,
            @Key(value = "port", doc = "The port spored serves metrics on.", byDefault = "9090", min = 1, max = 65535)
            Integer port,
            @Key(value = "endpoint", doc = "Custom EC2 API endpoint (tests point it at a fake on 127.0.0.1).") String endpoint,
            @Key(value = "role_arn", doc = "AWS Role ARN to assume.") String roleArn,
            @Key(value = "profile", doc = "Named AWS profile.") String profile,
            @Key(value = "refresh_interval", doc = "Refresh interval of the instance list.", byDefault = "60s")
            Duration refreshInterval,
            @Key(value = "filters", doc = "DescribeInstances filters; replace the default (metrics-enabled, running).")
            List<Ec2SdConfig.Filter> filters,
            @Key(value = "relabel_configs", doc = "Relabelling appended after spawn's own (which set instance_id, region, ...).")
            List<RelabelConfig> relabelConfigs) {
    }

    /** {@code file_sd:}: the target files of the spawn-fleet job. */
    record FileSdJob(
            @Key(value = "files", doc = "Target file patterns.", byDefault = "[targets/*.json]") List<String> files,
            @Key(value = "refresh_interval", doc = "Refresh interval of the files.", byDefault = "60s") Duration refreshInterval,
            @Key(value = "relabel_configs", doc = "Relabelling of the job's targets.") List<RelabelConfig> relabelConfigs) {
    }

    /** {@code static:}: fixed spored addresses. */
    record StaticJob(
            @Key(value = "targets", doc = "host:port of each spored agent.", required = true) List<String> targets,
            @Key(value = "labels", doc = "Labels for all of them.", labelNames = true) Map<String, String> labels) {
    }

    /**
     * {@code scrape_configs[]}: a scrape job as prometheus.yml writes it, or with the targets/labels shorthand. A
     * job named as a default job (prometheus, spawn-fleet, spawn-ec2) replaces it; {@code enabled: false} removes it.
     */
    record ScrapeJob(
            @Key(value = "enabled", doc = "false removes the job of this name (a default one) from the bundle.",
                    byDefault = "true")
            Boolean enabled,
            @Key(value = "", inline = true, doc = "The scrape job.") ScrapeConfig config,
            @Key(value = "targets", doc = "Shorthand: host:port targets of one static_config.") List<String> targets,
            @Key(value = "labels", doc = "Shorthand: labels of that static_config.", labelNames = true) Map<String, String> labels) {
    }

    record PrometheusFlagsSpec(
            @Key(value = "storage_path", doc = "--storage.tsdb.path.", byDefault = "data/prometheus") String storagePath,
            @Key(value = "retention_time", doc = "--storage.tsdb.retention.time.", byDefault = "30d") Duration retentionTime,
            @Key(value = "retention_size", doc = "--storage.tsdb.retention.size.", byDefault = "50GB",
                    pattern = "\\d+(B|KB|MB|GB|TB|PB|EB)", expected = "a size such as 50GB (units B, KB, MB, GB, TB, PB, EB)")
            String retentionSize,
            @Key(value = "listen_address", doc = "--web.listen-address.", byDefault = ":9090") String listenAddress) {
    }

    record AlertmanagerFlagsSpec(
            @Key(value = "storage_path", doc = "--storage.path.") String storagePath,
            @Key(value = "listen_address", doc = "--web.listen-address.", byDefault = ":9093") String listenAddress,
            @Key(value = "data_retention", doc = "--data.retention.", byDefault = "120h") Duration dataRetention) {
    }

    /** {@code rules:}: default rules by name, categories switched off, rules of your own. */
    record RulesSpec(
            @Key(value = "disabled_categories", doc = "Categories whose rules are all left out.") List<String> disabledCategories,
            @Key(value = "runbook_base", doc = "Base URL of the runbooks; each rule links <base>/<RuleName>.") String runbookBase,
            @Key(value = "coverage", doc = "Which cases every alert must have: one that fires and one that stays silent, one"
                    + " that fires, or none.", byDefault = "fire-and-silent")
            dev.spawn.monitoring.rules.Coverage coverage,
            @Key(value = "mutation", doc = "What a mutant of a rule (threshold 10% off, > for >=, a matcher dropped, for halved"
                    + " or doubled) that none of its cases tells apart is: a warning, or an error that fails spawn:check.",
                    byDefault = "warn")
            dev.spawn.monitoring.rules.Mutation mutation,
            @Key(value = "custom", doc = "Alerts of your own, each proven by its tests.") List<CustomRuleSpec> custom,
            @Key(value = "groups", doc = "Rule groups of your own as Prometheus writes them (recording rules too), written"
                    + " to alerts/groups.yaml; an alert may carry promtool cases under tests:.")
            List<RuleGroupSpec> groups,
            @Key(value = "<rule name>", doc = "Changes to the default rule of that name.", rest = true)
            Map<String, RuleOverrideSpec> overrides) {
    }

    /** {@code rules.<name>}: changes to one default rule. */
    record RuleOverrideSpec(
            @Key(value = "threshold", doc = "The rule's threshold parameter.") Double threshold,
            @Key(value = "parameters", doc = "Other parameters by name: a number, or a duration such as 12h.")
            Map<String, Object> parameters,
            @Key(value = "for", doc = "How long the condition must hold before the alert fires.") Duration forDuration,
            @Key(value = "severity", doc = "The severity label.") Severity severity,
            @Key(value = "labels", doc = "Extra labels.", labelNames = true) Map<String, String> labels,
            @Key(value = "annotations", doc = "Extra or replaced annotations.") Map<String, String> annotations,
            @Key(value = "runbook_url", doc = "The runbook_url annotation.") String runbookUrl,
            @Key(value = "enabled", doc = "false leaves the rule out.", byDefault = "true") Boolean enabled,
            @Key(value = "tier", doc = TIER_DOC) ScaleOut.Tier tier) {
    }

    /** {@code rules.custom[]}: an alert of the user's own. */
    record CustomRuleSpec(
            @Key(value = "name", doc = "The alert name (CamelCase).", required = true) String name,
            @Key(value = "expr", doc = "The PromQL expression.", required = true) String expr,
            @Key(value = "for", doc = "How long the condition must hold before the alert fires.") Duration forDuration,
            @Key(value = "severity", doc = "The severity label.", byDefault = "warning") Severity severity,
            @Key(value = "labels", doc = "Labels of the alert.", labelNames = true) Map<String, String> labels,
            @Key(value = "annotations", doc = "Annotations of the alert.") Map<String, String> annotations,
            @Key(value = "tests", doc = "promtool cases that prove the rule: one that fires, one that stays silent.")
            List<RuleTestSpec> tests,
            @Key(value = "tier", doc = TIER_DOC) ScaleOut.Tier tier) {
    }

    /** {@code rules.groups[]}: a rule group as Prometheus' rule files write it. */
    record RuleGroupSpec(
            @Key(value = "name", doc = "The group name, unique in the bundle.", required = true) String name,
            @Key(value = "interval", doc = "How often the group's rules are evaluated.",
                    byDefault = "global.evaluation_interval") Duration interval,
            @Key(value = "limit", doc = "At most this many alerts (or series) a rule may produce; 0 is no limit.",
                    byDefault = "0", min = 0) Integer limit,
            @Key(value = "rules", doc = "The group's alerting and recording rules.", required = true)
            List<GroupRuleSpec> rules) {
    }

    /** {@code rules.groups[].rules[]}: an alerting rule ({@code alert}) or a recording rule ({@code record}). */
    record GroupRuleSpec(
            @Key(value = "alert", doc = "The alert's name (alerting rule).") String alert,
            @Key(value = "record", doc = "The series' name (recording rule).") String record,
            @Key(value = "expr", doc = "The PromQL expression.", required = true) String expr,
            @Key(value = "for", doc = "How long the condition must hold before the alert fires.", byDefault = "0s")
            Duration forDuration,
            @Key(value = "keep_firing_for", doc = "How long the alert keeps firing after the condition cleared.",
                    byDefault = "0s") Duration keepFiringFor,
            @Key(value = "labels", doc = "Labels added or overwritten.", labelNames = true) Map<String, String> labels,
            @Key(value = "annotations", doc = "Annotations of the alert.") Map<String, String> annotations,
            @Key(value = "tests", doc = "promtool cases of the alert (spawn's addition): one that fires, one that stays silent.")
            List<RuleTestSpec> tests,
            @Key(value = "tier", doc = TIER_DOC + " (spawn's addition)") ScaleOut.Tier tier) {
    }

    /** A promtool case of a custom rule. */
    record RuleTestSpec(
            @Key(value = "name", doc = "What the case shows.", required = true) String name,
            @Key(value = "at", doc = "Evaluation time, e.g. 10m.", required = true) Duration at,
            @Key(value = "input", doc = "Input series.") List<InputSeriesSpec> input,
            @Key(value = "alerts", doc = "Expected alerts at that time; none means the rule stays silent.")
            List<ExpectedAlertSpec> alerts) {
    }

    record InputSeriesSpec(
            @Key(value = "series", doc = "The series in PromQL selector form.", required = true) String series,
            @Key(value = "values", doc = "Values in promtool's expanding notation, e.g. 0+10x20.", required = true) String values,
            @Key(value = "copies", doc = "How many copies of the series, told apart by a copy label.", min = 1) Integer copies) {
    }

    record ExpectedAlertSpec(
            @Key(value = "labels", doc = "The labels of the expected alert (besides alertname).", labelNames = true)
            Map<String, String> labels,
            @Key(value = "value", doc = "The expected $value, when it matters.") String value) {
    }

    /**
     * {@code alertmanager:}: alertmanager.yml's own sections (declared on the model's records) beside the
     * spawn shorthands {@code webhook_url}, {@code routes} and the one-config receiver keys.
     */
    record AlertmanagerSpec(
            @Key(value = "webhook_url", doc = "The spawn webhook bridge the default routes send to.") String webhookUrl,
            @Key(value = "global", doc = "Alertmanager's global block, merged key by key onto the default (resolve_timeout: 5m).")
            AlertmanagerGlobal global,
            @Key(value = "templates", doc = "Files notification templates are read from.") List<String> templates,
            @Key(value = "route", doc = "The root route; setting it replaces the default routing tree.") Route route,
            @Key(value = "routes", doc = "Shorthand: routes placed before the root route's children (the default"
                    + " per-severity routes unless route is set).")
            List<Route> routes,
            @Key(value = "receivers", doc = "Receivers besides the spawn webhook (one of the same name replaces it).")
            List<ReceiverSpec> receivers,
            @Key(value = "inhibit_rules", doc = "Inhibition rules; setting them replaces the default severity inhibitions.")
            List<InhibitRule> inhibitRules,
            @Key(value = "mute_time_intervals", doc = "Deprecated: use time_intervals.") List<TimeInterval> muteTimeIntervals,
            @Key(value = "time_intervals", doc = "Named time intervals for mute_time_intervals/active_time_intervals.")
            List<TimeInterval> timeIntervals,
            @Key(value = "tests", doc = "Routing tests spawn:check runs: alerts firing together, and the receivers each reaches"
                    + " or that it is inhibited.")
            List<RoutingTestSpec> tests) {
    }

    /** {@code alertmanager.receivers[]}: a receiver as alertmanager.yml writes it, plus one-config shorthands. */
    record ReceiverSpec(
            @Key(value = "", inline = true, doc = "The receiver.") Receiver receiver,
            @Key(value = "webhook", doc = "Shorthand: one webhook.") WebhookSpec webhook,
            @Key(value = "slack", doc = "Shorthand: one Slack channel.") SlackSpec slack,
            @Key(value = "pagerduty", doc = "Shorthand: one PagerDuty service.") PagerdutySpec pagerduty,
            @Key(value = "sns", doc = "Shorthand: one AWS SNS topic.") SnsSpec sns,
            @Key(value = "email", doc = "Shorthand: one e-mail address.") EmailSpec email) {
    }

    record WebhookSpec(
            @Key(value = "url", doc = "The webhook URL.", required = true) String url,
            @Key(value = "send_resolved", doc = "Whether resolved alerts are sent.", byDefault = "true") Boolean sendResolved,
            @Key(value = "max_alerts", doc = "Maximum alerts per message; 0 means all.", min = 0) Integer maxAlerts) {
    }

    record SlackSpec(
            @Key(value = "channel", doc = "The channel or user.", required = true) String channel,
            @Key(value = "api_url", file = "api_url_file", doc = "The Slack webhook URL, preferably by file.")
            dev.spawn.monitoring.model.Secret apiUrl,
            @Key(value = "send_resolved", doc = "Whether resolved alerts are sent.", byDefault = "true") Boolean sendResolved) {
    }

    record PagerdutySpec(
            @Key(value = "routing_key", file = "routing_key_file", doc = "The Events API v2 integration key, preferably by file.",
                    required = true)
            dev.spawn.monitoring.model.Secret routingKey,
            @Key(value = "send_resolved", doc = "Whether resolved alerts are sent.", byDefault = "true") Boolean sendResolved) {
    }

    record SnsSpec(
            @Key(value = "topic_arn", doc = "The SNS topic ARN.", required = true) String topicArn,
            @Key(value = "region", doc = "The AWS region.") String region,
            @Key(value = "send_resolved", doc = "Whether resolved alerts are sent.", byDefault = "true") Boolean sendResolved) {
    }

    record EmailSpec(
            @Key(value = "to", doc = "The e-mail address to send to.", required = true) String to,
            @Key(value = "from", doc = "The sender address.") String from,
            @Key(value = "smarthost", doc = "The SMTP host, host:port.") String smarthost,
            @Key(value = "auth_username", doc = "SMTP user name.") String authUsername,
            @Key(value = "auth_password", file = "auth_password_file", doc = "SMTP password, preferably by file.")
            dev.spawn.monitoring.model.Secret authPassword,
            @Key(value = "send_resolved", doc = "Whether resolved alerts are sent.", byDefault = "false") Boolean sendResolved) {
    }
}
