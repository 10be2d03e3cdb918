package dev.spawn.monitoring.lint;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Open-ended input: any text over the characters templates are made of parses without an exception. */
class GoTemplatePropertyTest {

    @Provide
    Arbitrary<String> templates() {
        Arbitrary<String> pieces = Arbitraries.of("{{", "}}", "{{- ", " -}}", "/*", "*/", "$", "$labels", ".Labels", ".x", "$value",
                "index", " ", "\n", "|", "(", ")", "\"", "'", "`", ":=", "=", ",", "if", "else", "end", "range", "with", "define",
                "template", "block", "break", "continue", "nil", "true", "1", "-", "+", "0x", "e", "i", "\\", "é", "€", "x", "\"k\"");
        return pieces.list().ofMaxSize(25).map(list -> String.join("", list));
    }

    @Property(tries = 3000, seed = "42")
    void parsesAnythingWithoutExceptionPointingInsideTheText(@ForAll("templates") String template) {
        GoTemplate.Result result = GoTemplate.parse(template, GoTemplate.PROMETHEUS_FUNCTIONS, GoTemplate.PROMETHEUS_VARIABLES);
        assertThat(result.problems()).allSatisfy(p -> assertThat(p.offset()).isBetween(0, template.length()));
        assertThat(result.references()).allSatisfy(r -> {
            assertThat(r.offset()).isBetween(0, template.length() - 1);
            assertThat(template.substring(r.offset())).matches("(?s)(\\$|\\.|index).*");
        });
    }

    @Property(tries = 3000, seed = "43")
    void textAfterAValidTemplateKeepsItValid(@ForAll("templates") String template) {
        GoTemplate.Result result = GoTemplate.parse(template, GoTemplate.PROMETHEUS_FUNCTIONS, GoTemplate.PROMETHEUS_VARIABLES);
        Assume.that(result.ok());
        GoTemplate.Result longer = GoTemplate.parse(template + " plain text", GoTemplate.PROMETHEUS_FUNCTIONS,
                GoTemplate.PROMETHEUS_VARIABLES);
        assertThat(longer.problems()).isEmpty();
        assertThat(longer.references()).isEqualTo(result.references());
    }
}
