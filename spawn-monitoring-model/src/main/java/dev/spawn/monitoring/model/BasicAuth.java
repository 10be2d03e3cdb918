package dev.spawn.monitoring.model;

import java.util.Objects;

/** {@code <basic_auth>}: a username and a password, the password preferably by file. */
public record BasicAuth(String username, Secret password) {

    public BasicAuth {
        Objects.requireNonNull(username, "username");
    }
}
