package dev.spawn.monitoring.model.decl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the model's secret type: a key of that type is written inline under its name or as a path under its
 * {@code _file} twin ({@link Key#file()}), and never printed. {@link Section} knows secrets by this mark, so that the
 * declarations do not depend on the model they declare.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SecretType {
}
