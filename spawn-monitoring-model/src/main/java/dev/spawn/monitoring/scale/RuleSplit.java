package dev.spawn.monitoring.scale;

import dev.spawn.monitoring.model.decl.Internal;
import dev.spawn.monitoring.model.ScaleOut.Tier;
import dev.spawn.monitoring.model.rules.Rule;
import dev.spawn.monitoring.model.rules.RuleFile;
import dev.spawn.monitoring.model.rules.RuleGroup;
import dev.spawn.monitoring.promql.Expr;
import dev.spawn.monitoring.promql.LabelFlow;
import dev.spawn.monitoring.promql.Labels;
import dev.spawn.monitoring.promql.PromQL;
import dev.spawn.monitoring.promql.PromQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which tier evaluates each rule of a scaled-out bundle, decided from its expression's label flow. A shard
 * sees only its own targets, so a rule belongs there only when every series it computes is about one target:
 * its output keeps a per-target label ({@code instance} or {@code instance_id}), every aggregation inside it
 * groups by one, and it asks nothing about series that are missing ({@code absent}, which a shard that does
 * not scrape the target would answer wrongly). Everything else (counts and sums over the fleet, per region,
 * per job array) goes to the global tier, which sees every shard's samples. A per-rule override wins.
 */
@Internal
public record RuleSplit(List<Decision> decisions) {

    /** The labels that name one scrape target. */
    public static final List<String> TARGET_LABELS = List.of("instance", "instance_id");

    /** One rule's tier and why, in words for the log and the docs. */
    public record Decision(String file, String rule, Tier tier, boolean overridden, String why) {
    }

    public RuleSplit {
        decisions = List.copyOf(decisions);
    }

    /** Decides every rule of {@code files}; {@code overrides} by rule name win over the analysis. */
    public static RuleSplit of(List<RuleFile> files, LabelFlow.Metrics metrics, Map<String, Tier> overrides) {
        List<Decision> decisions = new ArrayList<>();
        for (RuleFile file : files) {
            for (RuleGroup group : file.groups()) {
                for (Rule rule : group.rules()) {
                    Tier override = overrides.get(rule.name());
                    decisions.add(override != null
                            ? new Decision(file.path(), rule.name(), override, true, "set by rules." + rule.name() + ".tier")
                            : decide(file.path(), rule, metrics));
                }
            }
        }
        return new RuleSplit(decisions);
    }

    /** The tier of one rule by its expression alone. */
    static Decision decide(String file, Rule rule, LabelFlow.Metrics metrics) {
        Expr expr;
        try {
            expr = PromQL.parse(rule.expr());
        } catch (PromQLException e) {
            // promtool reports the expression; a rule nobody can read is safest where it sees everything
            return new Decision(file, rule.name(), Tier.GLOBAL, false, "expression does not parse");
        }
        Optional<String> global = fleetWide(expr, metrics);
        return global.map(why -> new Decision(file, rule.name(), Tier.GLOBAL, false, why))
                .orElseGet(() -> new Decision(file, rule.name(), Tier.SHARD, false, "output keeps "
                        + keptTargetLabel(LabelFlow.of(expr, metrics))));
    }

    /** Why the expression needs the whole fleet, or nothing when a shard can evaluate it for its own targets. */
    private static Optional<String> fleetWide(Expr expr, LabelFlow.Metrics metrics) {
        for (Expr e : subexpressions(expr)) {
            if (e instanceof Expr.Call call && call.function().name().startsWith("absent")) {
                return Optional.of(call.function().name() + "() asks about series no shard may have");
            }
            if (e instanceof Expr.Aggregate a) {
                Labels input = LabelFlow.of(a.expr(), metrics);
                Labels grouped = a.without() ? input.minus(a.grouping()) : input.keep(a.grouping());
                if (!keepsTarget(grouped)) {
                    return Optional.of(a.op().name().toLowerCase(java.util.Locale.ROOT) + " across targets"
                            + (a.grouping().isEmpty() ? "" : (a.without() ? " without " : " by ") + a.grouping()));
                }
            }
        }
        if (!keepsTarget(LabelFlow.of(expr, metrics))) {
            return Optional.of("output has no per-target label");
        }
        return Optional.empty();
    }

    private static boolean keepsTarget(Labels labels) {
        return TARGET_LABELS.stream().anyMatch(labels::possibly);
    }

    private static String keptTargetLabel(Labels labels) {
        return TARGET_LABELS.stream().filter(labels::certainly).findFirst()
                .orElse(TARGET_LABELS.stream().filter(l -> labels.possible().contains(l)).findFirst().orElse("the target's labels"));
    }

    /** The expression and every expression inside it, outermost first. */
    static List<Expr> subexpressions(Expr expr) {
        List<Expr> all = new ArrayList<>();
        expr.accept(new Expr.Visitor<Void>() {
            private Void add(Expr e, Expr... children) {
                all.add(e);
                for (Expr child : children) {
                    child.accept(this);
                }
                return null;
            }

            @Override
            public Void number(Expr.NumberLiteral e) {
                return add(e);
            }

            @Override
            public Void string(Expr.StringLiteral e) {
                return add(e);
            }

            @Override
            public Void vectorSelector(Expr.VectorSelector e) {
                return add(e);
            }

            @Override
            public Void matrixSelector(Expr.MatrixSelector e) {
                return add(e, e.selector());
            }

            @Override
            public Void subquery(Expr.Subquery e) {
                return add(e, e.expr());
            }

            @Override
            public Void call(Expr.Call e) {
                return add(e, e.args().toArray(Expr[]::new));
            }

            @Override
            public Void aggregate(Expr.Aggregate e) {
                List<Expr> children = new ArrayList<>(e.param().stream().toList());
                children.add(e.expr());
                return add(e, children.toArray(Expr[]::new));
            }

            @Override
            public Void binary(Expr.Binary e) {
                return add(e, e.lhs(), e.rhs());
            }

            @Override
            public Void unary(Expr.Unary e) {
                return add(e, e.expr());
            }

            @Override
            public Void paren(Expr.Paren e) {
                return add(e, e.expr());
            }
        });
        return all;
    }

    /**
     * The rules evaluated on the shards that read a series only the global tier records (a recording rule decided
     * global, and none of that name on the shards): the shards send their samples up and receive nothing back, so such
     * a rule sees no series and never fires. Each as a message about the rule, in file order.
     */
    public java.util.SortedMap<String, String> shardReadsOfGlobalRecords(List<RuleFile> files) {
        java.util.Map<String, Decision> global = new java.util.HashMap<>();
        java.util.Set<String> onShards = new java.util.HashSet<>();
        List<Map.Entry<Rule, Decision>> shardRules = new ArrayList<>();
        for (RuleFile file : files) {
            for (RuleGroup group : file.groups()) {
                for (Rule rule : group.rules()) {
                    Decision d = decisions.stream().filter(x -> x.file().equals(file.path()) && x.rule().equals(rule.name()))
                            .findFirst().orElseThrow();
                    if (d.tier() == Tier.SHARD) {
                        shardRules.add(Map.entry(rule, d));
                    }
                    if (rule instanceof dev.spawn.monitoring.model.rules.RecordingRule) {
                        if (d.tier() == Tier.GLOBAL) {
                            global.putIfAbsent(rule.name(), d);
                        } else {
                            onShards.add(rule.name());
                        }
                    }
                }
            }
        }
        onShards.forEach(global::remove);
        java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
        for (Map.Entry<Rule, Decision> shard : shardRules) {
            Expr expr;
            try {
                expr = PromQL.parse(shard.getKey().expr());
            } catch (PromQLException e) {
                continue;
            }
            subexpressions(expr).stream().filter(Expr.VectorSelector.class::isInstance).map(e -> selected((Expr.VectorSelector) e))
                    .filter(global::containsKey).findFirst().ifPresent(series -> {
                        Decision d = shard.getValue();
                        Decision record = global.get(series);
                        out.putIfAbsent(d.rule(), "rule '" + d.rule() + "' runs on the shards (" + d.why() + ") but reads '"
                                + series + "', which the recording rule of that name writes on the global tier only ("
                                + record.why() + "): no shard has that series, so the rule never sees it; expected tier:"
                                + " global on '" + d.rule() + "' (rules." + d.rule() + ".tier for a default rule), or tier:"
                                + " shard on the recording rule when it is per target");
                    });
        }
        return out;
    }

    /** The metric name a selector asks for ({@code name} or {@code {__name__="name"}}), or null. */
    private static String selected(Expr.VectorSelector selector) {
        if (selector.name() != null) {
            return selector.name();
        }
        return selector.matchers().stream().filter(m -> m.name().equals("__name__") && m.op() == Expr.MatchOp.EQUAL)
                .map(Expr.Matcher::value).findFirst().orElse(null);
    }

    /** The tier of the rule {@code name} in {@code file} (the first of that name: severity tiers share an expression shape). */
    Tier tierOf(String file, String name) {
        return decisions.stream().filter(d -> d.file().equals(file) && d.rule().equals(name)).findFirst()
                .map(Decision::tier).orElse(Tier.GLOBAL);
    }

    /** The names of the rules of one tier, in file order, each once. */
    public List<String> rules(Tier tier) {
        return decisions.stream().filter(d -> d.tier() == tier).map(Decision::rule).distinct().toList();
    }

    /** One line for the log: how many rules each tier evaluates, and which go global. */
    public String summary() {
        List<String> shard = rules(Tier.SHARD);
        List<String> global = rules(Tier.GLOBAL);
        return "rule split: " + shard.size() + " on the shards (per target), " + global.size() + " on the global tier"
                + (global.isEmpty() ? "" : " (" + String.join(", ", global) + ")");
    }
}
