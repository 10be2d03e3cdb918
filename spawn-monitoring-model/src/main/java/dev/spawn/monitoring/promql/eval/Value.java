package dev.spawn.monitoring.promql.eval;

import java.util.List;
import java.util.SortedMap;

/** What an expression evaluates to at one instant. */
public sealed interface Value permits Value.Scalar, Value.Str, Value.Vector, Value.Matrix {

    /** A number. */
    record Scalar(double value) implements Value {
    }

    /** A string. */
    record Str(String value) implements Value {
    }

    /** An instant vector: one sample per series, in no particular order (callers sort when order matters). */
    record Vector(List<Sample> samples) implements Value {
        public Vector {
            samples = List.copyOf(samples);
        }
    }

    /** A range vector: the samples of each series inside the range. */
    record Matrix(List<Series> series) implements Value {
        public Matrix {
            series = List.copyOf(series);
        }
    }

    /** One sample of an instant vector: its series' labels (with {@code __name__} while it is kept) and value. */
    record Sample(SortedMap<String, String> labels, double value) {
    }
}
