package dev.spawn.monitoring.promql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Near-misses of valid expressions for the differential: one token deleted, duplicated, swapped with
 * its neighbour or replaced by another token, chosen with a fixed seed so the corpus is the same on
 * every run. Whitespace and comments between tokens stay as they were.
 */
final class PromQLMutations {

    private static final List<String> REPLACEMENTS = List.of("(", ")", "{", "}", "[5m]", "[5m:1m]", ",", "by", "without",
            "offset", "offset 5m", "@", "@ start()", "bool", "on", "group_left", "1", "-", "+", "^", "and", "or", "\"x\"",
            "x", "sum", "rate", "5m", ":", "=", "=~", "!=", "==", "#", "Inf", "0x1f", "`y`", "'z'", "atan2", "ignoring()");

    private PromQLMutations() {
    }

    static List<String> of(List<String> valid, long seed, int count) {
        Random random = new Random(seed);
        Set<String> out = new LinkedHashSet<>();
        int attempts = 0;
        while (out.size() < count && attempts++ < count * 20) {
            String source = valid.get(random.nextInt(valid.size()));
            List<Token> tokens = Lexer.lex(source).stream().filter(t -> t.kind() != Token.Kind.EOF).toList();
            if (tokens.isEmpty()) {
                continue;
            }
            int i = random.nextInt(tokens.size());
            Token t = tokens.get(i);
            String mutated = switch (random.nextInt(4)) {
                case 0 -> source.substring(0, t.offset()) + source.substring(t.end());
                case 1 -> source.substring(0, t.end()) + " " + t.text() + source.substring(t.end());
                case 2 -> {
                    if (i + 1 >= tokens.size()) {
                        yield null;
                    }
                    Token u = tokens.get(i + 1);
                    yield source.substring(0, t.offset()) + u.text() + source.substring(t.end(), u.offset()) + t.text()
                            + source.substring(u.end());
                }
                default -> source.substring(0, t.offset()) + REPLACEMENTS.get(random.nextInt(REPLACEMENTS.size()))
                        + source.substring(t.end());
            };
            if (mutated != null && !mutated.equals(source)) {
                out.add(mutated);
            }
        }
        return new ArrayList<>(out);
    }
}
