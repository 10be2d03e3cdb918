package dev.spawn.monitoring.check;

import dev.spawn.monitoring.grafana.Grafana;
import dev.spawn.monitoring.model.HighAvailability;
import dev.spawn.monitoring.model.decl.Internal;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerConfig;
import dev.spawn.monitoring.model.alertmanager.RoutingTest;
import dev.spawn.monitoring.model.prometheus.PrometheusConfig;
import dev.spawn.monitoring.model.rules.RuleFile;
import dev.spawn.monitoring.rules.Mutation;
import dev.spawn.monitoring.scale.ScaleOutBundle;
import java.util.List;
import java.util.SortedMap;

/**
 * What the checks read of a generated bundle ({@code MonitoringBundle} is one): its models, rule files and their
 * generated tests, and the names of its files. The checks take the bundle as a value through this view, so that
 * checking uses the bundle and the bundle's package is not needed to check one.
 */
@Internal
public interface BundleContents {

    String PROMETHEUS_FILE = "prometheus.yaml";
    String PROMETHEUS_FLAGS = "prometheus.flags";
    String ALERTMANAGER_FILE = "alertmanager.yaml";
    String ALERTMANAGER_FLAGS = "alertmanager.flags";

    PrometheusConfig prometheus();

    /** The Prometheus configuration files: one, one per HA replica, or one per scale-out process. */
    List<String> prometheusConfigFiles();

    List<RuleFile> ruleFiles();

    /** The generated promtool test files, and the rule copies they load, by path. */
    SortedMap<String, byte[]> ruleTests();

    /** The promtool test files among {@link #ruleTests()} (the rest are the rule copies they load). */
    SortedMap<String, byte[]> ruleTestFiles();

    AlertmanagerConfig alertmanager();

    /** Null without replicas. */
    HighAvailability highAvailability();

    /** Null when Grafana is turned off. */
    Grafana grafana();

    Mutation mutation();

    List<RoutingTest> routingTests();

    /** Null without {@code scale_out}. */
    ScaleOutBundle scaleOut();

    /** Every file of the bundle, by path relative to its root, as the tools see it when it is written. */
    SortedMap<String, byte[]> files();
}
