package dev.spawn.monitoring.promql;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A PromQL expression of Prometheus 2.42, as parsed by {@link PromQL#parse}. Every node carries the
 * {@link Span} it was read from; {@link #type()} is its type as Prometheus computes it.
 */
public sealed interface Expr permits Expr.NumberLiteral, Expr.StringLiteral, Expr.VectorSelector,
        Expr.MatrixSelector, Expr.Subquery, Expr.Call, Expr.Aggregate, Expr.Binary, Expr.Unary, Expr.Paren {

    Span span();

    ValueType type();

    /** Calls the visitor's method for this variant. */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per variant: Java 17 has no exhaustive switch over a sealed interface, so a visitor is how the
     * compiler tells every consumer (type checks, printer, label flow) what a new variant forgets.
     */
    interface Visitor<R> {
        R number(NumberLiteral e);

        R string(StringLiteral e);

        R vectorSelector(VectorSelector e);

        R matrixSelector(MatrixSelector e);

        R subquery(Subquery e);

        R call(Call e);

        R aggregate(Aggregate e);

        R binary(Binary e);

        R unary(Unary e);

        R paren(Paren e);
    }

    /** The canonical text of this expression ({@link Printer}). */
    default String print() {
        return Printer.print(this);
    }

    /** A label matcher inside a selector's braces ({@code job=~"spawn.*"}), the value unquoted. */
    record Matcher(String name, MatchOp op, String value) {
        public Matcher {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
        }
    }

    /** The four label matching operators. */
    enum MatchOp {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String text;

        MatchOp(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** The {@code @} modifier: a timestamp in seconds, or {@code start()}/{@code end()}. */
    record At(AtKind kind, double timestamp) {
    }

    /** What an {@code @} modifier names. */
    enum AtKind { TIMESTAMP, START, END }

    /** The offset and {@code @} modifiers of a selector or subquery: offset in milliseconds (negative allowed, 0 = none). */
    record Modifiers(long offsetMillis, Optional<At> at) {
        public static final Modifiers NONE = new Modifiers(0, Optional.empty());

        public Modifiers {
            Objects.requireNonNull(at, "at");
        }

        Modifiers withOffset(long millis) {
            return new Modifiers(millis, at);
        }

        Modifiers withAt(At value) {
            return new Modifiers(offsetMillis, Optional.of(value));
        }
    }

    /** A number: decimal, hex, exponent, {@code Inf} or {@code NaN}; a leading minus folded in as Prometheus does. */
    record NumberLiteral(double value, Span span) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.number(this);
        }

        @Override
        public ValueType type() {
            return ValueType.SCALAR;
        }
    }

    /** A string, unquoted. */
    record StringLiteral(String value, Span span) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.string(this);
        }

        @Override
        public ValueType type() {
            return ValueType.STRING;
        }
    }

    /**
     * An instant vector selector. {@code name} is the metric name written before the braces (empty when
     * none); {@code matchers} are those in braces (a {@code __name__} matcher stays there).
     */
    record VectorSelector(String name, List<Matcher> matchers, Modifiers modifiers, Span span) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.vectorSelector(this);
        }

        public VectorSelector {
            matchers = List.copyOf(matchers);
        }

        @Override
        public ValueType type() {
            return ValueType.VECTOR;
        }

        /** The metric name this selector certainly selects: the written name, or a {@code __name__="x"} matcher. */
        public Optional<String> metricName() {
            if (!name.isEmpty()) {
                return Optional.of(name);
            }
            return matchers.stream().filter(m -> m.name().equals("__name__") && m.op() == MatchOp.EQUAL)
                    .map(Matcher::value).findFirst();
        }
    }

    /** A range vector selector {@code sel[5m]}; offset and {@code @} sit on the selector, as in Prometheus. */
    record MatrixSelector(Expr selector, long rangeMillis, Span span) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.matrixSelector(this);
        }

        @Override
        public ValueType type() {
            return ValueType.MATRIX;
        }
    }

    /** A subquery {@code expr[range:step]}; step 0 means the default resolution. */
    record Subquery(Expr expr, long rangeMillis, long stepMillis, Modifiers modifiers, Span span) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.subquery(this);
        }

        @Override
        public ValueType type() {
            return ValueType.MATRIX;
        }
    }

    /** A call of one of Prometheus' functions. */
    record Call(Function function, List<Expr> args, Span span) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.call(this);
        }

        public Call {
            args = List.copyOf(args);
        }

        @Override
        public ValueType type() {
            return function.returnType();
        }
    }

    /** The aggregation operators; some take a parameter before the vector. */
    enum AggregateOp {
        SUM, AVG, COUNT, MIN, MAX, GROUP, STDDEV, STDVAR, TOPK, BOTTOMK, COUNT_VALUES, QUANTILE;

        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public boolean takesParameter() {
            return this == TOPK || this == BOTTOMK || this == COUNT_VALUES || this == QUANTILE;
        }
    }

    /**
     * An aggregation. {@code grouping} holds the labels of {@code by}/{@code without}; {@code groupingGiven}
     * tells {@code sum(x)} from {@code sum by () (x)}; {@code param} is present for topk, bottomk, quantile, count_values.
     */
    record Aggregate(AggregateOp op, Optional<Expr> param, Expr expr, List<String> grouping, boolean without,
                     boolean groupingGiven, Span span) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.aggregate(this);
        }

        public Aggregate {
            grouping = List.copyOf(grouping);
        }

        @Override
        public ValueType type() {
            return ValueType.VECTOR;
        }
    }

    /** The binary operators, with Prometheus' precedence (higher binds tighter). */
    enum BinaryOp {
        OR("or", 1), AND("and", 2), UNLESS("unless", 2),
        EQL("==", 3), NEQ("!=", 3), LTE("<=", 3), LSS("<", 3), GTE(">=", 3), GTR(">", 3),
        ADD("+", 4), SUB("-", 4), MUL("*", 5), DIV("/", 5), MOD("%", 5), ATAN2("atan2", 5), POW("^", 6);

        private final String text;
        private final int precedence;

        BinaryOp(String text, int precedence) {
            this.text = text;
            this.precedence = precedence;
        }

        public String text() {
            return text;
        }

        public int precedence() {
            return precedence;
        }

        public boolean isComparison() {
            return precedence == 3;
        }

        public boolean isSetOperator() {
            return this == OR || this == AND || this == UNLESS;
        }

        public boolean isRightAssociative() {
            return this == POW;
        }
    }

    /** Which side may match many series in a vector-vector operation. */
    enum Cardinality { ONE_TO_ONE, MANY_TO_ONE, ONE_TO_MANY, MANY_TO_MANY }

    /**
     * How a binary operation matches series: {@code on} (true) or {@code ignoring} the {@code labels} (given tells an
     * empty list from none), and for group_left/group_right the {@code include} labels.
     */
    record VectorMatching(Cardinality card, List<String> labels, boolean on, boolean labelsGiven, List<String> include) {
        public VectorMatching {
            labels = List.copyOf(labels);
            include = List.copyOf(include);
        }
    }

    /**
     * A binary operation; {@code matching} is present when {@code on}/{@code ignoring} was written (Prometheus
     * applies it only when both sides are instant vectors).
     */
    record Binary(BinaryOp op, Expr lhs, Expr rhs, boolean returnBool, Optional<VectorMatching> matching, Span span)
            implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.binary(this);
        }

        @Override
        public ValueType type() {
            return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR ? ValueType.SCALAR : ValueType.VECTOR;
        }
    }

    /** Unary minus or plus on something that is not a number literal. */
    record Unary(boolean negative, Expr expr, Span span) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.unary(this);
        }

        @Override
        public ValueType type() {
            return expr.type();
        }
    }

    /** A parenthesised expression (kept, so printing gives back the same tree). */
    record Paren(Expr expr, Span span) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.paren(this);
        }

        @Override
        public ValueType type() {
            return expr.type();
        }
    }
}
