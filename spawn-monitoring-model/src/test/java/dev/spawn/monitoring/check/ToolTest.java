package dev.spawn.monitoring.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.testing.RealTools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolTest {

    @Test
    void aToolIsFoundByItsCommand() {
        assertThat(java.util.Arrays.stream(Tool.values()).map(t -> Tool.forCommand(t.command()))).containsExactly(Tool.values());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Tool.forCommand("vmagnet"))
                .hasMessage("no tool runs 'vmagnet'");
    }

    @Test
    void aToolThatHangsIsStoppedAtTheTimeout(@TempDir Path dir) throws IOException {
        RealTools.require(Tool.AMTOOL);
        // an "Alertmanager" on loopback that accepts the connection and never answers: amtool waits
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            long start = System.nanoTime();
            Tool.Result result = Tool.AMTOOL.run(dir, 1, "--alertmanager.url=http://127.0.0.1:" + silent.getLocalPort(),
                    "--timeout=60s", "alert", "query");
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;

            assertThat(result.ok()).isFalse();
            assertThat(result.exitCode()).isEqualTo(-1);
            assertThat(result.output()).startsWith("timed out after 1s");
            assertThat(seconds).as("stopped by our timeout, not amtool's 60s").isLessThan(30);
        }
    }

    @Test
    void capturesWhatTheToolPrintsAndItsExitCode(@TempDir Path dir) {
        RealTools.require(Tool.PROMTOOL);
        Tool.Result result = Tool.PROMTOOL.run(dir, 30, "check", "config", "missing.yaml");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("missing.yaml");
    }

    @Test
    void argumentsAndOutputAreUtf8WhateverTheDefaultCharset(@TempDir Path dir) throws Exception {
        RealTools.require(Tool.PROMTOOL);
        RealTools.require(Tool.AMTOOL);
        // € is not in ISO-8859-1: passed in the default charset it would reach the tool as '?'
        String config = "prométhéus-€.yaml";
        Files.writeString(dir.resolve(config), "global:\n  scrape_interval: 1m\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("alertmanager.yaml"), """
                route:
                  receiver: default
                  routes:
                    - receiver: équipe-€
                      matchers: ['team="ünïcödé €"']
                receivers:
                  - name: default
                  - name: équipe-€
                """, StandardCharsets.UTF_8);

        String promtool = forked(Map.of(), "-Dfile.encoding=ISO-8859-1", "run", "PROMTOOL", dir.toString(),
                "check", "config", "--syntax-only", config);
        assertThat(promtool).startsWith("exit=0").contains("SUCCESS: " + config);

        String amtool = forked(Map.of(), "-Dfile.encoding=ISO-8859-1", "run", "AMTOOL", dir.toString(),
                "config", "routes", "test", "--config.file=alertmanager.yaml", "--verify.receivers=équipe-€", "team=ünïcödé €");
        assertThat(amtool).startsWith("exit=0").contains("équipe-€");
    }

    @Test
    void aMissingToolIsToldApartFromAFailingOne(@TempDir Path dir) throws Exception {
        RealTools.require(Tool.PROMTOOL);
        String failing = forked(Map.of(), "-Dx=y", "run", "PROMTOOL", dir.toString(), "check", "config", "missing.yaml");
        assertThat(failing).startsWith("exit=1").contains("missing.yaml").doesNotContain("install");

        String missing = forked(Map.of("SPAWN_PROMTOOL", dir.resolve("no-such-promtool").toString()), "-Dx=y",
                "run", "PROMTOOL", dir.toString(), "check", "config", "missing.yaml");
        assertThat(missing).startsWith("missing: promtool not found: SPAWN_PROMTOOL=" + dir.resolve("no-such-promtool")
                + " is not an executable file; install it with");
    }

    @Test
    void aTimeoutKillsTheWholeProcessTree(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("pid");
        Process sh = new ProcessBuilder("sh", "-c", "sleep 300 & echo $! > '" + pidFile + "'; wait").start();
        String result = Children.await(sh, 1, o -> "finished", o -> "timed out");
        assertThat(result).isEqualTo("timed out");
        assertThat(sh.isAlive()).isFalse();
        assertDies(Long.parseLong(Files.readString(pidFile).strip()));
    }

    @Test
    void toolsDieWithTheJvm(@TempDir Path dir) throws Exception {
        Process jvm = java(Map.of(), "-Dx=y", "tree", dir.resolve("pid").toString());
        BufferedReader reader = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        String line = reader.readLine();
        assertThat(line).as("the forked JVM started its tool").startsWith("running ");
        String[] pids = line.split(" ");
        jvm.destroy(); // SIGTERM, as Ctrl-C or a CI runner's cancel sends: the shutdown hook runs
        assertThat(jvm.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertDies(Long.parseLong(pids[1]));
        assertDies(Long.parseLong(pids[2]));
    }

    @Test
    void toolsDieWithAJvmKilledOutright(@TempDir Path dir) throws Exception {
        RealTools.require(Tool.AMTOOL);
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path tmp = Files.createDirectories(dir.resolve("tmp"));
            Process jvm = java(Map.of(), "-Djava.io.tmpdir=" + tmp, "hang", dir.toString(), Integer.toString(silent.getLocalPort()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            List<ProcessHandle> tools = List.of();
            while (tools.stream().noneMatch(p -> p.info().command().orElse("").endsWith("amtool")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
                tools = jvm.descendants().toList();
            }
            assertThat(tools).as("the forked JVM's amtool").anyMatch(p -> p.info().command().orElse("").endsWith("amtool"));
            jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(jvm.waitFor(10, TimeUnit.SECONDS)).isTrue();
            for (ProcessHandle tool : tools) {
                assertDies(tool.pid());
            }
            assertThat(tmp).as("the tool's argument file, removed by its watchdog").isEmptyDirectory();
        }
    }

    /** SIGKILL is delivered asynchronously: the process is gone within moments, not at once. */
    private static void assertDies(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("process %d is still alive", pid).isFalse();
    }

    private static String forked(Map<String, String> env, String jvmOption, String... args) throws Exception {
        Process jvm = java(env, jvmOption, args);
        String out = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private static Process java(Map<String, String> env, String jvmOption, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                jvmOption, "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                ToolProcess.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        return pb.start();
    }
}
