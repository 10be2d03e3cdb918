package dev.spawn.monitoring.check;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs tasks that wait for tool processes side by side, at most {@code threads} at once, and gives their results
 * in the tasks' order; the first task's exception is thrown as it was (an unchecked one), the rest are cancelled.
 */
final class SideBySide {

    private SideBySide() {
    }

    /** {@code task} started now on a thread of its own (a daemon: it never holds the JVM), to be awaited with {@link #result}. */
    static <T> Future<T> started(Callable<T> task, String what) {
        java.util.concurrent.FutureTask<T> future = new java.util.concurrent.FutureTask<>(task);
        Thread thread = new Thread(future, "spawn-" + what.replace(' ', '-'));
        thread.setDaemon(true);
        thread.start();
        return future;
    }

    /** The result of a task {@link #started}: its exception thrown as it was (an unchecked one); cancelled if interrupted. */
    static <T> T result(Future<T> future, String what) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + what, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    static <T> List<T> all(int threads, List<Callable<T>> tasks, String what) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.size()));
        try {
            List<Future<T>> futures = new ArrayList<>();
            tasks.forEach(t -> futures.add(pool.submit(t)));
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + what, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
