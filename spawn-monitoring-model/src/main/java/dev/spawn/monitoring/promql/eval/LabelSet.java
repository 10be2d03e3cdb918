package dev.spawn.monitoring.promql.eval;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A series' labels as Prometheus' {@code labels.Labels} holds them: name/value pairs sorted by name, no empty values.
 * Immutable, with a cached hash, so the evaluator can key maps by it without building a map per sample.
 */
final class LabelSet implements Comparable<LabelSet> {

    static final LabelSet EMPTY = new LabelSet(new String[0]);
    static final String NAME = "__name__";

    /** name0, value0, name1, value1, ... sorted by name. */
    private final String[] kv;
    private int hash;

    private LabelSet(String[] kv) {
        this.kv = kv;
    }

    static LabelSet of(Map<String, String> labels) {
        String[] kv = new String[labels.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            kv[i++] = e.getKey();
            kv[i++] = e.getValue();
        }
        return new LabelSet(i == kv.length ? kv : Arrays.copyOf(kv, i));
    }

    int size() {
        return kv.length / 2;
    }

    String name(int i) {
        return kv[2 * i];
    }

    String value(int i) {
        return kv[2 * i + 1];
    }

    /** The value of {@code name}, or "" when absent (as Prometheus reads a missing label). */
    String get(String name) {
        for (int i = 0; i < kv.length; i += 2) {
            int c = kv[i].compareTo(name);
            if (c == 0) {
                return kv[i + 1];
            }
            if (c > 0) {
                break;
            }
        }
        return "";
    }

    boolean has(String name) {
        return !get(name).isEmpty();
    }

    /** These labels with {@code name} set to {@code value}, or removed when the value is empty. */
    LabelSet with(String name, String value) {
        int n = kv.length;
        for (int i = 0; i < n; i += 2) {
            int c = kv[i].compareTo(name);
            if (c == 0) {
                if (value.isEmpty()) {
                    String[] out = new String[n - 2];
                    System.arraycopy(kv, 0, out, 0, i);
                    System.arraycopy(kv, i + 2, out, i, n - i - 2);
                    return new LabelSet(out);
                }
                if (kv[i + 1].equals(value)) {
                    return this;
                }
                String[] out = kv.clone();
                out[i + 1] = value;
                return new LabelSet(out);
            }
            if (c > 0) {
                return value.isEmpty() ? this : insert(i, name, value);
            }
        }
        return value.isEmpty() ? this : insert(n, name, value);
    }

    private LabelSet insert(int at, String name, String value) {
        String[] out = new String[kv.length + 2];
        System.arraycopy(kv, 0, out, 0, at);
        out[at] = name;
        out[at + 1] = value;
        System.arraycopy(kv, at, out, at + 2, kv.length - at);
        return new LabelSet(out);
    }

    LabelSet without(String name) {
        return has(name) ? with(name, "") : this;
    }

    /** Only the labels named in {@code names} ({@code on}, {@code by}). */
    LabelSet keep(Collection<String> names) {
        return filter(names, true, false);
    }

    /** Without the labels named in {@code names}, and without the metric name when {@code dropName}. */
    LabelSet drop(Collection<String> names, boolean dropName) {
        return filter(names, false, dropName);
    }

    private LabelSet filter(Collection<String> names, boolean keep, boolean dropName) {
        String[] out = new String[kv.length];
        int j = 0;
        for (int i = 0; i < kv.length; i += 2) {
            boolean listed = names.contains(kv[i]);
            boolean stays = keep ? listed : !listed && !(dropName && kv[i].equals(NAME));
            if (stays) {
                out[j++] = kv[i];
                out[j++] = kv[i + 1];
            }
        }
        if (j == kv.length) {
            return this;
        }
        return j == 0 ? EMPTY : new LabelSet(Arrays.copyOf(out, j));
    }

    SortedMap<String, String> toMap() {
        SortedMap<String, String> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Prometheus' {@code labels.Compare}: pairwise by name then value, then by length. */
    @Override
    public int compareTo(LabelSet o) {
        int n = Math.min(kv.length, o.kv.length);
        for (int i = 0; i < n; i++) {
            int c = kv[i].compareTo(o.kv[i]);
            if (c != 0) {
                return c;
            }
        }
        return kv.length - o.kv.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelSet l && l.hashCode() == hashCode() && Arrays.equals(kv, l.kv);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(kv) | 1;
            hash = h;
        }
        return h;
    }

    /** As Prometheus prints labels in messages: {@code {a="1", b="2"}}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < kv.length; i += 2) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(kv[i]).append('=').append(GoFormat.quote(kv[i + 1]));
        }
        return b.append('}').toString();
    }
}
