package dev.spawn.monitoring.promql.eval;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.spawn.monitoring.promql.eval.GoValues.Args;
import dev.spawn.monitoring.promql.eval.GoValues.Html;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions of a Prometheus 2.42 alert template: Prometheus' own (template/template.go) and Go's text/template
 * builtins, each with its Go parameter types. The query functions ({@code query}, {@code first}, {@code label},
 * {@code value}, {@code strvalue}, {@code sortByLabel}) need a query engine, and {@code externalURL} and
 * {@code pathPrefix} read a URL promtool leaves nil (they fail there and work in Prometheus): they throw
 * {@link Unsupported}, as does {@code call}.
 */
final class TemplateFunctions {

    /** A Go parameter type: string, interface{}, or the reflect.Value of Go's builtins (nil is refused). */
    enum Param { STRING, ANY, VALUE }

    /** A function: its fixed parameters, the type of its variadic tail (null when none) and its body. */
    record Function(List<Param> fixed, Param variadic, java.util.function.Function<List<Object>, Object> body) {

        Param param(int i) {
            return i < fixed.size() ? fixed.get(i) : variadic;
        }
    }

    private static final Map<String, Function> FUNCTIONS = functions();

    private TemplateFunctions() {
    }

    /** The names a template may call (a call of another name does not parse). */
    static java.util.Set<String> names() {
        return FUNCTIONS.keySet();
    }

    static Function get(String name) {
        return FUNCTIONS.get(name);
    }

    private static Map<String, Function> functions() {
        Map<String, Function> f = new LinkedHashMap<>();
        for (String name : List.of("query", "first", "label", "value", "strvalue", "sortByLabel", "externalURL",
                "pathPrefix", "call")) {
            f.put(name, new Function(List.of(), Param.ANY, a -> {
                throw new Unsupported("the template function " + name
                        + (name.equals("externalURL") || name.equals("pathPrefix")
                        ? " (Prometheus reads --web.external-url; promtool has no URL and fails)"
                        : " (it needs a query engine or is not modelled)"));
            }));
        }
        f.put("args", new Function(List.of(), Param.ANY, a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < a.size(); i++) {
                m.put("arg" + i, a.get(i));
            }
            return new Args(m);
        }));
        f.put("reReplaceAll", strings(3, a -> reReplaceAll(a.get(0), a.get(1), a.get(2))));
        f.put("safeHtml", strings(1, a -> new Html(a.get(0))));
        f.put("match", strings(2, a -> compile(a.get(0)).matcher(a.get(1)).find()));
        f.put("title", strings(1, a -> GoText.title(a.get(0))));
        f.put("toUpper", strings(1, a -> GoText.toUpper(a.get(0))));
        f.put("toLower", strings(1, a -> GoText.toLower(a.get(0))));
        f.put("graphLink", strings(1, a -> "/graph?g0.expr=" + GoText.queryEscape(a.get(0)) + "&g0.tab=0"));
        f.put("tableLink", strings(1, a -> "/graph?g0.expr=" + GoText.queryEscape(a.get(0)) + "&g0.tab=1"));
        f.put("stripPort", strings(1, a -> GoNet.stripPort(a.get(0))));
        f.put("stripDomain", strings(1, a -> GoNet.stripDomain(a.get(0))));
        f.put("humanize", number(Humanize::humanize));
        f.put("humanize1024", number(Humanize::humanize1024));
        f.put("humanizeDuration", number(Humanize::duration));
        f.put("humanizePercentage", number(v -> GoFloats.format(v * 100, 'g', 4) + "%"));
        f.put("humanizeTimestamp", number(Humanize::timestamp));
        f.put("toTime", number(v -> new GoValues.Time(Humanize.epochMillis(v))));
        f.put("parseDuration", strings(1, a -> Humanize.parseDuration(a.get(0))));
        // Go's builtins
        f.put("and", new Function(List.of(Param.VALUE), Param.VALUE, a -> null));
        f.put("or", new Function(List.of(Param.VALUE), Param.VALUE, a -> null));
        f.put("not", new Function(List.of(Param.VALUE), null, a -> !GoValues.truth(a.get(0))));
        f.put("len", new Function(List.of(Param.VALUE), null, a -> length(a.get(0))));
        f.put("index", new Function(List.of(Param.VALUE), Param.VALUE, TemplateFunctions::index));
        f.put("slice", new Function(List.of(Param.VALUE), Param.VALUE, TemplateFunctions::slice));
        f.put("print", new Function(List.of(), Param.ANY, GoFmt::sprint));
        f.put("println", new Function(List.of(), Param.ANY, GoFmt::sprintln));
        f.put("printf", new Function(List.of(Param.STRING), Param.ANY,
                a -> GoFmt.sprintf((String) a.get(0), a.subList(1, a.size()))));
        f.put("html", new Function(List.of(), Param.ANY, a -> GoText.html(GoFmt.evalArgs(a))));
        f.put("js", new Function(List.of(), Param.ANY, a -> GoText.js(GoFmt.evalArgs(a))));
        f.put("urlquery", new Function(List.of(), Param.ANY, a -> GoText.queryEscape(GoFmt.evalArgs(a))));
        f.put("eq", new Function(List.of(Param.VALUE), Param.VALUE, a -> {
            if (a.size() < 2) {
                throw new Unsupported("eq with one argument (an execution error in Prometheus)");
            }
            for (int i = 1; i < a.size(); i++) {
                if (Compare.eq(a.get(0), a.get(i))) {
                    return true;
                }
            }
            return false;
        }));
        f.put("ne", new Function(List.of(Param.VALUE, Param.VALUE), null, a -> !Compare.eq(a.get(0), a.get(1))));
        f.put("lt", new Function(List.of(Param.VALUE, Param.VALUE), null, a -> Compare.lt(a.get(0), a.get(1))));
        f.put("le", new Function(List.of(Param.VALUE, Param.VALUE), null, a -> Compare.le(a.get(0), a.get(1))));
        f.put("gt", new Function(List.of(Param.VALUE, Param.VALUE), null, a -> !Compare.le(a.get(0), a.get(1))));
        f.put("ge", new Function(List.of(Param.VALUE, Param.VALUE), null, a -> !Compare.lt(a.get(0), a.get(1))));
        return Map.copyOf(f);
    }

    private static Function strings(int n, java.util.function.Function<List<String>, Object> body) {
        return new Function(java.util.Collections.nCopies(n, Param.STRING), null,
                a -> body.apply(a.stream().map(String.class::cast).toList()));
    }

    /** A function of one interface{} that Prometheus converts to float64 first (convertToFloat). */
    private static Function number(java.util.function.DoubleFunction<Object> body) {
        return new Function(List.of(Param.ANY), null, a -> body.apply(Humanize.toFloat(a.get(0))));
    }

    private static Object length(Object v) {
        if (v instanceof String || v instanceof Html) {
            return (long) GoValues.print(v).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        } else if (v instanceof Map<?, ?> m) {
            return (long) m.size();
        } else if (v instanceof Args a) {
            return (long) a.map().size();
        }
        throw new Unsupported("len of a " + GoValues.typeName(v) + " (an execution error in Prometheus)");
    }

    private static Object index(List<Object> a) {
        Object item = a.get(0);
        for (Object key : a.subList(1, a.size())) {
            if (!(key instanceof String k)) {
                throw new Unsupported("index with a " + GoValues.typeName(key) + " key");
            }
            if (item instanceof Map<?, ?> m) {
                Object v = m.get(k);
                item = v == null ? "" : v;
            } else if (item instanceof Args args) {
                item = args.map().get(k);
            } else {
                throw new Unsupported("index of a " + GoValues.typeName(item));
            }
        }
        return item;
    }

    /** slice of a string (bytes {@code [i:j]}); of anything else, or with 3 indexes, Unsupported. */
    private static Object slice(List<Object> a) {
        Object item = a.get(0);
        if (!(item instanceof String || item instanceof Html) || a.size() > 3) {
            throw new Unsupported("slice of a " + GoValues.typeName(item) + " or with 3 indexes");
        }
        byte[] bytes = GoValues.print(item).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int[] idx = {0, bytes.length};
        for (int i = 1; i < a.size(); i++) {
            if (!(a.get(i) instanceof Long x) || x < 0 || x > bytes.length) {
                throw new Unsupported("slice index " + GoValues.print(a.get(i)) + " (an execution error in Prometheus)");
            }
            idx[i - 1] = (int) (long) x;
        }
        if (idx[0] > idx[1]) {
            throw new Unsupported("invalid slice index (an execution error in Prometheus)");
        }
        String cut;
        try {
            cut = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes, idx[0], idx[1] - idx[0])).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new Unsupported("slice that cuts a UTF-8 sequence (Go's string holds the bytes)");
        }
        return item instanceof Html ? new Html(cut) : cut;
    }

    static Pattern compile(String regex) {
        if (regex.contains("(?<")) {
            throw new Unsupported("the regexp group syntax (?< (Go 1.19 does not accept it)");
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new Unsupported("a regexp Go fails to compile: " + regex);
        }
    }

    /** regexp.ReplaceAllString with Go's $1, ${1}, $name, ${name}, $$ expansion and its empty-match rule. */
    static String reReplaceAll(String regex, String repl, String text) {
        Pattern re = compile(regex);
        Matcher m = re.matcher(text);
        StringBuilder b = new StringBuilder();
        int lastMatchEnd = 0;
        int searchPos = 0;
        while (searchPos <= text.length() && m.find(searchPos)) {
            b.append(text, lastMatchEnd, m.start());
            if (m.end() > lastMatchEnd || m.start() == 0) {
                GoRegexp.expand(b, re, m, repl);
            }
            lastMatchEnd = m.end();
            int width = searchPos < text.length() ? Character.charCount(text.codePointAt(searchPos)) : 0;
            if (searchPos + width > m.end()) {
                searchPos += width;
            } else if (searchPos + 1 > m.end()) {
                searchPos++;
            } else {
                searchPos = m.end();
            }
        }
        return b.append(text, lastMatchEnd, text.length()).toString();
    }

    /** text/template's eq and lt over basic kinds (bool, int, float64, string); other operands throw. */
    private static final class Compare {

        private Compare() {
        }

        static boolean eq(Object a, Object b) {
            char k = kind(a);
            if (k != kind(b)) {
                throw new Unsupported("incompatible types for comparison (an execution error in Prometheus)");
            }
            return switch (k) {
                case 'f' -> (double) a == (double) b;
                case 's' -> GoValues.print(a).equals(GoValues.print(b));
                default -> a.equals(b);
            };
        }

        static boolean lt(Object a, Object b) {
            char k = kind(a);
            if (k != kind(b) || k == 'b') {
                throw new Unsupported("incompatible types for comparison (an execution error in Prometheus)");
            }
            return switch (k) {
                case 'f' -> (double) a < (double) b;
                case 'i' -> (long) a < (long) b;
                default -> GoValues.KEY_ORDER.compare(GoValues.print(a), GoValues.print(b)) < 0;
            };
        }

        static boolean le(Object a, Object b) {
            return lt(a, b) || eq(a, b);
        }

        private static char kind(Object v) {
            if (v instanceof Boolean) {
                return 'b';
            } else if (v instanceof Long) {
                return 'i';
            } else if (v instanceof Double) {
                return 'f';
            } else if (v instanceof String || v instanceof Html) {
                return 's';
            }
            throw new Unsupported("comparison of a " + GoValues.typeName(v) + " (an execution error in Prometheus)");
        }
    }
}
