package dev.spawn.monitoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MatcherTest {

    @Test
    void parsesAllFourOperators() {
        assertThat(Matcher.parse("severity=\"critical\"")).isEqualTo(Matcher.eq("severity", "critical"));
        assertThat(Matcher.parse("env!=dev")).isEqualTo(Matcher.ne("env", "dev"));
        assertThat(Matcher.parse("region=~\"us-.*\"")).isEqualTo(Matcher.regex("region", "us-.*"));
        assertThat(Matcher.parse("team !~ \"a|b\"").op()).isEqualTo(Matcher.Op.NRE);
    }

    @Test
    void printsTheMatchersSyntaxWithEscapedQuotes() {
        assertThat(Matcher.eq("summary", "say \"hi\"")).hasToString("summary=\"say \\\"hi\\\"\"");
        assertThat(Matcher.parse(Matcher.eq("summary", "say \"hi\"").toString())).isEqualTo(Matcher.eq("summary", "say \"hi\""));
    }

    @Test
    void rejectsIllegalLabelNamesAndRegexes() {
        assertThatThrownBy(() -> Matcher.parse("bad-name=\"x\"")).hasMessageContaining("is not a matcher");
        assertThatThrownBy(() -> Matcher.eq("1abc", "x")).hasMessageContaining("illegal label name '1abc'");
        assertThatThrownBy(() -> Matcher.regex("region", "us-(")).hasMessageContaining("is not an RE2 regular expression");
        // RE2, as Alertmanager: named groups in Go's spelling are fine, look-arounds are not
        assertThat(Matcher.regex("region", "(?P<area>us)-.*").matches(java.util.Map.of("region", "us-east-1"))).isTrue();
        assertThatThrownBy(() -> Matcher.regex("region", "us-(?=east)")).hasMessageContaining("is not an RE2 regular expression");
    }
}
