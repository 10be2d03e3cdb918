package dev.spawn.monitoring.io;

import dev.spawn.monitoring.model.decl.Internal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;

/**
 * The SHA-256 of what a generation depends on: the generator's version, the spec bytes and the
 * rendered bundle (which covers the rule definitions). Stored under the output directory so that
 * an unchanged input can skip the tool checks and the write, as openapi-generator's
 * {@code skipIfSpecIsUnchanged} does.
 */
@Internal
public final class Fingerprint {

    /** The file in the output directory that holds the fingerprint of the last successful generation. */
    public static final String FILE = ".spawn-monitoring-fingerprint";

    private Fingerprint() {
    }

    public static String of(String generatorVersion, byte[] spec, SortedMap<String, byte[]> bundle) {
        return digest(bundle, generatorVersion.getBytes(StandardCharsets.UTF_8), spec);
    }

    /** The SHA-256 (hex) of {@code prefix} and then the bundle's paths and bytes, each length-prefixed. */
    static String digest(SortedMap<String, byte[]> bundle, byte[]... prefix) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] bytes : prefix) {
                update(sha, bytes);
            }
            for (Map.Entry<String, byte[]> file : bundle.entrySet()) {
                update(sha, file.getKey().getBytes(StandardCharsets.UTF_8));
                update(sha, file.getValue());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when {@code directory} holds this fingerprint and every bundle file is still as rendered. */
    public static boolean isUpToDate(Path directory, String fingerprint, SortedMap<String, byte[]> bundle) {
        Path file = directory.resolve(FILE);
        try {
            return Files.isRegularFile(file)
                    && Files.readString(file, StandardCharsets.UTF_8).strip().equals(fingerprint)
                    && BundleDrift.compare(bundle, directory).isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    public static void store(Path directory, String fingerprint) {
        BundleWriter.writeAtomically(directory.resolve(FILE), (fingerprint + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void update(MessageDigest sha, byte[] bytes) {
        // length-prefixed, so that moving bytes between fields changes the digest
        sha.update(java.nio.ByteBuffer.allocate(8).putLong(bytes.length).array());
        sha.update(bytes);
    }
}
