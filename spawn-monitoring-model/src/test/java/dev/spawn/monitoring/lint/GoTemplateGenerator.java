package dev.spawn.monitoring.lint;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A grammar-based generator of Prometheus rule templates for the differential: text, actions with pipelines,
 * declarations and assignments, if/else if/range/with/define/template/block, break and continue, trim markers
 * and comments. With near-misses, a share of choices goes wrong on purpose (an unknown function or variable,
 * a bad number, string or character literal, a lost {{end}} or delimiter, a literal pipeline stage, a keyword
 * out of place). A fixed seed gives the same corpus on every run.
 */
final class GoTemplateGenerator {

    private static final List<String> FUNCTIONS = List.copyOf(new java.util.TreeSet<>(GoTemplate.PROMETHEUS_FUNCTIONS));
    private static final List<String> TEXTS = List.of("x", " ", "\n", "a b", "}", "{", "-", "$", "value: ", "%", "\t", "é",
            "} {", "*/");
    private static final List<String> LITERALS = List.of("1", "-1", "1.5", "0x1F", "1e3", "'a'", "\"s\"", "`r`", "true",
            "false", "nil", "\"%.2f\"", "0", "1_000", "0o7", "0b1", ".5", "1i", "1+2i", "'\\n'", "\"\\t\"");
    private static final List<String> BAD_LITERALS = List.of("1e", "0x", "089", "1__0", "'ab'", "''", "\"\\q\"", "\"abc",
            "`abc", "'a", "1+2", "0x1.8", "1e999", "18446744073709551616", "1a", "0b2", "'\\400'", "\"\\ud800\"", "+", "-");
    private static final List<String> BAD_TOKENS = List.of("foo", "$nope", "@", "#", ";", ":", "=", ",", "(", ")", "|",
            "end", "else", "if", "range", "define \"d\"", "break", "continue", "{{", "}}", "€", "$x+1", ".a-b");

    private final boolean nearMisses;
    private Random random;
    private List<String> declared;
    private int rangeDepth;

    GoTemplateGenerator(boolean nearMisses) {
        this.nearMisses = nearMisses;
    }

    /** {@code count} distinct templates drawn with the given seed. */
    List<String> templates(long seed, int count) {
        random = new Random(seed);
        Set<String> out = new LinkedHashSet<>();
        int attempts = 0;
        while (out.size() < count && attempts++ < count * 10) {
            declared = new ArrayList<>(List.of("$", "$labels", "$value", "$externalLabels", "$externalURL"));
            rangeDepth = 0;
            out.add(template(2));
        }
        return new ArrayList<>(out);
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private boolean miss() {
        return nearMisses && chance(4);
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private String template(int depth) {
        StringBuilder b = new StringBuilder();
        int items = 1 + random.nextInt(depth > 0 ? 4 : 2);
        if (depth == 2 && chance(10)) {
            b.append(definition());
        }
        for (int i = 0; i < items; i++) {
            int kind = random.nextInt(10);
            if (kind < 3) {
                b.append(pick(TEXTS));
            } else if (kind < 7 || depth == 0) {
                b.append(open()).append(pipeline(depth, true)).append(close());
            } else if (kind < 9) {
                b.append(control(depth - 1));
            } else {
                b.append(chance(50) ? open() + "/* c */" + close().trim() : leafAction());
            }
        }
        return b.toString();
    }

    private String leafAction() {
        if (rangeDepth > 0 && chance(50)) {
            return "{{ " + (chance(50) ? "break" : "continue") + " }}";
        }
        if (miss()) {
            return "{{ " + (chance(50) ? "break" : "continue") + " }}";
        }
        return "{{ template \"t\"" + (chance(50) ? " ." : "") + " }}";
    }

    private String open() {
        String o = chance(15) ? "{{- " : chance(70) ? "{{ " : "{{";
        if (miss()) {
            return pick(List.of("{{-", "{", "{{{ ", "{{/* ", ""));
        }
        return o;
    }

    private String close() {
        String c = chance(15) ? " -}}" : chance(70) ? " }}" : "}}";
        if (miss()) {
            return pick(List.of("-}}", "}", " ", "}}}", "\n}}", ")}}"));
        }
        return c;
    }

    private String definition() {
        List<String> outer = declared;
        int outerRange = rangeDepth;
        declared = new ArrayList<>(List.of("$"));
        rangeDepth = 0;
        String body = template(1);
        declared = outer;
        rangeDepth = outerRange;
        String keyword = chance(70) ? "define" : "block";
        String arg = keyword.equals("block") ? " ." : "";
        return "{{ " + keyword + " \"" + pick(List.of("t", "u", "slack.title")) + "\"" + arg + " }}" + body + "{{ end }}";
    }

    private String control(int depth) {
        String keyword = pick(List.of("if", "if", "range", "with"));
        int mark = declared.size();
        String head = "{{ " + keyword + " " + (keyword.equals("range") && chance(40) ? rangeDecl() : pipeline(depth, true)) + close();
        if (keyword.equals("range")) {
            rangeDepth++;
        }
        StringBuilder b = new StringBuilder(head).append(template(depth));
        if (keyword.equals("range")) {
            rangeDepth--;
        }
        if (chance(30)) {
            if (keyword.equals("if") && chance(50) || miss()) {
                b.append("{{ else if ").append(pipeline(depth, false)).append(" }}").append(template(depth));
            }
            b.append("{{ else }}").append(template(depth));
        }
        while (declared.size() > mark) {
            declared.remove(declared.size() - 1);
        }
        if (!miss()) {
            b.append("{{ end }}");
        }
        return b.toString();
    }

    private String rangeDecl() {
        String i = "$i" + random.nextInt(3);
        String e = "$e" + random.nextInt(3);
        String decl = chance(50) ? i + ", " + e + " := " : e + " := ";
        String value = pick(List.of("$labels", ".Alerts", "query \"up\"", "$externalLabels"));
        declared.add(i);
        declared.add(e);
        return decl + value;
    }

    private String pipeline(int depth, boolean allowDecl) {
        StringBuilder b = new StringBuilder();
        if (allowDecl && chance(15)) {
            String name = "$v" + random.nextInt(4);
            boolean assign = chance(30);
            if (!assign || declared.contains(name) || miss()) {
                b.append(name).append(assign ? " = " : " := ");
                declared.add(name);
            }
        }
        b.append(command(depth, true));
        int stages = chance(30) ? 1 + random.nextInt(2) : 0;
        for (int i = 0; i < stages; i++) {
            b.append(chance(80) ? " | " : "|").append(command(depth, false));
        }
        if (miss()) {
            b.append(" ").append(pick(BAD_TOKENS));
        }
        return b.toString();
    }

    private String command(int depth, boolean first) {
        if (!first || chance(40)) {
            String function = miss() ? pick(List.of("humanise", "foo", "trimSpace", "join")) : pick(FUNCTIONS);
            StringBuilder b = new StringBuilder(function);
            int args = random.nextInt(3);
            for (int i = 0; i < args; i++) {
                b.append(' ').append(operand(depth));
            }
            return b.toString();
        }
        if (miss() && !first) {
            return pick(LITERALS);
        }
        return operand(depth);
    }

    private String operand(int depth) {
        int kind = random.nextInt(10);
        if (miss()) {
            return chance(50) ? pick(BAD_LITERALS) : pick(BAD_TOKENS);
        }
        if (kind < 3) {
            return pick(LITERALS);
        } else if (kind < 6) {
            String var = pick(declared);
            String field = chance(60) ? "." + pick(List.of("instance", "region", "job", "x", "Labels", "é")) : "";
            return var.equals("$") && field.isEmpty() && chance(50) ? "$.Labels.job" : var + field;
        } else if (kind < 8) {
            return pick(List.of(".", ".Labels.job", ".Value", ".ExternalURL", ".Labels", ".a.b.c"));
        } else if (depth > 0) {
            return "(" + pipeline(depth - 1, chance(10)) + ")" + (chance(10) ? ".x" : "");
        }
        return pick(LITERALS);
    }
}
