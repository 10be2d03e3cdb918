package dev.spawn.monitoring.model.decl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares one YAML key of a configuration section on the record component that holds it. This is
 * the only place a key is written down: the spec reader, the renderer, the JSON Schema and the
 * import derive name, type, order (the component order, which follows the upstream docs), default,
 * description, secret file twin and bounds from it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Key {

    /** The YAML name; ignored for {@link #inline()} sections and for lists of {@link Variant}s. */
    String value();

    /** One line for editors and docs. */
    String doc();

    /** The upstream default, as the upstream docs write it ("" when there is none or it depends). */
    String byDefault() default "";

    /**
     * Given with no value ({@code regex:} or {@code regex: null}), the key is its type's empty value ("", false,
     * an empty list), not absent (nor missing, when required): upstream sets its defaults before Go's yaml.v2 reads the mapping, and yaml.v2 writes the zero
     * value over them for a null. For an enumeration, which has no empty value, a null is an error.
     */
    boolean nullIsEmpty() default false;

    /** For a {@code Secret}: the key of its file form ({@code password_file}); "" when the tool version has none. */
    String file() default "";

    boolean required() default false;

    /** A nested section whose keys sit in this mapping (Go's {@code yaml:",inline"}, e.g. the HTTP client settings). */
    boolean inline() default false;

    /**
     * For a {@code Map<String, X>}: the section's undeclared keys, each read as an X (the rule names under
     * {@code rules:}). The key's {@link #value()} names them in docs ({@code <rule name>}).
     */
    boolean rest() default false;

    /** Inclusive bounds of a number. */
    double min() default Double.NEGATIVE_INFINITY;

    double max() default Double.POSITIVE_INFINITY;

    /** The values a string may take (empty: any). */
    String[] oneOf() default {};

    /** For a map: its keys are label names ({@code [a-zA-Z_][a-zA-Z0-9_]*}), checked at each key. */
    boolean labelNames() default false;

    /**
     * For a map: its values are regular expressions (Alertmanager's {@code match_re}). A value left out ({@code label:}
     * or {@code label: null}) is refused, as Alertmanager refuses it; {@code ''} is the empty regex. In other maps a
     * value left out is the empty string, as yaml.v2 reads it.
     */
    boolean regexValues() default false;

    /** A regular expression a string must match in full (empty: any), with {@link #expected()} saying it in words. */
    String pattern() default "";

    String expected() default "";

    /**
     * Keys of the same mapping (an inline section's included) that this key can stand for: given it, they are not
     * required (a remote-write {@code preset} makes the {@code url} of Amazon Managed Prometheus itself).
     */
    String[] supplies() default {};
}
