package dev.spawn.monitoring.spec;

import dev.spawn.monitoring.model.decl.Key;
import java.util.List;
import java.util.Map;

/**
 * {@code alertmanager.tests[]}: alerts that fire together and what should become of each; see
 * {@link dev.spawn.monitoring.model.alertmanager.RoutingTest}.
 */
record RoutingTestSpec(
        @Key(value = "name", doc = "What the test shows.", required = true) String name,
        @Key(value = "alerts", doc = "Alerts firing together, each a label map.", required = true) List<Map<String, String>> alerts,
        @Key(value = "expect", doc = "One entry per alert, in order: the receivers it reaches, or inhibited: true.", required = true)
        List<Expect> expect) {

    /** {@code expect[]}: the receivers one alert reaches, in order, or that it is inhibited. */
    record Expect(
            @Key(value = "receivers", doc = "The receivers the alert reaches, in routing order.") List<String> receivers,
            @Key(value = "inhibited", doc = "true: another of the alerts inhibits this one.") Boolean inhibited) {
    }
}
