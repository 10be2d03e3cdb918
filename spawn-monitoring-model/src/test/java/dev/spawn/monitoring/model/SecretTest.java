package dev.spawn.monitoring.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void inlineValuesNeverPrint() {
        Secret secret = Secret.inline("hunter2");
        assertThat(secret.toString()).doesNotContain("hunter2");
        assertThat(new BasicAuth("prometheus", secret).toString()).doesNotContain("hunter2");
    }

    @Test
    void filesPrintTheirPath() {
        assertThat(Secret.file("/etc/prometheus/password")).hasToString("file:/etc/prometheus/password");
    }
}
