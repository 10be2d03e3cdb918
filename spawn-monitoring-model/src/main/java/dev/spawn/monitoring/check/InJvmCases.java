package dev.spawn.monitoring.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spawn.monitoring.model.Duration;
import dev.spawn.monitoring.model.rules.AlertingRule;
import dev.spawn.monitoring.promql.Expr;
import dev.spawn.monitoring.promql.PromQL;
import dev.spawn.monitoring.promql.PromQLException;
import dev.spawn.monitoring.promql.eval.Engine;
import dev.spawn.monitoring.promql.eval.EvaluationError;
import dev.spawn.monitoring.promql.eval.Series;
import dev.spawn.monitoring.promql.eval.Storage;
import dev.spawn.monitoring.promql.eval.Templates;
import dev.spawn.monitoring.promql.eval.Unsupported;
import dev.spawn.monitoring.promql.eval.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One case of promtool's test format ({@code alert_rule_test} entries of a test group) run in the JVM against
 * alerting rules, as {@code promtool test rules} 2.42 runs it: the input series loaded up to each evaluation time, the
 * rules evaluated every {@code evaluation_interval} from 0 to the last {@code eval_time}, each alert pending then
 * firing after its {@code for} (and held by {@code keep_firing_for}), and at each {@code eval_time} the firing alerts'
 * labels and annotations compared with {@code exp_alerts}, the evaluation at or just before that time.
 *
 * <p>Each rule runs on its own (a rule with an evaluation error fails only its own checks), which is what mutation
 * testing asks: whether one mutant passes the case. What is not implemented (a PromQL function, a template action,
 * a rule reading {@code ALERTS}, a test group with recording rules or promql_expr_test) throws {@link Unsupported}:
 * the caller asks promtool. Proof: {@code InJvmCasesPromtoolTest} holds it to promtool's verdicts on every generated
 * case and every mutant.
 */
final class InJvmCases {

    private InJvmCases() {
    }

    /** A rule as the evaluator needs it: parsed once. */
    record Alert(String name, Expr expr, long forMillis, long keepFiringForMillis, Map<String, String> labels,
            Map<String, String> annotations) {

        static Alert of(AlertingRule rule) {
            Expr expr;
            try {
                expr = PromQL.parse(rule.expr());
            } catch (PromQLException e) {
                throw new Unsupported("an expression that does not parse");
            }
            requireNoAlertsSeries(expr);
            return new Alert(rule.alert(), expr, rule.forDuration().millis(),
                    rule.keepFiringFor() == null ? 0 : rule.keepFiringFor().millis(), rule.labels(), rule.annotations());
        }
    }

    /**
     * Whether {@code rule} passes every check of the case {@code testGroup} that names {@code checkedName}, with the
     * test file's {@code evaluationInterval}. The rule is evaluated under its own name; the case's checks of
     * {@code checkedName} are compared with its alerts (named {@code checkedName}, so a mutant stands in for its rule).
     * {@code expected} filters the expected alerts (a mutant is compared with those of its rule's severity).
     */
    static boolean passes(JsonNode testGroup, Duration evaluationInterval, Alert rule, String checkedName,
            java.util.function.Predicate<JsonNode> expected) {
        return passesAll(testGroup, evaluationInterval, List.of(rule), checkedName, expected)[0];
    }

    /** {@link #passes} for several rules at once over the same case: one load of the series, one pass through time. */
    static boolean[] passesAll(JsonNode testGroup, Duration evaluationInterval, List<Alert> rules, String checkedName,
            java.util.function.Predicate<JsonNode> expected) {
        if (testGroup.has("promql_expr_test") && testGroup.path("promql_expr_test").size() > 0) {
            throw new Unsupported("promql_expr_test");
        }
        long interval = evaluationInterval.millis();
        if (interval <= 0) {
            throw new Unsupported("an evaluation interval of 0");
        }
        String seriesInterval = testGroup.path("interval").asText("");
        if (!Duration.isValid(seriesInterval) || Duration.parse(seriesInterval).millis() <= 0) {
            throw new Unsupported("a test group without an interval");
        }
        List<Series> series = new ArrayList<>();
        for (JsonNode input : testGroup.path("input_series")) {
            series.add(SeriesNotation.parse(input.path("series").asText(), input.path("values").asText(""),
                    Duration.parse(seriesInterval).millis()));
        }
        Map<String, String> externalLabels = new TreeMap<>();
        testGroup.path("external_labels").fields().forEachRemaining(e -> externalLabels.put(e.getKey(), e.getValue().asText()));
        String externalURL = testGroup.path("external_url").asText("");

        // the checks of this alert, by eval_time
        TreeMap<Long, List<List<Expected>>> checks = new TreeMap<>();
        long maxEval = 0;
        for (JsonNode check : testGroup.path("alert_rule_test")) {
            String at = check.path("eval_time").asText("");
            if (!Duration.isValid(at)) {
                throw new Unsupported("the eval_time '" + at + "'");
            }
            long t = Duration.parse(at).millis();
            maxEval = Math.max(maxEval, t);
            if (!check.path("alertname").asText().equals(checkedName)) {
                continue;
            }
            List<Expected> alerts = new ArrayList<>();
            for (JsonNode alert : check.path("exp_alerts")) {
                if (!expected.test(alert)) {
                    continue;
                }
                TreeMap<String, String> labels = new TreeMap<>();
                alert.path("exp_labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                labels.put("alertname", checkedName);
                TreeMap<String, String> annotations = new TreeMap<>();
                alert.path("exp_annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
                alerts.add(new Expected(labels, annotations));
            }
            alerts.sort(Expected.ORDER);
            checks.computeIfAbsent(t, k -> new ArrayList<>()).add(alerts);
        }

        boolean[] passing = new boolean[rules.size()];
        Arrays.fill(passing, true);
        List<Map<SortedMap<String, String>, Active>> active = new ArrayList<>();
        rules.forEach(r -> active.add(new HashMap<>()));
        Iterator<Map.Entry<Long, List<List<Expected>>>> pending = checks.entrySet().iterator();
        Map.Entry<Long, List<List<Expected>>> next = pending.hasNext() ? pending.next() : null;
        Till storage = new Till(series);
        // a subquery without a step takes the test file's evaluation_interval, as promtool sets it
        Engine engine = new Engine(storage, interval);
        for (long ts = 0; ts <= maxEval && next != null; ts += interval) {
            storage.maxTime = ts;
            for (int r = 0; r < rules.size(); r++) {
                if (passing[r]) {
                    try {
                        evaluate(engine, rules.get(r), active.get(r), ts, externalLabels, externalURL);
                    } catch (EvaluationError e) {
                        // promtool stops the case at a rule that fails to evaluate: its checks fail
                        passing[r] = false;
                    }
                }
            }
            while (next != null && ts <= next.getKey() && next.getKey() < ts + interval) {
                for (int r = 0; r < rules.size(); r++) {
                    if (passing[r]) {
                        List<Expected> got = firing(active.get(r), checkedName);
                        for (List<Expected> want : next.getValue()) {
                            if (!want.equals(got)) {
                                passing[r] = false;
                            }
                        }
                    }
                }
                next = pending.hasNext() ? pending.next() : null;
            }
            if (!anyPassing(passing)) {
                break;
            }
        }
        return passing;
    }

    private static boolean anyPassing(boolean[] passing) {
        for (boolean p : passing) {
            if (p) {
                return true;
            }
        }
        return false;
    }

    /** An alert as compared: labels and annotations. */
    private record Expected(SortedMap<String, String> labels, SortedMap<String, String> annotations) {
        static final Comparator<Expected> ORDER = Comparator.<Expected, String>comparing(e -> e.labels().toString())
                .thenComparing(e -> e.annotations().toString());
    }

    /** One alert's state: Prometheus' {@code Alert}. */
    private static final class Active {
        SortedMap<String, String> annotations;
        long activeAt;
        boolean firing;
        boolean inactive;
        long resolvedAt = -1;
        long keepFiringSince = -1;
    }

    /** Prometheus keeps a resolved alert this long (it is not active any more, only reported as resolved). */
    private static final long RESOLVED_RETENTION = 15 * 60 * 1000;

    /** One evaluation of {@code rule} at {@code ts}, as {@code AlertingRule.Eval} of Prometheus 2.42. */
    private static void evaluate(Engine engine, Alert rule, Map<SortedMap<String, String>, Active> active, long ts,
            Map<String, String> externalLabels, String externalURL) {
        Value result = engine.eval(rule.expr(), ts);
        List<Value.Sample> samples;
        if (result instanceof Value.Vector v) {
            samples = v.samples();
        } else if (result instanceof Value.Scalar s) {
            samples = List.of(new Value.Sample(new TreeMap<>(), s.value()));
        } else {
            throw new EvaluationError("rule result is not a vector or scalar");
        }
        Map<SortedMap<String, String>, Active> now = new HashMap<>();
        for (Value.Sample sample : samples) {
            TreeMap<String, String> labels = new TreeMap<>(sample.labels());
            labels.remove("__name__");
            for (Map.Entry<String, String> l : rule.labels().entrySet()) {
                String value = Templates.expand(l.getValue(), sample.labels(), sample.value(), externalLabels, externalURL);
                if (value.isEmpty()) {
                    labels.remove(l.getKey());
                } else {
                    labels.put(l.getKey(), value);
                }
            }
            labels.put("alertname", rule.name());
            TreeMap<String, String> annotations = new TreeMap<>();
            for (Map.Entry<String, String> a : rule.annotations().entrySet()) {
                annotations.put(a.getKey(), Templates.expand(a.getValue(), sample.labels(), sample.value(), externalLabels, externalURL));
            }
            Active alert = new Active();
            alert.annotations = annotations;
            alert.activeAt = ts;
            if (now.put(labels, alert) != null) {
                throw new EvaluationError("vector contains metrics with the same labelset after applying alert labels");
            }
        }
        for (Map.Entry<SortedMap<String, String>, Active> e : now.entrySet()) {
            Active existing = active.get(e.getKey());
            if (existing != null && !existing.inactive) {
                existing.annotations = e.getValue().annotations;
                continue;
            }
            active.put(e.getKey(), e.getValue());
        }
        for (Iterator<Map.Entry<SortedMap<String, String>, Active>> it = active.entrySet().iterator(); it.hasNext();) {
            Map.Entry<SortedMap<String, String>, Active> e = it.next();
            Active a = e.getValue();
            if (!now.containsKey(e.getKey())) {
                boolean keepFiring = false;
                if (a.firing && !a.inactive && rule.keepFiringForMillis() > 0) {
                    if (a.keepFiringSince < 0) {
                        a.keepFiringSince = ts;
                    }
                    keepFiring = ts - a.keepFiringSince < rule.keepFiringForMillis();
                }
                boolean pendingState = !a.firing && !a.inactive;
                if (pendingState || (a.resolvedAt >= 0 && ts - a.resolvedAt > RESOLVED_RETENTION)) {
                    it.remove();
                }
                if (!a.inactive && !keepFiring) {
                    a.inactive = true;
                    a.firing = false;
                    a.resolvedAt = ts;
                }
                if (!keepFiring) {
                    continue;
                }
            } else {
                a.keepFiringSince = -1;
            }
            if (!a.firing && !a.inactive && ts - a.activeAt >= rule.forMillis()) {
                a.firing = true;
            }
        }
    }

    /** The firing alerts of one rule, sorted as promtool sorts them before comparing. */
    private static List<Expected> firing(Map<SortedMap<String, String>, Active> active, String name) {
        List<Expected> got = new ArrayList<>();
        active.forEach((labels, a) -> {
            if (a.firing && !a.inactive && a.resolvedAt < 0) {
                TreeMap<String, String> named = new TreeMap<>(labels);
                named.put("alertname", name);
                got.add(new Expected(named, a.annotations));
            }
        });
        got.sort(Expected.ORDER);
        return got;
    }

    /**
     * A rule that reads {@code ALERTS} or {@code ALERTS_FOR_STATE} (or any series without naming a metric) would see
     * the series the rules themselves write in promtool; this evaluator does not write them.
     */
    private static void requireNoAlertsSeries(Expr expr) {
        new Object() {
            void visit(Expr e) {
                if (e instanceof Expr.VectorSelector v) {
                    String name = v.metricName().orElseThrow(() -> new Unsupported("a selector without a metric name"));
                    if (name.equals("ALERTS") || name.equals("ALERTS_FOR_STATE")) {
                        throw new Unsupported("a rule reading " + name);
                    }
                } else if (e instanceof Expr.MatrixSelector m) {
                    visit(m.selector());
                } else if (e instanceof Expr.Subquery s) {
                    visit(s.expr());
                } else if (e instanceof Expr.Call c) {
                    c.args().forEach(this::visit);
                } else if (e instanceof Expr.Aggregate a) {
                    a.param().ifPresent(this::visit);
                    visit(a.expr());
                } else if (e instanceof Expr.Binary b) {
                    visit(b.lhs());
                    visit(b.rhs());
                } else if (e instanceof Expr.Unary u) {
                    visit(u.expr());
                } else if (e instanceof Expr.Paren p) {
                    visit(p.expr());
                }
            }
        }.visit(expr);
    }

    /** The input series as promtool's loader has appended them by the current evaluation: up to {@link #maxTime}. */
    private static final class Till implements Storage {
        private final List<Series> series;
        long maxTime;

        Till(List<Series> series) {
            this.series = series;
        }

        @Override
        public List<Series> select(List<Expr.Matcher> matchers) {
            List<Series> selected = new ArrayList<>();
            for (Series s : series) {
                if (matches(s.labels(), matchers)) {
                    selected.add(s.until(maxTime));
                }
            }
            return selected;
        }

        @Override
        public long maxTime() {
            return maxTime;
        }
    }

    private static boolean matches(SortedMap<String, String> labels, List<Expr.Matcher> matchers) {
        for (Expr.Matcher m : matchers) {
            String value = labels.getOrDefault(m.name(), "");
            boolean ok = switch (m.op()) {
                case EQUAL -> value.equals(m.value());
                case NOT_EQUAL -> !value.equals(m.value());
                case REGEX -> anchored(m.value()).matcher(value).matches();
                case NOT_REGEX -> !anchored(m.value()).matcher(value).matches();
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static final Map<String, com.google.re2j.Pattern> REGEXES = new java.util.concurrent.ConcurrentHashMap<>();

    /** A matcher's regular expression as Prometheus compiles it: RE2, anchored at both ends. */
    private static com.google.re2j.Pattern anchored(String regex) {
        return REGEXES.computeIfAbsent(regex, r -> {
            try {
                return com.google.re2j.Pattern.compile("^(?:" + r + ")$");
            } catch (com.google.re2j.PatternSyntaxException e) {
                throw new Unsupported("the regular expression " + r);
            }
        });
    }
}
