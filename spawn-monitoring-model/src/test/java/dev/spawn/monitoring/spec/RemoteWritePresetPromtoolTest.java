package dev.spawn.monitoring.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.model.prometheus.RemoteWritePreset;
import dev.spawn.monitoring.model.prometheus.RemoteWritePreset.Kind;
import dev.spawn.monitoring.testing.Golden;
import dev.spawn.monitoring.testing.RealTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each preset's example (the one docs/remote-write-presets.md shows) in a whole generated prometheus.yaml, checked
 * by the real {@code promtool check config}; and the page is the generated one.
 */
class RemoteWritePresetPromtoolTest {

    private static final Path DOC = Path.of("..", "docs", "remote-write-presets.md");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void promtoolAcceptsThePresetsPrometheusYaml(Kind kind) throws Exception {
        RealTools.require(Tool.PROMTOOL);
        String spec = "apiVersion: spawn.dev/v1\n" + RemoteWritePresetDocs.example(kind);
        MonitoringBundle bundle = SpecReader.parse("spawn-monitoring.yaml", spec).build();
        bundle.writeTo(dir);
        // promtool reads the files a configuration names: the token file must be there, as on a server
        Files.createDirectories(dir.resolve("etc/prometheus"));
        Path yaml = dir.resolve(MonitoringBundle.PROMETHEUS_FILE);
        String text = Files.readString(yaml).replace("/etc/prometheus/", dir.resolve("etc/prometheus") + "/");
        Files.writeString(yaml, text);
        Files.writeString(dir.resolve("etc/prometheus/grafana-cloud-token"), "glc_loopback\n");

        Tool.Result result = Tool.PROMTOOL.run(dir, 60, "check", "config", MonitoringBundle.PROMETHEUS_FILE);

        assertThat(result.ok()).as("promtool check config:\n" + result.output() + "\n" + text).isTrue();
        assertThat(result.output()).contains("SUCCESS: " + MonitoringBundle.PROMETHEUS_FILE + " is valid prometheus config file");
        assertThat(text).contains(RemoteWritePresetDocs.rendered(RemoteWritePresetDocs.read(RemoteWritePresetDocs.example(kind)))
                .replace("/etc/prometheus/", dir.resolve("etc/prometheus") + "/"));
    }

    /** promtool's verdict is worth something: the same check refuses a preset expansion broken by hand. */
    @Test
    void promtoolRefusesSigv4WithBasicAuth() throws Exception {
        RealTools.require(Tool.PROMTOOL);
        Files.writeString(dir.resolve("prometheus.yaml"), RemoteWritePresetDocs.rendered(RemoteWritePresetDocs.read(
                RemoteWritePresetDocs.example(Kind.AMP))).replace("    sigv4:\n", "    basic_auth: {username: u, password: p}\n"
                + "    sigv4:\n"));
        Tool.Result result = Tool.PROMTOOL.run(dir, 60, "check", "config", "prometheus.yaml");
        assertThat(result.ok()).isFalse();
        assertThat(result.output()).contains("at most one of basic_auth, authorization, oauth2, & sigv4 must be configured");
    }

    @Test
    void theExamplesAreWhatTheJavaApiBuilds() {
        assertThat(RemoteWritePresetDocs.read(RemoteWritePresetDocs.example(Kind.MIMIR)))
                .containsExactly(RemoteWritePreset.mimir("spawn").builder(Kind.MIMIR.exampleUrl()).build());
        assertThat(RemoteWritePresetDocs.read(RemoteWritePresetDocs.example(Kind.AMP))).containsExactly(RemoteWritePreset.amp(
                "us-east-1", "ws-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d", "arn:aws:iam::123456789012:role/prometheus-remote-write")
                .builder(null).build());
    }

    @Test
    void checkedInPresetDocMatchesTheCode() {
        Golden.assertFileMatches(DOC, RemoteWritePresetDocs.render().getBytes(StandardCharsets.UTF_8));
    }
}
