/**
 * PromQL as Prometheus 2.42 reads it: {@link dev.spawn.monitoring.promql.PromQL} parses and
 * type-checks an expression into an {@link dev.spawn.monitoring.promql.Expr} tree whose nodes carry
 * their line:col, or reports every problem with Prometheus' own message; {@code Expr.print()} gives
 * the canonical text back; {@link dev.spawn.monitoring.promql.LabelFlow} says which labels an
 * expression's output series carry. The package depends on nothing else in the project.
 *
 * <p>Proof: {@code PromQLDifferentialTest} compares every verdict with the real {@code promtool check
 * rules} on a fixed corpus of about 12,000 expressions, {@code LabelFlowPromtoolTest} compares label
 * flow with what {@code promtool test rules} evaluates.
 *
 * <p>Known differences: columns count characters where Prometheus counts bytes (they differ after
 * non-ASCII text on the same line); an empty expression is "no expression found in input" where
 * promtool's rule file check says the field must be set.
 */
@Internal
package dev.spawn.monitoring.promql;

import dev.spawn.monitoring.model.decl.Internal;
