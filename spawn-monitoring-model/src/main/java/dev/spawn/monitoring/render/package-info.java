/**
 * Rendering of the model to YAML trees and bytes; the bundle hands out the rendered files.
 *
 * <p>Internal: used by other packages of spawn-monitoring, not part of its API.
 */
@Internal
package dev.spawn.monitoring.render;

import dev.spawn.monitoring.model.decl.Internal;
