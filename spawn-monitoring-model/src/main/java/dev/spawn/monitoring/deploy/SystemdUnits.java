package dev.spawn.monitoring.deploy;

import dev.spawn.monitoring.render.YamlOutput;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The systemd units that run a bundle on a monitoring server, as the Debian packages lay it out:
 * the bundle copied to {@value #BUNDLE_DIRECTORY}, Prometheus and Alertmanager started with its
 * configuration and its flags files (one flag a line, split by the shell), a reload that runs only
 * after {@code promtool}/{@code amtool} accepted the files, and {@code spawn-targets.timer}, which
 * refreshes the file-discovery targets from {@code spawn list --json} every minute with
 * {@code spawn-monitoring targets}. Install with {@code cp systemd/* /etc/systemd/system/}; the
 * unit names are those of the Debian packages, so these replace the packaged ones.
 */
public final class SystemdUnits {

    /** Where the units expect the bundle on the server. */
    public static final String BUNDLE_DIRECTORY = "/etc/spawn-monitoring";
    /** Where the units expect the launcher ({@code bin/spawn-monitoring} of this repository). */
    public static final String COMMAND = "/usr/local/bin/spawn-monitoring";
    /** The bundle folder the units are written to. */
    public static final String FOLDER = "systemd/";

    private SystemdUnits() {
    }

    /**
     * The unit files by bundle path: {@code systemd/prometheus.service} (or {@code prometheus@.service},
     * one instance per HA replica, {@code systemctl enable prometheus@a}), {@code prometheus-alertmanager.service},
     * {@code spawn-targets.service} and {@code .timer}. {@code ec2Regions} are the regions of the
     * {@code spawn-ec2} job (their instances are left to it), none when the bundle has no such job.
     */
    public static SortedMap<String, byte[]> files(String source, List<String> haReplicas, List<String> ec2Regions) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        String header = YamlOutput.header(source);
        if (haReplicas.isEmpty()) {
            // prometheus.flags names prometheus.yaml itself (relative to the working directory, the bundle)
            files.put(FOLDER + "prometheus.service", bytes(header + server("Prometheus for the spawn fleet", PROMETHEUS_DOCS,
                    "/usr/bin/prometheus", BUNDLE_DIRECTORY, "prometheus.flags",
                    "promtool check config " + BUNDLE_DIRECTORY + "/prometheus.yaml")));
        } else {
            files.put(FOLDER + "prometheus@.service", bytes(header + prometheus("prometheus-%i.yaml", " (replica %i)")));
        }
        files.put(FOLDER + "prometheus-alertmanager.service", bytes(header + alertmanager()));
        files.put(FOLDER + "spawn-targets.service", bytes(header + targetsService(ec2Regions)));
        files.put(FOLDER + "spawn-targets.timer", bytes(header + targetsTimer()));
        return files;
    }

    private static String prometheus(String configFile, String replica) {
        String config = BUNDLE_DIRECTORY + "/" + configFile;
        return server("Prometheus for the spawn fleet" + replica, PROMETHEUS_DOCS, "/usr/bin/prometheus --config.file=" + config,
                BUNDLE_DIRECTORY, "prometheus.flags", "promtool check config " + config);
    }

    private static String alertmanager() {
        String config = BUNDLE_DIRECTORY + "/alertmanager.yaml";
        // alertmanager.flags names alertmanager.yaml itself (relative to the working directory, the bundle)
        return server("Alertmanager for the spawn fleet", "https://prometheus.io/docs/alerting/latest/alertmanager/",
                "/usr/bin/prometheus-alertmanager", BUNDLE_DIRECTORY, "alertmanager.flags", "amtool check-config " + config);
    }

    public static final String PROMETHEUS_DOCS = "https://prometheus.io/docs/prometheus/latest/";

    /**
     * The unit of one process of a scaled-out bundle ({@code shard-0/}, {@code global/}, ...): started in its
     * folder of the bundle on the server with {@code binary $(cat flagsFile)}, the flags naming everything
     * else relative to that folder; reloaded after {@code check} (run in the folder) accepted its files ({@code check}
     * null: a server configured by flags alone, with nothing to reload).
     */
    public static byte[] process(String source, String description, String documentation, String folder, String binary,
            String flagsFile, String check) {
        return bytes(YamlOutput.header(source) + server(description, documentation, "/usr/bin/" + binary,
                BUNDLE_DIRECTORY + "/" + folder, flagsFile, check));
    }

    /**
     * A server started in {@code workDir} with its flags file there (one flag a line without spaces, so the shell
     * makes them arguments), reloaded only after {@code check} accepted the files: SIGHUP is what
     * {@code POST /-/reload} does.
     */
    private static String server(String description, String documentation, String command, String workDir, String flagsFile,
            String check) {
        return """
                [Unit]
                Description=%s
                Documentation=%s
                Wants=network-online.target
                After=network-online.target

                [Service]
                User=prometheus
                WorkingDirectory=%s
                # %s holds one flag a line without spaces: the shell makes them arguments
                ExecStart=/bin/sh -c 'exec %s $$(cat %s/%s)'
                %sRestart=on-failure

                [Install]
                WantedBy=multi-user.target
                """.formatted(description, documentation, workDir, flagsFile, command, workDir, flagsFile, reload(check));
    }

    /** The reload lines: {@code check} first, then SIGHUP; none for a server with nothing to reload ({@code check} null). */
    private static String reload(String check) {
        if (check == null) {
            return "";
        }
        return """
                # reload only what %s accepts; SIGHUP is what POST /-/reload does
                ExecReload=/usr/bin/%s
                ExecReload=/bin/kill -HUP $MAINPID
                """.formatted(check.substring(0, check.indexOf(' ')), check);
    }

    private static String targetsService(List<String> ec2Regions) {
        String split = ec2Regions.isEmpty() ? "--include-ec2"
                : "--ec2-regions=" + String.join(",", ec2Regions);
        return """
                [Unit]
                Description=Refresh the spawn fleet's file-discovery targets from spawn list --json
                Wants=network-online.target
                After=network-online.target

                [Service]
                Type=oneshot
                User=prometheus
                # spawn list needs AWS credentials this user can read (e.g. Environment=AWS_PROFILE=...).
                # A failed or bad listing exits non-zero and leaves the previous targets file in place.
                ExecStart=/bin/sh -c 'spawn list --json | exec %s targets --inventory - --output %s %s'
                """.formatted(COMMAND, BUNDLE_DIRECTORY, split);
    }

    private static String targetsTimer() {
        return """
                [Unit]
                Description=Refresh the spawn fleet's file-discovery targets every minute

                [Timer]
                OnCalendar=minutely
                AccuracySec=1s

                [Install]
                WantedBy=timers.target
                """;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
