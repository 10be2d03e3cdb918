package dev.spawn.monitoring.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real writer processes ({@link WriterProcess}) killed with {@code kill -9} at many points of a large
 * write, and raced against each other: after each kill the folder holds exactly one whole generation,
 * the previous or the new one, and the next run leaves nothing of the killed one behind.
 */
// among the longest classes: started first. The thread that hands the classes out runs them from the last one back
// while the other threads take them from the first one on, so the last place also starts at once
@Order(Integer.MAX_VALUE)
class CrashConsistencyTest {

    /** Kill trials; {@code -Dspawn.killTrials=200} for a longer run ({@code -Dspawn.raceTrials} for the two-writer race). */
    private static final int TRIALS = Integer.getInteger("spawn.killTrials", 20);

    @TempDir
    Path root;

    @Test
    void aWriterKilledAtAnyPointLeavesOneWholeGeneration() throws Exception {
        Path out = root.resolve("out");
        Map<String, Map<String, String>> expected = Map.of("A", view(WriterProcess.bundle("A")), "B", view(WriterProcess.bundle("B")));
        BundleWriter.write(WriterProcess.bundle("A"), out, d -> { });
        String live = "A";

        // how long a write takes once the JVM is up, so that the kills spread over all of it
        long writeMillis = writeUnkilled(out, "B");
        live = "B";
        assertThat(OutputView.of(out)).isEqualTo(expected.get("B"));

        long seed = System.nanoTime();
        Random random = new Random(seed);
        int old = 0;
        int switched = 0;
        int leftovers = 0;
        int finished = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            String next = live.equals("A") ? "B" : "A";
            Process writer = start("write", out.toString(), next);
            awaitLine(writer, "writing");
            // up to twice the calibrated time: a write that first cleans a killed one's leftovers takes longer
            long delayMicros = (long) (random.nextDouble() * writeMillis * 2000);
            TimeUnit.MICROSECONDS.sleep(delayMicros);
            finished += writer.isAlive() ? 0 : 1;
            writer.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

            Map<String, String> seen = OutputView.of(out);
            assertThat(seen).as("trial %d (seed %d), killed %d us into the write: a whole generation", trial, seed, delayMicros)
                    .isIn(expected.get(live), expected.get(next));
            if (seen.equals(expected.get(next))) {
                switched++;
                live = next;
            } else {
                old++;
            }
            leftovers += leftovers(out) > 0 ? 1 : 0;
        }
        System.out.printf("kill -9 trials: %d (write %d ms, seed %d): %d left the previous generation, %d the new one"
                + " (%d of them had finished before the kill); %d left something for the next run to clean%n",
                TRIALS, writeMillis, seed, old, switched, finished, leftovers);
        assertThat(old).as("some kills land before the switch").isPositive();

        String next = live.equals("A") ? "B" : "A";
        BundleWriter.write(WriterProcess.bundle(next), out, d -> { });
        assertThat(OutputView.of(out)).isEqualTo(expected.get(next));
        assertThat(leftovers(out)).as("the next run cleans every leftover").isZero();
    }

    @Test
    void aSecondWriterWaitsThenFailsNamingTheHolder() throws Exception {
        Path out = root.resolve("out");
        Process holder = start("hold", out.toString(), "600000");
        awaitLine(holder, "locked");
        try {
            assertThatThrownBy(() -> BundleWriter.write(WriterProcess.bundle("A"), out, d -> { }, Duration.ofMillis(300)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is being written by another spawn-monitoring run (pid " + holder.pid())
                    .hasMessageContaining("waited 0s");
            assertThat(out.resolve(BundleWriter.DATA)).doesNotExist();
        } finally {
            holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // kill -9: the OS releases the lock
        }
        BundleWriter.write(WriterProcess.bundle("A"), out, d -> { }, Duration.ofSeconds(5));
        assertThat(OutputView.of(out)).isEqualTo(view(WriterProcess.bundle("A")));

        Process briefHolder = start("hold", out.toString(), "1500");
        awaitLine(briefHolder, "locked");
        long start = System.nanoTime();
        BundleWriter.write(WriterProcess.bundle("B"), out, d -> { }, Duration.ofSeconds(30));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("waited for the holder").isGreaterThan(500);
        assertThat(briefHolder.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(OutputView.of(out)).isEqualTo(view(WriterProcess.bundle("B")));
    }

    @Test
    void twoWritersStartedTogetherBothSucceedOneAfterTheOther() throws Exception {
        Path out = root.resolve("out");
        Map<String, Map<String, String>> expected = Map.of("A", view(WriterProcess.bundle("A")), "B", view(WriterProcess.bundle("B")));
        int trials = Integer.getInteger("spawn.raceTrials", 6);
        for (int trial = 0; trial < trials; trial++) {
            Process a = start("write", out.toString(), "A");
            Process b = start("write", out.toString(), "B");
            String lastA = lastLine(a);
            String lastB = lastLine(b);
            assertThat(a.waitFor()).as("writer A: %s", lastA).isZero();
            assertThat(b.waitFor()).as("writer B: %s", lastB).isZero();
            assertThat(OutputView.of(out)).isIn(expected.get("A"), expected.get("B"));
            assertThat(leftovers(out)).isZero();
        }
        System.out.printf("two writers at once: %d trials, each pair both succeeded, one whole generation after each%n", trials);
    }

    private long writeUnkilled(Path out, String variant) throws Exception {
        Process writer = start("write", out.toString(), variant);
        awaitLine(writer, "writing");
        long start = System.nanoTime();
        String done = lastLine(writer);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(writer.waitFor()).as(done).isZero();
        return Math.max(millis, 1);
    }

    /** Staging folders, generations other than the live one, temporary names and dangling links. */
    private static int leftovers(Path out) throws IOException {
        int count;
        try (Stream<Path> generations = Files.list(out.resolve(BundleWriter.GENERATIONS))) {
            count = (int) generations.count() - 1;
        }
        try (Stream<Path> top = Files.list(out)) {
            count += (int) top.filter(p -> p.getFileName().toString().endsWith(BundleWriter.TEMP_SUFFIX)
                    || Files.isSymbolicLink(p) && !Files.exists(p)).count();
        }
        return count;
    }

    /** The files of {@code bundle} as a reader of the written folder sees them (with the manifest). */
    private static Map<String, String> view(SortedMap<String, byte[]> bundle) {
        Map<String, String> view = new TreeMap<>();
        bundle.forEach((k, v) -> view.put(k, new String(v, StandardCharsets.UTF_8)));
        view.put(BundleWriter.MANIFEST, String.join("\n", bundle.keySet()) + "\n");
        return view;
    }

    private static Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                WriterProcess.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static void awaitLine(Process process, String expected) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = reader.readLine()) != null; ) {
            if (line.equals(expected)) {
                return;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the writer process ended before '" + expected + "':\n" + seen);
    }

    private static String lastLine(Process process) throws IOException {
        String all = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return all.substring(all.lastIndexOf('\n') + 1);
    }
}
