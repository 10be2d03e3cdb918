package dev.spawn.monitoring.rules;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import dev.spawn.monitoring.model.DidYouMean;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.decl.Internal;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the templates of rule definitions with Mustache.java using the delimiters {@code [[ ]]},
 * so that Prometheus' own {@code {{ $labels.instance_id }}} and {@code {{ $value }}} pass through
 * untouched, and without HTML escaping. The scope holds each parameter's value and the lambdas
 * {@code [[#calc]]...[[/calc]]} (a number, see {@link Arithmetic}), {@code [[#duration]]...[[/duration]]}
 * (seconds printed as a Prometheus duration: {@code for + 5m} gives {@code 10m}) and
 * {@code [[#steps]]...[[/steps]]} (how many input steps of a test case cover that many seconds).
 * Test cases also see the rule's {@code for} and its group's {@code interval} ({@link #withTiming}).
 * Unknown names are errors, not blanks.
 */
@Internal
public final class RuleTemplates {

    static final String CALC = "calc";
    static final String DURATION = "duration";
    static final String STEPS = "steps";
    private static final List<String> SECTIONS = List.of(CALC, DURATION, STEPS);
    /**
     * The names test cases see besides the parameters: the rule's {@code for}, the evaluation interval and
     * {@code hold}, the time from an evaluation at which the condition first holds to the one at which the
     * alert fires ({@code for} rounded up to whole intervals).
     */
    static final List<String> TIMING = List.of("for", "interval", "hold");

    static final Pattern TAG = Pattern.compile("\\[\\[\\s*([#/^&]?)\\s*(.*?)\\s*\\]\\]");

    /** Writes values as they are: these templates make YAML, PromQL and Markdown, not HTML. */
    static final DefaultMustacheFactory FACTORY = new DefaultMustacheFactory() {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private final Map<String, String> values;
    private final Map<String, Double> numbers;

    /** Templates over these parameters with these values (name -> value, e.g. threshold -> 5). */
    public RuleTemplates(List<Parameter> parameters, Map<String, String> values) {
        this.values = new LinkedHashMap<>(values);
        this.numbers = new HashMap<>();
        for (Parameter p : parameters) {
            numbers.put(p.name(), p.numeric(values.get(p.name())));
        }
    }

    private RuleTemplates(Map<String, String> values, Map<String, Double> numbers) {
        this.values = values;
        this.numbers = numbers;
    }

    /**
     * These templates plus {@code for} (the rule's effective {@code for}), {@code interval} (its group's
     * evaluation interval) and {@code hold} (see {@link #TIMING}), durations like a duration parameter:
     * what test cases derive their timing from.
     */
    RuleTemplates withTiming(Duration forDuration, Duration interval) {
        Map<String, String> timedValues = new LinkedHashMap<>(values);
        Map<String, Double> timedNumbers = new HashMap<>(numbers);
        timedValues.put("for", forDuration.toString());
        timedValues.put("interval", interval.toString());
        timedNumbers.put("for", forDuration.millis() / 1000.0);
        timedNumbers.put("interval", interval.millis() / 1000.0);
        Duration hold = new Duration((forDuration.millis() + interval.millis() - 1) / interval.millis() * interval.millis());
        timedValues.put("hold", hold.toString());
        timedNumbers.put("hold", hold.millis() / 1000.0);
        return new RuleTemplates(timedValues, timedNumbers);

    }

    /** Renders a Mustache template from the classpath ({@code {{ }}} delimiters, no escaping) with {@code scope}: the docs pages. */
    public static String renderResource(String resource, Map<String, Object> scope) {
        Mustache mustache = FACTORY.compile(new StringReader(RuleCatalog.resource(resource)), resource);
        StringWriter out = new StringWriter();
        mustache.execute(out, scope);
        return out.toString();
    }

    /** Renders one template; {@code where} names it in error messages ("expr of rule HighCPUUsage"). */
    public String render(String template, String where) {
        if (template == null || !template.contains("[[")) {
            return template;
        }
        checkNames(template, where);
        Map<String, Object> scope = new HashMap<>(values);
        scope.put(CALC, (Function<String, String>) body -> Arithmetic.format(Arithmetic.evaluate(body, numbers)));
        scope.put(DURATION, (Function<String, String>) body -> duration(body).toString());
        scope.put(STEPS, (Function<String, String>) body -> Long.toString(
                (duration(body).millis() + PromtoolTestFile.INPUT_STEP.millis() - 1) / PromtoolTestFile.INPUT_STEP.millis()));
        try {
            Mustache mustache = FACTORY.compile(new StringReader(template), where, "[[", "]]");
            StringWriter out = new StringWriter();
            mustache.execute(out, scope).flush();
            return out.toString();
        } catch (MustacheException | IOException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            throw new IllegalArgumentException("cannot render " + where + ": " + cause.getMessage(), e);
        }
    }

    private Duration duration(String body) {
        double seconds = Arithmetic.evaluate(body, numbers);
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("[[#duration]]" + body + "[[/duration]] is " + Arithmetic.format(seconds)
                    + "s; a time in a test case cannot be negative");
        }
        return new Duration(Math.round(seconds * 1000));
    }

    /** The parameter names a template refers to, in order of first use. */
    public static List<String> names(String template) {
        List<String> names = new ArrayList<>();
        Matcher m = TAG.matcher(template == null ? "" : template);
        while (m.find()) {
            if (m.group(1).isEmpty() || m.group(1).equals("&")) {
                if (!names.contains(m.group(2))) {
                    names.add(m.group(2));
                }
            }
        }
        return names;
    }

    private void checkNames(String template, String where) {
        Matcher m = TAG.matcher(template);
        while (m.find()) {
            String kind = m.group(1);
            String name = m.group(2);
            if (kind.equals("#") || kind.equals("/")) {
                if (!SECTIONS.contains(name)) {
                    throw new IllegalArgumentException("unknown section '" + name + "' in " + where + "; the sections are "
                            + String.join(", ", SECTIONS));
                }
            } else if (!values.containsKey(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name + "' in " + where
                        + DidYouMean.hint(name, values.keySet()));
            }
        }
    }
}
