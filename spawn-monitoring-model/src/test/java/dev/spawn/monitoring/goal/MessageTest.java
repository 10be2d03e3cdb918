package dev.spawn.monitoring.goal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spawn.monitoring.model.Problem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How problems are listed: warnings then errors, and no more than a screenful of them. */
class MessageTest {

    @Test
    void aFewProblemsAreAllListed() {
        List<Message> messages = Message.problems(List.of(Problem.error("a.yaml:2:1", "bad"), Problem.warning("a.yaml:1:1", "odd")));
        assertThat(messages).extracting(Message::text).containsExactly("a.yaml:1:1: warning: odd", "a.yaml:2:1: bad");
    }

    @Test
    void hundredsOfProblemsAreCutWithACount() {
        List<Problem> problems = new ArrayList<>();
        for (int i = 1; i <= 999; i++) {
            problems.add(Problem.error("spec.yaml:" + i + ":3", "unknown rule 'R" + i + "'"));
        }
        for (int i = 1; i <= 60; i++) {
            problems.add(Problem.warning("spec.yaml:" + i + ":1", "inline secret"));
        }
        List<Message> messages = Message.problems(problems);
        assertThat(messages).hasSize(Message.MOST_ERRORS + Message.MOST_ERRORS / 4 + 1);
        assertThat(messages.get(messages.size() - 1)).isEqualTo(Message.error(
                "... and 799 more errors and 10 more warnings not shown; fix the first ones and run again"));
        assertThat(messages.get(messages.size() - 2).text()).isEqualTo("spec.yaml:200:3: unknown rule 'R200'");
    }
}
