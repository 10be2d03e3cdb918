package dev.spawn.monitoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTest {

    @ParameterizedTest
    @CsvSource({"5m,5m", "60s,1m", "90s,1m30s", "1h30m,1h30m", "250ms,250ms", "0,0s", "14d,2w", "30d,30d", "1y,1y", "1500ms,1s500ms"})
    void parsesPrometheusSyntaxAndPrintsTheCanonicalForm(String text, String canonical) {
        assertThat(Duration.parse(text)).hasToString(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "5 m", "1.5h", "-1m", "5M", "1m1h", "5min", "1h 30m"})
    void rejectsWhatPrometheusRejects(String text) {
        assertThatThrownBy(() -> Duration.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a Prometheus duration").hasMessageContaining("expected");
    }

    @Property
    void canonicalFormParsesBackToTheSameDuration(@ForAll @LongRange(min = 0, max = 10L * 365 * 24 * 3600 * 1000) long millis) {
        Duration d = new Duration(millis);
        assertThat(Duration.parse(d.toString())).isEqualTo(d);
    }
}
