package dev.spawn.monitoring.e2e.harness;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.spawn.monitoring.check.Tool;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real binaries these tests run. In CI ({@code CI=true}) a missing one fails the test with the
 * install hint; on a developer machine without it the test is skipped. (The same rule as the model
 * module's test helper of this name.)
 */
public final class RealTools {

    private RealTools() {
    }

    public static Path require(Tool tool) {
        Optional<Path> path = tool.locate();
        if (path.isEmpty()) {
            String message = tool.command() + " is required by this end-to-end test; " + tool.installHint();
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
