package dev.spawn.monitoring.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** [[ ]] templates: parameters and calc are rendered, Prometheus' own templates pass through byte for byte. */
class RuleTemplatesTest {

    private final RuleTemplates templates = new RuleTemplates(
            List.of(new Parameter("threshold", "5", "t"), new Parameter("window", "24h", "w")),
            Map.of("threshold", "7.5", "window", "12h"));

    @Test
    void prometheusTemplatesSurviveParameterRenderingByteForByte() {
        String prometheus = "{{ $labels.instance_id }} {{$value}} {{ $value | humanize }} {{ printf \"%.2f\" $value }}"
                + " <b>&amp;</b> 'quoted' \"double\" {{- range $i := .x }}{{ end -}} $ \\ ü °C";

        assertThat(templates.render(prometheus + " [[threshold]]", "test")).isEqualTo(prometheus + " 7.5");
        assertThat(templates.render(prometheus, "test")).isEqualTo(prometheus);
    }

    @Test
    void defaultAnnotationsKeepEveryPrometheusTemplateAfterAnOverride() {
        RuleSet rules = RuleSet.defaults().rule("HighCostInstance", r -> r.threshold(12.5));
        RuleDefinition definition = RuleCatalog.defaults().rule("HighCostInstance").orElseThrow();

        Map<String, String> annotations = RuleSetTest.rule(rules, "HighCostInstance").annotations();

        assertThat(annotations.get("description")).isEqualTo(definition.annotations().get("description"));
        assertThat(annotations.get("summary")).isEqualTo(
                definition.annotations().get("summary").replace("[[threshold]]", "12.5"));
    }

    @Test
    void calcComputesFromParametersAndDurationsInSeconds() {
        assertThat(templates.render("[[#calc]]threshold * 1.01[[/calc]]", "t")).isEqualTo("7.575");
        assertThat(templates.render("[[#calc]]window / 60 + 15[[/calc]]m", "t")).isEqualTo("735m");
        assertThat(templates.render("[[#calc]]ceil(threshold) - floor(threshold / 2)[[/calc]]", "t")).isEqualTo("5");
        assertThat(templates.render("offset [[window]]", "t")).isEqualTo("offset 12h");
    }

    @Test
    void unknownNamesAreErrorsWithASuggestion() {
        assertThatThrownBy(() -> templates.render("x > [[treshold]]", "expr of rule X"))
                .hasMessage("unknown parameter 'treshold' in expr of rule X; did you mean 'threshold'?");
        assertThatThrownBy(() -> templates.render("[[#calc]]treshold * 2[[/calc]]", "expr of rule X"))
                .hasMessageContaining("unknown name 'treshold'");
    }

    @Test
    void predictsPrometheusFormattingOfValues() {
        assertThat(AlertTemplate.expand("{{ $value }}", Map.of(), 1860d)).isEqualTo("1860");
        assertThat(AlertTemplate.expand("{{ $value }}", Map.of(), 0.1d)).isEqualTo("0.1");
        assertThat(AlertTemplate.expand("{{ $value }}", Map.of(), 104857600d)).isEqualTo("1.048576e+08");
        assertThat(AlertTemplate.expand("{{ $value }}", Map.of(), 0.00001d)).isEqualTo("1e-05");
        assertThat(AlertTemplate.expand("{{ $value | humanize }}", Map.of(), 102000000d)).isEqualTo("102M");
        assertThat(AlertTemplate.expand("{{ $value | humanize }}", Map.of(), 5.05d)).isEqualTo("5.05");
        assertThat(AlertTemplate.expand("{{ $value | humanize }}", Map.of(), 212.1649484536d)).isEqualTo("212.2");
        assertThat(AlertTemplate.expand("{{ $value | humanize }}", Map.of(), 0.0123d)).isEqualTo("12.3m");
        assertThat(AlertTemplate.expand("{{ $value | humanizeDuration }}", Map.of(), 1860d)).isEqualTo("31m 0s");
        assertThat(AlertTemplate.expand("{{ $value | humanizeDuration }}", Map.of(), 90000d)).isEqualTo("1d 1h 0m 0s");
        assertThat(AlertTemplate.expand("{{ $value | humanizeDuration }}", Map.of(), 42.5d)).isEqualTo("42.5s");
        assertThat(AlertTemplate.expand("{{ $value | humanizePercentage }} of {{ $labels.region }}{{ $labels.none }}",
                Map.of("region", "us-east-1"), 0.1)).isEqualTo("10% of us-east-1");
    }
}
