package dev.spawn.monitoring.model.decl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a record that implements a sealed interface: the YAML list its instances are written under
 * ({@code ec2_sd_configs}, {@code slack_configs}). A component of type {@code List<TheInterface>}
 * then reads and writes one list per variant, in the order the interface permits them.
 * An {@link #opaque()} variant takes every remaining key matching {@link #value()} as a glob
 * ({@code *_sd_configs}) and keeps its entries as plain maps for the tool to check.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Variant {

    String value();

    String doc();

    boolean opaque() default false;
}
