package dev.spawn.monitoring.rules;

import dev.spawn.monitoring.check.Tool;
import dev.spawn.monitoring.render.RuleRenderer;
import dev.spawn.monitoring.testing.RealTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes a rule set's rule and test files to a folder and runs the real promtool over them. */
final class PromtoolGate {

    /** What {@code promtool check rules} and {@code promtool test rules} said. */
    record Outcome(Tool.Result check, Tool.Result test) {
        boolean ok() {
            return check.ok() && test.ok();
        }

        @Override
        public String toString() {
            return check + "\n" + test;
        }
    }

    private PromtoolGate() {
    }

    static Outcome run(RuleSet rules, Path dir) {
        RealTools.require(Tool.PROMTOOL);
        Map<String, byte[]> ruleFiles = new java.util.TreeMap<>();
        rules.ruleFiles().forEach(file -> ruleFiles.put(file.path(), RuleRenderer.toBytes(file, "test")));
        write(ruleFiles, dir);
        write(rules.testFiles(), dir);
        List<String> check = new ArrayList<>(List.of("check", "rules"));
        check.addAll(ruleFiles.keySet());
        List<String> test = new ArrayList<>(List.of("test", "rules"));
        rules.testFiles().keySet().stream().filter(RuleSet::isTestFile).forEach(test::add);
        return new Outcome(Tool.PROMTOOL.run(dir, 120, check.toArray(String[]::new)),
                Tool.PROMTOOL.run(dir, 300, test.toArray(String[]::new)));
    }

    static void write(Map<String, byte[]> files, Path dir) {
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path path = dir.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.write(path, file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test files under {@code folder} ({@code tests/cost-alerts/}), one after another, for assertions on their text. */
    static String testsIn(RuleSet rules, String folder) {
        StringBuilder text = new StringBuilder();
        rules.testFiles().forEach((path, bytes) -> {
            if (path.startsWith(folder) && RuleSet.isTestFile(path)) {
                text.append(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        return text.toString();
    }

    /** The number of promtool test groups (cases) in the generated files. */
    static int caseCount(RuleSet rules) {
        return rules.testFiles().entrySet().stream().filter(f -> RuleSet.isTestFile(f.getKey()))
                .mapToInt(f -> dev.spawn.monitoring.render.YamlOutput.parse(f.getValue()).get("tests").size())
                .sum();
    }
}
