package dev.spawn.monitoring;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Comparator;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Supplier;

/**
 * Files by path that are rendered the first time they are read, then kept: a bundle's promtool test files and
 * rule copies, which {@link SpawnMonitoring#build()} has already checked can be generated, so that building a
 * bundle (to lint it, to read its scrape jobs) does not write two files per alert that nobody reads. Unmodifiable;
 * the same bytes whenever they are rendered.
 */
final class OnDemandFiles extends AbstractMap<String, byte[]> implements SortedMap<String, byte[]> {

    private Supplier<SortedMap<String, byte[]>> render;
    private volatile SortedMap<String, byte[]> files;

    OnDemandFiles(Supplier<SortedMap<String, byte[]>> render) {
        this.render = render;
    }

    private SortedMap<String, byte[]> files() {
        SortedMap<String, byte[]> rendered = files;
        if (rendered == null) {
            synchronized (this) {
                rendered = files;
                if (rendered == null) {
                    rendered = Collections.unmodifiableSortedMap(render.get()); // a map of its own, made for this
                    files = rendered;
                    render = null; // what it held (the rule set) is not needed any more
                }
            }
        }
        return rendered;
    }

    @Override
    public Set<Entry<String, byte[]>> entrySet() {
        return files().entrySet();
    }

    @Override
    public int size() {
        return files().size();
    }

    @Override
    public boolean containsKey(Object key) {
        return files().containsKey(key);
    }

    @Override
    public byte[] get(Object key) {
        return files().get(key);
    }

    @Override
    public Comparator<? super String> comparator() {
        return files().comparator();
    }

    @Override
    public SortedMap<String, byte[]> subMap(String fromKey, String toKey) {
        return files().subMap(fromKey, toKey);
    }

    @Override
    public SortedMap<String, byte[]> headMap(String toKey) {
        return files().headMap(toKey);
    }

    @Override
    public SortedMap<String, byte[]> tailMap(String fromKey) {
        return files().tailMap(fromKey);
    }

    @Override
    public String firstKey() {
        return files().firstKey();
    }

    @Override
    public String lastKey() {
        return files().lastKey();
    }

    @Override
    public Set<String> keySet() {
        return files().keySet();
    }

    @Override
    public java.util.Collection<byte[]> values() {
        return files().values();
    }
}
