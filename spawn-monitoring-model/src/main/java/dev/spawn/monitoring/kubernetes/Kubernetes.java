package dev.spawn.monitoring.kubernetes;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where the Prometheus Operator resources go: their namespace and the labels every resource carries
 * (what the {@code Prometheus} and {@code Alertmanager} resources select them by, such as
 * {@code release: kube-prometheus-stack}).
 */
public record Kubernetes(String namespace, Map<String, String> labels) {

    private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";
    private static final String LABEL_KEY = "([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?";
    private static final String LABEL_VALUE = "([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?";

    public Kubernetes {
        Objects.requireNonNull(namespace, "namespace");
        if (!namespace.matches(DNS_LABEL)) {
            throw new IllegalArgumentException("namespace '" + namespace + "' is not a Kubernetes namespace name; expected"
                    + " lower-case letters, digits and '-', at most 63, starting and ending with a letter or digit");
        }
        labels = Collections.unmodifiableMap(new TreeMap<>(labels == null ? Map.of() : labels));
        labels.forEach((k, v) -> {
            if (!k.matches(LABEL_KEY)) {
                throw new IllegalArgumentException("label key '" + k + "' is not a Kubernetes label key; expected [prefix/]name"
                        + " with a name of at most 63 letters, digits, '-', '_' or '.'");
            }
            if (!v.matches(LABEL_VALUE)) {
                throw new IllegalArgumentException("label " + k + " has value '" + v + "', which is not a Kubernetes label value;"
                        + " expected at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
            }
        });
    }
}
