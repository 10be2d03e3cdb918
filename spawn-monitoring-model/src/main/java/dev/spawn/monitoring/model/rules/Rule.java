package dev.spawn.monitoring.model.rules;

/** An entry of a Prometheus rule group: an alerting or a recording rule. */
public sealed interface Rule permits AlertingRule, RecordingRule {

    /** The alert name or the recorded metric name. */
    String name();

    String expr();
}
