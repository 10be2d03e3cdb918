package dev.spawn.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java example in README.md compiles against the library and, run, writes a bundle. */
class ReadmeExampleTest {

    @Test
    void readmeJavaExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("README.md has a ```java block").isTrue();
        String source = block.group(1);
        Matcher className = Pattern.compile("public class (\\w+)").matcher(source);
        assertThat(className.find()).isTrue();
        Path src = dir.resolve("src/" + className.group(1) + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path classes = Files.createDirectories(dir.resolve("classes"));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        int exit = javac.run(null, null, errors, "-d", classes.toString(), "-cp", classpath, src.toString());
        assertThat(exit).as("javac: %s", errors.toString(StandardCharsets.UTF_8)).isZero();

        Path out = dir.resolve("out");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            loader.loadClass(className.group(1)).getMethod("main", String[].class)
                    .invoke(null, (Object) new String[] {out.toString()});
        }
        assertThat(out.resolve("prometheus.yaml")).exists();
        String prometheus = Files.readString(out.resolve("prometheus.yaml"));
        assertThat(prometheus).contains("region: eu-west-1");
        assertThat(Files.readString(out.resolve("alerts/cost-alerts.yaml"))).contains("HighCostInstance");
        assertThat(Files.readString(out.resolve("alertmanager.yaml"))).contains("api_url_file: /etc/alertmanager/slack-url");
    }
}
