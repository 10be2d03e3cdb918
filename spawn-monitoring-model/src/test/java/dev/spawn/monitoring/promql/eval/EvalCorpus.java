package dev.spawn.monitoring.promql.eval;

import static dev.spawn.monitoring.promql.eval.EvalCase.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The differential's cases: hand-picked edge cases, and random expressions over random small series (seeded). */
final class EvalCorpus {

    private EvalCorpus() {
    }

    private static List<EvalCase.Query> at(long seconds, String... exprs) {
        List<EvalCase.Query> q = new ArrayList<>();
        for (String e : exprs) {
            q.add(new EvalCase.Query(e, seconds));
        }
        return q;
    }

    @SafeVarargs
    private static List<EvalCase.Query> all(List<EvalCase.Query>... lists) {
        List<EvalCase.Query> q = new ArrayList<>();
        for (List<EvalCase.Query> l : lists) {
            q.addAll(l);
        }
        return q;
    }

    static List<EvalCase> handPicked() {
        List<EvalCase> groups = new ArrayList<>();
        // Lookback: a sample exactly 5m old still counts, one older does not; a stale marker ends the series at once.
        groups.add(new EvalCase(List.of(input("once", "job=a", "7"), input("st", "job=a", "1 2 stale _ 4 _ _ _ _ _ _ _ _"),
                input("gap", "job=a", "1 _ _ _ _ _ _ 3")),
                all(at(300, "once", "st", "gap", "count_over_time(st[5m])", "last_over_time(st[5m])", "timestamp(gap)"),
                        at(301, "once", "gap"), at(360, "once", "gap", "st", "timestamp(st)"),
                        at(120, "st", "count_over_time(st[1m])", "changes(st[5m])", "absent(st)", "absent_over_time(st[1m])"),
                        at(180, "st", "st offset 1m", "st offset -2m", "st @ 60", "st @ 240 offset 1m", "timestamp(st @ 60 offset 1m)",
                                "present_over_time(st[30s])", "absent_over_time(st{job=\"a\"}[30s])", "absent_over_time(nope{job=\"a\",x=~\"y\"}[1m])"),
                        at(720, "st", "gap", "st @ end()", "gap @ start()", "max_over_time(gap[7m])", "max_over_time(gap[6m59s])"))));
        // Counters: resets, extrapolation near the start and the end of a series, irate/idelta.
        groups.add(new EvalCase(List.of(input("c", "job=a", "0 10 20 5 15 25 35 _ _ 40"), input("c", "job=b", "_ _ _ 10 20 30 40 50"),
                input("c", "job=c", "100 100 100 100 100 100 100"), input("c", "job=d", "5 4 3 2 1 0 7")),
                all(at(240, "rate(c[5m])", "increase(c[5m])", "delta(c[5m])", "irate(c[5m])", "idelta(c[5m])", "resets(c[5m])",
                        "increase(c[2m])", "rate(c[1m])", "deriv(c[5m])", "predict_linear(c[5m], 600)", "changes(c[10m])"),
                        at(300, "rate(c[5m])", "increase(c[3m])", "delta(c[4m])", "rate(c[5m] offset 1m)", "rate(c[5m] @ 420)"),
                        at(540, "rate(c[5m])", "increase(c[10m])", "irate(c[10m])", "idelta(c[3m])", "holt_winters(c[10m], 0.5, 0.5)",
                                "holt_winters(c[10m], 0.1, 0.9)", "deriv(c[10m])", "predict_linear(c[10m], 3600)",
                                "sum(rate(c[10m]))", "rate(c[10m:1m])", "max_over_time(rate(c[2m])[5m:])",
                                "min_over_time(c[5m:2m] offset 1m)", "count_over_time(c[10m:90s])"))));
        // Matching: group_left with include labels, ignoring, on(), bool, set operators, and their errors.
        groups.add(new EvalCase(List.of(input("m", "job=a,inst=1", "1 2 3 4 5"), input("m", "job=a,inst=2", "2 3 4 5 6"),
                input("m", "job=b,inst=1", "3 4 5 6 7"), input("info", "job=a,team=x", "1 1 1 1 1"),
                input("info", "job=b,team=y", "1 1 1 1 1"), input("n", "job=a,inst=1", "10 10 10 10 10"),
                input("n", "job=b,inst=3", "20 20 20 20 20"), input("dup", "job=a,inst=1", "1 1 1 1 1"),
                input("dup", "job=a,inst=2", "2 2 2 2 2")),
                at(240, "m * on(job) group_left(team) info", "m + on(job) group_left info", "info * on(job) group_right(team) m",
                        "m / ignoring(inst) group_left n", "m > on(job, inst) n", "m < bool on(job, inst) n", "m == bool m",
                        "m and n", "m or n", "m unless n", "m and on(job) info", "m unless on(job) info", "n or on(job) m",
                        "m + n", "m - ignoring(inst) group_left dup", "m * on(job) dup", "m + on(job) n", "m > 3", "m > bool 3",
                        "3 < m", "3 < bool m", "2 ^ m", "m % 3", "-m", "m atan2 n", "m + on() group_left vector(1)",
                        "m * on() group_left(team) info", "m == ignoring(inst) group_left dup",
                        "info + ignoring(team) group_right m", "rate({__name__=~\"m|n\"}[5m])", "-{__name__=~\"m|n\"}",
                        "label_replace(m, \"inst\", \"z\", \"\", \"\")")));
        // Aggregations over NaN, Inf and ties; topk/bottomk picks; quantile; count_values; histograms.
        groups.add(new EvalCase(List.of(input("v", "job=a,inst=1", "1 NaN 5 Inf 2"), input("v", "job=a,inst=2", "NaN 3 5 -Inf 2"),
                input("v", "job=b,inst=1", "4 3 5 Inf 2"), input("v", "job=b,inst=2", "0.1 0.2 0.3 1.5 2"),
                input("h_bucket", "job=a,le=0.5", "1 2 3 4 5"), input("h_bucket", "job=a,le=1", "2 4 6 8 10"),
                input("h_bucket", "job=a,le=+Inf", "3 6 9 12 15"), input("h_bucket", "job=b,le=1", "1 1 1 1 1"),
                input("h_bucket", "job=b,le=2", "2 2 2 2 2"), input("h_bucket", "job=c,le=1", "1 1 1 1 1"),
                input("h_bucket", "job=c,le=+Inf", "0 0 0 0 0")),
                all(at(0, "sum(v)", "max(v)", "min(v)", "topk(1, v)", "bottomk(1, v)", "topk(2, v)", "sort(v)", "sort_desc(v)",
                                "quantile(0.5, v)", "count_values(\"x\", v)", "avg by (job) (v)", "stddev(v)"),
                        at(60, "sum(v)", "max(v)", "min(v)", "topk(1, v)", "bottomk(2, v)", "quantile by (job) (0.9, v)", "avg(v)",
                                "stdvar by (job) (v)", "count_values by (job) (\"val\", v)"),
                        at(120, "topk(2, v)", "bottomk(2, v)", "topk by (job) (1, v)", "count_values(\"x\", v)", "group(v)",
                                "count without (inst) (v)", "sum without (job) (v)", "quantile(0, v)", "quantile(1, v)",
                                "quantile(-1, v)", "quantile(2, v)", "topk(0, v)", "topk(100, v)"),
                        at(180, "sum(v)", "avg(v)", "max(v)", "min(v)", "stddev(v)", "sort(v)", "count_values(\"x\", v)"),
                        at(240, "histogram_quantile(0.5, h_bucket)", "histogram_quantile(0.9, h_bucket)",
                                "histogram_quantile(0.99, sum by (le) (h_bucket))", "histogram_quantile(1.5, h_bucket)",
                                "histogram_quantile(0, h_bucket)", "histogram_quantile(0.3, rate(h_bucket[5m]))", "avg(v)", "stddev(v)"))));
        // Functions: instant math, clamps, rounding, dates, labels, absent.
        groups.add(new EvalCase(List.of(input("f", "job=a", "-2.5 -0.5 0 0.5 1.5 2.5 1e9 1700000000 86399"),
                input("f", "job=b", "3.7 -3.7 100 0.001 -1e-3 7 1234567890 951782400 1e10")),
                all(at(0, "abs(f)", "ceil(f)", "floor(f)", "round(f)", "round(f, 0.3)", "sqrt(f)", "sgn(f)", "clamp(f, -1, 1)",
                                "clamp(f, 1, -1)", "clamp_min(f, 0)", "clamp_max(f, 0)", "deg(f)", "rad(f)", "ln(f)", "log2(f)",
                                "log10(f)", "f ^ 2", "f ^ 3", "f ^ -1", "f ^ 0.5", "time()", "vector(time())", "scalar(f)",
                                "scalar(f{job=\"a\"})", "pi()", "timestamp(f)", "timestamp(-f)"),
                        at(360, "day_of_week(f)", "day_of_month(f)", "day_of_year(f)", "days_in_month(f)", "hour(f)", "minute(f)",
                                "month(f)", "year(f)", "hour()", "year()", "round(f, 10)", "round(f, 0.25)", "ln(f)", "log10(f)"),
                        at(420, "day_of_week(f)", "month(f)", "year(f)", "days_in_month(f)", "ln(f)", "log2(f)", "sqrt(f)"),
                        at(480, "day_of_week(f)", "month(f)", "year(f)", "days_in_month(f)", "day_of_year(f)", "hour(f)", "ln(f)",
                                "log2(f)", "log10(f)"),
                        at(60, "label_replace(f, \"dst\", \"$1-x\", \"job\", \"(.*)\")",
                                "label_replace(f, \"dst\", \"${1}x$$\", \"job\", \"(a)\")",
                                "label_replace(f, \"job\", \"\", \"job\", \"a\")", "label_replace(f, \"d\", \"$name\", \"job\", \"(?P<name>.)\")",
                                "label_replace(f, \"d\", \"$1x\", \"job\", \"(.)\")", "label_replace(f, \"d\", \"$9\", \"job\", \"(.)\")",
                                "label_join(f, \"j\", \"-\", \"job\", \"__name__\")", "label_join(f, \"job\", \"\", \"nothing\")",
                                "absent(f)", "absent(nope{a=\"1\",b=~\"x\",c=\"2\",c=\"3\"})", "absent(nope)",
                                "absent(sum(nope))", "label_replace(f, \"1bad\", \"x\", \"job\", \".*\")", "count_values(\"a-b\", f)"))));
        // The default rules' expressions.
        groups.add(new EvalCase(List.of(input("spawn_cost_per_hour_dollars", "instance_id=i1", "1 1 1 1 1 2 2 2 3 3 3"),
                input("spawn_cost_per_hour_dollars", "instance_id=i2", "0 0 0 0 _ _ 5 5 5 5 5"),
                input("spawn_idle_state", "instance_id=i1", "1 1 1 0 0 0 1 1 1 1 1"),
                input("spawn_instance_uptime_seconds", "instance_id=i1,region=r1", "100 160 220 280 340 400 460 520 580 640 700"),
                input("spawn_instance_uptime_seconds", "instance_id=i2,region=r2", "10 70 130 190 250 310 370 430 490 550 610"),
                input("spawn_instance_uptime_seconds", "instance_id=i3,region=r1", "_ _ 1 61 121 181 241 301 361 421 481"),
                input("spawn_estimated_cost_dollars", "instance_id=i1", "1 2 3 4 5 6 7 8 9 10 11")),
                at(600, "sum(spawn_cost_per_hour_dollars) / (sum(spawn_cost_per_hour_dollars offset 5m) > 0) >= 1.5",
                        "count by (region) (spawn_instance_uptime_seconds) > on() group_left() 0.5 * count(spawn_instance_uptime_seconds) / count(count by (region) (spawn_instance_uptime_seconds))",
                        "count(spawn_instance_uptime_seconds) > 2 * count(spawn_instance_uptime_seconds offset 7m)",
                        "spawn_cost_per_hour_dollars > 2 and spawn_idle_state == 1",
                        "sum(predict_linear(spawn_estimated_cost_dollars[5m], 86400)) > 200",
                        "spawn_instance_uptime_seconds < 300", "avg by (region) (spawn_instance_uptime_seconds) > 90",
                        "sum without (instance_id) (rate(spawn_instance_uptime_seconds[5m])) > 0.5")));
        return groups;
    }

    /** Math functions over many random values of every magnitude, each a group of 20 series of 30 values. */
    static List<EvalCase> math(long seed) {
        Random r = new Random(seed);
        List<EvalCase> groups = new ArrayList<>();
        for (String sign : new String[] {"positive", "any"}) {
            List<EvalCase.Input> series = new ArrayList<>();
            for (int s = 0; s < 20; s++) {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    double v = (0.5 + r.nextDouble()) * Math.pow(10, r.nextInt(s < 10 ? 4 : 13) - (s < 10 ? 2 : 6));
                    if (s < 5) {
                        v = r.nextDouble();
                    }
                    values.add(Double.toString(sign.equals("any") && r.nextBoolean() ? -v : v));
                }
                series.add(input("m", "s=" + s, String.join(" ", values)));
            }
            List<EvalCase.Query> qs = new ArrayList<>();
            for (int t = 0; t < 30; t += 3) {
                for (String f : new String[] {"sqrt(m)", "atan(m)", "asin(m)", "acos(m)", "asin(m / 100)", "acos(m / 100)", "m atan2 0.7",
                        "-3 atan2 m", "m atan2 m offset 1m", "ln(m)", "log2(m)", "log10(m)", "ln(m * 1e-310)", "log2(m * 1e-310)", "m ^ 300", "m ^ -200", "m ^ 3", "m ^ -2", "m ^ 8", "m ^ 5", "m ^ 7", "m ^ -7",
                        "m ^ 11", "m ^ 13", "m ^ 27", "m ^ 100", "m ^ 127", "m ^ -31", "1.0001 ^ (m * 1000)", "m / 3", "m % 0.7", "rate(m[5m])", "deriv(m[10m])", "stddev_over_time(m[10m])",
                        "avg_over_time(m[10m])", "predict_linear(m[10m], 3600)", "holt_winters(m[10m], 0.3, 0.6)",
                        "quantile_over_time(0.3, m[10m])", "sum_over_time(m[10m])", "round(m, 0.001)"}) {
                    qs.add(new EvalCase.Query(f, 60L * t + 60));
                }
            }
            groups.add(new EvalCase(series, qs));
        }
        return groups;
    }

    private static final String[] GAUGE_VALUES = {"0", "1", "2", "3", "5", "10", "0.5", "-1", "2.5", "100", "0.1", "1.3", "7", "-0.25"};

    /** {@code count} groups of random series with {@code queries} random expressions each. */
    static List<EvalCase> random(long seed, int count, int queries) {
        return random(seed, count, queries, 60);
    }

    /** The same with samples every {@code intervalSeconds}, evaluated from 5 to 30 intervals in. */
    static List<EvalCase> random(long seed, int count, int queries, long intervalSeconds) {
        Random r = new Random(seed);
        List<EvalCase> groups = new ArrayList<>();
        for (int g = 0; g < count; g++) {
            List<EvalCase.Input> series = new ArrayList<>();
            String[][] ids = {{"x", "1"}, {"x", "2"}, {"y", "1"}, {"y", "3"}};
            for (String metric : new String[] {"a", "b", "c"}) {
                for (String[] id : ids) {
                    if (r.nextInt(4) == 0) {
                        continue;
                    }
                    List<String> values = new ArrayList<>();
                    double counter = r.nextInt(50);
                    for (int i = 0; i < 30; i++) {
                        int p = r.nextInt(100);
                        if (p < 10) {
                            values.add("_");
                        } else if (p < 13) {
                            values.add("stale");
                        } else if (metric.equals("c")) {
                            counter = r.nextInt(20) == 0 ? r.nextInt(5) : counter + r.nextInt(30);
                            values.add(Long.toString((long) counter));
                        } else if (p < 15) {
                            values.add("NaN");
                        } else {
                            values.add(GAUGE_VALUES[r.nextInt(GAUGE_VALUES.length)]);
                        }
                    }
                    series.add(new EvalCase.Input(new java.util.TreeMap<>(java.util.Map.of("__name__", metric, "job", id[0],
                            "inst", id[1])), values));
                }
            }
            for (String job : new String[] {"x", "y"}) {
                String[] les = {"0.5", "1", "5", "+Inf"};
                long base = 0;
                long[] cum = new long[les.length];
                List<List<String>> vals = new ArrayList<>();
                for (int k = 0; k < les.length; k++) {
                    vals.add(new ArrayList<>());
                }
                for (int i = 0; i < 30; i++) {
                    base = 0;
                    for (int k = 0; k < les.length; k++) {
                        base += r.nextInt(4);
                        cum[k] += base;
                        vals.get(k).add(Long.toString(cum[k]));
                    }
                }
                for (int k = 0; k < les.length; k++) {
                    series.add(new EvalCase.Input(new java.util.TreeMap<>(java.util.Map.of("__name__", "h_bucket", "job", job,
                            "le", les[k])), vals.get(k)));
                }
            }
            List<EvalCase.Query> qs = new ArrayList<>();
            for (int i = 0; i < queries; i++) {
                String expr = new Gen(r).vector(3);
                while (!dev.spawn.monitoring.promql.PromQL.problems(expr).isEmpty()) {
                    expr = new Gen(r).vector(3);
                }
                qs.add(new EvalCase.Query(expr, intervalSeconds * (5 + r.nextInt(26)) + (r.nextInt(6) == 0 ? r.nextInt(60) : 0)));
            }
            groups.add(new EvalCase(series, qs, intervalSeconds));
        }
        return groups;
    }

    /** A small type-directed generator of valid PromQL over the random groups' metrics. */
    private static final class Gen {
        private final Random r;

        Gen(Random r) {
            this.r = r;
        }

        private String pick(String... options) {
            return options[r.nextInt(options.length)];
        }

        String selector() {
            String s = pick("a", "b", "c", "a", "b", "a{job=\"x\"}", "b{inst=~\"1|3\"}", "a{job!=\"y\"}", "{__name__=~\"a|b\"}",
                    "c{inst!~\"2\"}", "a{job=~\"x|\"}", "b{nope=\"\"}");
            int m = r.nextInt(8);
            return switch (m) {
                case 0 -> s + " offset " + pick("1m", "3m", "-2m", "30s");
                case 1 -> s + " @ " + pick("300", "600.5", "end()", "start()", "900");
                default -> s;
            };
        }

        String range() {
            String s = pick("a", "b", "c", "c", "c{job=\"y\"}", "a{inst=\"1\"}");
            String rng = "[" + pick("1m", "2m", "5m", "5m", "10m", "90s", "3m", "20m") + "]";
            return switch (r.nextInt(8)) {
                case 0 -> s + rng + " offset " + pick("1m", "2m", "-1m");
                case 1 -> s + rng + " @ " + pick("600", "1200");
                default -> s + rng;
            };
        }

        String scalar(int depth) {
            if (depth <= 0 || r.nextInt(3) > 0) {
                return pick("0", "1", "2", "3", "0.5", "-1", "10", "0.3");
            }
            return switch (r.nextInt(4)) {
                case 0 -> "scalar(" + vector(depth - 1) + ")";
                case 1 -> "time()";
                case 2 -> "(" + scalar(depth - 1) + " " + pick("+", "-", "*", "/") + " " + scalar(depth - 1) + ")";
                default -> pick("pi()", "-2", "1e3");
            };
        }

        String vector(int depth) {
            if (depth <= 0) {
                return r.nextInt(3) == 0 ? rangeFunction() : selector();
            }
            int d = depth - 1;
            return switch (r.nextInt(14)) {
                case 0, 1 -> selector();
                case 2, 3 -> rangeFunction();
                case 4 -> pick("abs", "ceil", "floor", "round", "sqrt", "sgn", "deg", "rad", "timestamp", "sort", "sort_desc", "-") + "(" + vector(d) + ")";
                case 5 -> pick("clamp(%s, 1, 5)", "clamp_min(%s, 2)", "clamp_max(%s, 2)", "round(%s, 0.5)",
                        "label_replace(%s, \"dst\", \"$1-y\", \"inst\", \"(.*)\")", "label_join(%s, \"j\", \"-\", \"job\", \"inst\")",
                        "label_replace(%s, \"job\", \"\", \"inst\", \"1\")", "absent(%s)", "vector(1) + %s", "hour(%s)")
                        .formatted(vector(d));
                case 6, 7 -> aggregation(d);
                case 8, 9, 10 -> vector(d) + " " + binop() + " " + vector(d);
                case 11 -> r.nextBoolean() ? vector(d) + " " + pick("+", "*", "/", "-", ">", "<=", "== bool", "!= bool", "%")
                        + " " + scalar(d) : scalar(d) + " " + pick("+", "-", "*", "/", "<", ">= bool") + " " + vector(d);
                case 12 -> "(" + vector(d) + ")";
                default -> pick("max_over_time", "min_over_time", "avg_over_time", "rate", "sum_over_time", "count_over_time")
                        + "((" + vector(d) + ")[" + pick("5m", "10m", "3m") + ":" + pick("1m", "2m", "", "30s") + "])";
            };
        }

        private String rangeFunction() {
            String f = pick("rate", "increase", "delta", "irate", "idelta", "deriv", "changes", "resets", "avg_over_time",
                    "min_over_time", "max_over_time", "sum_over_time", "count_over_time", "last_over_time", "present_over_time",
                    "stddev_over_time", "stdvar_over_time", "absent_over_time", "predict_linear", "holt_winters",
                    "quantile_over_time", "rate", "increase");
            return switch (f) {
                case "predict_linear" -> f + "(" + range() + ", " + pick("60", "600", "-300") + ")";
                case "holt_winters" -> f + "(" + range() + ", " + pick("0.5", "0.1") + ", " + pick("0.5", "0.9") + ")";
                case "quantile_over_time" -> f + "(" + pick("0.5", "0.9", "0", "1", "0.25") + ", " + range() + ")";
                default -> f + "(" + range() + ")";
            };
        }

        private String aggregation(int d) {
            String grouping = pick("", "", " by (job)", " without (inst)", " by (inst, job)", " by ()", " without ()");
            String op = pick("sum", "avg", "count", "min", "max", "group", "stddev", "stdvar", "topk", "bottomk", "quantile",
                    "count_values", "sum", "count");
            String param = switch (op) {
                case "topk", "bottomk" -> pick("1", "2", "3") + ", ";
                case "quantile" -> pick("0.5", "0.9", "0", "1", "0.25") + ", ";
                case "count_values" -> "\"v\", ";
                default -> "";
            };
            if (op.equals("sum") && r.nextInt(4) == 0) {
                return "histogram_quantile(" + pick("0.5", "0.9", "0.99") + ", sum by (le" + pick("", ", job") + ") (rate(h_bucket["
                        + pick("5m", "10m") + "])))";
            }
            return op + grouping + " (" + param + vector(d) + ")";
        }

        private String binop() {
            String op = pick("+", "-", "*", "/", ">", "<", "==", "!=", ">=", "and", "or", "unless", "+", "> bool", "^", "%");
            boolean set = op.equals("and") || op.equals("or") || op.equals("unless");
            return switch (r.nextInt(6)) {
                case 0 -> op + " on(job, inst)";
                case 1 -> op + " ignoring(job)";
                case 2 -> set ? op + " on(job)" : op + " on(job, inst) group_left";
                case 3 -> set ? op + " on()" : op + " on(job) group_left(inst)";
                default -> op;
            };
        }
    }
}
