package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.Duration;
import java.util.List;

/** {@code <file_sd_config>}: target files (globs allowed in the last path element) and a refresh interval. */
public record FileSdConfig(List<String> files, Duration refreshInterval) implements Discovery {

    public FileSdConfig {
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("file discovery needs at least one file pattern");
        }
        for (String f : files) {
            if (!f.matches(".*\\.(json|ya?ml)")) {
                throw new IllegalArgumentException("file discovery pattern '" + f + "' must end in .json, .yml or .yaml");
            }
        }
    }
}
