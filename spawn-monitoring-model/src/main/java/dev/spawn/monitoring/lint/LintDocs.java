package dev.spawn.monitoring.lint;

/** docs/lint.md: every check with its default severity and what it finds, from {@link Check}. */
final class LintDocs {

    private LintDocs() {
    }

    public static String render() {
        StringBuilder out = new StringBuilder();
        out.append("# spawn:lint checks\n\n")
                .append("<!-- Generated from dev.spawn.monitoring.lint.Check. Do not edit: run the model tests with"
                        + " -Dgolden.update=true. -->\n\n")
                .append("`mvn spawn:lint` (and `spawn-monitoring lint`) checks rules offline against the metric catalog,"
                        + " the scrape configuration and the Alertmanager routing; `spawn:generate` and `spawn:check` run it"
                        + " too and fail on an error. Each finding is one line:\n\n")
                .append("```\nFILE:LINE:COL: error|warning: CHECK: message\n```\n\n")
                .append("followed by `lint: N errors, M warnings`. A finding about a rule or route the spec wrote points"
                        + " into the spec; one about a rule file given with `-Dspawn.lint.files` points into that file.\n\n")
                .append("| check | default | finds |\n|---|---|---|\n");
        for (Check c : Check.values()) {
            out.append("| `").append(c.id()).append("` | ").append(c.defaultSeverity().id()).append(" | ")
                    .append(c.description().replace("|", "\\|")).append(" |\n");
        }
        out.append("\n## Changing a check\n\n")
                .append("In the spec, per check: `error`, `warning` or `off`.\n\n")
                .append("```yaml\nlint:\n  checks:\n    counter/raw: error\n    style/name: off\n```\n\n")
                .append("On one rule, a comment on the line before it or on any of its lines silences checks there:\n\n")
                .append("```yaml\n  # spawn:ignore alert/always-fires\n  - alert: Watchdog\n    expr: vector(1)\n```\n\n")
                .append("## Metrics beyond spored's\n\n")
                .append("Metrics of the `spawn_` namespace are checked against the catalog (rule-definitions/metrics.yaml);"
                        + " other namespaces are left alone until the spec declares a metric of theirs, after which the"
                        + " namespace is checked like spored's:\n\n")
                .append("```yaml\nmetrics:\n  - name: node_filesystem_avail_bytes\n    type: gauge\n"
                        + "    labels: [device, fstype, mountpoint]\n    min: 0\n```\n");
        return out.toString();
    }
}
