package dev.spawn.monitoring.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.spawn.monitoring.check.Tool;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Tests that run the real Prometheus tools call {@link #require}. In CI ({@code CI=true}) a missing
 * tool fails the test with an install hint; on a developer machine without the tools it is skipped.
 */
public final class RealTools {

    private RealTools() {
    }

    public static Path require(Tool tool) {
        Optional<Path> path = tool.locate();
        if (path.isEmpty()) {
            String message = tool.command() + " is required by this test; " + tool.installHint();
            if (inCi()) {
                fail(message);
            }
            assumeTrue(false, message + " (skipped outside CI)");
        }
        return path.get();
    }

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
