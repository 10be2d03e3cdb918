package dev.spawn.monitoring.validate;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.prometheus.AlertmanagerEndpoint;
import dev.spawn.monitoring.model.prometheus.Discovery;
import dev.spawn.monitoring.model.prometheus.Ec2SdConfig;
import dev.spawn.monitoring.model.prometheus.FileSdConfig;
import dev.spawn.monitoring.model.prometheus.PrometheusConfig;
import dev.spawn.monitoring.model.prometheus.RemoteRead;
import dev.spawn.monitoring.model.prometheus.RemoteWrite;
import dev.spawn.monitoring.model.prometheus.ScrapeConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks of a {@link PrometheusConfig} that span elements (the records check themselves on
 * construction): unique job names, scrape timeouts within intervals, relative rule-file paths,
 * URLs that parse. Every problem is collected; nothing is thrown.
 */
public final class PrometheusValidator {

    private PrometheusValidator() {
    }

    public static List<Problem> validate(PrometheusConfig config) {
        List<Problem> problems = new ArrayList<>();
        Duration globalInterval = config.global().scrapeInterval();
        Duration globalTimeout = config.global().scrapeTimeout() == null
                ? min(Duration.ofSeconds(10), globalInterval) : config.global().scrapeTimeout();
        if (globalTimeout.compareTo(globalInterval) > 0) {
            problems.add(Problem.error("prometheus.global", "scrape_timeout " + globalTimeout
                    + " is longer than scrape_interval " + globalInterval + "; expected a timeout no longer than the interval"));
        }
        if (config.global().evaluationInterval().millis() == 0) {
            problems.add(Problem.error("prometheus.global", "evaluation_interval is 0; expected a positive duration such as 1m"));
        }
        Set<String> jobs = new HashSet<>();
        for (ScrapeConfig job : config.scrapeConfigs()) {
            String where = "prometheus.scrape_configs[" + job.jobName() + "]";
            if (!jobs.add(job.jobName())) {
                problems.add(Problem.error(where, "duplicate job_name '" + job.jobName() + "'; expected each scrape job to have its own name"));
            }
            Duration interval = job.scrapeInterval() == null ? globalInterval : job.scrapeInterval();
            Duration timeout = job.scrapeTimeout() == null ? min(globalTimeout, interval) : job.scrapeTimeout();
            if (timeout.compareTo(interval) > 0) {
                problems.add(Problem.error(where, "scrape_timeout " + timeout + " is longer than scrape_interval " + interval
                        + "; expected a timeout no longer than the interval"));
            }
            if (job.discovery().isEmpty()) {
                problems.add(Problem.warning(where, "has no discovery (ec2, file or static); it will scrape nothing"));
            }
            discovery(where, job.discovery(), problems);
        }
        for (String file : config.ruleFiles()) {
            relativePath("prometheus.rule_files", file, problems);
        }
        int i = 0;
        for (AlertmanagerEndpoint am : config.alerting().alertmanagers()) {
            discovery("prometheus.alerting.alertmanagers[" + i++ + "]", am.discovery(), problems);
        }
        for (RemoteWrite w : config.remoteWrite()) {
            url("prometheus.remote_write[" + (w.name() == null ? w.url() : w.name()) + "]", "url", w.url(), problems);
        }
        for (RemoteRead r : config.remoteRead()) {
            url("prometheus.remote_read[" + (r.name() == null ? r.url() : r.name()) + "]", "url", r.url(), problems);
        }
        return problems;
    }

    private static void discovery(String where, List<Discovery> discovery, List<Problem> problems) {
        for (Discovery d : discovery) {
            if (d instanceof Ec2SdConfig ec2 && ec2.endpoint() != null) {
                url(where + ".ec2_sd_configs[" + ec2.region() + "]", "endpoint", ec2.endpoint(), problems);
            } else if (d instanceof FileSdConfig file) {
                for (String f : file.files()) {
                    if (f.contains("..")) {
                        problems.add(Problem.error(where + ".file_sd_configs", "file pattern '" + f
                                + "' contains '..'; expected a path inside the Prometheus directory or an absolute path"));
                    }
                }
            }
        }
    }

    /** Rule files must stay inside the bundle: relative, no {@code ..}. */
    static void relativePath(String where, String path, List<Problem> problems) {
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
            problems.add(Problem.error(where, "rule file '" + path + "' is absolute; expected a path relative to prometheus.yaml"));
        } else if (List.of(path.split("/")).contains("..")) {
            problems.add(Problem.error(where, "rule file '" + path + "' contains '..'; expected a path inside the bundle"));
        } else if (path.isBlank()) {
            problems.add(Problem.error(where, "rule file path is empty"));
        }
    }

    /** An absolute http(s) URL with a host. */
    public static void url(String where, String field, String value, List<Problem> problems) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                problems.add(Problem.error(where, field + " '" + value + "' is not an absolute http(s) URL; expected e.g. https://host:port/path"));
            }
        } catch (URISyntaxException e) {
            problems.add(Problem.error(where, field + " '" + value + "' does not parse as a URL (" + e.getReason()
                    + "); expected e.g. https://host:port/path"));
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
