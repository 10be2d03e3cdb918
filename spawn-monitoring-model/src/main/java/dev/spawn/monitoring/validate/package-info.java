/**
 * Semantic checks of the model that span elements; SpawnMonitoring.build() runs them.
 *
 * <p>Internal: used by other packages of spawn-monitoring, not part of its API.
 */
@Internal
package dev.spawn.monitoring.validate;

import dev.spawn.monitoring.model.decl.Internal;
