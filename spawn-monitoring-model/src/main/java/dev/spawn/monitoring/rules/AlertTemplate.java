package dev.spawn.monitoring.rules;

import dev.spawn.monitoring.promql.eval.Templates;
import dev.spawn.monitoring.promql.eval.Unsupported;
import java.util.Map;

/**
 * What Prometheus makes of an annotation template for an expected alert, so that generated promtool tests can list
 * the exact {@code exp_annotations}: the alert templates as {@link Templates} evaluates them (Prometheus 2.42's, held
 * to promtool by their differential test), with the case's labels and value, no external labels and no external URL
 * (a promtool test group without them).
 */
final class AlertTemplate {

    private AlertTemplate() {
    }

    /**
     * The expanded text; {@code value} may be null when the template does not print it. Throws
     * {@link IllegalArgumentException} for a template the evaluator does not implement.
     */
    static String expand(String template, Map<String, String> labels, Double value) {
        if (value == null && (template.contains("$value") || template.contains(".Value"))) {
            throw new IllegalArgumentException("the annotation prints $value, so the expected alert needs a value");
        }
        try {
            return Templates.expand(template, labels, value == null ? 0 : value, Map.of(), "");
        } catch (Unsupported e) {
            throw new IllegalArgumentException("cannot predict the template: " + e.getMessage()
                    + " is not evaluated here; generated tests understand Prometheus' alert templates without queries");
        }
    }
}
