package dev.spawn.monitoring.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    @Test
    void fingerprintChangesWithPluginVersionSpecAndBundle() {
        SortedMap<String, byte[]> files = new TreeMap<>();
        files.put("a", bytes("1"));
        String base = Fingerprint.of("1.0", bytes("spec"), files);
        assertThat(Fingerprint.of("1.0", bytes("spec"), files)).isEqualTo(base);
        assertThat(Fingerprint.of("1.1", bytes("spec"), files)).isNotEqualTo(base);
        assertThat(Fingerprint.of("1.0", bytes("spec2"), files)).isNotEqualTo(base);
        files.put("a", bytes("2"));
        assertThat(Fingerprint.of("1.0", bytes("spec"), files)).isNotEqualTo(base);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
