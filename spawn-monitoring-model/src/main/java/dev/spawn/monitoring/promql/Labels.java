package dev.spawn.monitoring.promql;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The labels the series of an expression's output carry: {@code certain} ones every series has,
 * {@code possible} ones (a superset) some series may have, and whether series may carry {@code others}
 * beyond those (the expression reads a metric nobody described). {@code __name__} is a label like any other.
 */
public record Labels(SortedSet<String> certain, SortedSet<String> possible, boolean others) {

    /** No labels at all: a scalar, a string, {@code vector(1)}. */
    public static final Labels NONE = new Labels(Set.of(), Set.of(), false);
    /** Nothing known: any label may be there. */
    public static final Labels UNKNOWN = new Labels(Set.of(), Set.of(), true);

    public Labels {
        TreeSet<String> all = new TreeSet<>(possible);
        all.addAll(certain);
        certain = Collections.unmodifiableSortedSet(new TreeSet<>(certain));
        possible = Collections.unmodifiableSortedSet(all);
    }

    public Labels(Collection<String> certain, Collection<String> possible, boolean others) {
        this(new TreeSet<>(certain), new TreeSet<>(possible), others);
    }

    /** Whether every output series has the label. */
    public boolean certainly(String label) {
        return certain.contains(label);
    }

    /** Whether some output series may have the label. */
    public boolean possibly(String label) {
        return others || possible.contains(label);
    }

    /** These labels plus ones set for certain (a rule's own labels, a matcher's label). */
    public Labels plus(Collection<String> labels) {
        if (certain.containsAll(labels)) {
            return this; // the same labels (selectors name labels their metric has for certain)
        }
        TreeSet<String> c = new TreeSet<>(certain);
        c.addAll(labels);
        return new Labels(c, possible, others);
    }

    /** These labels without some (dropped by an operation, or excluded by a matcher for the empty value). */
    public Labels minus(Collection<String> labels) {
        if (labels.stream().noneMatch(possible::contains)) {
            return this; // possible holds the certain ones too: nothing to drop
        }
        TreeSet<String> c = new TreeSet<>(certain);
        TreeSet<String> p = new TreeSet<>(possible);
        c.removeAll(labels);
        p.removeAll(labels);
        return new Labels(c, p, others);
    }

    /** These labels with one that some series may have and others not. */
    public Labels withUncertain(String label) {
        TreeSet<String> c = new TreeSet<>(certain);
        c.remove(label);
        TreeSet<String> p = new TreeSet<>(possible);
        p.add(label);
        return new Labels(c, p, others);
    }

    /** Only the given labels, as {@code by (...)} and {@code on(...)} keep them. */
    public Labels keep(Collection<String> labels) {
        TreeSet<String> c = new TreeSet<>(certain);
        c.retainAll(labels);
        TreeSet<String> p = new TreeSet<>(labels);
        if (!others) {
            p.retainAll(possible);
        }
        return new Labels(c, p, false);
    }

    /** The labels of series that come from either side ({@code or}): certain on both, possible on either. */
    Labels either(Labels other) {
        TreeSet<String> c = new TreeSet<>(certain);
        c.retainAll(other.certain);
        TreeSet<String> p = new TreeSet<>(possible);
        p.addAll(other.possible);
        return new Labels(c, p, others || other.others);
    }

    @Override
    public String toString() {
        TreeSet<String> maybe = new TreeSet<>(possible);
        maybe.removeAll(certain);
        return "certain " + certain + ", possible " + maybe + (others ? ", and others" : "");
    }
}
