package dev.spawn.monitoring.cli;

import dev.spawn.monitoring.goal.Message;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/** The streams of one run: info to standard output, warnings and errors to standard error. */
final class Terminal {

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    Terminal(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    InputStream in() {
        return in;
    }

    PrintStream errStream() {
        return err;
    }

    void out(String line) {
        out.println(line);
    }

    void err(String line) {
        err.println(line);
    }

    /** What the library reports, each line where it belongs. */
    void print(List<Message> messages) {
        for (Message m : messages) {
            if (m.level() == Message.Level.INFO) {
                out(m.text());
            } else {
                err(m.text());
            }
        }
    }
}
