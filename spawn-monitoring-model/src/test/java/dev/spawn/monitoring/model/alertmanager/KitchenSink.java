package dev.spawn.monitoring.model.alertmanager;

import dev.spawn.monitoring.spec.SpecReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A config using every key of the Alertmanager model: each receiver type (several of one type in a
 * receiver), nested routes, all matcher operators, the deprecated match forms, time intervals. It is
 * written in alertmanager.yml's own shape under the spec's {@code alertmanager:} (resource
 * {@code alertmanager/kitchen-sink.yaml}) and read through the spec reader.
 */
public final class KitchenSink {

    public static final String RESOURCE = "/alertmanager/kitchen-sink.yaml";
    public static final String SNS_SECRET_KEY = "inline-sns-secret-do-not-print";
    public static final String PAGERDUTY_SERVICE_KEY = "inline-pagerduty-key-do-not-print";

    private KitchenSink() {
    }

    /** The spec text. */
    public static String yaml() {
        try (InputStream in = KitchenSink.class.getResourceAsStream(RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static AlertmanagerConfig config() {
        return SpecReader.parse("kitchen-sink.yaml", yaml()).build().alertmanager();
    }
}
