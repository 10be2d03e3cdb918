package dev.spawn.monitoring.model;

import dev.spawn.monitoring.model.decl.Key;
import java.util.Objects;

/** {@code <basic_auth>}: a username and a password, the password preferably by file. */
public record BasicAuth(
        @Key(value = "username", doc = "User name for HTTP basic authentication.", required = true) String username,
        @Key(value = "password", file = "password_file", doc = "Password, preferably read from password_file.")
        Secret password) {

    public BasicAuth {
        Objects.requireNonNull(username, "username");
    }
}
