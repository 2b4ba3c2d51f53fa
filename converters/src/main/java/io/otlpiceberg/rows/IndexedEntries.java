package io.otlpiceberg.rows;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map.Entry;
import java.util.NoSuchElementException;
import java.util.function.IntFunction;

/**
 * The read-only entry set of a map held in arrays ({@link Row}, {@link AttributeMap}): entry {@code
 * i} is made from its key and value at position {@code i} when the iterator reaches it.
 */
final class IndexedEntries<V> extends AbstractSet<Entry<String, V>> {
  private final int size;
  private final IntFunction<String> key;
  private final IntFunction<V> value;

  IndexedEntries(int size, IntFunction<String> key, IntFunction<V> value) {
    this.size = size;
    this.key = key;
    this.value = value;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Iterator<Entry<String, V>> iterator() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < size;
      }

      @Override
      public Entry<String, V> next() {
        if (next >= size) {
          throw new NoSuchElementException();
        }
        int i = next++;
        return new SimpleImmutableEntry<>(key.apply(i), value.apply(i));
      }
    };
  }
}
