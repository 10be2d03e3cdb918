package dev.spawn.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.model.decl.Internal;
import dev.spawn.monitoring.testing.Golden;
import java.io.File;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library's API as a reviewed list: every public top-level type that is not {@link Internal} (itself or its
 * package). A type made public, or made internal, shows as a diff of {@code golden/api-surface.txt}; accept it with
 * {@code -Dgolden.update=true} once it is meant.
 */
class ApiSurfaceTest {

    @Test
    void thePublicApiIsTheReviewedList() throws Exception {
        Path classes = Path.of(SpawnMonitoring.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> api = new ArrayList<>();
        List<String> internal = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = classes.relativize(file).toString().replace(File.separatorChar, '.').replaceFirst("\\.class$", "");
                if (name.contains("$") || name.endsWith("package-info")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                if (!Modifier.isPublic(type.getModifiers())) {
                    continue;
                }
                boolean marked = type.isAnnotationPresent(Internal.class) || type.getPackage().isAnnotationPresent(Internal.class);
                (marked ? internal : api).add(name);
            }
        }
        assertThat(api).contains(SpawnMonitoring.class.getName(), MonitoringBundle.class.getName());
        assertThat(internal).contains(dev.spawn.monitoring.model.DidYouMean.class.getName(),
                dev.spawn.monitoring.render.YamlOutput.class.getName());
        Golden.assertMatches("api-surface.txt", (String.join("\n", api) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
