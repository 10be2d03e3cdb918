package dev.spawn.monitoring.e2e.harness;

import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.testing.RealTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Everything one scenario started: fakes in the JVM, real processes, and a temporary folder for
 * bundles, data and logs. {@link LoopbackStackExtension} hands one to each test, closes it after the test
 * whatever happened, and appends {@link #report()} (process logs, what the fakes saw) to a failure.
 */
public final class LoopbackStack implements AutoCloseable {

    private final Path root;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final List<Supplier<String>> reports = new ArrayList<>();
    private final List<WebhookSink> sinks = new ArrayList<>();
    private boolean failed;

    LoopbackStack() {
        try {
            root = Files.createTempDirectory("spawn-e2e-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    /** A folder under this stack's temporary root. */
    public Path dir(String name) {
        try {
            return Files.createDirectories(root.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FakeSpored spored(String instanceId) {
        FakeSpored spored = own(FakeSpored.start(instanceId));
        reports.add(() -> spored + "\n" + indent(spored.exposition()));
        return spored;
    }

    public WebhookSink webhook(String name) {
        WebhookSink sink = own(WebhookSink.start(name));
        sinks.add(sink);
        reports.add(sink::describe);
        return sink;
    }

    public FakeEc2Api ec2(FakeEc2Api.Instance... instances) {
        FakeEc2Api ec2 = own(FakeEc2Api.start(instances));
        reports.add(ec2::describe);
        return ec2;
    }

    /**
     * Starts Prometheus with {@code bundleDir/configFile} and {@code bundleDir/prometheus.flags} (if
     * the bundle has one) on {@code port}.
     */
    public PrometheusServer prometheus(String name, Path bundleDir, String configFile, int port, String... extraFlags) {
        return prometheus(name, bundleDir, configFile, port, PrometheusServer.Access.OPEN, extraFlags);
    }

    /** As above, reached and run as {@code access} says (basic auth, extra environment). */
    public PrometheusServer prometheus(String name, Path bundleDir, String configFile, int port, PrometheusServer.Access access,
            String... extraFlags) {
        Path binary = RealTools.require(Tool.PROMETHEUS);
        Path flags = bundleDir.resolve("prometheus.flags");
        PrometheusServer server = own(PrometheusServer.start(name, binary, bundleDir.resolve(configFile),
                Files.exists(flags) ? flags : null, port, dir(name), access, extraFlags));
        reports.add(() -> server.process().describe());
        return server;
    }

    /** Starts {@code tool} in a process folder of a scaled-out bundle with its generated flags, unchanged. */
    public PrometheusServer inFolder(Tool tool, String name, Path folder, int port) {
        return inFolder(tool, name, folder, port, new String[0]);
    }

    private PrometheusServer inFolder(Tool tool, String name, Path folder, int port, String... extraFlags) {
        PrometheusServer server = own(PrometheusServer.inFolder(name, RealTools.require(tool), folder, tool.command() + ".flags",
                port, extraFlags));
        reports.add(() -> server.process().describe());
        return server;
    }

    /**
     * Starts victoria-metrics in a process folder of a scaled-out bundle with its generated flags unchanged and one flag
     * of the test's own, {@link #VM_LATENCY_OFFSET}: by default victoria-metrics answers every query, vmalert's
     * included, as of 30s ago (-search.latencyOffset), which would put 30s into each step of a scenario that waits for
     * an alert or a sample. 5s still lies past the vmagents' 1s remote-write flushes, so no query sees a partial second.
     */
    public PrometheusServer victoriaMetrics(String name, Path folder, int port) {
        return inFolder(Tool.VICTORIA_METRICS, name, folder, port, "-search.latencyOffset=" + VM_LATENCY_OFFSET.toSeconds() + "s");
    }

    /** How far back victoria-metrics answers queries in these tests (see {@link #victoriaMetrics}). */
    public static final java.time.Duration VM_LATENCY_OFFSET = java.time.Duration.ofSeconds(5);

    /** Starts Alertmanager with {@code bundleDir/alertmanager.yaml} and {@code alertmanager.flags}. */
    public AlertmanagerServer alertmanager(String name, Path bundleDir, int port, int clusterPort, String... extraFlags) {
        Path binary = RealTools.require(Tool.ALERTMANAGER);
        Path flags = bundleDir.resolve("alertmanager.flags");
        AlertmanagerServer server = own(AlertmanagerServer.start(name, binary,
                bundleDir.resolve("alertmanager.yaml"), Files.exists(flags) ? flags : null, port, clusterPort, dir(name),
                extraFlags));
        reports.add(() -> server.process().describe());
        return server;
    }

    /** Closes {@code resource} with the stack (last started, first stopped). */
    public <T extends AutoCloseable> T own(T resource) {
        resources.push(resource);
        return resource;
    }

    /** Adds a line of context to a failure report. */
    public void report(Supplier<String> describer) {
        reports.add(describer);
    }

    /** Process logs and what each fake saw. */
    public String report() {
        StringBuilder out = new StringBuilder("==== end-to-end stack under ").append(root).append(" ====\n");
        for (Supplier<String> r : reports) {
            try {
                out.append(r.get());
            } catch (RuntimeException e) {
                out.append("(report failed: ").append(e).append(")");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** One line per webhook sink: how many notifications it got, firing and resolved. */
    public String notificationSummary() {
        return sinks.stream().map(s -> "sink '" + s.name() + "': " + s.notifications().size() + " notification(s) ("
                + s.notifications().stream().filter(n -> n.status().equals("firing")).count() + " firing, "
                + s.notifications().stream().filter(n -> n.status().equals("resolved")).count() + " resolved)")
                .collect(java.util.stream.Collectors.joining("; "));
    }

    void markFailed() {
        failed = true;
    }

    @Override
    public void close() {
        List<Exception> problems = new ArrayList<>();
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                problems.add(e);
            }
        }
        if (!failed) {
            // a failed run keeps its folder (bundles, data, full logs) for a look afterwards
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                problems.add(e);
            }
        }
        if (!problems.isEmpty()) {
            IllegalStateException e = new IllegalStateException("stopping the end-to-end stack failed");
            problems.forEach(e::addSuppressed);
            throw e;
        }
    }

    private static String indent(String text) {
        return text.lines().map(l -> "    " + l).reduce("", (a, b) -> a + b + "\n");
    }
}
