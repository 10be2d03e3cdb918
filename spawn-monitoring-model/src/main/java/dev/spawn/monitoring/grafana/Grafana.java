package dev.spawn.monitoring.grafana;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spawn.monitoring.render.YamlOutput;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Grafana part of a bundle: the dashboards ({@code grafana/dashboards/<name>.json}) and the
 * provisioning that makes Grafana load them, a Prometheus data source at {@code prometheusUrl}
 * ({@code grafana/provisioning/datasources/spawn.yaml}) and a file provider reading the dashboards
 * from {@code dashboardsPath} on the Grafana host ({@code grafana/provisioning/dashboards/spawn.yaml}).
 */
public record Grafana(List<Dashboard> dashboards, String prometheusUrl, String dashboardsPath) {

    public static final String DATASOURCE_FILE = "grafana/provisioning/datasources/spawn.yaml";
    public static final String PROVIDER_FILE = "grafana/provisioning/dashboards/spawn.yaml";
    /** The provisioned data source's uid, the default of every dashboard's {@code $datasource}. */
    public static final String DATASOURCE_UID = "spawn-prometheus";
    /** Where the provider looks for the dashboards unless told otherwise: copy {@code grafana/dashboards/} there. */
    public static final String DEFAULT_DASHBOARDS_PATH = "/var/lib/grafana/dashboards/spawn";

    public Grafana {
        dashboards = List.copyOf(dashboards);
        Objects.requireNonNull(prometheusUrl, "prometheusUrl");
        dashboardsPath = dashboardsPath == null ? DEFAULT_DASHBOARDS_PATH : dashboardsPath;
    }

    /**
     * The URL Grafana reaches Prometheus at, from its {@code --web.listen-address}: a wildcard or empty
     * host is this machine ({@code :9090} gives {@code http://localhost:9090}).
     */
    public static String prometheusUrl(String listenAddress) {
        String address = listenAddress == null || listenAddress.isEmpty() ? ":9090" : listenAddress;
        int colon = address.lastIndexOf(':');
        String host = colon < 0 ? address : address.substring(0, colon);
        String port = colon < 0 ? "9090" : address.substring(colon + 1);
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("[::]") || host.equals("::")) {
            host = "localhost";
        }
        return "http://" + host + ":" + port;
    }

    /** Dashboards and provisioning, by bundle path. */
    public SortedMap<String, byte[]> files(String source) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        for (Dashboard dashboard : dashboards) {
            files.put(dashboard.path(), DashboardJson.toBytes(dashboard, DATASOURCE_UID));
        }
        files.put(DATASOURCE_FILE, YamlOutput.toBytes(datasource(), source));
        files.put(PROVIDER_FILE, YamlOutput.toBytes(provider(), source));
        return files;
    }

    private ObjectNode datasource() {
        ObjectNode root = YamlOutput.object();
        root.put("apiVersion", 1);
        ObjectNode ds = root.putArray("datasources").addObject();
        ds.put("name", "spawn-prometheus");
        ds.put("type", "prometheus");
        ds.put("uid", DATASOURCE_UID);
        ds.put("access", "proxy");
        ds.put("url", prometheusUrl);
        ds.put("isDefault", true);
        ds.put("editable", false);
        return root;
    }

    private ObjectNode provider() {
        ObjectNode root = YamlOutput.object();
        root.put("apiVersion", 1);
        ObjectNode p = root.putArray("providers").addObject();
        p.put("name", "spawn");
        p.put("folder", "spawn");
        p.put("type", "file");
        p.put("disableDeletion", true);
        p.put("allowUiUpdates", false);
        p.put("updateIntervalSeconds", 60);
        p.putObject("options").put("path", dashboardsPath).put("foldersFromFilesStructure", false);
        return root;
    }
}
