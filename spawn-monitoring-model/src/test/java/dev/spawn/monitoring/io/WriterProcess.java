package dev.spawn.monitoring.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A writer in its own JVM, for tests that kill it ({@code kill -9}) or race two of them:
 * {@code write <out> <A|B>} writes one of two large bundles; {@code hold <out> <millis>} holds the
 * folder's lock that long. Each prints a line when it starts its work and when it is done.
 */
public final class WriterProcess {

    private WriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[1]);
        switch (args[0]) {
            case "write" -> {
                SortedMap<String, byte[]> files = bundle(args[2]);
                System.out.println("writing");
                System.out.flush();
                BundleWriter.Result result = BundleWriter.write(files, out, d -> { }, Duration.ofSeconds(60));
                System.out.println("done " + result.generation());
            }
            case "hold" -> {
                try (OutputLock lock = OutputLock.acquire(out, Duration.ofSeconds(60))) {
                    System.out.println("locked");
                    System.out.flush();
                    Thread.sleep(Long.parseLong(args[2]));
                }
                System.out.println("done");
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /**
     * One of two bundles with many files (300 shared rule files with different bytes, 60 files only one
     * of them has, 100 HA replica configurations at the top level, half of them shared), so that a kill
     * can land anywhere in a long write and a mix of the two is easy to see.
     */
    static SortedMap<String, byte[]> bundle(String variant) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        String filler = "x".repeat(2000);
        for (int i = 0; i < 300; i++) {
            files.put("alerts/rules-" + i + ".yaml", bytes("# " + variant + " " + i + "\n" + filler));
        }
        for (int i = 0; i < 60; i++) {
            files.put(variant.equals("A") ? "alerts/only-a-" + i + ".yaml" : "tests/only-b-" + i + "-test.yaml",
                    bytes(variant + " only " + i));
        }
        int firstReplica = variant.equals("A") ? 0 : 50;
        for (int i = firstReplica; i < firstReplica + 100; i++) {
            files.put("prometheus-r" + i + ".yaml", bytes("replica " + i + " of " + variant));
        }
        files.put("prometheus.flags", bytes("--flags-of-" + variant));
        files.put("alertmanager.yaml", bytes("am " + variant));
        return files;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
