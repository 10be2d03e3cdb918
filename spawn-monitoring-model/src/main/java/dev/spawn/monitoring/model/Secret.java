package dev.spawn.monitoring.model;

import dev.spawn.monitoring.model.decl.SecretType;
import java.util.Objects;

/**
 * A credential: either a path to a file that holds it (preferred, so the secret never lands in
 * generated files) or a value the user typed inline. {@link #toString()} never prints an inline value.
 */
@SecretType
public sealed interface Secret permits Secret.FromFile, Secret.Inline {

    /** The secret is read by Prometheus/Alertmanager from this file at run time. */
    record FromFile(String path) implements Secret {
        public FromFile {
            Objects.requireNonNull(path, "path");
            if (path.isBlank()) {
                throw new IllegalArgumentException("a secret file path cannot be empty");
            }
        }

        @Override
        public String toString() {
            return "file:" + path;
        }
    }

    /** The secret value itself, written into the generated file because the user asked for it. */
    record Inline(String value) implements Secret {
        public Inline {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "inline:****";
        }
    }

    static Secret file(String path) {
        return new FromFile(path);
    }

    static Secret inline(String value) {
        return new Inline(value);
    }
}
