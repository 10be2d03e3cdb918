package dev.spawn.monitoring.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compares rendered output with a file under {@code src/test/resources/golden/}. A mismatch fails
 * with a line diff; running the tests with {@code -Dgolden.update=true} rewrites the file instead,
 * so the change shows up in {@code git diff} for review.
 */
public final class Golden {

    private static final Path DIR = Path.of("src", "test", "resources", "golden");

    private Golden() {
    }

    public static void assertMatches(String name, byte[] actual) {
        assertFileMatches(DIR.resolve(name), actual);
    }

    /** As {@link #assertMatches(String, byte[])} for a committed file elsewhere (the generated JSON Schema). */
    public static void assertFileMatches(Path file, byte[] actual) {
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(file.getParent());
                Files.write(file, actual);
                return;
            }
            if (!Files.exists(file)) {
                fail("golden file " + file + " does not exist; run the tests with -Dgolden.update=true to create it");
            }
            byte[] expected = Files.readAllBytes(file);
            if (!Arrays.equals(expected, actual)) {
                fail("output differs from golden file " + file + " (-expected +actual); if the change is intended,"
                        + " run the tests with -Dgolden.update=true and review git diff\n"
                        + diff(lines(expected), lines(actual)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(byte[] bytes) {
        return List.of(new String(bytes, StandardCharsets.UTF_8).split("\n", -1));
    }

    /** A plain longest-common-subsequence line diff; golden files are small. */
    static String diff(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                out.add("  " + a.get(i++));
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add("- " + a.get(i++));
            } else {
                out.add("+ " + b.get(j++));
            }
        }
        return String.join("\n", out);
    }
}
