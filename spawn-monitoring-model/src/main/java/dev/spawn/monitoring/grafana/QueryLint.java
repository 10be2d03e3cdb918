package dev.spawn.monitoring.grafana;

import dev.spawn.monitoring.model.DidYouMean;
import dev.spawn.monitoring.rules.MetricCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a PromQL query (template variables already substituted) against the metric catalogue:
 * every metric it selects exists, every label in a matcher exists on that metric or is a target
 * label, every label of {@code by}/{@code without} exists on a metric the aggregation reads, every
 * label of {@code on}/{@code ignoring}/{@code group_left}/{@code group_right} on a metric of the
 * query, and {@code rate}/{@code irate}/{@code increase} read counters. Besides spored's metrics,
 * Prometheus' own {@code ALERTS} (the rules' labels) and {@code up} are known.
 *
 * <p>This is a lexical scan, not a parser: promtool judges the syntax ({@link DashboardQueries});
 * a query it cannot follow yields no finding here rather than a wrong one.
 */
final class QueryLint {

    private static final Set<String> AGGREGATORS = Set.of("sum", "avg", "min", "max", "count", "stddev", "stdvar",
            "topk", "bottomk", "quantile", "count_values", "group");
    private static final Set<String> GROUPING = Set.of("by", "without");
    private static final Set<String> MATCHING = Set.of("on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");
    private static final Set<String> COUNTER_FUNCTIONS = Set.of("rate", "irate", "increase");
    private static final Set<String> LABEL_WRITERS = Set.of("label_replace", "label_join");
    /** Labels every alert of the spawn rules carries besides those of its expression's series. */
    private static final List<String> ALERT_LABELS = List.of("alertname", "alertstate", "severity", "component", "category");

    private final Map<String, Set<String>> labelsByMetric = new HashMap<>();
    private final Set<String> counters = new TreeSet<>();
    private final Set<String> allLabels;

    QueryLint(MetricCatalog catalog) {
        this(catalog, Set.of());
    }

    /** {@code alertLabels}: the labels the bundle's alerting rules set (a custom {@code team}, say), which ALERTS carries too. */
    QueryLint(MetricCatalog catalog, Set<String> alertLabels) {
        for (MetricCatalog.Metric metric : catalog.metrics()) {
            Set<String> labels = new TreeSet<>(metric.labels());
            labels.addAll(catalog.targetLabels());
            labelsByMetric.put(metric.name(), labels);
            if (metric.isCounter()) {
                counters.add(metric.name());
            }
        }
        Set<String> alerts = new TreeSet<>(catalog.allLabels());
        alerts.addAll(ALERT_LABELS);
        alerts.addAll(alertLabels);
        labelsByMetric.put("ALERTS", alerts);
        labelsByMetric.put("up", new TreeSet<>(catalog.targetLabels()));
        allLabels = new TreeSet<>(catalog.allLabels());
        allLabels.addAll(alerts);
    }

    private enum Kind { IDENT, STRING, NUMBER, OP, LPAREN, RPAREN, LBRACE, RBRACE, LBRACKET, RBRACKET, COMMA }

    private record Token(Kind kind, String text) {
        boolean is(Kind k) {
            return kind == k;
        }
    }

    /** What is wrong with the query, one sentence each; empty when it is fine. */
    List<String> check(String query) {
        List<Token> tokens = lex(query);
        List<String> findings = new ArrayList<>();
        Map<Integer, String> metricAt = new HashMap<>();
        List<Integer> groupings = new ArrayList<>();
        List<Integer> calls = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            Token t = tokens.get(i);
            if (t.is(Kind.LBRACKET)) {
                i = close(tokens, i) + 1;
            } else if (t.is(Kind.LBRACE)) {
                i = matchers(tokens, i, null, findings);
            } else if (t.is(Kind.IDENT)) {
                boolean call = next(tokens, i, Kind.LPAREN) || (AGGREGATORS.contains(t.text()) && next(tokens, i, Kind.IDENT)
                        && GROUPING.contains(tokens.get(i + 1).text()));
                if ((GROUPING.contains(t.text()) || MATCHING.contains(t.text())) && call) {
                    groupings.add(i);
                    i = close(tokens, i + 1) + 1;
                } else if (call) {
                    calls.add(i);
                    i++;
                } else if (KEYWORDS.contains(t.text()) || MATCHING.contains(t.text())) {
                    i += t.text().equals("offset") ? 2 : 1;
                } else {
                    metricAt.put(i, t.text());
                    if (!labelsByMetric.containsKey(t.text())) {
                        findings.add("unknown metric '" + t.text() + "'" + DidYouMean.hint(t.text(), new TreeSet<>(labelsByMetric.keySet())));
                    }
                    i = next(tokens, i, Kind.LBRACE) ? matchers(tokens, i + 1, t.text(), findings) : i + 1;
                }
            } else {
                i++;
            }
        }
        Set<String> written = new TreeSet<>();
        for (int call : calls) {
            String name = tokens.get(call).text();
            int end = close(tokens, call + 1);
            if (LABEL_WRITERS.contains(name)) {
                firstTopLevelString(tokens, call + 1, end).ifPresent(written::add);
            }
            if (COUNTER_FUNCTIONS.contains(name)) {
                metricAt.entrySet().stream().filter(e -> e.getKey() > call && e.getKey() < end)
                        .min(Map.Entry.comparingByKey()).map(Map.Entry::getValue)
                        .filter(m -> labelsByMetric.containsKey(m) && !counters.contains(m))
                        .ifPresent(m -> findings.add(name + "() over '" + m + "', which is not a counter; expected one of "
                                + String.join(", ", counters)));
            }
        }
        for (int at : groupings) {
            String keyword = tokens.get(at).text();
            int listEnd = close(tokens, at + 1);
            Set<String> available = new TreeSet<>(written);
            List<String> over;
            if (GROUPING.contains(keyword)) {
                int[] span = aggregated(tokens, at, listEnd);
                over = metricAt.entrySet().stream().filter(e -> e.getKey() > span[0] && e.getKey() < span[1])
                        .map(Map.Entry::getValue).distinct().sorted().toList();
            } else {
                over = metricAt.values().stream().distinct().sorted().toList();
            }
            // an unknown metric is reported once, where it is named; its labels are then any catalogued label
            over.stream().filter(labelsByMetric::containsKey).forEach(m -> available.addAll(labelsByMetric.get(m)));
            if (over.stream().noneMatch(labelsByMetric::containsKey)) {
                available.addAll(allLabels);
            }
            for (int j = at + 2; j < listEnd; j++) {
                Token label = tokens.get(j);
                if (label.is(Kind.IDENT) && !available.contains(label.text())) {
                    findings.add(keyword + " (" + label.text() + "): no metric " + (GROUPING.contains(keyword)
                            ? "it aggregates" : "of the query") + " (" + String.join(", ", over) + ") has label '"
                            + label.text() + "'" + DidYouMean.hint(label.text(), available));
                }
            }
        }
        return findings;
    }

    /** The token span {@code (start, end)} of the argument a {@code by}/{@code without} at {@code at} groups. */
    private static int[] aggregated(List<Token> tokens, int at, int listEnd) {
        if (at > 0 && tokens.get(at - 1).is(Kind.IDENT) && AGGREGATORS.contains(tokens.get(at - 1).text())
                && next(tokens, listEnd, Kind.LPAREN)) {
            return new int[] {listEnd + 1, close(tokens, listEnd + 1)};
        }
        if (at > 0 && tokens.get(at - 1).is(Kind.RPAREN)) {
            return new int[] {open(tokens, at - 1), at - 1};
        }
        return new int[] {0, tokens.size()};
    }

    /** Checks {@code {label op "value", ...}} from the brace at {@code at}; returns the index after it. */
    private int matchers(List<Token> tokens, int at, String metric, List<String> findings) {
        int end = close(tokens, at);
        String name = metric;
        List<String> labels = new ArrayList<>();
        for (int j = at + 1; j + 2 < end + 1; j++) {
            Token label = tokens.get(j);
            if (label.is(Kind.IDENT) && tokens.get(j + 1).is(Kind.OP) && tokens.get(j + 2).is(Kind.STRING)) {
                if (label.text().equals("__name__") && tokens.get(j + 1).text().equals("=")) {
                    name = unquote(tokens.get(j + 2).text());
                } else {
                    labels.add(label.text());
                }
                j += 2;
            }
        }
        if (name != null && !labelsByMetric.containsKey(name)) {
            if (metric == null) {
                findings.add("unknown metric '" + name + "'" + DidYouMean.hint(name, new TreeSet<>(labelsByMetric.keySet())));
            }
            // the unknown metric is the mistake; its matchers cannot be judged
            return end + 1;
        }
        Set<String> available = name != null ? labelsByMetric.get(name) : allLabels;
        for (String label : new LinkedHashSet<>(labels)) {
            if (!available.contains(label)) {
                findings.add("label '" + label + "' does not exist on " + (name == null ? "any catalogued metric" : name)
                        + DidYouMean.hint(label, available));
            }
        }
        return end + 1;
    }

    private static java.util.Optional<String> firstTopLevelString(List<Token> tokens, int open, int end) {
        int depth = 0;
        for (int j = open + 1; j < end; j++) {
            Token t = tokens.get(j);
            if (t.is(Kind.LPAREN) || t.is(Kind.LBRACE) || t.is(Kind.LBRACKET)) {
                depth++;
            } else if (t.is(Kind.RPAREN) || t.is(Kind.RBRACE) || t.is(Kind.RBRACKET)) {
                depth--;
            } else if (t.is(Kind.STRING) && depth == 0) {
                return java.util.Optional.of(unquote(t.text()));
            }
        }
        return java.util.Optional.empty();
    }

    private static boolean next(List<Token> tokens, int at, Kind kind) {
        return at + 1 < tokens.size() && tokens.get(at + 1).is(kind);
    }

    /** The index of the bracket closing the one at {@code at} (or the last token when it is not closed). */
    private static int close(List<Token> tokens, int at) {
        int depth = 0;
        for (int j = at; j < tokens.size(); j++) {
            Kind k = tokens.get(j).kind();
            if (k == Kind.LPAREN || k == Kind.LBRACE || k == Kind.LBRACKET) {
                depth++;
            } else if (k == Kind.RPAREN || k == Kind.RBRACE || k == Kind.RBRACKET) {
                depth--;
                if (depth == 0) {
                    return j;
                }
            }
        }
        return tokens.size() - 1;
    }

    /** The index of the bracket opening the one closing at {@code at}. */
    private static int open(List<Token> tokens, int at) {
        int depth = 0;
        for (int j = at; j >= 0; j--) {
            Kind k = tokens.get(j).kind();
            if (k == Kind.RPAREN || k == Kind.RBRACE || k == Kind.RBRACKET) {
                depth++;
            } else if (k == Kind.LPAREN || k == Kind.LBRACE || k == Kind.LBRACKET) {
                depth--;
                if (depth == 0) {
                    return j;
                }
            }
        }
        return 0;
    }

    private static String unquote(String literal) {
        return literal.length() >= 2 ? literal.substring(1, literal.length() - 1) : literal;
    }

    private static List<Token> lex(String q) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < q.length()) {
            char c = q.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < q.length() && q.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                i++;
                while (i < q.length() && q.charAt(i) != c) {
                    i += q.charAt(i) == '\\' && c != '`' ? 2 : 1;
                }
                i = Math.min(i + 1, q.length());
                tokens.add(new Token(Kind.STRING, q.substring(start, i)));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < q.length() && Character.isDigit(q.charAt(i + 1)))) {
                while (i < q.length() && (Character.isLetterOrDigit(q.charAt(i)) || q.charAt(i) == '.' || q.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, q.substring(start, i)));
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                while (i < q.length() && (Character.isLetterOrDigit(q.charAt(i)) || q.charAt(i) == '_' || q.charAt(i) == ':')) {
                    i++;
                }
                tokens.add(new Token(Kind.IDENT, q.substring(start, i)));
            } else if ("=!~<>+-*/%^@".indexOf(c) >= 0) {
                while (i < q.length() && "=!~<>+-*/%^@".indexOf(q.charAt(i)) >= 0) {
                    i++;
                }
                tokens.add(new Token(Kind.OP, q.substring(start, i)));
            } else {
                Kind kind = switch (c) {
                    case '(' -> Kind.LPAREN;
                    case ')' -> Kind.RPAREN;
                    case '{' -> Kind.LBRACE;
                    case '}' -> Kind.RBRACE;
                    case '[' -> Kind.LBRACKET;
                    case ']' -> Kind.RBRACKET;
                    case ',' -> Kind.COMMA;
                    default -> null;
                };
                if (kind != null) {
                    tokens.add(new Token(kind, String.valueOf(c)));
                }
                i++;
            }
        }
        return tokens;
    }
}
