/**
 * Generated systemd units of the bundle.
 *
 * <p>Internal: used by other packages of spawn-monitoring, not part of its API.
 */
@Internal
package dev.spawn.monitoring.deploy;

import dev.spawn.monitoring.model.decl.Internal;
