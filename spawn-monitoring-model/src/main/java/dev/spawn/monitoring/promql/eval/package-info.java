/**
 * PromQL evaluated in the JVM, as Prometheus 2.42's engine evaluates a rule at one instant: {@link
 * dev.spawn.monitoring.promql.eval.Engine} over the samples of a {@link dev.spawn.monitoring.promql.eval.Storage},
 * and {@link dev.spawn.monitoring.promql.eval.Templates} for the alert templates. What it does not implement it
 * refuses with {@link dev.spawn.monitoring.promql.eval.Unsupported}, never with a guess: the caller then asks
 * promtool. It is the fast path of mutation testing; promtool stays the gate.
 */
@Internal
package dev.spawn.monitoring.promql.eval;

import dev.spawn.monitoring.model.decl.Internal;
