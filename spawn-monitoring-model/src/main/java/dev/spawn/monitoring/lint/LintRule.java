package dev.spawn.monitoring.lint;

import dev.spawn.monitoring.model.decl.Internal;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One rule as {@code spawn:lint} sees it: from a rule file (the bundle's own or any other), with where each
 * part of it is, the checks a {@code # spawn:ignore} comment silences on it, and the model element it comes
 * from ({@code custom rule X}, {@code rule X}) so that findings can be placed in the spec.
 *
 * @param forMillis the {@code for} duration, 0 when none
 */
@Internal
public record LintRule(String name, boolean alert, Spot nameAt, String expr, Spot exprAt, long forMillis,
        long intervalMillis, Map<String, String> labels, Map<String, Spot> labelAt, Map<String, String> annotations,
        Map<String, Spot> annotationAt, Set<String> ignored, String element) {

    public LintRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expr, "expr");
        labels = Map.copyOf(labels);
        labelAt = Map.copyOf(labelAt);
        annotations = Map.copyOf(annotations);
        annotationAt = Map.copyOf(annotationAt);
        ignored = Set.copyOf(ignored);
        element = element == null ? "" : element;
    }

    public LintRule withElement(String e) {
        return new LintRule(name, alert, nameAt, expr, exprAt, forMillis, intervalMillis, labels, labelAt, annotations,
                annotationAt, ignored, e);
    }
}
