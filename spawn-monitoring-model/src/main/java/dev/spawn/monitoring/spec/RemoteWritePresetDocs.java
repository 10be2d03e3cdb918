package dev.spawn.monitoring.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.model.decl.Section;
import dev.spawn.monitoring.model.prometheus.RemoteWrite;
import dev.spawn.monitoring.model.prometheus.RemoteWritePreset;
import dev.spawn.monitoring.model.prometheus.RemoteWritePreset.Kind;
import dev.spawn.monitoring.render.SectionRenderer;
import dev.spawn.monitoring.render.YamlOutput;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code docs/remote-write-presets.md}: each preset with its parameters (their declared docs), an example as the
 * spec writes it and the {@code remote_write} that example becomes, read by the spec reader and rendered as
 * prometheus.yaml has it, so the page cannot drift from the code.
 */
final class RemoteWritePresetDocs {

    /** How each preset is proven, for the page. */
    private static final String PROOF = "`RemoteWritePresetPromtoolTest` runs `promtool check config` on each example's"
            + " prometheus.yaml; `RemoteWritePresetsTest` (spawn-monitoring-e2e) has a real Prometheus send with each preset"
            + " on loopback.";

    /** Debian's Prometheus package drops two remote-write features without a word: seen in RemoteWritePresetsTest. */
    private static final String DEBIAN = "Debian's `prometheus` 2.42.0+ds package sends neither remote_write `headers` nor"
            + " sigv4 signatures (it accepts the keys and leaves them out of every request), so `thanos` and `mimir` lose their"
            + " tenant and `amp` its signature there: run an upstream Prometheus release with these presets.";

    /** What {@code RemoteWritePresetsTest} shows of {@code kind}, and what it cannot. */
    private static String proof(Kind kind) {
        return switch (kind) {
            case THANOS, MIMIR -> "On loopback: the samples reach a receiving Prometheus (which ignores the tenant) through a"
                    + " gateway on the preset's path, which records the tenant header an upstream Prometheus sends (Debian's"
                    + " sends none, above). No Thanos or Mimir runs here.";
            case AMP -> "Checked by promtool only as generated: AWS is not reachable from the tests. On loopback, with the url"
                    + " replaced by a gateway's and fake static credentials, the samples arrive and an upstream Prometheus"
                    + " signs each request `AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/aps/aws4_request`; whether AWS"
                    + " accepts the signature and the role is not proven.";
            case GRAFANA_CLOUD -> "Proven on loopback: a receiving Prometheus that demands basic auth (web config"
                    + " `basic_auth_users`) stores the samples sent with the token from `password_file`, and refuses (401) the"
                    + " same preset with another token file.";
            case VICTORIAMETRICS -> "Proven on loopback against a real `victoria-metrics`, which stores the samples.";
        };
    }

    private RemoteWritePresetDocs() {
    }

    /** The example of {@code kind} as a spec's {@code remote_write:} writes it. */
    public static String example(Kind kind) {
        RemoteWritePreset preset = switch (kind) {
            case THANOS -> RemoteWritePreset.thanos("spawn");
            case MIMIR -> RemoteWritePreset.mimir("spawn");
            case AMP -> RemoteWritePreset.amp("us-east-1", "ws-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d",
                    "arn:aws:iam::123456789012:role/prometheus-remote-write");
            case GRAFANA_CLOUD -> RemoteWritePreset.grafanaCloud("1234567", "/etc/prometheus/grafana-cloud-token");
            case VICTORIAMETRICS -> RemoteWritePreset.victoriaMetrics();
        };
        RemoteWrite url = kind.exampleUrl() == null ? null : RemoteWrite.to(kind.exampleUrl());
        ObjectNode item = SectionRenderer.render(new SpecDocument.RemoteWriteSpec(preset, url));
        ObjectNode spec = YamlOutput.object();
        spec.putArray("remote_write").add(item);
        return body(spec);
    }

    /** The remote writes the spec text {@code remoteWrite} (a {@code remote_write:} block) is read as. */
    public static List<RemoteWrite> read(String remoteWrite) {
        try {
            return SpecReader.parse("example.yaml", "apiVersion: " + SpecReader.API_VERSION + "\n" + remoteWrite).monitoring()
                    .build().prometheus().remoteWrite();
        } catch (ValidationException e) {
            throw new IllegalStateException("a preset example does not read: " + e.getMessage(), e);
        }
    }

    /** {@code remote_write:} with {@code writes}, as prometheus.yaml writes it. */
    public static String rendered(List<RemoteWrite> writes) {
        ObjectNode config = YamlOutput.object();
        writes.forEach(w -> config.withArray("remote_write").add(SectionRenderer.render(w)));
        return body(config);
    }

    private static String body(ObjectNode tree) {
        String text = new String(YamlOutput.toBytes(tree, null), StandardCharsets.UTF_8);
        return text.substring(text.indexOf('\n') + 1);
    }

    public static String render() {
        StringBuilder out = new StringBuilder();
        out.append("# Remote-write presets\n\n")
                .append("Generated from the code (`RemoteWritePresetDocs`); `mvn test -Dgolden.update=true` rewrites it.\n\n")
                .append("A `remote_write` item with `preset:` expands to the ordinary remote_write keys the engine needs, the\n")
                .append("ones you could have written by hand: a url without a path gets the engine's write path, the preset's\n")
                .append("parameters become headers, sigv4 or basic_auth. Keys written beside a preset replace its own (`headers`\n")
                .append("merge by header name), so `queue_config`, `write_relabel_configs`, `name`, `tls_config` and the rest are\n")
                .append("written as always. A missing parameter, a parameter of another preset, an inline password and an\n")
                .append("unknown preset are errors at their line and column, all in one run; a url whose path is not the engine's\n")
                .append("is a warning (a proxy may have its own). Scaled out (`scale_out:`, engine prometheus), the spec's remote\n")
                .append("writes are the global tier's. ").append(PROOF).append("\n\n").append(DEBIAN).append("\n\n")
                .append("| preset | engine | write path | parameters |\n|---|---|---|---|\n");
        for (Kind kind : Kind.values()) {
            out.append("| `").append(kind.id()).append("` | ").append(kind.engine()).append(" | `").append(kind.path())
                    .append("` | ").append(kind.parameters().isEmpty() ? "none" : String.join(", ",
                            kind.parameters().stream().map(p -> "`" + p + "`").toList()))
                    .append(" |\n");
        }
        for (Kind kind : Kind.values()) {
            out.append("\n## ").append(kind.id()).append(": ").append(kind.engine()).append("\n\n");
            for (Section.Field f : Section.of(RemoteWritePreset.class).keys()) {
                if (kind.parameters().contains(f.name())) {
                    out.append("- `").append(f.name()).append("`: ").append(f.key().doc()).append('\n');
                }
            }
            if (kind.parameters().isEmpty()) {
                out.append("- no parameters: the preset gives the url its path.\n");
            }
            String example = example(kind);
            out.append('\n').append(proof(kind)).append('\n');
            out.append("\nThe spec:\n\n```yaml\n").append(example).append("```\n\nprometheus.yaml:\n\n```yaml\n")
                    .append(rendered(read(example))).append("```\n");
        }
        return out.toString();
    }
}
