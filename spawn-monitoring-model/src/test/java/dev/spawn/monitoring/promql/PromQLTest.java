package dev.spawn.monitoring.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spawn.monitoring.promql.Expr.AggregateOp;
import dev.spawn.monitoring.promql.Expr.At;
import dev.spawn.monitoring.promql.Expr.AtKind;
import dev.spawn.monitoring.promql.Expr.BinaryOp;
import dev.spawn.monitoring.promql.Expr.Cardinality;
import dev.spawn.monitoring.promql.Expr.MatchOp;
import dev.spawn.monitoring.promql.Expr.Matcher;
import dev.spawn.monitoring.promql.Expr.Modifiers;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PromQLTest {

    private static Expr.Binary binary(String expr) {
        return (Expr.Binary) PromQL.parse(expr);
    }

    private static String shape(String expr) {
        return shape(PromQL.parse(expr));
    }

    /** The tree with every operation bracketed, to read precedence and associativity off. */
    private static String shape(Expr e) {
        if (e instanceof Expr.Binary b) {
            return "(" + shape(b.lhs()) + " " + b.op().text() + " " + shape(b.rhs()) + ")";
        } else if (e instanceof Expr.Unary u) {
            return "(" + (u.negative() ? "-" : "+") + shape(u.expr()) + ")";
        }
        return e.print();
    }

    @Example
    void bindsOperatorsWithPrometheusPrecedenceAndAssociativity() {
        assertThat(shape("a + b * c")).isEqualTo("(a + (b * c))");
        assertThat(shape("a - b - c")).isEqualTo("((a - b) - c)");
        assertThat(shape("2 ^ 3 ^ 2")).isEqualTo("(2 ^ (3 ^ 2))");
        assertThat(shape("a or b and c unless d")).isEqualTo("(a or ((b and c) unless d))");
        assertThat(shape("a > b + c")).isEqualTo("(a > (b + c))");
        assertThat(shape("a atan2 b ^ c")).isEqualTo("(a atan2 (b ^ c))");
        assertThat(shape("a == bool b or c")).isEqualTo("((a == b) or c)");
    }

    @Example
    void unaryMinusBindsLikeMultiplicationAndFoldsIntoNumbers() {
        assertThat(shape("-a ^ b")).isEqualTo("(-(a ^ b))");
        assertThat(shape("-a * b")).isEqualTo("((-a) * b)");
        assertThat(shape("2 ^ -1 * 3")).isEqualTo("((2 ^ -1) * 3)");
        assertThat(PromQL.parse("-1")).isInstanceOf(Expr.NumberLiteral.class)
                .extracting(e -> ((Expr.NumberLiteral) e).value()).isEqualTo(-1.0);
        assertThat(PromQL.parse("- -2")).extracting(e -> ((Expr.NumberLiteral) e).value()).isEqualTo(2.0);
    }

    @Example
    void readsNumbersAsGoDoes() {
        assertThat(number("0x1F")).isEqualTo(31);
        assertThat(number("017")).isEqualTo(15);
        assertThat(number("019")).isEqualTo(19);
        assertThat(number("1e3")).isEqualTo(1000);
        assertThat(number(".5")).isEqualTo(0.5);
        assertThat(number("Inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(number("nan")).isNaN();
        assertThat(PromQL.problems("1e400")).singleElement().extracting(PromQLProblem::message)
                .isEqualTo("error parsing number: strconv.ParseFloat: parsing \"1e400\": value out of range");
        assertThat(PromQL.problems("0x")).isNotEmpty();
    }

    private static double number(String text) {
        return ((Expr.NumberLiteral) PromQL.parse(text)).value();
    }

    @Example
    void unquotesStringsWithGoEscapes() {
        assertThat(string("\"a\\x41\\u00e9\\n\"")).isEqualTo("aAé\n");
        assertThat(string("'it\\'s'")).isEqualTo("it's");
        assertThat(string("`raw\\n`")).isEqualTo("raw\\n");
        assertThat(string("\"\\101\"")).isEqualTo("A");
        assertThat(PromQL.problems("\"\\q\"")).singleElement().extracting(PromQLProblem::message)
                .isEqualTo("unknown escape sequence U+0071 'q'");
    }

    private static String string(String text) {
        return ((Expr.StringLiteral) PromQL.parse(text)).value();
    }

    @Example
    void readsSelectorsWithMatchersOffsetAndAt() {
        Expr.VectorSelector vs = (Expr.VectorSelector) PromQL.parse("foo{job=~\"a.*\", region!=\"x\",} offset -5m @ start()");
        assertThat(vs.name()).isEqualTo("foo");
        assertThat(vs.matchers()).containsExactly(new Matcher("job", MatchOp.REGEX, "a.*"),
                new Matcher("region", MatchOp.NOT_EQUAL, "x"));
        assertThat(vs.modifiers()).isEqualTo(new Modifiers(-300_000, Optional.of(new At(AtKind.START, 0))));
        assertThat(((Expr.VectorSelector) PromQL.parse("{__name__=\"up\"}")).metricName()).contains("up");

        Expr.MatrixSelector ms = (Expr.MatrixSelector) PromQL.parse("rate_total[1h30m] @ 100 offset 1d");
        assertThat(ms.rangeMillis()).isEqualTo(5_400_000);
        assertThat(((Expr.VectorSelector) ms.selector()).modifiers().offsetMillis()).isEqualTo(86_400_000);
        assertThat(ms.type()).isEqualTo(ValueType.MATRIX);

        Expr.Subquery sq = (Expr.Subquery) PromQL.parse("max_over_time(x[5m])[1h:] offset 1h");
        assertThat(sq.stepMillis()).isZero();
        assertThat(sq.modifiers().offsetMillis()).isEqualTo(3_600_000);
    }

    @Example
    void readsAggregationsWithGroupingBeforeOrAfter() {
        Expr.Aggregate before = (Expr.Aggregate) PromQL.parse("sum by (job, region) (x)");
        Expr.Aggregate after = (Expr.Aggregate) PromQL.parse("sum(x) by (job, region)");
        assertThat(before.grouping()).isEqualTo(after.grouping()).containsExactly("job", "region");
        assertThat(before.print()).isEqualTo(after.print()).isEqualTo("sum by (job, region) (x)");
        Expr.Aggregate topk = (Expr.Aggregate) PromQL.parse("topk without (instance) (5, x)");
        assertThat(topk.op()).isEqualTo(AggregateOp.TOPK);
        assertThat(topk.without()).isTrue();
        assertThat(topk.param()).get().extracting(p -> ((Expr.NumberLiteral) p).value()).isEqualTo(5.0);
        assertThat(PromQL.parse("count_values(\"v\", x)").print()).isEqualTo("count_values(\"v\", x)");
    }

    @Example
    void readsVectorMatching() {
        Expr.Binary b = binary("a * on(job) group_left(region, zone) b");
        assertThat(b.matching()).get().satisfies(m -> {
            assertThat(m.on()).isTrue();
            assertThat(m.labels()).containsExactly("job");
            assertThat(m.card()).isEqualTo(Cardinality.MANY_TO_ONE);
            assertThat(m.include()).containsExactly("region", "zone");
        });
        assertThat(binary("a > bool ignoring(x) b").returnBool()).isTrue();
        assertThat(binary("a and b").matching()).isEmpty();
    }

    @Example
    void typesExpressionsAsPrometheus() {
        assertThat(PromQL.parse("rate(x[5m])").type()).isEqualTo(ValueType.VECTOR);
        assertThat(PromQL.parse("1 + 2").type()).isEqualTo(ValueType.SCALAR);
        assertThat(PromQL.parse("x + 2").type()).isEqualTo(ValueType.VECTOR);
        assertThat(PromQL.parse("scalar(x)").type()).isEqualTo(ValueType.SCALAR);
        assertThat(PromQL.parse("\"s\"").type()).isEqualTo(ValueType.STRING);
        assertThat(message("rate(x)")).isEqualTo("expected type range vector in call to function \"rate\", got instant vector");
        assertThat(message("1 > 2")).isEqualTo("comparisons between scalars must use BOOL modifier");
        assertThat(message("x + bool y")).isEqualTo("bool modifier can only be used on comparison operators");
        assertThat(message("x and 1")).isEqualTo("set operator \"and\" not allowed in binary scalar expression");
        assertThat(message("x and on(a) group_left y")).isEqualTo("no grouping allowed for \"and\" operation");
        assertThat(message("1 + on(a) x")).isEqualTo("vector matching only allowed between instant vectors");
        assertThat(message("{job=~\".*\"}")).isEqualTo("vector selector must contain at least one non-empty matcher");
        assertThat(message("foo{__name__=\"bar\"}")).isEqualTo("metric name must not be set twice: \"foo\" or \"bar\"");
        assertThat(message("sum(x)[5m]")).isEqualTo("ranges only allowed for vector selectors");
        assertThat(message("x offset 5m[5m]")).isEqualTo("no offset modifiers allowed before range");
        assertThat(message("round(x, 1, 2)")).isEqualTo("expected at most 2 argument(s) in call to \"round\", got 3");
        assertThat(message("label_join(x, \"a\")")).isEqualTo("expected at least 3 argument(s) in call to \"label_join\", got 2");
        assertThat(message("topk(x, y)")).isEqualTo("expected type scalar in aggregation parameter, got instant vector");
        assertThat(message("x{a=~\"(\"}")).isEqualTo("error parsing regexp: missing closing ): `^(?:()$`");
        assertThat(message("x[1m1h]")).isEqualTo("not a valid duration string: \"1m1h\"");
        assertThat(message("unknown(x)")).isEqualTo("unknown function with name \"unknown\"");
    }

    private static String message(String expr) {
        return PromQL.problems(expr).get(0).message();
    }

    @Example
    void placesNodesAndProblemsAtLineAndColumnAcrossLines() {
        String expr = "sum by (region) (\n  rate(spawn_cost_total[5m])\n) > 10";
        Expr.Binary b = binary(expr);
        Expr.Aggregate sum = (Expr.Aggregate) b.lhs();
        assertThat(sum.span()).extracting(Span::line, Span::column).containsExactly(1, 1);
        assertThat(sum.expr().span()).extracting(Span::line, Span::column).containsExactly(2, 3);
        assertThat(((Expr.Call) sum.expr()).args().get(0).span()).extracting(Span::line, Span::column).containsExactly(2, 8);
        assertThat(b.rhs().span()).extracting(Span::line, Span::column).containsExactly(3, 5);

        assertThatThrownBy(() -> PromQL.parse("sum(\n  rate(x[5m])\n) >"))
                .isInstanceOf(PromQLException.class)
                .hasMessage("3:4: parse error: unexpected end of input");
    }

    @Example
    void collectsEveryTypeProblem() {
        PromQLException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> PromQL.parse("rate(x) + sum(\"a\")"), PromQLException.class);
        assertThat(e.problems()).extracting(PromQLProblem::toString).containsExactly(
                "1:6: expected type range vector in call to function \"rate\", got instant vector",
                "1:15: expected type instant vector in aggregation expression, got string");
    }

    @Example
    void skipsComments() {
        assertThat(PromQL.parse("foo # the metric\n + bar # and another").print()).isEqualTo("foo + bar");
        assertThat(message("# only a comment")).isEqualTo("no expression found in input");
    }

    /** What promtool 2.42 does that one might not expect; the differential found each of these agreeing. */
    @Example
    void followsPromtoolWhereItSurprises() {
        // Inside brackets any letter lexes as the subquery colon.
        assertThat(PromQL.parse("foo[5m x]")).isInstanceOf(Expr.Subquery.class);
        // Keywords that are not operators in that place are metric names.
        assertThat(shape("foo and and")).isEqualTo("(foo and and)");
        assertThat(PromQL.parse("offset offset 5m")).isInstanceOf(Expr.VectorSelector.class);
        // An empty on() between a scalar and a vector has no labels to complain about.
        assertThat(PromQL.problems("1 + on() foo")).isEmpty();
        // A parenthesis after group_left is always its label list.
        assertThat(message("foo * on(job) group_left (bar)")).isEqualTo("unexpected end of input");
        // A hex number beyond int64 is not read as a float.
        assertThat(PromQL.problems("0xffffffffffffffffff")).isNotEmpty();
    }

    @Example
    void printsCanonicalText() {
        assertThat(PromQL.parse("sum(rate(x{a=\"b\"}[90m])) without (c)").print())
                .isEqualTo("sum without (c) (rate(x{a=\"b\"}[1h30m]))");
        assertThat(PromQL.parse("x offset -1w @ end()").print()).isEqualTo("x @ end() offset -1w");
        assertThat(PromQL.parse("a * ignoring(b) group_right c").print()).isEqualTo("a * ignoring(b) group_right() c");
        assertThat(PromQL.parse("(x)[5m:1m]").print()).isEqualTo("(x)[5m:1m]");
        Expr a = PromQL.parse("a");
        Expr b = PromQL.parse("b");
        Expr sum = new Expr.Binary(BinaryOp.ADD, a, b, false, Optional.empty(), a.span());
        assertThat(new Expr.Binary(BinaryOp.MUL, sum, PromQL.parse("c"), false, Optional.empty(), a.span()).print())
                .isEqualTo("(a + b) * c");
    }

    @Property(tries = 300, seed = "11")
    void printedExpressionsParseBackToTheSameTree(@ForAll("validExpressions") String source) {
        List<PromQLProblem> problems = PromQL.problems(source);
        if (!problems.isEmpty()) {
            return;
        }
        String printed = PromQL.parse(source).print();
        Expr reparsed = PromQL.parse(printed);
        assertThat(reparsed.print()).isEqualTo(printed);
        assertThat(shape(reparsed)).isEqualTo(shape(PromQL.parse(source)));
        assertThat(reparsed.type()).isEqualTo(PromQL.parse(source).type());
    }

    /** Whatever the text, the parser answers with problems, never with an exception of its own. */
    @Property(tries = 3000, seed = "12")
    void neverFailsWithAnythingButProblems(@ForAll("promqlCharacters") String text) {
        List<PromQLProblem> problems = PromQL.problems(text);
        if (problems.isEmpty()) {
            assertThat(PromQL.parse(text).print()).isNotNull();
        } else {
            assertThat(problems).allSatisfy(p -> assertThat(p.line()).isPositive());
        }
    }

    @Provide
    Arbitrary<String> promqlCharacters() {
        return net.jqwik.api.Arbitraries.strings().withChars("(){}[],:;=!~<>+-*/%^@#\"'`\\\n \t.0123456789eExXabfmshdwyz_")
                .ofMinLength(0).ofMaxLength(30);
    }

    @Provide
    Arbitrary<String> validExpressions() {
        return new PromQLGenerator(false).arbitrary();
    }

    @Example
    void parsesDeepNestingThatPrometheusAccepts() {
        String deep = "(".repeat(5000) + "x" + ")".repeat(5000);
        assertThat(PromQL.parse(deep).type()).isEqualTo(ValueType.VECTOR);
        assertThat(PromQL.problems("sum(" + deep + ") >")).singleElement().extracting(PromQLProblem::message)
                .isEqualTo("unexpected end of input");
    }

    @Example
    void knowsEveryFunctionOfPrometheus242() {
        assertThat(Function.all()).hasSize(70);
        assertThat(Function.named("label_join")).get().satisfies(f -> assertThat(f.maxArgs()).isEqualTo(-1));
        assertThat(Function.named("round")).get().satisfies(f -> {
            assertThat(f.minArgs()).isEqualTo(1);
            assertThat(f.maxArgs()).isEqualTo(2);
        });
        assertThat(Function.named("RATE")).isEmpty();
    }

    @Example
    void readsAndPrintsDurations() {
        assertThat(Durations.parseMillis("1h30m")).isEqualTo(5_400_000);
        assertThat(Durations.parseMillis("1y2w3d4h5m6s7ms")).isEqualTo(((((365L + 14 + 3) * 24 + 4) * 60 + 5) * 60 + 6) * 1000 + 7);
        assertThatThrownBy(() -> Durations.parseMillis("1m1h")).hasMessage("not a valid duration string: \"1m1h\"");
        assertThatThrownBy(() -> Durations.parseMillis("300y")).hasMessage("duration out of range");
        assertThat(Durations.format(90L * 86_400_000)).isEqualTo("90d");
        assertThat(Durations.format(14L * 86_400_000)).isEqualTo("2w");
        assertThat(Durations.format(5_400_500)).isEqualTo("1h30m500ms");
    }

    @Example
    void decidesWhetherARegexMatchesTheEmptyValue() {
        assertThat(Re2.matchesEmpty(".*")).isTrue();
        assertThat(Re2.matchesEmpty(".+")).isFalse();
        assertThat(Re2.matchesEmpty("a|")).isTrue();
        assertThat(Re2.matchesEmpty("(a{0,3})")).isTrue();
        assertThat(Re2.matchesEmpty("\\b")).isFalse();
        assertThat(Re2.matchesEmpty("^$")).isTrue();
        assertThat(Re2.check("a)|(b")).get().asString().contains("unexpected )");
        assertThat(Re2.check("(a{100}){100}")).get().asString().contains("invalid repeat count");
        assertThat(Re2.check("(?P<n>x)\\pL[[:alpha:]]\\Q.*\\E")).isEmpty();
        // Go's tree height limit of 1000 counts the ^(?:...)$ that Prometheus wraps around the regex.
        assertThat(PromQL.problems("x{a=~\"" + "(".repeat(998) + "a" + ")".repeat(998) + "\"}")).isEmpty();
        assertThat(message("x{a=~\"" + "(".repeat(999) + "a" + ")".repeat(999) + "\"}")).contains("expression nests too deeply");
        assertThat(Re2.check("\\p{Vithkuqi}")).as("a Unicode 14 script Go 1.19 does not know").isPresent();
        assertThat(message("x{a=~\"\\xff\"}")).startsWith("error parsing regexp: invalid UTF-8");
        assertThat(PromQL.problems("x{a=\"\\xff\"}")).isEmpty();
    }
}
