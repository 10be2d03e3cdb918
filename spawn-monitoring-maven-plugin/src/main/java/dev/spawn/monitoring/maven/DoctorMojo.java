package dev.spawn.monitoring.maven;

import dev.spawn.monitoring.doctor.Doctor;
import dev.spawn.monitoring.doctor.Expected;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import java.net.URI;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Asks the live Prometheus and Alertmanager what is wrong ({@link Doctor}) and logs one finding a line:
 * configuration loaded that differs from the spec's bundle, jobs without targets, targets down, rule
 * groups failing or slow, no Alertmanager, cluster or receivers in trouble, the webhook bridge not
 * answering. Fails when any finding is an error. Without a POM it compares with no bundle unless a spec
 * is found at the default path.
 */
@Mojo(name = "doctor", threadSafe = true, requiresProject = false)
public class DoctorMojo extends AbstractSpawnMojo {

    /** The Prometheus to ask, such as {@code http://localhost:9090}. */
    @Parameter(property = "spawn.prometheus")
    protected String prometheus;

    /** The Alertmanager to ask, such as {@code http://localhost:9093}. */
    @Parameter(property = "spawn.alertmanager")
    protected String alertmanager;

    @Override
    protected void process() throws MojoFailureException {
        URI prometheusUrl;
        URI alertmanagerUrl;
        try {
            prometheusUrl = Doctor.serverUrl("spawn.prometheus", prometheus, "http://localhost:9090");
            alertmanagerUrl = Doctor.serverUrl("spawn.alertmanager", alertmanager, "http://localhost:9093");
        } catch (ValidationException e) {
            throw failure(e, "in the servers to ask");
        }
        if (prometheusUrl == null && alertmanagerUrl == null) {
            throw new MojoFailureException("nothing to ask: set -Dspawn.prometheus=http://localhost:9090 and/or"
                    + " -Dspawn.alertmanager=http://localhost:9093");
        }
        Expected expected = basedir != null || specFile().exists() ? Expected.of(buildBundle()) : null;
        List<Problem> findings = Doctor.examine(prometheusUrl, alertmanagerUrl, expected);
        log(Doctor.messages(findings));
        long errors = findings.stream().filter(Problem::isError).count();
        if (errors > 0) {
            throw new MojoFailureException(errors + (errors == 1 ? " error" : " errors") + " found on the live servers"
                    + " (see the findings above)");
        }
    }
}
