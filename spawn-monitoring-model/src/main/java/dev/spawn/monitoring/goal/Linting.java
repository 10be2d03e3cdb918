package dev.spawn.monitoring.goal;

import dev.spawn.monitoring.MonitoringBundle;
import dev.spawn.monitoring.lint.Finding;
import dev.spawn.monitoring.lint.Lint;
import dev.spawn.monitoring.lint.LintContext;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.rules.RuleCatalog;
import dev.spawn.monitoring.spec.SpecReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * {@code spawn:lint} and {@code spawn-monitoring lint}, and the lint step of {@code generate} and {@code check}:
 * the spec's bundle, or any rule files (and an Alertmanager configuration) checked in the bundle's context, each
 * finding a line {@code FILE:LINE:COL: error|warning: CHECK: message}, then {@code lint: N errors, M warnings}.
 */
public record Linting(Lint.Report report) {

    /**
     * The bundle's rule files and routing; findings about what the spec wrote are placed in the spec, the others in
     * the generated files, named {@code outputPrefix + path} ({@code monitoring/alerts/cost-alerts.yaml}).
     */
    public static Linting of(MonitoringBundle bundle, SpecReader.Spec spec, String outputPrefix) {
        Lint.Report report = bundle.lint(outputPrefix);
        return new Linting(spec == null ? report : report.placed(spec::place));
    }

    /**
     * Rule files given by name or glob ({@code alerts/*.yaml}, relative to {@code base}), and an Alertmanager
     * configuration (null: no routing checks), checked against the bundle's catalog, scrape configuration and
     * check severities. A pattern that matches no file, and a file that cannot be read, are errors.
     */
    public static Linting files(MonitoringBundle context, List<String> patterns, String alertmanager, Path base) {
        List<Problem> problems = new ArrayList<>();
        List<Lint.Source> sources = new ArrayList<>();
        for (String pattern : patterns) {
            List<Path> matched = expand(base, pattern.strip(), problems);
            if (matched.isEmpty() && problems.isEmpty()) {
                problems.add(Problem.error(pattern.strip(), "no rule file matches; expected a file or glob such as"
                        + " alerts/*.yaml, relative to " + base));
            }
            for (Path p : matched) {
                read(base, p, problems).ifPresent(sources::add);
            }
        }
        Lint.Source am = null;
        if (alertmanager != null && !alertmanager.isBlank()) {
            am = read(base, base.resolve(alertmanager.strip()), problems).orElse(null);
        }
        LintContext ctx = LintContext.of(RuleCatalog.defaults().metrics().with(context.lint().metrics()), context.prometheus(),
                context.lint().severities());
        Lint.Report report = Lint.run(ctx, sources, am, UnaryOperator.identity());
        List<Problem> all = new ArrayList<>(problems);
        all.addAll(report.problems());
        return new Linting(new Lint.Report(report.findings(), all));
    }

    private static List<Path> expand(Path base, String pattern, List<Problem> problems) {
        Path whole = base.resolve(pattern).normalize();
        if (!pattern.contains("*") && !pattern.contains("?") && !pattern.contains("[") && !pattern.contains("{")) {
            return List.of(whole);
        }
        // walk from the longest leading folder without glob characters, matching whole paths
        Path fixed = whole.getRoot() == null ? Path.of("") : whole.getRoot();
        for (Path name : whole) {
            String n = name.toString();
            if (n.contains("*") || n.contains("?") || n.contains("[") || n.contains("{")) {
                break;
            }
            fixed = fixed.resolve(n);
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + whole.toString().replace("\\", "\\\\"));
        TreeSet<Path> found = new TreeSet<>();
        if (!Files.isDirectory(fixed)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(fixed)) {
            walk.filter(Files::isRegularFile).filter(matcher::matches).forEach(found::add);
        } catch (IOException | java.io.UncheckedIOException e) {
            problems.add(Problem.error(pattern, "cannot list files for the pattern: " + e.getMessage()));
        }
        return List.copyOf(found);
    }

    private static java.util.Optional<Lint.Source> read(Path base, Path file, List<Problem> problems) {
        String name = base.relativize(file.toAbsolutePath().normalize()).toString();
        if (name.startsWith("..")) {
            name = file.toString();
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return java.util.Optional.of(new Lint.Source(name, text));
        } catch (CharacterCodingException e) {
            problems.add(Problem.error(name, "cannot read the file: it is not UTF-8 text; expected a YAML file"));
        } catch (java.nio.file.NoSuchFileException e) {
            problems.add(Problem.error(name, "no such file; expected an existing rule file or Alertmanager configuration"));
        } catch (IOException e) {
            problems.add(Problem.error(name, "cannot read the file: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        return java.util.Optional.empty();
    }

    public boolean failed() {
        return report.failed();
    }

    /** Each finding (warnings as warnings, errors as errors) and the summary line. */
    public List<Message> messages() {
        List<Message> messages = new ArrayList<>();
        for (Problem p : report.problems()) {
            String line = p.location() + ": " + (p.isError() ? "error" : "warning") + ": " + p.message();
            messages.add(p.isError() ? Message.error(line) : Message.warning(line));
        }
        for (Finding f : report.findings()) {
            messages.add(f.isError() ? Message.error(f.toString()) : Message.warning(f.toString()));
        }
        String summary = report.summary();
        messages.add(report.failed() ? Message.error(summary) : report.warnings() > 0 ? Message.warning(summary)
                : Message.info(summary));
        return messages;
    }
}
