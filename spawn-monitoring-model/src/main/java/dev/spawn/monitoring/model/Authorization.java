package dev.spawn.monitoring.model;

import dev.spawn.monitoring.model.decl.Key;
import java.util.Objects;

/** {@code <authorization>}: a header type (default {@code Bearer}) and credentials, preferably by file. */
public record Authorization(
        @Key(value = "type", doc = "Authorization header type.", byDefault = "Bearer") String type,
        @Key(value = "credentials", file = "credentials_file", doc = "Credentials, preferably read from credentials_file.",
                required = true)
        Secret credentials) {

    public Authorization {
        Objects.requireNonNull(credentials, "credentials");
        type = type == null ? "Bearer" : type;
        if (type.equalsIgnoreCase("basic")) {
            throw new IllegalArgumentException("authorization type Basic is not allowed; use basic_auth instead");
        }
    }

    public static Authorization bearer(Secret credentials) {
        return new Authorization("Bearer", credentials);
    }
}
