package dev.spawn.monitoring.promql;

import dev.spawn.monitoring.rules.Parameter;
import dev.spawn.monitoring.rules.RuleCatalog;
import dev.spawn.monitoring.rules.RuleDefinition;
import dev.spawn.monitoring.rules.RuleTemplates;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** The fixed parts of the differential corpus: the project's own expressions and the hand-written edge cases. */
final class PromQLCorpus {

    private PromQLCorpus() {
    }

    /** Every default rule's expression with its default parameters, and with every parameter at its minimum and its maximum. */
    static List<String> ruleDefinitions() {
        Set<String> exprs = new LinkedHashSet<>();
        for (RuleDefinition rule : RuleCatalog.defaults().rules()) {
            exprs.add(RuleCatalog.defaultExpr(rule));
            for (boolean minimum : new boolean[] {true, false}) {
                Map<String, String> values = new HashMap<>(rule.defaults());
                for (Parameter p : rule.parameters()) {
                    String bound = minimum ? p.minimum() : p.maximum();
                    if (bound != null) {
                        values.put(p.name(), bound);
                    }
                }
                exprs.add(new RuleTemplates(rule.parameters(), values).render(rule.exprTemplate(), rule.name()));
            }
        }
        return List.copyOf(exprs);
    }

    /** Every {@code expr:} in the rule files and specs of the repository (golden bundle, examples, plugin ITs). */
    static List<String> repositoryRuleFiles() {
        Set<String> exprs = new LinkedHashSet<>();
        List<Path> roots = List.of(Path.of("src/test/resources"), Path.of("../examples"),
                Path.of("../spawn-monitoring-maven-plugin/src/it"));
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                        .sorted().toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        for (Object doc : new Yaml().loadAll(in)) {
                            collectExprs(doc, exprs);
                        }
                    } catch (RuntimeException e) {
                        // not YAML we can read (a deliberately broken fixture): nothing to collect
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(exprs);
    }

    private static void collectExprs(Object node, Set<String> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if ("expr".equals(k) && v instanceof String s) {
                    out.add(s);
                } else {
                    collectExprs(v, out);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectExprs(item, out));
        }
    }

    /** src/test/resources/promql/edge-cases.txt: one expression a line, {@code \n} for a newline, {@code //} comments. */
    static List<String> edgeCases() {
        try (InputStream in = PromQLCorpus.class.getResourceAsStream("/promql/edge-cases.txt")) {
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("//") || line.isEmpty()) {
                    continue;
                }
                out.add(line.replace("\\n", "\n").replace("\\t", "\t").replace("\\u000c", "\f"));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
