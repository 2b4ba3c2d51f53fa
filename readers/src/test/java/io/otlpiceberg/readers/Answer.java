package io.otlpiceberg.readers;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an engine answered, with its cells brought to common Java types so that one expectation
 * checks every engine: whole numbers as {@code Long}, others (decimals included) as {@code Double},
 * timestamps as {@code Instant}, text as {@code String}; maps as the engine gave them.
 */
record Answer(List<String> columns, List<List<Object>> rows) {

  static Object cell(Object value) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigDecimal || value instanceof Float) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof java.sql.Timestamp ts) {
      return ts.toInstant();
    }
    return value;
  }

  Object get(int row, String column) {
    int i = columns.indexOf(column);
    if (i < 0) {
      throw new AssertionError("no column " + column + " in " + columns);
    }
    return rows.get(row).get(i);
  }

  Long getLong(int row, String column) {
    Object v = get(row, column);
    return v == null ? null : v instanceof String s ? Long.valueOf(s) : ((Number) v).longValue();
  }

  Double getDouble(int row, String column) {
    Object v = get(row, column);
    return v == null ? null : ((Number) v).doubleValue();
  }

  String getString(int row, String column) {
    Object v = get(row, column);
    return v == null ? null : v.toString();
  }

  Instant getInstant(int row, String column) {
    return (Instant) get(row, column);
  }

  /** The given columns of every row, in order, for comparing with an expected list. */
  List<List<Object>> project(String... names) {
    List<List<Object>> out = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      List<Object> row = new ArrayList<>();
      for (String name : names) {
        row.add(get(r, name));
      }
      out.add(row);
    }
    return out;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(String.join(" | ", columns));
    rows.forEach(r -> sb.append('\n').append(r));
    return sb.toString();
  }
}
