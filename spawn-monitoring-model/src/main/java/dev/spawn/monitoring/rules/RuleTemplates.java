package dev.spawn.monitoring.rules;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import dev.spawn.monitoring.model.DidYouMean;
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
 * untouched, and without HTML escaping. The scope holds each parameter's value and the lambda
 * {@code [[#calc]]...[[/calc]]} (see {@link Arithmetic}). Unknown names are errors, not blanks.
 */
public final class RuleTemplates {

    static final String CALC = "calc";

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

    /** Renders one template; {@code where} names it in error messages ("expr of rule HighCPUUsage"). */
    public String render(String template, String where) {
        if (template == null || !template.contains("[[")) {
            return template;
        }
        checkNames(template, where);
        Map<String, Object> scope = new HashMap<>(values);
        scope.put(CALC, (Function<String, String>) body -> Arithmetic.format(Arithmetic.evaluate(body, numbers)));
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
                if (!name.equals(CALC)) {
                    throw new IllegalArgumentException("unknown section '" + name + "' in " + where + "; the only section is 'calc'");
                }
            } else if (!values.containsKey(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name + "' in " + where
                        + DidYouMean.hint(name, values.keySet()));
            }
        }
    }
}
