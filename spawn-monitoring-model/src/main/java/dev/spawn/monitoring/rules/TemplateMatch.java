package dev.spawn.monitoring.rules;

import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.decl.Internal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the parameter values at which a default rule's expression template gives a written
 * expression: the template's {@code [[ ]]} placeholders are matched against the text (whitespace
 * ignored, as PromQL ignores it), and the values found are proven by rendering the template with
 * them and comparing. {@code spawn:import} uses it to turn an alert of a default's name into an
 * override of that default.
 */
@Internal
public final class TemplateMatch {

    /** A number as PromQL and the templates write it, or a Prometheus duration. */
    private static final String VALUE = "([-+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
            + "|(?:[0-9]+(?:ms|s|m|h|d|w|y))+)";

    private TemplateMatch() {
    }

    /**
     * The values (each parameter the template uses, normalised as overrides take them) at which the
     * definition's expression template renders to {@code expr}; empty when no values do, or when a value
     * found lies outside the parameter's allowed range.
     */
    public static Optional<Map<String, String>> match(RuleDefinition definition, String expr) {
        String template = definition.exprTemplate();
        List<String> slots = new ArrayList<>(); // per capture group: a parameter, or "calc:<body>"
        StringBuilder regex = new StringBuilder();
        Matcher tag = RuleTemplates.TAG.matcher(template);
        int at = 0;
        String calcBody = null;
        int calcStart = -1;
        while (tag.find()) {
            String kind = tag.group(1);
            if (calcBody == null && calcStart < 0) {
                regex.append(literal(template.substring(at, tag.start())));
            }
            if (kind.equals("#")) {
                calcStart = tag.end();
            } else if (kind.equals("/")) {
                calcBody = template.substring(calcStart, tag.start());
                slots.add("calc:" + calcBody.strip());
                regex.append(VALUE);
                calcBody = null;
                calcStart = -1;
            } else if (calcStart < 0) {
                slots.add(tag.group(2));
                regex.append(VALUE);
            }
            at = tag.end();
        }
        regex.append(literal(template.substring(at)));
        Matcher m = Pattern.compile(regex.toString()).matcher(strip(expr));
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> found = new LinkedHashMap<>();
        Map<String, String> written = new LinkedHashMap<>(definition.defaults()); // as the expression writes them
        try {
            for (int i = 0; i < slots.size(); i++) {
                String slot = slots.get(i);
                String text = m.group(i + 1);
                String name = slot.startsWith("calc:") ? slot.substring("calc:".length()) : slot;
                Optional<Parameter> parameter = definition.parameter(name);
                if (parameter.isEmpty()) {
                    if (slot.startsWith("calc:")) {
                        continue; // arithmetic over several parameters: proven by the rendering below
                    }
                    return Optional.empty();
                }
                String value = slot.startsWith("calc:") && parameter.get().isDuration()
                        ? new Duration(Math.round(Double.parseDouble(text) * 1000)).toString() // calc sees seconds
                        : parameter.get().normalise(text);
                String earlier = found.putIfAbsent(name, value);
                if (earlier != null && !earlier.equals(value)) {
                    return Optional.empty();
                }
                // 24h stays 24h for the comparison below; the value found is the normalised 1d
                written.put(name, slot.startsWith("calc:") ? value : text);
                parameter.get().checkRange(value);
            }
            String rendered = new RuleTemplates(definition.parameters(), written).render(template, "expr of rule " + definition.name());
            return strip(rendered).equals(strip(expr)) ? Optional.of(found) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not a value this parameter takes: the expression is the user's own
        }
    }

    private static String literal(String text) {
        String stripped = strip(text);
        return stripped.isEmpty() ? "" : Pattern.quote(stripped);
    }

    private static String strip(String text) {
        return text.replaceAll("\\s+", "");
    }
}
