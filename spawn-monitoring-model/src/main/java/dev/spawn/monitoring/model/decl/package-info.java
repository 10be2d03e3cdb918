/**
 * The declaration of spec keys on model records ({@code @Key}, {@code @Variant}) and what reads it ({@code Section}):
 * the spec reader, the renderer, the JSON schema and the import derive from it.
 *
 * <p>Internal: used by other packages of spawn-monitoring, not part of its API.
 */
@Internal
package dev.spawn.monitoring.model.decl;

