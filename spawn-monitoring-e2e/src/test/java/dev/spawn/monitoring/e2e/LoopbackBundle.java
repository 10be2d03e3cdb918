package dev.spawn.monitoring.e2e;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.e2e.harness.FakeEc2Api;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.Secret;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerConfig;
import dev.spawn.monitoring.model.alertmanager.Receiver;
import dev.spawn.monitoring.model.alertmanager.ReceiverConfig;
import dev.spawn.monitoring.model.alertmanager.Route;
import dev.spawn.monitoring.model.alertmanager.SpawnAlertmanagerDefaults;
import dev.spawn.monitoring.model.alertmanager.WebhookConfig;
import dev.spawn.monitoring.model.prometheus.Ec2SdConfig;
import dev.spawn.monitoring.model.prometheus.FileSdConfig;
import dev.spawn.monitoring.model.prometheus.RelabelConfig;
import dev.spawn.monitoring.model.prometheus.ScrapeConfig;
import dev.spawn.monitoring.model.prometheus.SpawnPrometheusDefaults;
import dev.spawn.monitoring.model.prometheus.StaticConfig;
import dev.spawn.monitoring.model.rules.Category;
import dev.spawn.monitoring.validate.AlertmanagerValidator;
import java.util.List;

/**
 * The spawn defaults moved onto loopback and sped up to seconds, all through the library's API:
 * 1s scrape and evaluation (every rule group too), file discovery refreshed every second,
 * Alertmanager grouping after 1s, Prometheus scraping itself at its real address, alerts sent to the
 * test's Alertmanager(s), and the {@code spawn-ec2} job either removed or pointed at a fake EC2 API.
 */
final class LoopbackBundle {

    static final Duration SECOND = Duration.ofSeconds(1);

    private LoopbackBundle() {
    }

    /** A model duration, for tests that also use {@code java.time.Duration} for their deadlines. */
    static Duration seconds(long value) {
        return Duration.ofSeconds(value);
    }

    /** The spawn defaults for a Prometheus at {@code prometheusAddress} sending to {@code alertmanagers}. */
    static SpawnMonitoring defaults(String prometheusAddress, String... alertmanagers) {
        SpawnMonitoring monitoring = SpawnMonitoring.defaults()
                .source("spawn-monitoring-e2e")
                .intervals(SECOND, SECOND)
                .scrapeJob(ScrapeConfig.builder("prometheus").discovery(StaticConfig.of(prometheusAddress)).build())
                .scrapeJob(SpawnPrometheusDefaults.FLEET_JOB, job -> job.replaceDiscovery(
                        List.of(new FileSdConfig(List.of(SpawnPrometheusDefaults.TARGETS_GLOB), SECOND))))
                // EC2 discovery would ask AWS: a test that wants it points it at a fake with ec2Job(...)
                .removeScrapeJob(SpawnPrometheusDefaults.EC2_JOB)
                .alertmanagerTargets(alertmanagers)
                .alertmanager(am -> am.route(route()));
        for (Category category : Category.values()) {
            monitoring.ruleEvaluationInterval(category, SECOND);
        }
        return monitoring;
    }

    /** The default routing tree with group_wait and group_interval cut to 1s. */
    static Route route() {
        return SpawnAlertmanagerDefaults.config().route().toBuilder().groupWait(SECOND).groupInterval(SECOND).build();
    }

    /**
     * The generated {@code spawn-ec2} job, asking {@code ec2} instead of AWS (fake static credentials),
     * refreshed every second, with every generated relabelling kept except the port of the address:
     * the defaults write {@code <private_ip>:9090}, and the fake instances' spored listens on
     * {@code exporterPort} of 127.0.0.1.
     */
    static ScrapeConfig ec2Job(FakeEc2Api ec2, int exporterPort) {
        ScrapeConfig generated = SpawnPrometheusDefaults.ec2(List.of("us-east-1"));
        Ec2SdConfig defaults = (Ec2SdConfig) generated.discovery().get(0);
        Ec2SdConfig fake = new Ec2SdConfig(defaults.region(), ec2.endpoint(), exporterPort, SECOND, defaults.filters(),
                null, null, null, null).withStaticCredentials("AKIAE2EFAKEFAKEFAKE0", Secret.inline("fake-secret-for-loopback"));
        List<RelabelConfig> relabelling = generated.relabelConfigs().stream()
                .map(r -> "__address__".equals(r.targetLabel())
                        ? RelabelConfig.replace(r.sourceLabels(), r.regex(), r.targetLabel(), "$1:" + exporterPort)
                        : r)
                .toList();
        return new ScrapeConfig(generated.jobName(), null, null, null, null, null, null, List.of(fake), relabelling,
                generated.metricRelabelConfigs());
    }

    /**
     * The bundle with the webhook URL of receiver {@code name} replaced by {@code url}. The library has
     * no call that changes an existing receiver (the Alertmanager builder only adds), and the default
     * {@code spawn-webhook} points at localhost:8080, which a test cannot own; so the test copies the
     * generated configuration with only that URL changed, and validates the copy again.
     */
    static MonitoringBundle withWebhook(MonitoringBundle bundle, String name, String url) {
        AlertmanagerConfig am = bundle.alertmanager();
        if (am.receiver(name).isEmpty()) {
            throw new IllegalArgumentException("the bundle has no receiver '" + name + "'");
        }
        List<Receiver> receivers = am.receivers().stream().map(r -> !r.name().equals(name) ? r
                : new Receiver(name, r.configs().stream().map(c -> c instanceof WebhookConfig w
                        ? (ReceiverConfig) new WebhookConfig(w.sendResolved(), url, w.httpConfig(), w.maxAlerts()) : c)
                        .toList()))
                .toList();
        AlertmanagerConfig changed = new AlertmanagerConfig(am.global(), am.route(), receivers, am.inhibitRules(),
                am.timeIntervals(), am.templates());
        List<Problem> problems = AlertmanagerValidator.validate(changed).stream().filter(Problem::isError).toList();
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new MonitoringBundle(bundle.prometheus(), bundle.prometheusFlags(), bundle.ruleFiles(), bundle.ruleTests(),
                changed, bundle.alertmanagerFlags(), bundle.highAvailability(), bundle.source(), bundle.warnings());
    }
}
