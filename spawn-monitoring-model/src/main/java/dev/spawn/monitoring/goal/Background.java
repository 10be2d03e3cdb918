package dev.spawn.monitoring.goal;

import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.model.decl.Internal;
import dev.spawn.monitoring.promql.PromQL;
import dev.spawn.monitoring.promql.eval.Engine;
import dev.spawn.monitoring.promql.eval.MemoryStorage;
import dev.spawn.monitoring.promql.eval.Templates;
import dev.spawn.monitoring.render.YamlOutput;
import dev.spawn.monitoring.rules.RuleCatalog;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * A goal's step run on another core while the goal goes on (the tools while the goal lints, say); {@link #join()}
 * gives its result, or throws its exception as it was thrown. A goal starts in a JVM that has not yet loaded our
 * classes (Maven's plugin realm is new each build), so independent steps side by side save that loading time.
 */
@Internal
public final class Background<T> {

    private final FutureTask<T> task;

    private Background(FutureTask<T> task) {
        this.task = task;
    }

    /** Starts {@code work} on a daemon thread named {@code name}. */
    public static <T> Background<T> start(String name, Supplier<T> work) {
        FutureTask<T> task = new FutureTask<>(work::get);
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return new Background<>(task);
    }

    /**
     * Starts what every goal needs whatever the spec says, while the spec is read: the rule catalog, the YAML writer and
     * reader, the alert templates (the build predicts the tests' annotations with them), and with {@code tools} the
     * versions of promtool and amtool (the keys of the result caches). Nothing here can fail a goal: what fails here
     * fails again, and is reported, where the goal uses it.
     */
    public static void warmUp(boolean tools) {
        warmUp(tools, false);
    }

    /** {@link #warmUp(boolean)} for a check, which with {@code tools} also runs mutants in the PromQL engine. */
    public static void warmUpForCheck(boolean tools) {
        warmUp(tools, tools);
    }

    private static void warmUp(boolean tools, boolean engine) {
        start("spawn-warm-up-catalog", () -> quietly(RuleCatalog::defaults));
        start("spawn-warm-up-writer", () -> {
            quietly(() -> YamlOutput.toBytes(YamlOutput.object().put("warm", "up").set("list", YamlOutput.array().add(1)), ""));
            // the YAML reader: checks read the generated test files back (coverage, test batches, mutants)
            quietly(() -> YamlOutput.parse("warm: [up, 1]\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            quietly(() -> Templates.expand("{{ $value | humanize }} on {{ $labels.instance_id }}", Map.of("instance_id", "i-1"),
                    1.5, Map.of(), ""));
            if (tools) {
                quietly(Tool.PROMTOOL::version);
                quietly(Tool.AMTOOL::version);
            }
            if (engine) {
                quietly(() -> new Engine(new MemoryStorage(List.of(), Long.MAX_VALUE), 60_000)
                        .eval(PromQL.parse("sum by (region) (rate(spawn_a{b!=\"c\"}[5m])) > 2 and spawn_b offset 1h == 1"), 3_600_000));
            }
            return null;
        });
    }

    private static Object quietly(Supplier<?> work) {
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            return null;
        }
    }

    /** The step's result; its unchecked exception or error as thrown, and any other wrapped in an unchecked one. */
    public T join() {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a step of the goal", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
