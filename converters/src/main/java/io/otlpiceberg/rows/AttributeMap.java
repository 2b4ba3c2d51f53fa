package io.otlpiceberg.rows;

import java.util.AbstractMap;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A short, read-only {@code map<string,string>} in two arrays. A request carries one map per span,
 * event, link, log record or point, mostly of a handful of entries, written once and then only
 * iterated by the Parquet writer: a hash map would cost a node and a hash per entry for lookups
 * nobody makes. Lookups ({@link #get}, for promoted attributes) scan, which at this size is as fast
 * as hashing. {@link Attributes} keeps larger maps in a {@code LinkedHashMap}.
 */
final class AttributeMap extends AbstractMap<String, String> {
  private final String[] keys;
  private final String[] values;
  private final int size;

  /** Takes the arrays as they are: the first {@code size} keys are distinct. */
  AttributeMap(String[] keys, String[] values, int size) {
    this.keys = keys;
    this.values = values;
    this.size = size;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public String get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  private int indexOf(Object key) {
    return indexOf(keys, size, key);
  }

  /** Where {@code key} is among the first {@code size} keys, or -1. */
  static int indexOf(String[] keys, int size, Object key) {
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super String> action) {
    for (int i = 0; i < size; i++) {
      action.accept(keys[i], values[i]);
    }
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return new IndexedEntries<>(size, i -> keys[i], i -> values[i]);
  }
}
