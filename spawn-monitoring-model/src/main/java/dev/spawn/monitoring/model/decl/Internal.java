package dev.spawn.monitoring.model.decl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type (or, on a package, every type of it) that is public only because other packages of spawn-monitoring
 * use it: it is not part of the API an embedding user calls, and it changes without notice. The API is what
 * {@code SpawnMonitoring}, {@code SpecReader}, {@code SpecImport} and the bundle hand out, and the model records.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.PACKAGE})
public @interface Internal {
}
