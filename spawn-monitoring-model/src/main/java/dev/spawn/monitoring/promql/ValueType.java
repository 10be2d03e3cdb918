package dev.spawn.monitoring.promql;

/** The types a PromQL expression can have, named in messages as Prometheus documents them. */
public enum ValueType {
    NONE("none"), SCALAR("scalar"), VECTOR("instant vector"), MATRIX("range vector"), STRING("string");

    private final String documented;

    ValueType(String documented) {
        this.documented = documented;
    }

    /** The name used in Prometheus' messages and documentation ({@code instant vector}, {@code range vector}). */
    String documented() {
        return documented;
    }
}
