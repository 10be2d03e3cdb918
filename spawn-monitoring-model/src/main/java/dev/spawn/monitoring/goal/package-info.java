/**
 * What each goal of the Maven plugin and command of the {@code spawn-monitoring} CLI does, as one library call:
 * {@link dev.spawn.monitoring.goal.Generation} ({@code generate}), {@link dev.spawn.monitoring.goal.DriftCheck}
 * ({@code check}), {@link dev.spawn.monitoring.goal.Linting} ({@code lint}), each reporting
 * {@link dev.spawn.monitoring.goal.Message}s. It sits on top: it reads the spec, builds the bundle, checks and
 * writes it; nothing below depends on it.
 */
package dev.spawn.monitoring.goal;
