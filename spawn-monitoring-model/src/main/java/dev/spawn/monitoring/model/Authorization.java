package dev.spawn.monitoring.model;

import java.util.Objects;

/** {@code <authorization>}: a header type (default {@code Bearer}) and credentials, preferably by file. */
public record Authorization(String type, Secret credentials) {

    public Authorization {
        Objects.requireNonNull(credentials, "credentials");
        type = type == null ? "Bearer" : type;
    }

    public static Authorization bearer(Secret credentials) {
        return new Authorization("Bearer", credentials);
    }
}
