package dev.spawn.monitoring.promql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which labels an expression's output series carry, worked out as Prometheus 2.42 evaluates it
 * (promql/engine.go, functions.go): selectors carry their metric's labels from a {@link Metrics}
 * description, aggregations keep their {@code by} labels or drop their {@code without} ones,
 * arithmetic and most functions drop {@code __name__}, vector matching keeps the {@code on} labels or
 * drops the {@code ignoring} ones and adds {@code group_left}/{@code group_right} includes,
 * {@code label_replace}/{@code label_join} add their destination, {@code absent} has only the
 * equality matchers of its selector. A rule's output labels are these plus its own.
 */
public final class LabelFlow implements Expr.Visitor<Labels> {

    /** What the selectors read: each known metric's labels; empty for a metric nobody described. */
    @FunctionalInterface
    public interface Metrics {
        Optional<Labels> labels(String metric);

        /**
         * Metrics with their own labels (certain), each also carrying the target labels every scraped
         * series gets: {@code certainTargets} always (job, instance), {@code possibleTargets} depending on
         * discovery and relabelling (region, instance_type, ...). {@code __name__} is added.
         */
        static Metrics of(Map<String, ? extends Set<String>> metricLabels, Set<String> certainTargets,
                          Set<String> possibleTargets) {
            return metric -> Optional.ofNullable(metricLabels.get(metric)).map(own -> {
                Set<String> certain = new HashSet<>(own);
                certain.addAll(certainTargets);
                certain.add("__name__");
                return new Labels(certain, possibleTargets, false);
            });
        }
    }

    private final Metrics metrics;

    private LabelFlow(Metrics metrics) {
        this.metrics = metrics;
    }

    /** The labels of the expression's output series. */
    public static Labels of(Expr expr, Metrics metrics) {
        return expr.accept(new LabelFlow(metrics));
    }

    private Labels flow(Expr e) {
        return e.accept(this);
    }

    @Override
    public Labels number(Expr.NumberLiteral e) {
        return Labels.NONE;
    }

    @Override
    public Labels string(Expr.StringLiteral e) {
        return Labels.NONE;
    }

    @Override
    public Labels vectorSelector(Expr.VectorSelector e) {
        Labels base = e.metricName().flatMap(metrics::labels).orElse(Labels.UNKNOWN);
        if (e.metricName().isPresent()) {
            base = base.plus(List.of("__name__"));
        }
        // A matcher that rejects the empty value means the label is there; one that needs it, that it is not.
        List<String> present = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (Expr.Matcher m : e.matchers()) {
            if (!Parser.matchesEmpty(m)) {
                present.add(m.name());
            } else if (m.op() == Expr.MatchOp.EQUAL) {
                absent.add(m.name());
            }
        }
        return base.minus(absent).plus(present);
    }

    @Override
    public Labels matrixSelector(Expr.MatrixSelector e) {
        return flow(e.selector());
    }

    @Override
    public Labels subquery(Expr.Subquery e) {
        return flow(e.expr());
    }

    @Override
    public Labels call(Expr.Call e) {
        List<Expr> args = e.args();
        return switch (e.function().name()) {
            case "sort", "sort_desc", "last_over_time" -> flow(args.get(0));
            case "label_replace" -> labelReplace(flow(args.get(0)), args);
            case "label_join" -> labelJoin(flow(args.get(0)), args);
            case "absent", "absent_over_time" -> absent(args.get(0));
            case "histogram_quantile", "histogram_fraction" -> flow(args.get(args.size() - 1)).minus(List.of("__name__", "le"));
            case "vector", "time", "pi", "scalar" -> Labels.NONE;
            default -> {
                Expr vectorArg = args.stream().filter(a -> a.type() == ValueType.VECTOR || a.type() == ValueType.MATRIX)
                        .findFirst().orElse(null);
                yield vectorArg == null ? Labels.NONE : flow(vectorArg).minus(List.of("__name__"));
            }
        };
    }

    /**
     * label_replace(v, dst, replacement, src, regex) sets dst only where the regex matches src, and removes it
     * where the replacement comes out empty: certain only for a literal replacement and a regex matching anything.
     */
    private static Labels labelReplace(Labels input, List<Expr> args) {
        Optional<String> dst = stringArg(args.get(1));
        if (dst.isEmpty()) {
            return input;
        }
        String replacement = stringArg(args.get(2)).orElse("");
        String regex = stringArg(args.get(4)).orElse("");
        boolean always = (regex.equals(".*") || regex.equals("(.*)")) && !replacement.isEmpty() && !replacement.contains("$");
        Labels possible = new Labels(input.certain(), union(input.possible(), List.of(dst.get())), input.others());
        return always ? possible.plus(List.of(dst.get())) : possible;
    }

    /** label_join(v, dst, separator, src...) sets dst to the joined values, removing it when that is empty. */
    private static Labels labelJoin(Labels input, List<Expr> args) {
        Optional<String> dst = stringArg(args.get(1));
        if (dst.isEmpty()) {
            return input;
        }
        String separator = stringArg(args.get(2)).orElse("");
        List<String> sources = args.subList(3, args.size()).stream().map(LabelFlow::stringArg)
                .flatMap(Optional::stream).toList();
        boolean certain = (sources.size() >= 2 && !separator.isEmpty()) || sources.stream().anyMatch(input::certainly);
        boolean possible = certain || sources.stream().anyMatch(input::possibly);
        Labels without = input.minus(List.of(dst.get()));
        if (certain) {
            return without.plus(List.of(dst.get()));
        }
        return possible ? without.withUncertain(dst.get()) : without;
    }

    private static Optional<String> stringArg(Expr e) {
        Expr inner = e;
        while (inner instanceof Expr.Paren p) {
            inner = p.expr();
        }
        return inner instanceof Expr.StringLiteral s && !s.value().isEmpty() ? Optional.of(s.value()) : Optional.empty();
    }

    /** absent(): the equality matchers of its selector, a label matched twice or otherwise dropped. */
    private static Labels absent(Expr arg) {
        Expr selector = arg instanceof Expr.MatrixSelector m ? m.selector() : arg;
        if (!(selector instanceof Expr.VectorSelector vs)) {
            return Labels.NONE;
        }
        Set<String> has = new HashSet<>();
        Set<String> set = new HashSet<>();
        for (Expr.Matcher m : vs.matchers()) {
            if (m.name().equals("__name__")) {
                continue;
            }
            if (m.op() == Expr.MatchOp.EQUAL && !has.contains(m.name())) {
                has.add(m.name());
                if (!m.value().isEmpty()) {
                    set.add(m.name());
                }
            } else {
                set.remove(m.name());
            }
        }
        return new Labels(set, set, false);
    }

    @Override
    public Labels aggregate(Expr.Aggregate e) {
        Labels input = flow(e.expr());
        Labels grouped;
        if (e.op() == Expr.AggregateOp.TOPK || e.op() == Expr.AggregateOp.BOTTOMK) {
            return input;
        } else if (e.without()) {
            List<String> dropped = new ArrayList<>(e.grouping());
            dropped.add("__name__");
            grouped = input.minus(dropped);
        } else {
            grouped = input.keep(e.grouping());
        }
        if (e.op() == Expr.AggregateOp.COUNT_VALUES) {
            return grouped.plus(e.param().flatMap(LabelFlow::stringArg).stream().toList());
        }
        return grouped;
    }

    @Override
    public Labels binary(Expr.Binary e) {
        Labels left = flow(e.lhs());
        Labels right = flow(e.rhs());
        boolean leftVector = e.lhs().type() == ValueType.VECTOR;
        boolean rightVector = e.rhs().type() == ValueType.VECTOR;
        if (!leftVector && !rightVector) {
            return Labels.NONE;
        }
        boolean dropName = switch (e.op()) {
            case ADD, SUB, MUL, DIV, MOD, POW -> true;
            default -> e.returnBool();
        };
        List<String> name = dropName ? List.of("__name__") : List.of();
        if (!leftVector || !rightVector) {
            return (leftVector ? left : right).minus(name);
        }
        switch (e.op()) {
            case AND, UNLESS -> {
                return left;
            }
            case OR -> {
                return left.either(right);
            }
            default -> {
            }
        }
        Expr.VectorMatching matching = e.matching().orElse(
                new Expr.VectorMatching(Expr.Cardinality.ONE_TO_ONE, List.of(), false, false, List.of()));
        boolean groupRight = matching.card() == Expr.Cardinality.ONE_TO_MANY;
        Labels many = (groupRight ? right : left).minus(name);
        Labels one = groupRight ? left : right;
        if (matching.card() == Expr.Cardinality.ONE_TO_ONE) {
            return matching.on() ? many.keep(matching.labels()) : many.minus(matching.labels());
        }
        List<String> certain = matching.include().stream().filter(one::certainly).toList();
        List<String> possible = matching.include().stream().filter(one::possibly).toList();
        Labels withoutIncludes = many.minus(matching.include());
        return new Labels(union(withoutIncludes.certain(), certain), union(withoutIncludes.possible(), possible),
                withoutIncludes.others());
    }

    private static Set<String> union(Set<String> a, List<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }

    @Override
    public Labels unary(Expr.Unary e) {
        Labels inner = flow(e.expr());
        return e.negative() ? inner.minus(List.of("__name__")) : inner;
    }

    @Override
    public Labels paren(Expr.Paren e) {
        return flow(e.expr());
    }
}
