package dev.spawn.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.HighAvailability;
import dev.spawn.monitoring.model.Matcher;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.model.alertmanager.Route;
import dev.spawn.monitoring.model.prometheus.PrometheusConfig;
import dev.spawn.monitoring.model.prometheus.RemoteWrite;
import dev.spawn.monitoring.model.prometheus.SpawnPrometheusDefaults;
import dev.spawn.monitoring.validate.PrometheusValidator;
import dev.spawn.monitoring.model.prometheus.ScrapeConfig;
import dev.spawn.monitoring.model.prometheus.StaticConfig;
import dev.spawn.monitoring.model.rules.AlertingRule;
import dev.spawn.monitoring.model.rules.RuleFile;
import dev.spawn.monitoring.model.rules.RuleGroup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each validation rule of the model rejects a bad bundle with a message naming the element. */
class BundleValidationTest {

    private static List<String> problems(SpawnMonitoring monitoring) {
        ValidationException e = catchThrowableOfType(ValidationException.class, monitoring::build);
        assertThat(e).as("build() should have thrown").isNotNull();
        return e.problems().stream().filter(Problem::isError).map(Problem::toString).toList();
    }

    @Test
    void rejectsDuplicateJobNames() {
        ScrapeConfig job = ScrapeConfig.builder("spawn-fleet").discovery(StaticConfig.of("localhost:1")).build();
        PrometheusConfig config = PrometheusConfig.builder().global(SpawnPrometheusDefaults.global())
                .ruleFiles(List.of()).scrapeConfigs(List.of(job, job)).remoteWrite(List.of()).remoteRead(List.of())
                .build();
        assertThat(PrometheusValidator.validate(config)).extracting(Problem::toString)
                .anyMatch(p -> p.contains("prometheus.scrape_configs[spawn-fleet]") && p.contains("duplicate job_name 'spawn-fleet'"));
    }

    @Test
    void rejectsASecondJobOfATakenNameInsteadOfDroppingOne() {
        assertThat(problems(SpawnMonitoring.defaults()
                .scrapeJob(ScrapeConfig.builder("prometheus").discovery(StaticConfig.of("localhost:9100")).build())))
                .anyMatch(p -> p.contains("prometheus.scrape_configs[prometheus]") && p.contains("duplicate job_name 'prometheus'"));
    }

    @Test
    void rejectsDuplicateRuleFiles() {
        assertThat(problems(SpawnMonitoring.defaults().ruleFile(new RuleFile("alerts/cost-alerts.yaml", List.of()))))
                .anyMatch(p -> p.contains("duplicate rule file 'alerts/cost-alerts.yaml'"));
    }

    @Test
    void rejectsRuleFilesAtTheBundlesOwnPaths() {
        for (String path : List.of(".spawn-monitoring-files", "..data/x.yaml", ".generations/a.yaml", ".spawn-monitoring.lock")) {
            assertThat(problems(SpawnMonitoring.defaults().ruleFile(new RuleFile(path, List.of()))))
                    .anyMatch(p -> p.contains("rule file '" + path + "' uses a name spawn-monitoring keeps for itself"));
        }
        for (String path : List.of("prometheus.flags", "alertmanager.yaml", "tests/x.yaml", "prometheus.yaml/x.yaml")) {
            assertThat(problems(SpawnMonitoring.defaults().ruleFile(new RuleFile(path, List.of()))))
                    .anyMatch(p -> p.contains("rule file '" + path + "' collides with the bundle's own "));
        }
        assertThat(problems(SpawnMonitoring.defaults().highAvailability(new HighAvailability(List.of("a", "b"), "replica", List.of(), List.of()))
                .ruleFile(new RuleFile("prometheus-a.yaml", List.of()))))
                .anyMatch(p -> p.contains("rule file 'prometheus-a.yaml' collides with the bundle's own prometheus-a.yaml"));
    }

    @Test
    void rejectsABadDurationNamingTheElement() {
        assertThat(problems(SpawnMonitoring.defaults().rule("HighCostInstance", r -> r.forDuration(Duration.parse("5 minutes")))))
                .anyMatch(p -> p.contains("rules.HighCostInstance") && p.contains("'5 minutes' is not a Prometheus duration"));
    }

    @Test
    void rejectsAnIllegalExternalLabelName() {
        assertThat(problems(SpawnMonitoring.defaults().externalLabel("bad-label", "x")))
                .anyMatch(p -> p.contains("prometheus.global") && p.contains("illegal label name 'bad-label'"));
    }

    @Test
    void rejectsARouteToAnUndefinedReceiver() {
        assertThat(problems(SpawnMonitoring.defaults().alertmanager(am -> am.route(
                Route.to("spawn-webhook").route(Route.to("pagerduty-oncall").matcher(Matcher.eq("severity", "critical")))))))
                .anyMatch(p -> p.contains("route receiver 'pagerduty-oncall' is not defined") && p.contains("spawn-webhook"));
    }

    @Test
    void rejectsDuplicateAlertNames() {
        AlertingRule copy = AlertingRule.builder("HighCostInstance", "vector(1)").labels(Map.of("severity", "warning"))
                .build();
        assertThat(problems(SpawnMonitoring.defaults().ruleFile(new RuleFile("alerts/mine.yaml",
                List.of(new RuleGroup("mine", null, List.of(copy)))))))
                .anyMatch(p -> p.contains("rules.HighCostInstance") && p.contains("duplicate alert name 'HighCostInstance'"));
    }

    @Test
    void rejectsRuleFilesOutsideTheBundle() {
        List<String> problems = problems(SpawnMonitoring.defaults()
                .ruleFile(new RuleFile("/etc/prometheus/rules.yaml", List.of()))
                .ruleFile(new RuleFile("../rules.yaml", List.of())));
        assertThat(problems).anyMatch(p -> p.contains("rule file '/etc/prometheus/rules.yaml' is absolute"));
        assertThat(problems).anyMatch(p -> p.contains("rule file '../rules.yaml' contains '..'"));
    }

    @Test
    void rejectsUrlsThatDoNotParse() {
        assertThat(problems(SpawnMonitoring.defaults().remoteWrite(RemoteWrite.to("not a url"))))
                .anyMatch(p -> p.contains("prometheus.remote_write[not a url]") && p.contains("url 'not a url'"));
    }

    @Test
    void rejectsAScrapeTimeoutLongerThanTheInterval() {
        assertThat(problems(SpawnMonitoring.defaults().scrapeJob("spawn-fleet",
                b -> b.scrapeInterval(Duration.ofSeconds(10)).scrapeTimeout(Duration.ofSeconds(30)))))
                .anyMatch(p -> p.contains("prometheus.scrape_configs[spawn-fleet]") && p.contains("scrape_timeout 30s is longer than scrape_interval 10s"));
    }

    @Test
    void reportsEveryProblemTogether() {
        List<String> problems = problems(SpawnMonitoring.defaults()
                .externalLabel("bad-label", "x")
                .remoteWrite(RemoteWrite.to("ftp://example.com"))
                .rule("NoSuchRule", r -> r.threshold(1))
                .alertmanager(am -> am.route(Route.to("nobody"))));
        assertThat(problems).hasSizeGreaterThanOrEqualTo(4);
        assertThat(problems).anyMatch(p -> p.contains("NoSuchRule"));
    }
}
