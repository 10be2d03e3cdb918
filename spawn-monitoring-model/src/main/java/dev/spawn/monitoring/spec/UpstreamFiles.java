package dev.spawn.monitoring.spec;

import dev.spawn.monitoring.model.decl.Internal;
import dev.spawn.monitoring.model.Problem;
import dev.spawn.monitoring.model.ValidationException;
import dev.spawn.monitoring.model.alertmanager.AlertmanagerConfig;
import dev.spawn.monitoring.model.prometheus.PrometheusConfig;
import java.io.StringReader;
import java.util.List;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the upstream files themselves ({@code prometheus.yml}, {@code alertmanager.yml}, rule files) into the
 * model with the same declarations and reader as the spec: the way in for a team with hand-written
 * configuration ({@code spawn:import}), and the other half of the round-trip tests.
 */
@Internal
public final class UpstreamFiles {

    private UpstreamFiles() {
    }

    /** {@code prometheus.yml} as a model; every problem at its {@code file:line:col}, all at once. */
    public static PrometheusConfig prometheus(String fileName, String text) {
        return read(PrometheusConfig.class, fileName, text, "a Prometheus configuration");
    }

    /** {@code alertmanager.yml} as a model; every problem at its {@code file:line:col}, all at once. */
    public static AlertmanagerConfig alertmanager(String fileName, String text) {
        return read(AlertmanagerConfig.class, fileName, text, "an Alertmanager configuration");
    }

    private static <T> T read(Class<T> type, String fileName, String text, String expected) {
        SpecProblems problems = new SpecProblems(fileName);
        Node root = compose(problems, text);
        T config = root == null ? null : new SectionReader(problems).read(type, root, "").orElse(null);
        if (problems.hasErrors() || config == null) {
            throw new ValidationException(problems.hasErrors() ? problems.all()
                    : List.of(Problem.error(fileName, "the file is empty; expected " + expected)));
        }
        return config;
    }

    /** The YAML node tree of a file, or null after reporting a syntax error at its position. */
    static Node compose(SpecProblems problems, String text) {
        try {
            if (!YamlLimits.check(problems, text)) {
                return null;
            }
            return new Yaml(YamlLimits.options()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
            problems.add(Problem.error(mark == null ? problems.fileName() : problems.at(mark),
                    "YAML syntax error: " + what.strip() + context));
            return null;
        } catch (YAMLException e) {
            Problem forbidden = YamlLimits.forbiddenCharacter(problems.fileName(), text);
            problems.add(forbidden != null ? forbidden : Problem.error(problems.fileName(), "YAML syntax error: " + e.getMessage()));
            return null;
        }
    }
}
