package io.otlpiceberg.rows;

import java.util.AbstractMap;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * One table row as a read-only {@code Map<String, Object>} from column name to value: the shape the
 * Iceberg sink converts. Values sit in an array addressed by the positions of {@code
 * io.otlpiceberg.tables}, so building a row costs one array, not a hash map. Every column is
 * present; an absent value is null.
 *
 * <p>Value types: String, Integer, Long, Double, Boolean, {@code OffsetDateTime} (UTC, microsecond
 * precision) for {@code timestamp} columns, {@code Map<String, String>} for attribute maps, {@code
 * List} for lists (of Long, Double or nested Rows).
 */
public final class Row extends AbstractMap<String, Object> {
  private final RowLayout layout;
  private final Object[] values;

  public Row(RowLayout layout) {
    this.layout = layout;
    this.values = new Object[layout.size()];
  }

  void set(int position, Object value) {
    values[position] = value;
  }

  public Object get(int position) {
    return values[position];
  }

  /** The columns of this row, in order: the writer reads values by these positions. */
  public RowLayout layout() {
    return layout;
  }

  @Override
  public Object get(Object key) {
    int position = layout.position(key);
    return position < 0 ? null : values[position];
  }

  @Override
  public boolean containsKey(Object key) {
    return layout.position(key) >= 0;
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super Object> action) {
    for (int i = 0; i < values.length; i++) {
      action.accept(layout.name(i), values[i]);
    }
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new IndexedEntries<>(values.length, layout::name, i -> values[i]);
  }
}
