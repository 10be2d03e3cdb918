package dev.spawn.monitoring.model.prometheus;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.decl.Key;
import dev.spawn.monitoring.model.decl.Variant;
import java.util.List;

/** {@code <file_sd_config>}: target files (globs allowed in the last path element) and a refresh interval. */
@Variant(value = "file_sd_configs", doc = "File-based service discovery.")
public record FileSdConfig(
        @Key(value = "files", doc = "Patterns for files from which target groups are extracted (.json, .yml, .yaml).",
                required = true)
        List<String> files,
        @Key(value = "refresh_interval", doc = "Refresh interval to re-read the files.", byDefault = "5m")
        Duration refreshInterval) implements Discovery {

    public FileSdConfig {
        files = List.copyOf(files == null ? List.of() : files);
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
