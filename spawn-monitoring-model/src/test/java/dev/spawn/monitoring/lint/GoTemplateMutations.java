package dev.spawn.monitoring.lint;

import dev.spawn.monitoring.lint.GoTemplateLexer.Kind;
import dev.spawn.monitoring.lint.GoTemplateLexer.Token;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Near-misses of valid templates for the differential, chosen with a fixed seed: one character deleted, a
 * {@code {{} duplicated, a {@code }}} dropped, two neighbouring tokens swapped, a token deleted, duplicated or
 * replaced by another.
 */
final class GoTemplateMutations {

    private static final List<String> REPLACEMENTS = List.of("{{", "}}", "{{-", "-}}", " -}}", "{{- ", "(", ")", "|", ":=",
            "=", ",", "$", ".", "$x", "$labels", ".Labels", "end", "else", "if", "range", "with", "break", "define", "nil",
            "true", "1", "-1", "1e", "\"x\"", "`y`", "'z'", "/*", "*/", "foo", "humanize", "index", " ", "\n");

    private GoTemplateMutations() {
    }

    static List<String> of(List<String> valid, long seed, int count) {
        Random random = new Random(seed);
        Set<String> out = new LinkedHashSet<>();
        int attempts = 0;
        while (out.size() < count && attempts++ < count * 20) {
            String source = valid.get(random.nextInt(valid.size()));
            if (source.isEmpty()) {
                continue;
            }
            List<Token> tokens = GoTemplateLexer.lex(source).stream()
                    .filter(t -> t.kind() != Kind.EOF && t.kind() != Kind.ERROR && !t.val().isEmpty()).toList();
            String mutated = switch (random.nextInt(7)) {
                case 0 -> {
                    int i = random.nextInt(source.length());
                    yield source.substring(0, i) + source.substring(i + 1);
                }
                case 1 -> {
                    int i = source.indexOf("{{", random.nextInt(source.length()));
                    yield i < 0 ? null : source.substring(0, i) + "{{" + source.substring(i);
                }
                case 2 -> {
                    int i = source.indexOf("}}", random.nextInt(source.length()));
                    yield i < 0 ? null : source.substring(0, i) + source.substring(i + 2);
                }
                default -> tokens.isEmpty() ? null : tokenMutation(source, tokens, random);
            };
            if (mutated != null && !mutated.equals(source)) {
                out.add(mutated);
            }
        }
        return new ArrayList<>(out);
    }

    private static String tokenMutation(String source, List<Token> tokens, Random random) {
        int i = random.nextInt(tokens.size());
        Token t = tokens.get(i);
        int end = t.pos() + t.val().length();
        return switch (random.nextInt(4)) {
            case 0 -> source.substring(0, t.pos()) + source.substring(end);
            case 1 -> source.substring(0, end) + t.val() + source.substring(end);
            case 2 -> {
                if (i + 1 >= tokens.size()) {
                    yield null;
                }
                Token u = tokens.get(i + 1);
                yield source.substring(0, t.pos()) + u.val() + source.substring(end, u.pos()) + t.val()
                        + source.substring(u.pos() + u.val().length());
            }
            default -> source.substring(0, t.pos()) + REPLACEMENTS.get(random.nextInt(REPLACEMENTS.size())) + source.substring(end);
        };
    }
}
