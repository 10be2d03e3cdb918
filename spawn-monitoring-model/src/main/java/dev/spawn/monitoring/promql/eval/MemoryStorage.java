package dev.spawn.monitoring.promql.eval;

import com.google.re2j.Pattern;
import dev.spawn.monitoring.promql.Expr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Storage} over series held in memory, in the order given (the engine reads them in that order). Label
 * matchers match as Prometheus 2.42's do: a missing label is the empty value, regexes are RE2, fully anchored
 * ({@code ^(?:re)$}, no flags). Selections are cached by their matchers, so the series must not change.
 */
public final class MemoryStorage implements Storage {

    private final List<Series> series;
    private final long maxTime;
    private final Map<List<Expr.Matcher>, List<Series>> selections = new HashMap<>();
    private final Map<String, Pattern> patterns = new HashMap<>();

    public MemoryStorage(List<Series> series, long maxTime) {
        this.series = List.copyOf(series);
        this.maxTime = maxTime;
    }

    @Override
    public synchronized List<Series> select(List<Expr.Matcher> matchers) {
        List<Series> hit = selections.get(matchers);
        if (hit == null) {
            hit = new ArrayList<>();
            for (Series s : series) {
                if (matchesAll(matchers, s)) {
                    hit.add(s);
                }
            }
            hit = List.copyOf(hit);
            selections.put(List.copyOf(matchers), hit);
        }
        return hit;
    }

    @Override
    public long maxTime() {
        return maxTime;
    }

    private boolean matchesAll(List<Expr.Matcher> matchers, Series s) {
        for (Expr.Matcher m : matchers) {
            if (!matches(m, s.labels().getOrDefault(m.name(), ""))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code value} (empty for a missing label) satisfies the matcher. */
    public boolean matches(Expr.Matcher m, String value) {
        return switch (m.op()) {
            case EQUAL -> value.equals(m.value());
            case NOT_EQUAL -> !value.equals(m.value());
            case REGEX -> pattern(m.value()).matcher(value).matches();
            case NOT_REGEX -> !pattern(m.value()).matcher(value).matches();
        };
    }

    private synchronized Pattern pattern(String regex) {
        return patterns.computeIfAbsent(regex, r -> Pattern.compile("^(?:" + r + ")$"));
    }
}
