package dev.spawn.monitoring.e2e.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.spawn.monitoring.io.BundleWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes file-discovery target files the way a fleet inventory job would: JSON
 * ({@code [{"targets": [...], "labels": {...}}]}) written beside the target and moved into place
 * atomically, so Prometheus never reads half a file.
 */
public final class FileSdTargets {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FileSdTargets() {
    }

    /** One spored agent as a target group, labelled as {@code spawn list --json} describes it. */
    public static Map<String, Object> group(FakeSpored spored, String region, String instanceType, boolean spot) {
        Map<String, String> labels = new TreeMap<>(Map.of("instance_id", spored.instanceId(), "region", region,
                "instance_type", instanceType, "spot", Boolean.toString(spot)));
        return Map.of("targets", List.of(spored.address()), "labels", labels);
    }

    /**
     * Writes {@code groups} to {@code dir/name} with the library's atomic writer (a {@code .tmp} file
     * beside it, which the {@code targets/*.json} glob does not match, then a rename).
     */
    public static Path write(Path dir, String name, List<Map<String, Object>> groups) {
        Path target = dir.resolve(name);
        try {
            BundleWriter.writeAtomically(target, JSON.writeValueAsBytes(groups));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return target;
    }
}
