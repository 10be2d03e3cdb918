package dev.spawn.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OnDemandFilesTest {

    @Test
    void rendersOnTheFirstReadOnlyAndKeepsTheFiles() {
        AtomicInteger renders = new AtomicInteger();
        OnDemandFiles files = new OnDemandFiles(() -> {
            renders.incrementAndGet();
            SortedMap<String, byte[]> rendered = new TreeMap<>();
            rendered.put("tests/b-test.yaml", "b".getBytes(StandardCharsets.UTF_8));
            rendered.put("tests/a-test.yaml", "a".getBytes(StandardCharsets.UTF_8));
            return rendered;
        });
        assertThat(renders).hasValue(0);
        assertThat(files.keySet()).containsExactly("tests/a-test.yaml", "tests/b-test.yaml");
        assertThat(files.get("tests/b-test.yaml")).isEqualTo("b".getBytes(StandardCharsets.UTF_8));
        assertThat(files.firstKey()).isEqualTo("tests/a-test.yaml");
        assertThat(new TreeMap<>(files)).hasSize(2);
        assertThat(renders).hasValue(1);
        assertThatThrownBy(() -> files.put("x", new byte[0])).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(files::clear).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aBuiltBundleWritesItsTestsWhenAskedAndTheSameBytesEachTime() {
        MonitoringBundle bundle = SpawnMonitoring.defaults().build();
        assertThat(bundle.ruleTests()).isInstanceOf(OnDemandFiles.class);
        SortedMap<String, byte[]> first = bundle.files();
        SortedMap<String, byte[]> again = SpawnMonitoring.defaults().build().files();
        assertThat(first.keySet()).containsExactlyElementsOf(again.keySet());
        first.forEach((path, bytes) -> assertThat(bytes).as(path).isEqualTo(again.get(path)));
        assertThat(bundle.ruleTestFiles()).isNotEmpty().allSatisfy((path, bytes) -> assertThat(first).containsKey(path));
        // the bundle with other warnings keeps the files it has (rendered already or not)
        assertThat(bundle.withWarnings(java.util.List.of()).ruleTests()).isSameAs(bundle.ruleTests());
    }
}
