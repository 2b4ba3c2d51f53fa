package io.otlpiceberg.write;

import io.otlpiceberg.metrics.TaskMetrics;
import io.otlpiceberg.promote.PromotedColumn;
import io.otlpiceberg.rows.Row;
import io.otlpiceberg.tables.OtlpTable;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The values of one table's promoted columns, read from the row's attribute maps as it is written.
 * A value that does not convert to its column's type leaves the column null (it stays in its map)
 * and is counted; the first of each column is logged, so a wrong type is noticed without a line per
 * row.
 */
final class PromotedValues {
  private static final Logger LOG = LoggerFactory.getLogger(PromotedValues.class);

  private final OtlpTable table;
  private final List<PromotedColumn> columns;
  private final int[] sources;
  private final boolean[] warned;
  private final TaskMetrics metrics;

  PromotedValues(OtlpTable table, List<PromotedColumn> columns, TaskMetrics metrics) {
    this.table = table;
    this.columns = columns;
    this.metrics = metrics;
    this.sources = new int[columns.size()];
    this.warned = new boolean[columns.size()];
    List<String> rowColumns = table.schema().columns().stream().map(f -> f.name()).toList();
    for (int i = 0; i < sources.length; i++) {
      sources[i] = rowColumns.indexOf(columns.get(i).source());
    }
  }

  OtlpTable table() {
    return table;
  }

  List<PromotedColumn> columns() {
    return columns;
  }

  /** The index of the promoted column of this name, or -1. */
  int indexOf(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).column().equals(column)) {
        return i;
      }
    }
    return -1;
  }

  /** The column's value in the row; one that does not convert is counted, and null. */
  Object value(int index, Row row) {
    return value(index, row, true);
  }

  /** As {@link #value(int, Row)}, without counting: for a second look at the same row. */
  Object uncounted(int index, Row row) {
    return value(index, row, false);
  }

  private Object value(int index, Row row, boolean count) {
    Object raw =
        row.get(sources[index]) instanceof Map<?, ?> map ? map.get(columns.get(index).key()) : null;
    if (!(raw instanceof String text)) {
      return null;
    }
    Object value = columns.get(index).convert(text);
    if (value == null && count) {
      unconverted(index, text);
    }
    return value;
  }

  private void unconverted(int index, String raw) {
    metrics.promotedValueUnconverted(table);
    if (!warned[index]) {
      warned[index] = true;
      PromotedColumn column = columns.get(index);
      LOG.warn(
          "Attribute {} of {} in {} is '{}', not a {}: column {} is left null for such"
              + " values (they stay in {}); counted in promoted-values-unconverted-total-{}, logged"
              + " once",
          column.key(),
          column.source(),
          table.tableName(),
          raw,
          column.type().label(),
          column.column(),
          column.source(),
          table.tableName());
    }
  }
}
