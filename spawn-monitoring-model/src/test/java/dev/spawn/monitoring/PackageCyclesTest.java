package dev.spawn.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library's packages form no cycle: each depends only on packages that do not depend back on it (spec reads into
 * the model, checking and writing take the bundle as a value, the goals sit on top). The edges are the compiled
 * classes' as {@code jdeps} reads them from their constant pools, and the sources' references to project types
 * (annotations too, which jdeps leaves out); a failure names every cycle with its edges.
 */
class PackageCyclesTest {

    private static final String ROOT = "dev.spawn.monitoring";

    @Test
    void thePackagesFormNoCycle() throws Exception {
        SortedMap<String, SortedSet<String>> edges = new TreeMap<>();
        compiledEdges(edges);
        sourceEdges(Path.of("src", "main", "java"), edges);
        assertThat(edges).as("the package graph was read").containsKeys(ROOT, ROOT + ".check", ROOT + ".spec");
        List<String> cycles = new ArrayList<>();
        for (SortedSet<String> cycle : cycles(edges)) {
            List<String> within = new ArrayList<>();
            cycle.forEach(from -> edges.get(from).stream().filter(cycle::contains)
                    .forEach(to -> within.add(from + " -> " + to)));
            cycles.add(String.join(", ", cycle) + " (" + String.join("; ", within) + ")");
        }
        assertThat(cycles).as("package cycles").isEmpty();
    }

    @Test
    void aCycleIsFound() {
        SortedMap<String, SortedSet<String>> edges = new TreeMap<>(Map.of("a", new TreeSet<>(Set.of("b")),
                "b", new TreeSet<>(Set.of("c")), "c", new TreeSet<>(Set.of("a", "d")), "d", new TreeSet<>()));
        assertThat(cycles(edges)).containsExactly(new TreeSet<>(Set.of("a", "b", "c")));
    }

    /** The edges jdeps finds among the project's packages in the compiled classes. */
    private static void compiledEdges(SortedMap<String, SortedSet<String>> edges) throws Exception {
        Path classes = Path.of(SpawnMonitoring.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new IllegalStateException(
                "jdeps is not in this JDK; expected a full JDK 17 (module jdk.jdeps)"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = jdeps.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                "-verbose:package", "-filter:none", "-e", Pattern.quote(ROOT) + "(\\..*)?", classes.toString());
        assertThat(exit).as("jdeps: " + err.toString(StandardCharsets.UTF_8)).isZero();
        Matcher m = Pattern.compile("^\\s+(" + Pattern.quote(ROOT) + "\\S*)\\s+->\\s+(" + Pattern.quote(ROOT) + "\\S*)",
                Pattern.MULTILINE).matcher(out.toString(StandardCharsets.UTF_8));
        while (m.find()) {
            add(edges, m.group(1), m.group(2));
        }
    }

    /** The sources' edges: a file's package to the package of each project type it names (imports, annotations too). */
    private static void sourceEdges(Path sources, SortedMap<String, SortedSet<String>> edges) throws IOException {
        Pattern reference = Pattern.compile("\\b(" + Pattern.quote(ROOT) + "(?:\\.[a-z]\\w*)*)\\.[A-Z]");
        Map<Path, String> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(sources)) {
            for (Path file : walk.filter(f -> f.toString().endsWith(".java")).toList()) {
                files.put(file, Files.readString(file));
            }
        }
        Set<String> packages = new TreeSet<>();
        Map<Path, String> packageOf = new HashMap<>();
        files.forEach((file, text) -> {
            Matcher p = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE).matcher(text);
            if (p.find()) {
                packageOf.put(file, p.group(1));
                packages.add(p.group(1));
            }
        });
        files.forEach((file, text) -> {
            // comments and strings name types without depending on them
            String code = text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "")
                    .replaceAll("\"(?:[^\"\\\\\n]++|\\\\.)*+\"", "\"\"");
            Matcher m = reference.matcher(code);
            while (m.find()) {
                if (packages.contains(m.group(1))) {
                    add(edges, packageOf.get(file), m.group(1));
                }
            }
        });
    }

    private static void add(SortedMap<String, SortedSet<String>> edges, String from, String to) {
        edges.computeIfAbsent(to, k -> new TreeSet<>());
        if (!from.equals(to)) {
            edges.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
        } else {
            edges.computeIfAbsent(from, k -> new TreeSet<>());
        }
    }

    /** The strongly connected components of more than one package (Tarjan). */
    static List<SortedSet<String>> cycles(SortedMap<String, SortedSet<String>> edges) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<SortedSet<String>> found = new ArrayList<>();
        for (String start : edges.keySet()) {
            if (!index.containsKey(start)) {
                visit(start, edges, index, low, stack, onStack, found);
            }
        }
        return found;
    }

    private static void visit(String v, SortedMap<String, SortedSet<String>> edges, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<SortedSet<String>> found) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : edges.getOrDefault(v, new TreeSet<>())) {
            if (!index.containsKey(w)) {
                visit(w, edges, index, low, stack, onStack, found);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            SortedSet<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }
}
