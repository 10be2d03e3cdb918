package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.LabelName;
import dev.spawn.monitoring.model.Re2;
import dev.spawn.monitoring.model.decl.Key;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code <relabel_config>} with every action Prometheus 2.42 knows. Absent fields take Prometheus'
 * defaults (separator {@code ;}, regex {@code (.*)}, replacement {@code $1}, action replace) and are
 * not rendered.
 */
public record RelabelConfig(
        @Key(value = "source_labels", doc = "Labels whose values are concatenated with the separator and matched against regex.")
        List<String> sourceLabels,
        @Key(value = "separator", doc = "Separator placed between concatenated source label values.", byDefault = ";", nullIsEmpty = true)
        String separator,
        @Key(value = "target_label", doc = "Label to which the resulting value is written in a replace action.")
        String targetLabel,
        @Key(value = "regex", doc = "RE2 regular expression against which the extracted value is matched (anchored).",
                byDefault = "(.*)", nullIsEmpty = true)
        String regex,
        @Key(value = "modulus", doc = "Modulus to take of the hash of the source label values (hashmod).", min = 1)
        Integer modulus,
        @Key(value = "replacement", doc = "Replacement value for a regex replace; $1 and ${name} refer to groups.",
                byDefault = "$1", nullIsEmpty = true)
        String replacement,
        @Key(value = "action", doc = "Action to perform based on regex matching.", byDefault = "replace", nullIsEmpty = true)
        Action action) {

    /** Relabel actions; {@link #id()} is the YAML spelling. */
    public enum Action {
        REPLACE, KEEP, DROP, KEEPEQUAL, DROPEQUAL, HASHMOD, LABELMAP, LABELDROP, LABELKEEP, LOWERCASE, UPPERCASE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Action fromId(String id) {
            for (Action a : values()) {
                if (a.id().equals(id)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("unknown relabel action '" + id + "'; expected one of replace, keep, drop,"
                    + " keepequal, dropequal, hashmod, labelmap, labeldrop, labelkeep, lowercase, uppercase");
        }
    }

    public RelabelConfig {
        sourceLabels = List.copyOf(sourceLabels == null ? List.of() : sourceLabels);
        for (String s : sourceLabels) {
            if (!LabelName.isLegalIncludingReserved(s)) {
                throw new IllegalArgumentException(LabelName.describeIllegal(s, "relabel source_labels").replace(" not starting with '__'", ""));
            }
        }
        Action effective = action == null ? Action.REPLACE : action;
        if (regex != null) {
            Re2.compileAnchored(regex, "relabel regex");
        }
        if (effective == Action.HASHMOD && (modulus == null || modulus <= 0)) {
            throw new IllegalArgumentException("relabel action hashmod needs a positive modulus");
        }
        boolean needsTarget = effective == Action.REPLACE || effective == Action.HASHMOD || effective == Action.LOWERCASE
                || effective == Action.UPPERCASE || effective == Action.KEEPEQUAL || effective == Action.DROPEQUAL;
        if (needsTarget && targetLabel == null) {
            throw new IllegalArgumentException("relabel action " + effective.id() + " needs a target_label");
        }
        if (targetLabel != null && effective != Action.REPLACE && !LabelName.isLegalIncludingReserved(targetLabel)) {
            throw new IllegalArgumentException(LabelName.describeIllegal(targetLabel, "relabel target_label"));
        }
        if (targetLabel != null && effective == Action.REPLACE && !targetLabel.contains("$")
                && !LabelName.isLegalIncludingReserved(targetLabel)) {
            throw new IllegalArgumentException(LabelName.describeIllegal(targetLabel, "relabel target_label"));
        }
        onlyTheKeysOf(effective, sourceLabels, separator, targetLabel, regex, modulus, replacement);
        Objects.requireNonNull(effective);
    }

    /**
     * The keys an action does not use, which Prometheus 2.42 refuses rather than ignores: lowercase, uppercase,
     * keepequal and dropequal take no replacement (the equal ones no regex, separator or modulus either), labeldrop
     * and labelkeep only a regex; labelmap's replacement must name labels.
     */
    private static void onlyTheKeysOf(Action action, List<String> sourceLabels, String separator, String targetLabel,
            String regex, Integer modulus, String replacement) {
        List<String> extra = new java.util.ArrayList<>();
        boolean equal = action == Action.KEEPEQUAL || action == Action.DROPEQUAL;
        boolean labels = action == Action.LABELDROP || action == Action.LABELKEEP;
        if (labels && !sourceLabels.isEmpty()) {
            extra.add("source_labels");
        }
        if ((equal || labels) && separator != null && !separator.equals(";")) {
            extra.add("separator");
        }
        if (labels && targetLabel != null) {
            extra.add("target_label");
        }
        if (equal && regex != null && !regex.equals("(.*)")) {
            extra.add("regex");
        }
        if ((equal || labels) && modulus != null && modulus != 0) {
            extra.add("modulus");
        }
        boolean noReplacement = equal || labels || action == Action.LOWERCASE || action == Action.UPPERCASE;
        if (noReplacement && replacement != null && !replacement.equals("$1")) {
            extra.add("replacement");
        }
        if (!extra.isEmpty()) {
            throw new IllegalArgumentException("relabel action " + action.id() + " takes no " + String.join(", ", extra)
                    + "; expected only " + (labels ? "regex" : equal ? "source_labels and target_label"
                            : "source_labels, separator, regex and target_label"));
        }
        if (action == Action.LABELMAP && replacement != null && !LABELMAP_REPLACEMENT.matcher(replacement).matches()) {
            throw new IllegalArgumentException("relabel action labelmap has replacement '" + replacement + "', which does"
                    + " not name labels; expected label name characters and $1 or ${name} references");
        }
    }

    /** Prometheus' {@code relabelTarget}: what a labelmap replacement may be. */
    private static final java.util.regex.Pattern LABELMAP_REPLACEMENT =
            java.util.regex.Pattern.compile("^(?:(?:[a-zA-Z_]|\\$(?:\\{\\w+\\}|\\w+))+\\w*)+$");

    /** {@code source_labels -> target_label} copied unchanged (action replace). */
    public static RelabelConfig copy(String sourceLabel, String targetLabel) {
        return RelabelConfig.builder().sourceLabels(List.of(sourceLabel)).targetLabel(targetLabel).build();
    }

    /** {@code source_labels} matched against {@code regex}, {@code replacement} written to {@code target_label}. */
    public static RelabelConfig replace(List<String> sourceLabels, String regex, String targetLabel, String replacement) {
        return RelabelConfig.builder().sourceLabels(sourceLabels).targetLabel(targetLabel).regex(regex)
                .replacement(replacement).build();
    }

    /** Keep only targets whose source label values match {@code regex}. */
    public static RelabelConfig keep(List<String> sourceLabels, String regex) {
        return RelabelConfig.builder().sourceLabels(sourceLabels).regex(regex).action(Action.KEEP).build();
    }

    /** Drop series or targets whose source label values match {@code regex}. */
    public static RelabelConfig drop(List<String> sourceLabels, String regex) {
        return RelabelConfig.builder().sourceLabels(sourceLabels).regex(regex).action(Action.DROP).build();
    }

    /** Drop every label whose name matches {@code regex}. */
    public static RelabelConfig labelDrop(String regex) {
        return RelabelConfig.builder().regex(regex).action(Action.LABELDROP).build();
    }

    /** A builder with every part unset (null, or empty). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this RelabelConfig's parts, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.sourceLabels = sourceLabels;
        b.separator = separator;
        b.targetLabel = targetLabel;
        b.regex = regex;
        b.modulus = modulus;
        b.replacement = replacement;
        b.action = action;
        return b;
    }

    /** Fluent construction of a {@link RelabelConfig}; {@link #build()} checks the record's invariants. */
    public static final class Builder {
        private List<String> sourceLabels;
        private String separator;
        private String targetLabel;
        private String regex;
        private Integer modulus;
        private String replacement;
        private Action action;

        private Builder() {
        }

        public Builder sourceLabels(List<String> value) {
            this.sourceLabels = value;
            return this;
        }

        public Builder separator(String value) {
            this.separator = value;
            return this;
        }

        public Builder targetLabel(String value) {
            this.targetLabel = value;
            return this;
        }

        public Builder regex(String value) {
            this.regex = value;
            return this;
        }

        public Builder modulus(Integer value) {
            this.modulus = value;
            return this;
        }

        public Builder replacement(String value) {
            this.replacement = value;
            return this;
        }

        public Builder action(Action value) {
            this.action = value;
            return this;
        }

        public RelabelConfig build() {
            return new RelabelConfig(sourceLabels, separator, targetLabel, regex, modulus, replacement, action);
        }
    }
}
