package dev.spawn.monitoring.e2e.harness;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for the real processes with a bounded deadline instead of fixed sleeps: a condition is
 * retried every {@link #STEP} until it holds or the deadline passes. Exceptions while polling
 * (a port not yet open, say) count as "not yet" and the last one is reported on timeout.
 */
public final class Poll {

    static final Duration STEP = Duration.ofMillis(200);

    private Poll() {
    }

    /** Returns the first present value of {@code probe}, or fails naming {@code what} after {@code timeout}. */
    public static <T> T value(String what, Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (true) {
            try {
                Optional<T> value = probe.get();
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError error = new AssertionError("timed out after " + timeout.toMillis() + "ms waiting for " + what
                        + (last == null ? "" : "; last error: " + last));
                if (last != null) {
                    error.initCause(last);
                }
                throw error;
            }
            pause(STEP);
        }
    }

    /** Waits until {@code condition} holds. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        value(what, timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /**
     * Checks that {@code condition} keeps holding for the whole of {@code period}: used to show that
     * something (a second notification) does <em>not</em> happen within a window long enough for it to.
     */
    public static void holdsFor(String what, Duration period, BooleanSupplier condition) {
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < end) {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("expected " + what + " to hold for " + period.toMillis() + "ms, but it stopped holding");
            }
            pause(STEP);
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while polling", e);
        }
    }
}
