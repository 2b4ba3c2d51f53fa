package io.otlpiceberg.sink;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A row as the Iceberg sink sees it: the converter's row, unchanged and uncopied, plus one extra
 * key, the route field, whose value names the row's table.
 *
 * <p>The route field answers {@link #get} only. Iteration ({@link #forEach}, {@link #entrySet})
 * shows the row's columns alone: the sink converts a row by iterating it, and with schema
 * evolution on it would otherwise add the route field to the table as a column.
 */
final class RoutedRow extends AbstractMap<String, Object> {
  private final Map<String, Object> row;
  private final String routeField;
  private final String routeValue;

  RoutedRow(Map<String, Object> row, String routeField, String routeValue) {
    this.row = row;
    this.routeField = routeField;
    this.routeValue = routeValue;
  }

  @Override
  public Object get(Object key) {
    return routeField.equals(key) ? routeValue : row.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return routeField.equals(key) || row.containsKey(key);
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super Object> action) {
    row.forEach(action);
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return row.entrySet();
  }

  @Override
  public int size() {
    return row.size();
  }

  /** The converter's row underneath, for tests and diagnostics. */
  Map<String, Object> row() {
    return row;
  }
}
