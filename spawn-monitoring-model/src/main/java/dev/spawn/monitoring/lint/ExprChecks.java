package dev.spawn.monitoring.lint;

import dev.spawn.monitoring.model.DidYouMean;
import dev.spawn.monitoring.promql.Expr;
import dev.spawn.monitoring.rules.MetricCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of one parsed expression against the catalog: metric/unknown, metric/label, rate/gauge,
 * rate/range, counter/raw, alert/never-fires (a comparison outside the metric's range, matchers that cannot
 * all match) and alert/always-fires. Each finding is reported with the offset in the expression where it is.
 */
final class ExprChecks {

    /** Functions that need a counter: per-second rates and increases, and counter resets. */
    private static final Set<String> COUNTER_FUNCTIONS = Set.of("rate", "irate", "increase", "resets");
    /** Functions that need at least two samples in their range to give a result. */
    private static final Set<String> TWO_SAMPLES = Set.of("rate", "irate", "increase", "delta", "idelta", "deriv",
            "predict_linear");
    /** Functions and aggregations whose result is one of their input values (so stays in the metric's range). */
    private static final Set<String> VALUE_KEEPING = Set.of("min_over_time", "max_over_time", "avg_over_time",
            "last_over_time", "quantile_over_time", "sort", "sort_desc", "label_replace", "label_join");
    /** Functions that keep a counter a raw counter value. */
    private static final Set<String> RAW_KEEPING = Set.of("abs", "ceil", "floor", "round", "sort", "sort_desc",
            "label_replace", "label_join", "last_over_time", "max_over_time", "min_over_time", "avg_over_time", "clamp",
            "clamp_min", "clamp_max");

    interface Sink {
        void report(Check check, int offset, String message);
    }

    private final LintContext ctx;
    private final Sink sink;

    private ExprChecks(LintContext ctx, Sink sink) {
        this.ctx = ctx;
        this.sink = sink;
    }

    static void run(LintContext ctx, Expr expr, boolean alert, Sink sink) {
        ExprChecks checks = new ExprChecks(ctx, sink);
        checks.walk(expr);
        if (alert && !filters(expr)) {
            sink.report(Check.ALERT_ALWAYS_FIRES, expr.span().start(), "the expression has no comparison and no filter"
                    + " (and, unless, absent): the alert fires for every series it returns; compare it, such as "
                    + shorten(expr.print()) + " > 0");
        }
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    // ---- the walk ----

    private void walk(Expr e) {
        if (e instanceof Expr.VectorSelector vs) {
            selector(vs);
        } else if (e instanceof Expr.Call call) {
            call(call);
        } else if (e instanceof Expr.Binary b) {
            binary(b);
        }
        children(e).forEach(this::walk);
    }

    static List<Expr> children(Expr e) {
        List<Expr> out = new ArrayList<>();
        if (e instanceof Expr.MatrixSelector m) {
            out.add(m.selector());
        } else if (e instanceof Expr.Subquery s) {
            out.add(s.expr());
        } else if (e instanceof Expr.Call c) {
            out.addAll(c.args());
        } else if (e instanceof Expr.Aggregate a) {
            a.param().ifPresent(out::add);
            out.add(a.expr());
        } else if (e instanceof Expr.Binary b) {
            out.add(b.lhs());
            out.add(b.rhs());
        } else if (e instanceof Expr.Unary u) {
            out.add(u.expr());
        } else if (e instanceof Expr.Paren p) {
            out.add(p.expr());
        }
        return out;
    }

    private void selector(Expr.VectorSelector vs) {
        Optional<String> name = vs.metricName();
        if (name.isEmpty()) {
            return;
        }
        Optional<MetricCatalog.Metric> metric = ctx.metric(name.get());
        int at = vs.span().start();
        if (metric.isEmpty()) {
            if (ctx.catalogued(name.get())) {
                sink.report(Check.METRIC_UNKNOWN, at, name.get() + " is not in the metric catalog, so the selector"
                        + " matches nothing" + DidYouMean.hint(name.get(), ctx.metricNames())
                        + (DidYouMean.closest(name.get(), ctx.metricNames()).isEmpty()
                        ? "; declare it in the spec's metrics: section if the fleet serves it" : ""));
            }
            return;
        }
        for (Expr.Matcher m : vs.matchers()) {
            if (!ctx.mayCarry(metric.get(), m.name())) {
                boolean matchesEmpty = matchesEmpty(m);
                sink.report(Check.METRIC_LABEL, at, name.get() + " never carries the label " + m.name() + ", so "
                        + m.name() + m.op().text() + "\"" + m.value() + "\" " + (matchesEmpty ? "has no effect"
                        : "matches nothing") + "; its labels are " + String.join(", ", ctx.labelsOf(metric.get())));
            }
        }
        contradictions(vs, at);
    }

    /** Two matchers on one label that no value satisfies together: {@code region="a", region="b"}. */
    private void contradictions(Expr.VectorSelector vs, int at) {
        List<Expr.Matcher> ms = vs.matchers();
        for (Expr.Matcher eq : ms) {
            if (eq.op() != Expr.MatchOp.EQUAL) {
                continue;
            }
            for (Expr.Matcher other : ms) {
                if (other == eq || !other.name().equals(eq.name())) {
                    continue;
                }
                if (!matches(other, eq.value())) {
                    sink.report(Check.ALERT_NEVER_FIRES, at, "the matchers " + text(eq) + " and " + text(other)
                            + " cannot both match: the selector selects nothing");
                    return;
                }
            }
        }
        for (Expr.Matcher m : ms) {
            if (m.op() == Expr.MatchOp.REGEX) {
                if (emptyLanguage(m.value())) {
                    sink.report(Check.ALERT_NEVER_FIRES, at, "the regular expression of " + text(m)
                            + " matches no value under RE2: the selector selects nothing");
                }
            }
        }
    }

    private static String text(Expr.Matcher m) {
        return m.name() + m.op().text() + "\"" + m.value() + "\"";
    }

    static boolean matchesEmpty(Expr.Matcher m) {
        return matches(m, "");
    }

    static boolean matches(Expr.Matcher m, String value) {
        return switch (m.op()) {
            case EQUAL -> m.value().equals(value);
            case NOT_EQUAL -> !m.value().equals(value);
            case REGEX -> regex(m.value()).map(p -> p.matcher(value).matches()).orElse(true);
            case NOT_REGEX -> regex(m.value()).map(p -> !p.matcher(value).matches()).orElse(true);
        };
    }

    private static Optional<com.google.re2j.Pattern> regex(String value) {
        try {
            return Optional.of(com.google.re2j.Pattern.compile("^(?:" + value + ")$", com.google.re2j.Pattern.DOTALL));
        } catch (RuntimeException e) {
            return Optional.empty(); // promql/syntax reports a regex Prometheus rejects
        }
    }

    /**
     * A regex no string matches: every top-level alternative has an end anchor ({@code $}, {@code \z}) before
     * a character it must still read, or a start anchor ({@code ^}, {@code \A}) after one, as in
     * {@code "us-east$-1"} or {@code "i-^abc"} (Prometheus anchors the whole regex, so inner anchors only ever
     * cut it short).
     */
    static boolean emptyLanguage(String value) {
        if (regex(value).isEmpty()) {
            return false;
        }
        List<String> branches = new ArrayList<>();
        int depth = 0;
        boolean inClass = false;
        int from = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                branches.add(value.substring(from, i));
                from = i + 1;
            }
        }
        branches.add(value.substring(from));
        return branches.stream().allMatch(ExprChecks::branchImpossible);
    }

    /** A branch with a literal character after an end anchor or before a start anchor (outside groups and classes). */
    private static boolean branchImpossible(String branch) {
        boolean literalBefore = false;
        boolean endSeen = false;
        for (int i = 0; i < branch.length(); i++) {
            char c = branch.charAt(i);
            if (c == '(' || c == ')' || c == '[' || c == '*' || c == '?' || c == '{' || c == '|') {
                return false; // groups, classes and repetition: out of this simple reading
            }
            if (c == '\\') {
                if (i + 1 < branch.length() && "AzbB".indexOf(branch.charAt(i + 1)) >= 0) {
                    return false;
                }
                i++;
                if (endSeen) {
                    return true;
                }
                literalBefore = true;
                continue;
            }
            if (c == '$') {
                endSeen = true;
            } else if (c == '^') {
                if (literalBefore) {
                    return true;
                }
            } else if (c != '+') {
                if (endSeen) {
                    return true;
                }
                literalBefore = true;
            }
        }
        return false;
    }

    private void call(Expr.Call call) {
        String fn = call.function().name();
        if (call.args().isEmpty()) {
            return;
        }
        Expr arg = call.args().get(0);
        if (!(arg instanceof Expr.MatrixSelector ms) || !(ms.selector() instanceof Expr.VectorSelector vs)) {
            return;
        }
        Optional<MetricCatalog.Metric> metric = vs.metricName().flatMap(ctx::metric);
        if (COUNTER_FUNCTIONS.contains(fn) && metric.isPresent() && !metric.get().isCounter()) {
            sink.report(Check.RATE_GAUGE, call.span().start(), fn + "() over the gauge " + metric.get().name()
                    + ": " + fn + " reads drops as counter resets; use " + (fn.equals("resets") ? "changes()"
                    : "deriv() or delta()") + " for a gauge");
        }
        if (TWO_SAMPLES.contains(fn)) {
            Optional<String> job = vs.matchers().stream().filter(m -> m.name().equals("job") && m.op() == Expr.MatchOp.EQUAL)
                    .map(Expr.Matcher::value).findFirst();
            long interval = ctx.scrapeInterval(job);
            if (ms.rangeMillis() < 2 * interval) {
                sink.report(Check.RATE_RANGE, ms.span().start(), fn + "() over [" + new dev.spawn.monitoring.model.Duration(ms.rangeMillis()) + "] at a " + new dev.spawn.monitoring.model.Duration(interval)
                        + " scrape interval sees fewer than two samples and returns nothing; use a range of at least "
                        + new dev.spawn.monitoring.model.Duration(4 * interval) + " (four intervals)");
            }
        }
    }

    private void binary(Expr.Binary b) {
        if (!b.op().isComparison()) {
            return;
        }
        Expr.NumberLiteral constant = number(b.rhs()).orElse(null);
        Expr vector = b.lhs();
        boolean flipped = false;
        if (constant == null) {
            constant = number(b.lhs()).orElse(null);
            vector = b.rhs();
            flipped = true;
        }
        Optional<Expr.VectorSelector> raw = rawCounter(b.lhs());
        if (raw.isEmpty()) {
            raw = rawCounter(b.rhs());
        }
        raw.ifPresent(vs -> sink.report(Check.COUNTER_RAW, vs.span().start(), "the counter " + vs.metricName().orElse("")
                + " is compared as a raw value, which only grows and restarts from 0; compare its rate() or increase()"));
        if (constant == null || b.returnBool()) {
            return;
        }
        Optional<MetricCatalog.Metric> metric = ranged(vector);
        if (metric.isEmpty()) {
            return;
        }
        double c = constant.value();
        Double min = metric.get().min();
        Double max = metric.get().max();
        // x OP c, or c OP x read as x (reversed OP) c
        String op = flipped ? reverse(b.op().text()) : b.op().text();
        boolean never = switch (op) {
            case ">" -> max != null && c >= max;
            case ">=" -> max != null && c > max;
            case "<" -> min != null && c <= min;
            case "<=" -> min != null && c < min;
            case "==" -> (max != null && c > max) || (min != null && c < min);
            default -> false;
        };
        if (never) {
            sink.report(Check.ALERT_NEVER_FIRES, b.span().start(), metric.get().name() + " stays within "
                    + range(min, max) + ", so " + op + " " + number(c) + " is never true");
        }
    }

    private static String reverse(String op) {
        return switch (op) {
            case ">" -> "<";
            case ">=" -> "<=";
            case "<" -> ">";
            case "<=" -> ">=";
            default -> op;
        };
    }

    private static String range(Double min, Double max) {
        return "[" + (min == null ? "-Inf" : number(min)) + ", " + (max == null ? "+Inf" : number(max)) + "]";
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static Optional<Expr.NumberLiteral> number(Expr e) {
        Expr inner = e;
        while (inner instanceof Expr.Paren p) {
            inner = p.expr();
        }
        return inner instanceof Expr.NumberLiteral n ? Optional.of(n) : Optional.empty();
    }

    /** The catalogued metric whose values {@code e} returns unchanged (a selector, min/max/avg of one, ...). */
    private Optional<MetricCatalog.Metric> ranged(Expr e) {
        if (e instanceof Expr.Paren p) {
            return ranged(p.expr());
        }
        if (e instanceof Expr.VectorSelector vs) {
            return vs.metricName().flatMap(ctx::metric);
        }
        if (e instanceof Expr.MatrixSelector ms) {
            return ranged(ms.selector());
        }
        if (e instanceof Expr.Aggregate a && switch (a.op()) {
            case MIN, MAX, AVG, TOPK, BOTTOMK, QUANTILE -> true;
            default -> false;
        }) {
            return ranged(a.expr());
        }
        if (e instanceof Expr.Call c && VALUE_KEEPING.contains(c.function().name()) && !c.args().isEmpty()) {
            return ranged(c.args().get(c.function().name().equals("quantile_over_time") ? 1 : 0));
        }
        return Optional.empty();
    }

    /** A counter selector whose raw value reaches {@code e}'s result (not through rate, increase, count...). */
    private Optional<Expr.VectorSelector> rawCounter(Expr e) {
        if (e instanceof Expr.Paren p) {
            return rawCounter(p.expr());
        }
        if (e instanceof Expr.Unary u) {
            return rawCounter(u.expr());
        }
        if (e instanceof Expr.VectorSelector vs) {
            return vs.metricName().flatMap(ctx::metric).filter(MetricCatalog.Metric::isCounter).map(m -> vs);
        }
        if (e instanceof Expr.Aggregate a && switch (a.op()) {
            case SUM, MIN, MAX, AVG, TOPK, BOTTOMK, QUANTILE -> true;
            default -> false;
        }) {
            return rawCounter(a.expr());
        }
        if (e instanceof Expr.Call c && RAW_KEEPING.contains(c.function().name()) && !c.args().isEmpty()) {
            Expr first = c.args().get(0);
            return rawCounter(first instanceof Expr.MatrixSelector ms ? ms.selector() : first);
        }
        if (e instanceof Expr.Binary b && !b.op().isComparison() && !b.op().isSetOperator()) {
            Optional<Expr.VectorSelector> l = rawCounter(b.lhs());
            return l.isPresent() ? l : rawCounter(b.rhs());
        }
        return Optional.empty();
    }

    /**
     * Whether the expression can return fewer series than it reads: a comparison without bool, and, unless,
     * absent(); an or of two filtered sides; anything built on a filtered part.
     */
    static boolean filters(Expr e) {
        if (e instanceof Expr.Binary b) {
            if (b.op().isComparison() && !b.returnBool()) {
                return true;
            }
            if (b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.UNLESS) {
                return true;
            }
            if (b.op() == Expr.BinaryOp.OR) {
                return filters(b.lhs()) && filters(b.rhs());
            }
            return filters(b.lhs()) || filters(b.rhs());
        }
        if (e instanceof Expr.Call c) {
            String fn = c.function().name();
            if (fn.equals("absent") || fn.equals("absent_over_time")) {
                return true;
            }
            return c.args().stream().anyMatch(ExprChecks::filters);
        }
        if (e instanceof Expr.NumberLiteral || e instanceof Expr.StringLiteral || e instanceof Expr.VectorSelector) {
            return false;
        }
        return children(e).stream().anyMatch(ExprChecks::filters);
    }
}
