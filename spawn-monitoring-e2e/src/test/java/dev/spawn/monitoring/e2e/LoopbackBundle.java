package dev.spawn.monitoring.e2e;

import dev.spawn.monitoring.SpawnMonitoring;
import dev.spawn.monitoring.e2e.harness.FakeEc2Api;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.Secret;
import dev.spawn.monitoring.model.alertmanager.Route;
import dev.spawn.monitoring.model.alertmanager.SpawnAlertmanagerDefaults;
import dev.spawn.monitoring.model.prometheus.Ec2SdConfig;
import dev.spawn.monitoring.model.prometheus.FileSdConfig;
import dev.spawn.monitoring.model.prometheus.ScrapeConfig;
import dev.spawn.monitoring.model.prometheus.SpawnPrometheusDefaults;
import dev.spawn.monitoring.model.prometheus.StaticConfig;
import dev.spawn.monitoring.model.rules.Category;
import java.util.List;

/**
 * The spawn defaults moved onto loopback and sped up to seconds, all through the library's API:
 * 1s scrape and evaluation (every rule group too), file discovery refreshed every second,
 * Alertmanager grouping after 1s, Prometheus scraping itself at its real address, alerts sent to the
 * test's Alertmanager(s), and the {@code spawn-ec2} job either removed or pointed at a fake EC2 API.
 */
final class LoopbackBundle {

    static final Duration SECOND = Duration.ofSeconds(1);
    /** The source named in the generated files' header when a test builds through the API. */
    static final String SOURCE = "spawn-monitoring-e2e";

    private LoopbackBundle() {
    }

    /** A model duration, for tests that also use {@code java.time.Duration} for their deadlines. */
    static Duration seconds(long value) {
        return Duration.ofSeconds(value);
    }

    /** The spawn defaults for a Prometheus at {@code prometheusAddress} sending to {@code alertmanagers}. */
    static SpawnMonitoring defaults(String prometheusAddress, String... alertmanagers) {
        return everyRuleGroupEverySecond(onLoopback(SpawnMonitoring.defaults().source(SOURCE), prometheusAddress, alertmanagers));
    }

    /**
     * The loopback changes applied to {@code monitoring}, which may be the builder a spec file gave
     * ({@code SpecReader.read(path).monitoring()}): 1s scrape and global evaluation, fleet
     * discovery from {@code targets/*.json} every second, no EC2 job, and the default root route with
     * 1s grouping; the spec's rules are left alone.
     */
    static SpawnMonitoring onLoopback(SpawnMonitoring monitoring, String prometheusAddress, String... alertmanagers) {
        return monitoring.intervals(SECOND, SECOND)
                .replaceScrapeJob(ScrapeConfig.builder("prometheus").discovery(StaticConfig.of(prometheusAddress)).build())
                .scrapeJob(SpawnPrometheusDefaults.FLEET_JOB, job -> job.replaceDiscovery(
                        List.of(new FileSdConfig(List.of(SpawnPrometheusDefaults.TARGETS_GLOB), SECOND))))
                // EC2 discovery would ask AWS: a test that wants it points it at a fake with ec2Job(...)
                .removeScrapeJob(SpawnPrometheusDefaults.EC2_JOB)
                .alertmanagerTargets(alertmanagers)
                .alertmanager(am -> am.route(route()));
    }

    /**
     * Every category's rule group evaluated each second, so alerts fire within a test's timeout. The
     * generated promtool tests do not survive this (their input series step follows the group
     * interval), so a bundle written with {@code writeChecked} must not use it.
     */
    static SpawnMonitoring everyRuleGroupEverySecond(SpawnMonitoring monitoring) {
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
     * The generated {@code spawn-ec2} job for spored on {@code exporterPort}, asking {@code ec2}
     * instead of AWS (fake static credentials), refreshed every second.
     */
    static ScrapeConfig ec2Job(FakeEc2Api ec2, int exporterPort) {
        ScrapeConfig generated = SpawnPrometheusDefaults.ec2(List.of("us-east-1"), exporterPort);
        Ec2SdConfig defaults = (Ec2SdConfig) generated.discovery().get(0);
        Ec2SdConfig fake = defaults.toBuilder().endpoint(ec2.endpoint()).refreshInterval(SECOND)
                .staticCredentials("AKIAE2EFAKEFAKEFAKE0", Secret.inline("fake-secret-for-loopback")).build();
        return generated.toBuilder().replaceDiscovery(List.of(fake)).build();
    }
}
