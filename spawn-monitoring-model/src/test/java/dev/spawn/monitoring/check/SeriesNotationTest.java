package dev.spawn.monitoring.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spawn.monitoring.promql.eval.Series;
import dev.spawn.monitoring.promql.eval.Unsupported;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** promtool's series notation as its loader expands it (promql/parser/generated_parser.y, promql/test.go of 2.42). */
class SeriesNotationTest {

    private static List<String> samples(String values) {
        Series s = SeriesNotation.parse("m", values, 60_000);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            out.add(s.time(i) / 60_000 + "m=" + (Series.isStale(s.value(i)) ? "stale" : s.value(i)));
        }
        return out;
    }

    @Test
    void expandingValuesTakeOneSlotEachFromTimeZero() {
        assertThat(samples("1+2x3")).containsExactly("0m=1.0", "1m=3.0", "2m=5.0", "3m=7.0");
        assertThat(samples("5x2 _ 7")).containsExactly("0m=5.0", "1m=5.0", "2m=5.0", "4m=7.0");
        assertThat(samples("_x3 1 stale 2-1x1")).containsExactly("3m=1.0", "4m=stale", "5m=2.0", "6m=1.0");
        assertThat(samples("-1 +2 Inf -inf 1e3 .5")).containsExactly("0m=-1.0", "1m=2.0", "2m=Infinity", "3m=-Infinity",
                "4m=1000.0", "5m=0.5");
        // no hexadecimal in a series (promtool's lexer): 0x2 is 0 repeated twice, 0x1F is refused
        assertThat(samples("0x2")).containsExactly("0m=0.0", "1m=0.0", "2m=0.0");
        assertThatThrownBy(() -> samples("0x1F")).isInstanceOf(dev.spawn.monitoring.promql.eval.Unsupported.class);
        assertThat(samples("NaN")).containsExactly("0m=NaN");
    }

    @Test
    void stepsAreAddedOneByOneAsPromtoolAddsThem() {
        // 0.1 added ten times is not 1.0 in floating point; a + i*b would give 1.0
        Series s = SeriesNotation.parse("m", "0+0.1x10", 60_000);
        double sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += 0.1;
        }
        assertThat(s.value(10)).isEqualTo(sum).isNotEqualTo(1.0);
    }

    @Test
    void labelsIncludeTheMetricName() {
        assertThat(SeriesNotation.labels("up{job=\"a\", instance='b:1', x=`c\\d`}")).isEqualTo(
                new TreeMap<>(Map.of("__name__", "up", "job", "a", "instance", "b:1", "x", "c\\d")));
        assertThat(SeriesNotation.labels("{a=\"q\\\"uote\\n\"}")).isEqualTo(Map.of("a", "q\"uote\n"));
    }

    @Test
    void formsItDoesNotKnowAreLeftToPromtool() {
        for (String values : List.of("1x", "01", "1+x3", "stalex2", "abc")) {
            assertThatThrownBy(() -> SeriesNotation.parse("m", values, 60_000)).as(values).isInstanceOf(Unsupported.class);
        }
        for (String labels : List.of("m{a=b}", "m{a=\"x\"", "m{a=\"\"}", "m{a=\"1\", a=\"2\"}")) {
            assertThatThrownBy(() -> SeriesNotation.labels(labels)).as(labels).isInstanceOf(Unsupported.class);
        }
    }
}
